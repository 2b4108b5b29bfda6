"""A round decision has no editor: it is made from its round's proposals (services/round_decisions.py),
and a returned one is cancelled, not edited. The form exists for the kind's spec only."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField


class RoundDecisionForm(FlaskForm):
    version = HiddenField()
    LISTS: dict = {}

    def prepare(self, user, document=None) -> None:
        pass

    @staticmethod
    def data_from(document=None) -> dict:
        return {"version": document.version} if document is not None else {}
