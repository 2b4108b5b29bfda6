"""The Jinja environment every render uses, fast or reference.

Autoescape on: an `&` or `<` in the data must not corrupt the XML. StrictUndefined: a
misspelt variable in a master is an error, not a blank.
"""
from __future__ import annotations

import jinja2


def new_environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
