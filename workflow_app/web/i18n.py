"""Flask-Babel: Vietnamese by default, English when the person chooses it.

The msgids are the Vietnamese texts themselves, so Vietnamese needs no catalog and a
missing English translation still shows correct Vietnamese.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask, session
from flask_babel import Babel, lazy_gettext

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
LOGIN_REQUIRED = lazy_gettext("Vui lòng đăng nhập để tiếp tục.")

babel = Babel()


def current_language() -> str:
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Ho_Chi_Minh")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=current_language)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(lambda: {"LANGUAGES": LANGUAGES, "current_language": current_language()})
