"""Tra cứu khen thưởng (issue 15, point 7): who was already awarded, by which decision, as far as
the user may see the decisions (services/awards.py)."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from ..services import awards
from .documents.common import int_arg, text_arg

bp = Blueprint("awards", __name__, url_prefix="/awards")


def shows_awards(user) -> bool:
    """The menu item: for the users of a body with an award list (it decides), or one whose body
    above has one (it proposes and sees its decisions)."""
    if not getattr(user, "is_authenticated", False):
        return False
    org = user.organization
    return bool(org.awards or (org.parent is not None and org.parent.awards))


@bp.app_context_processor
def _menu():
    return {"shows_awards": shows_awards}


@bp.before_request
@login_required
def _signed_in_only():
    """Anyone signed in; what each finds is what they may see."""


@bp.get("")
def index():
    q, year = text_arg("q", 200), int_arg("year", None, 1900, 2999)
    page = awards.search(current_user, q=q, year=year, page=int_arg("page", 1, 1, 100_000) or 1,
                         per_page=int_arg("per_page", 50, 1, awards.MAX_PER_PAGE) or 50)
    return render_template("awards/index.html", page=page, q=q or "", year=year,
                           args={k: v for k, v in (("q", q), ("year", year)) if v})
