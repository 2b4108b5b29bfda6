"""The worklist home ("Việc cần xử lý") and the filtered document list."""
from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from ...domain.workflows import DEFINITIONS
from ...services import documents, worklist
from . import bp
from .common import int_arg, text_arg

PER_PAGE = 20


@bp.get("/")
def home():
    items, page = worklist.items(current_user, page=int_arg("page", 1), per_page=PER_PAGE)
    return render_template("documents/home.html", counts=worklist.counts(current_user), items=items,
                           page=page)


@bp.get("/documents")
def index():
    kind = request.args.get("kind") if request.args.get("kind") in DEFINITIONS else None
    filters = {
        "kind": kind, "state": text_arg("state", 20), "q": text_arg("q", 200),
        "year": int_arg("year", None, 1900, 2999), "mine": request.args.get("mine") == "1",
        "actionable": request.args.get("actionable") == "1",
    }
    page = documents.search(current_user, page=int_arg("page", 1), per_page=PER_PAGE, **filters)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("documents/index.html", page=page, filters=filters, args=args)
