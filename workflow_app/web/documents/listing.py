"""The worklist home ("Việc cần xử lý") and the filtered document list."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.workflows import DEFINITIONS
from ...services import documents, round_desk, worklist
from . import bp
from .common import int_arg, text_arg

PER_PAGE = 20


@bp.get("/")
def home():
    items, page = worklist.items(current_user, page=int_arg("page", 1), per_page=PER_PAGE)
    return render_template("documents/home.html", counts=worklist.counts(current_user), items=items,
                           page=page, following=worklist.following_count(current_user),
                           due_rounds=round_desk.due_for(current_user, gettext),
                           desk_rounds=round_desk.desk_rounds(current_user, gettext),
                           answering_kind=round_desk.answering_kind())


@bp.get("/following")
def following():
    """"Đang theo dõi": what the user sent on or let through, where they could only take it back
    or return it."""
    items, page = worklist.items(current_user, page=int_arg("page", 1), per_page=PER_PAGE, desk="following")
    return render_template("documents/following.html", items=items, page=page)


@bp.get("/documents")
def index():
    filters, errors = _filters()
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    if errors:   # said, rather than a list filtered by less than was asked (or by nothing)
        return render_template("documents/index.html", page=None, filters=filters, errors=errors,
                               args=args), 400
    # "Chờ tôi xử lý" is the worklist's rule (a step forward), as its counts link here
    query = {**{k: v for k, v in filters.items() if k != "actionable"},
             "desk": "waiting" if filters["actionable"] else None}
    page = documents.search(current_user, page=int_arg("page", 1), per_page=PER_PAGE, **query)
    return render_template("documents/index.html", page=page, filters=filters, errors={}, args=args)


def _filters() -> tuple[dict, dict[str, str]]:
    """The list's filters from the query string, and why each one given is not understood.
    A filter refused keeps its value as sent, for the form to show it with the reason."""
    kind, state, year = text_arg("kind", 40), text_arg("state", 40), text_arg("year", 20)
    errors = {}
    if kind is not None and kind not in DEFINITIONS:
        errors["kind"] = _("Không có loại văn bản “%(value)s”.", value=kind)
    if state is not None and state not in {s for d in DEFINITIONS.values() for s in d.state_names}:
        errors["state"] = _("Không có trạng thái “%(value)s”.", value=state)
    if year is not None:
        if year.isascii() and year.isdigit() and 1900 <= int(year) <= 2999:
            year = int(year)
        else:
            errors["year"] = _("Năm phải là một số từ 1900 đến 2999.")
    filters = {"kind": kind, "state": state, "q": text_arg("q", 200), "year": year,
               "mine": request.args.get("mine") == "1", "actionable": request.args.get("actionable") == "1"}
    return filters, errors
