"""The Jinja environment every render uses, fast or reference.

Autoescape on: an `&` or `<` in the data must not corrupt the XML. StrictUndefined: a
misspelt variable in a master is an error, not a blank.

docxtpl, after rendering, turns `{_{`, `}_}`, `{_%` and `%_}` into `{{`, `}}`, `{%` and `%}`
everywhere in the part (its escape for braces in a master's own text), the data included: a
value's brace next to an underscore is written as a character reference, which that replace
does not see and every XML reader reads as the brace: the text comes out as typed.
"""
from __future__ import annotations

import jinja2
from markupsafe import Markup, escape


def _keep_braces(value):
    """An output value, XML-escaped, its `{_` and `_}` safe from docxtpl's post-render replace."""
    if isinstance(value, str) and ("{_" in value or "_}" in value):
        return Markup(str(escape(value)).replace("{_", "&#123;_").replace("_}", "_&#125;"))
    return value


def new_environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_keep_braces)
