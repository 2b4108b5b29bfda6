"""The commendation editor (web layer): linked plan, period, reason, recipients and the nominee table."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FormField, HiddenField, SelectField, StringField, TextAreaField

from ...services import document_pages
from ...web.forms.common import CappedFieldList, choices, joined, lines, version_of
from ...web.forms.nominees import BLANK_NOMINEE, NomineeForm


class CommendationForm(FlaskForm):
    version = HiddenField()
    title = TextAreaField(_l("Trích yếu: tờ trình về việc gì"))
    plan_id = SelectField(_l("Kế hoạch phát động phong trào"), validate_choice=False)
    period = StringField(_l("Đợt khen thưởng (sơ kết / tổng kết)"))
    reason = TextAreaField(_l("Lý do đề nghị"))
    recipients = TextAreaField(_l("Nơi nhận (mỗi nơi một dòng)"))
    nominees = CappedFieldList(FormField(NomineeForm), "nominees")

    LISTS = {"nominees": BLANK_NOMINEE}

    def prepare(self, user, document=None) -> None:
        """The choices that depend on who edits: plans to cite, the deciding body's awards."""
        self.set_choices(document_pages.citable(user, "plan"),
                         document_pages.award_list(user, "commendation", document))

    def set_choices(self, plans, awards) -> None:
        """Plans the drafter may cite (issued, visible) and the issuing body's award list."""
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
            "plan_id": str(body["plan_id"]) if body.get("plan_id") else "",
            "period": body.get("period", ""), "reason": body.get("reason", ""),
            "recipients": joined(body.get("recipients")),
            "nominees": [{"kind": n.kind, "full_name": n.full_name, "gender": n.gender or "",
                          "position": n.position, "organization": n.organization, "award": n.award,
                          "achievement": n.achievement} for n in document.nominees],
        }

    def payload(self) -> dict:
        plan_id = (self.plan_id.data or "").strip()
        return {
            "kind": "commendation", "version": version_of(self.version.data), "title": self.title.data or "",
            "body": {"plan_id": int(plan_id) if plan_id.isdigit() else None,
                     "period": self.period.data or "", "reason": self.reason.data or "",
                     "recipients": lines(self.recipients.data)},
            "nominees": [{key: (row.form[key].data or "") for key in BLANK_NOMINEE} for row in self.nominees],
        }
