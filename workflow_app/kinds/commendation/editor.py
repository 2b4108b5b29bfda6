"""The commendation editor (web layer): linked plan, period, reason, recipients and the nominee table.

A row left as it was drawn (nothing typed, no award chosen) is no nominee: it is dropped, not
refused. A new proposal may take its list from an Excel file in the same POST that creates it.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import FormField, HiddenField, SelectField, StringField, TextAreaField

from ...domain.validation import AWARD_NOT_CHOSEN
from ...domain.vnformat import short_date
from ...services import document_pages, documents, nominee_checks, nominee_import, rounds
from ...web import field_errors
from ...web.forms.common import CappedFieldList, choices, joined, lines, version_of
from ...web.forms.nominees import BLANK_NOMINEE, NomineeForm

TYPED = ("full_name", "gender", "position", "organization", "award", "achievement", "citizen_id")   # not "kind": preset
MISSING = {"Không được để trống.", AWARD_NOT_CHOSEN}
FIELD_NAMES = {"full_name": _l("họ và tên / tên tập thể"), "award": _l("hình thức khen thưởng"),
               "achievement": _l("thành tích"), "kind": _l("loại"), "gender": _l("giới tính"),
               "position": _l("chức vụ"), "organization": _l("đơn vị"), "citizen_id": _l("số CCCD")}


def untouched(row: dict) -> bool:
    """A row nobody typed in: every field empty (the kind is preset, so it does not count)."""
    return not any((row.get(name) or "").strip() for name in TYPED)


class CommendationForm(FlaskForm):
    version = HiddenField()
    title = TextAreaField(_l("Trích yếu: tờ trình về việc gì"))
    round_id = SelectField(_l("Đợt khen thưởng"), validate_choice=False)
    plan_id = SelectField(_l("Kế hoạch phát động phong trào"), validate_choice=False)
    period = StringField(_l("Đợt khen thưởng (sơ kết / tổng kết)"))
    reason = TextAreaField(_l("Lý do đề nghị"))
    recipients = TextAreaField(_l("Nơi nhận (mỗi nơi một dòng)"))
    nominees = CappedFieldList(FormField(NomineeForm), "nominees")
    nominees_file = FileField(_l("Hoặc lấy danh sách từ tệp Excel (.xlsx)"))

    LISTS = {"nominees": BLANK_NOMINEE}
    PRESETS = ("round_id",)   # "Lập tờ trình đề nghị" of a round (the worklist, the round's desk)

    def prepare(self, user, document=None) -> None:
        """The choices that depend on who edits: plans to cite, the deciding body's awards."""
        deciding = document.issuer if document else documents.issuer_for("commendation", user)
        self.awards = document_pages.award_list(user, "commendation", document)
        self.set_choices(document_pages.citable(user, "plan"), self.awards, rounds.open_rounds(user, deciding.id))

    def set_choices(self, plans, awards, open_rounds=()) -> None:
        """Plans the drafter may cite (issued, visible), the open rounds of issued plans it may
        answer, and the issuing body's award list."""
        round_choices = [("", _l("— Không theo đợt: chọn kế hoạch và ghi đợt bên dưới —"))]
        round_choices += [(str(r.id), _("%(round)s — Kế hoạch %(plan)s (hạn %(due)s)", round=r.name,
                                          plan=p.number or p.title, due=short_date(r.proposals_due)))
                          for r, p in open_rounds]
        self.round_id.choices = choices(round_choices)
        plan_choices = [("", _l("— Chọn kế hoạch đã ban hành —"))]
        plan_choices += [(str(p.id), f"{p.number or ''} {p.title}".strip()) for p in plans]
        self.plan_id.choices = choices(plan_choices)
        award_choices = choices([("", _l("— Chọn —"))] + [(a["code"], a["label"]) for a in awards])
        for row in self.nominees:
            row.form.award.choices = award_choices

    @staticmethod
    def data_from(document=None) -> dict:
        if document is None:
            return {"nominees": [dict(BLANK_NOMINEE)]}
        body = document.body or {}
        return {
            "version": document.version, "title": document.title,
            "round_id": str(body["round_id"]) if body.get("round_id") else "",
            "plan_id": str(body["plan_id"]) if body.get("plan_id") else "",
            "period": body.get("period", ""), "reason": body.get("reason", ""),
            "recipients": joined(body.get("recipients")),
            "nominees": [{"kind": n.kind, "full_name": n.full_name, "gender": n.gender or "",
                          "position": n.position, "organization": n.organization, "award": n.award,
                          "achievement": n.achievement, "citizen_id": n.citizen_id}
                         for n in document.nominees],
        }

    def payload(self) -> dict:
        """What the service stores. Untouched rows are left out; `self.kept` maps the payload's
        nominees back to the form's rows, and the file's rows (with_upload) follow them."""
        plan_id = (self.plan_id.data or "").strip()
        round_id = (self.round_id.data or "").strip()
        rows = [{key: (row.form[key].data or "") for key in BLANK_NOMINEE} for row in self.nominees]
        self.kept = [i for i, row in enumerate(rows) if not untouched(row)]
        self.file_rows: list[int] = []
        return {
            "kind": "commendation", "version": version_of(self.version.data), "title": self.title.data or "",
            "body": {"round_id": _row_id(round_id), "plan_id": _row_id(plan_id),
                     "period": self.period.data or "", "reason": self.reason.data or "",
                     "recipients": lines(self.recipients.data)},
            "nominees": [rows[i] for i in self.kept],
        }

    # The Excel file sent with the form (new proposals)

    def with_upload(self, payload: dict) -> list[str]:
        """Append the nominees of the file sent with the form to `payload`; the file's problems,
        by spreadsheet row, if it is not clean (then nothing is appended)."""
        upload = self.nominees_file.data
        if upload is None or not getattr(upload, "filename", ""):
            return []
        data = upload.read(nominee_import.MAX_FILE_BYTES + 1)   # never more than the limit into memory
        result = nominee_import.read(data, self.awards, upload.filename)
        if not result.ok:
            return [self._file_problem(row, message) for row, message in result.errors]
        self.file_rows = [n.pop("_row") for n in result.nominees]
        payload["nominees"] = [*payload["nominees"], *result.nominees]
        return []

    @staticmethod
    def _file_problem(row: int | None, message: str) -> str:
        return _("Dòng %(n)d (tệp Excel): %(m)s", n=row, m=message) if row else message

    def saved_notes(self, document) -> list[tuple[str, str]]:
        """What to tell once saved: rows taken from the file, rows that name the same nominee."""
        notes = []
        if self.file_rows:
            notes.append((_("Đã nhập %(n)d dòng từ tệp Excel.", n=len(self.file_rows)), "success"))
        groups = nominee_checks.duplicate_groups(document.nominees,
                                                 nominee_checks.companions(document.issuer.awards))
        if groups:
            notes.append((duplicates_warning(document.nominees, groups), "warning"))
        return notes

    # The service's reasons, by the form's rows

    def place_errors(self, fields: dict[str, str]) -> list[str]:
        """Put each reason by its field (payload positions mapped back to the form's rows, the
        file's rows named by spreadsheet row); returns what goes above the form: one line per
        row that names it and what it misses, and what belongs to no field."""
        kept = getattr(self, "kept", [])
        file_rows = getattr(self, "file_rows", [])
        placed: dict[str, str] = {}
        by_row: dict[int, list[tuple[str, str]]] = {}
        leftover: list[str] = []
        for path, message in (fields or {}).items():
            position, rest = _nominee_path(path)
            if position is None:
                placed[path] = message
            elif position < len(kept):
                placed[f"nominees[{kept[position]}]{rest}"] = message
                by_row.setdefault(kept[position], []).append((rest.lstrip("."), message))
            elif position - len(kept) < len(file_rows):
                leftover.append(self._file_problem(file_rows[position - len(kept)], message))
            else:
                leftover.append(message)
        summaries = [_row_summary(row, reasons) for row, reasons in sorted(by_row.items())]
        return summaries + field_errors.place(self, placed) + leftover


