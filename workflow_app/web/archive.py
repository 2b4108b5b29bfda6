"""Văn thư: the outgoing register by year and series, its .docx/.xlsx export, the issued files."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

from flask import Blueprint, render_template, send_file
from flask_login import current_user, login_required
from sqlalchemy import select

from ..domain.clock import local_today
from ..domain.register import summary, to_docx, to_xlsx
from ..extensions import db
from ..models import Document
from ..services.register import entries, issued_file, series_of, sheet_for
from ..services.scope import visible_clause
from .documents.common import int_arg, text_arg

bp = Blueprint("archive", __name__, url_prefix="/archive")
MIMETYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@bp.before_request
@login_required
def _signed_in_only():
    """The register belongs to the user's own body; everyone there may read it."""


def _year_and_series() -> tuple[int, str | None]:
    year = int_arg("year", local_today().year, 1900, 2999)
    return year, text_arg("series", 20)


@bp.get("/register")
def register():
    year, series = _year_and_series()
    found = entries(current_user, year, series)
    # The row is the body's; its file only for those who may see the document (a proposal's
    # Tờ trình is numbered at submission, before the whole body may see the proposal).
    ids = {e.document_id for e in found}
    visible = set(db.session.scalars(select(Document.id).where(Document.id.in_(ids),
                                                               visible_clause(current_user)))) if ids else set()
    rows = [{"entry": e, "summary": summary(e.type_abbr, e.title),
             "visible": e.document_id in visible,
             "file": issued_file(e) if e.document_id in visible else None}
            for e in found]
    return render_template("archive/register.html", rows=rows, year=year, series=series,
                           all_series=series_of(current_user, year))


@bp.get("/register.<any(docx, xlsx):fmt>")
def export(fmt: str):
    year, series = _year_and_series()
    sheet = sheet_for(current_user, year, series)
    data = to_docx(sheet, datetime.now(timezone.utc)) if fmt == "docx" else to_xlsx(sheet)
    label = re.sub(r"[^\w-]", "", series or "")   # only letters and digits into a header
    name = f"so-dang-ky-van-ban-di-{year}{'-' + label if label else ''}.{fmt}"
    return send_file(io.BytesIO(data), mimetype=MIMETYPES[fmt], as_attachment=True, download_name=name,
                     max_age=0)
