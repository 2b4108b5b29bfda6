"""N_(): marks a Vietnamese label kept as data, so that `pybabel extract` finds it.

The domain never translates: the web shows such a label with gettext(label) (web/presenters.py).
translations/babel.cfg reads workflow_app/domain/ for these marks.
"""
from __future__ import annotations


def N_(text: str) -> str:  # noqa: N802  (the conventional marker name)
    return text
