"""The plan editor (web layer): title, legal bases, sections, milestones, recipients."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, StringField, TextAreaField

from ...web.forms.common import CappedFieldList, joined, lines, version_of

BLANK_SECTION = {"heading": "", "paragraphs": ""}
BLANK_MILESTONE = {"name": "", "due": ""}


class SectionForm(Form):
    heading = StringField(_l("Tiêu đề mục"))
    paragraphs = TextAreaField(_l("Nội dung (mỗi đoạn một dòng)"))


class MilestoneForm(Form):
    name = StringField(_l("Mốc (sơ kết, tổng kết)"))
    due = StringField(_l("Ngày"))


class PlanForm(FlaskForm):
    version = HiddenField()
    title = TextAreaField(_l("Trích yếu: kế hoạch về việc gì"))
    legal_bases = TextAreaField(_l("Căn cứ (mỗi căn cứ một dòng)"))
    sections = CappedFieldList(FormField(SectionForm), "sections")
    milestones = CappedFieldList(FormField(MilestoneForm), "milestones")
    recipients = TextAreaField(_l("Nơi nhận (mỗi nơi một dòng)"))

    LISTS = {"sections": BLANK_SECTION, "milestones": BLANK_MILESTONE}

    def prepare(self, user, document=None) -> None:
        """Nothing to choose from: a plan's fields are all typed."""

    @staticmethod
    def data_from(document=None) -> dict:
        if document is None:
            return {"sections": [dict(BLANK_SECTION)], "milestones": []}
        body = document.body or {}
        return {
            "version": document.version, "title": document.title,
            "legal_bases": joined(body.get("legal_bases")),
            "sections": [{"heading": s.get("heading", ""), "paragraphs": joined(s.get("paragraphs"))}
                         for s in body.get("sections") or []],
            "milestones": [{"name": m.get("name", ""), "due": m.get("due") or ""}
                           for m in body.get("milestones") or []],
            "recipients": joined(body.get("recipients")),
        }

    def payload(self) -> dict:
        """What services.documents.create/update take."""
        return {
            "kind": "plan", "version": version_of(self.version.data), "title": self.title.data or "",
            "body": {
                "legal_bases": lines(self.legal_bases.data),
                "sections": [{"heading": s.heading.data or "", "paragraphs": lines(s.paragraphs.data)}
                             for s in self.sections],
                "milestones": [{"name": m.form.name.data or "", "due": (m.due.data or "").strip() or None}
                               for m in self.milestones],
                "recipients": lines(self.recipients.data),
            },
        }
