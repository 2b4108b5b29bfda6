"""The English catalog covers every UI text and its compiled .mo matches the .po."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "translations" / "en" / "LC_MESSAGES"
METHODS = [("workflow_app/web/**.py", "python"), ("workflow_app/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}


def _source_msgids() -> set[str]:
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS,
                                                options_map={"**.html": {"extensions": "jinja2.ext.do"}}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_ui_text_has_an_english_translation():
    po = read_po((CATALOG / "messages.po").open("rb"), locale="en")
    translated = {m.id for m in po if m.id and m.string and not m.fuzzy}
    missing = sorted(_source_msgids() - translated)
    assert not missing, "untranslated (run the pybabel steps in messages.po's header):\n" + "\n".join(missing)


def test_compiled_catalog_matches_the_po():
    po = read_po((CATALOG / "messages.po").open("rb"), locale="en")
    mo = read_mo(io.BytesIO((CATALOG / "messages.mo").read_bytes()))
    expected = {m.id: m.string for m in po if m.id and m.string and not m.fuzzy}
    compiled = {m.id: m.string for m in mo if m.id}
    assert compiled == expected, "run: pybabel compile -d translations -l en"