def _row_id(text: str) -> int | None:
    """A hidden id field as a number: ASCII digits only ("²".isdigit() is true, int("²") fails)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


def _nominee_path(path: str) -> tuple[int | None, str]:
    """"nominees[3].award" -> (3, ".award"); anything else -> (None, "")."""
    if path.startswith("nominees[") and "]" in path:
        number = path[len("nominees["):path.index("]")]
        if number.isdigit():
            return int(number), path[path.index("]") + 1:]
    return None, ""


def _row_summary(row: int, reasons: list[tuple[str, str]]) -> str:
    """"Dòng 3: chưa có hình thức khen thưởng, thành tích." (fields in the form's order)."""
    order = list(BLANK_NOMINEE)
    reasons = sorted(reasons, key=lambda r: order.index(r[0]) if r[0] in order else len(order))
    missing = [str(FIELD_NAMES.get(name, name)) for name, message in reasons if message in MISSING]
    other = [f"{FIELD_NAMES.get(name, name)} {message[:1].lower()}{message[1:].rstrip('.')}"
             for name, message in reasons if message not in MISSING]   # "đơn vị dài quá 300 ký tự"
    parts = ([_("chưa có %(what)s", what=", ".join(missing))] if missing else []) + other
    text = "; ".join(parts).rstrip(".")
    return _("Dòng %(n)d: %(what)s.", n=row + 1, what=text)


def duplicates_warning(nominees, groups) -> str:
    """"Dòng 1 và dòng 2 trùng họ tên và đơn vị (Nguyễn Văn Một, Trường THCS An Trường); …"."""
    parts = []
    for group in groups:
        first = nominees[group[0]]
        rows = _("%(rows)s và dòng %(last)d", rows=", ".join(str(i + 1) for i in group[:-1]), last=group[-1] + 1)
        who = ", ".join(t for t in (first.full_name, first.organization) if t)
        parts.append(_("Dòng %(rows)s trùng họ tên và đơn vị (%(who)s)", rows=rows, who=who))
    return "; ".join(parts) + ". " + _("Hãy kiểm tra lại: người thẩm định cũng sẽ thấy các dòng này được đánh dấu.")
