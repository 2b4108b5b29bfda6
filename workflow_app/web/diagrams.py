"""The workflow diagram of each kind, drawn server-side as SVG from the engine's definitions."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import login_required

from ..domain.workflows import DEFINITIONS
from .diagram_layout import excluded, layout, mermaid, who

bp = Blueprint("diagrams", __name__, url_prefix="/workflows")


@bp.before_request
@login_required
def _signed_in_only():
    """Only signed-in staff see the process pages."""


@bp.get("/")
def index():
    return render_template("diagrams/index.html", definitions=DEFINITIONS)


@bp.get("/<kind>")
def show(kind: str):
    definition = DEFINITIONS.get(kind)
    if definition is None:
        abort(404)
    return render_template("diagrams/show.html", definition=definition, shapes=layout(definition),
                           mermaid=mermaid(definition), who=who, excluded=excluded,
                           definitions=DEFINITIONS)
