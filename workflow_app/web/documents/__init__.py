"""Documents: worklist, list, editors, the document page with its transitions, files, import."""
from __future__ import annotations

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("documents", __name__)


@bp.before_request
@login_required
def _signed_in_only():
    """Every page here needs a signed-in user; Flask-Login redirects the others to /login."""


from . import detail, editor, imports, listing, preview, round_decision  # noqa: E402,F401  (routes register on import)
