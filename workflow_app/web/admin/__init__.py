"""Admin: users, units and the settings of the admin's body (and the bodies below it)."""
from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user, login_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _admins_only():
    if "admin" not in current_user.roles:
        abort(403)


from . import settings, signing, units, users  # noqa: E402,F401  (routes register on import)
