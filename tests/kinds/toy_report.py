"""A third document kind that exists only in the tests: a Báo cáo sơ kết with its own workflow.

Everything a kind brings is here, as a real kind's package would hold it (workflow_app/kinds/):
its workflow (draft → submitted → approved → issued, approved at the first step, no review),
its body and how it is checked, the data its master renders and that master, its editor form
and its templates. Nothing in workflow_app names it: it proves a kind is data.
"""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField

from workflow_app.domain.documents.clean import clean_line
from workflow_app.domain.documents.context_parts import DocMeta, header, number_text, recipient_lines, signature
from workflow_app.domain.kinds import DocumentKind, MasterSpec
from workflow_app.domain.schema_parts import array, text
from workflow_app.domain.validation import Collector, lines
from workflow_app.domain.workflows.definitions import STATES
from workflow_app.domain.workflows.model import TransitionDef, WorkflowDefinition
from workflow_app.kinds.common import drafting_unit_abbr
from workflow_app.web.forms.common import joined, version_of
from workflow_app.web.forms.common import lines as form_lines

MASTER = "bao-cao-so-ket"
ROOT = Path(__file__).resolve().parents[2]

WORKFLOW = WorkflowDefinition(
    kind="report",
    label="Báo cáo sơ kết",
    compose_label="Soạn báo cáo sơ kết",
    type_abbr="BC",
    states=tuple(s for s in STATES if s.name != "reviewed"),
    transitions=(
        TransitionDef("submit", "draft", "submitted", "Trình duyệt", roles=("drafter",), scope="owner_unit",
                      requires=("title", "recipients"), effects=("mark_submitted",), generates=(MASTER,),
                      done_message="Đã trình báo cáo."),
        TransitionDef("withdraw", "submitted", "draft", "Rút lại", roles=(), scope="creator"),
        TransitionDef("approve", "submitted", "approved", "Phê duyệt", roles=("approver",), scope="issuer",
                      excludes=("authors", "submitter"), effects=("sign",), generates=(MASTER,)),
        TransitionDef("issue", "approved", "issued", "Ban hành", roles=("archivist",), scope="issuer",
                      numbering="issued", effects=("issue_date",), generates=(MASTER,),
                      done_message="Đã ban hành báo cáo số %(number)s."),
        TransitionDef("return", "approved", "draft", "Trả lại", roles=("approver",), scope="issuer",
                      comment_required=True, effects=("forget_signature",)),
    ),
)


@dataclass(frozen=True)
class ReportData:
    title: str
    period: str
    findings: tuple[str, ...]
    recipients: tuple[str, ...]
    drafting_unit_abbr: str = ""


def clean_body(c: Collector, body: dict) -> dict:
    return {
        "period": c.text(body.get("period"), "body.period", "period", required=True),
        "findings": lines(c, body.get("findings"), "body.findings", "paragraphs", "paragraph"),
        "recipients": lines(c, body.get("recipients"), "body.recipients", "recipients", "recipient"),
    }


def report_content(document, find) -> ReportData:
    body = document.body or {}
    return ReportData(document.title, body.get("period", ""), tuple(body.get("findings") or ()),
                      tuple(body.get("recipients") or ()), drafting_unit_abbr(document))


def report_context(report: ReportData, gen) -> tuple[dict, DocMeta]:
    issuer = gen.issuer
    context = {
        **header(issuer, gen.numbering, gen.created_at),
        "subject": clean_line(report.title),
        "period": clean_line(report.period),
        "findings": [clean_line(f) for f in report.findings],
        "recipient_lines": recipient_lines(report.recipients, archive=(report.drafting_unit_abbr,)),
        **signature(issuer, gen.signer, collective_act=True),
    }
    meta = DocMeta("Báo cáo", number_text(gen.numbering), context["subject"], clean_line(issuer.name),
                   gen.numbering.seq is not None)
    return context, meta


class ReportForm(FlaskForm):
    version = HiddenField()
    title = TextAreaField(_l("Trích yếu"))
    period = StringField(_l("Kỳ báo cáo"))
    findings = TextAreaField(_l("Kết quả (mỗi ý một dòng)"))
    recipients = TextAreaField(_l("Nơi nhận (mỗi nơi một dòng)"))

    LISTS: dict = {}

    def prepare(self, user, document=None) -> None:
        pass

    @staticmethod
    def data_from(document=None) -> dict:
        if document is None:
            return {}
        body = document.body or {}
        return {"version": document.version, "title": document.title, "period": body.get("period", ""),
                "findings": joined(body.get("findings")), "recipients": joined(body.get("recipients"))}

    def payload(self) -> dict:
        return {"kind": "report", "version": version_of(self.version.data), "title": self.title.data or "",
                "body": {"period": self.period.data or "", "findings": form_lines(self.findings.data),
                         "recipients": form_lines(self.recipients.data)}}


TEMPLATES = {
    "toy/edit.html": """{% extends "base.html" %}
{% from "macros.html" import field %}
{% from "documents/_editor_parts.html" import save_default, form_actions %}
{% block title %}Báo cáo sơ kết{% endblock %}
{% block content %}
<h1 class="h3 mb-3">{{ "Sửa báo cáo" if document else "Soạn báo cáo" }}</h1>
<form method="post" novalidate class="wf-editor" data-toy-editor>
  {{ save_default() }}
  {{ form.csrf_token }}{{ form.version }}
  {{ field(form.title, rows=2) }}
  {{ field(form.period) }}
  {{ field(form.findings, rows=4) }}
  {{ field(form.recipients, rows=3) }}
  {{ form_actions(document) }}
</form>
{% endblock %}""",
    "toy/_preview.html": """<dl data-toy-preview><dt>Kỳ báo cáo</dt><dd>{{ body.period }}</dd></dl>
<ol>{% for f in body.findings or [] %}<li>{{ f }}</li>{% endfor %}</ol>""",
}

KIND = DocumentKind(
    definition=WORKFLOW,
    clean_body=clean_body,
    body_schema={"period": text("period", description="Báo cáo: kỳ báo cáo."),
                 "findings": array(text("paragraph"), description="Báo cáo: các kết quả."),
                 "recipients": array(text("recipient"), description="Nơi nhận.")},
    content=report_content,
    sample=ReportData("Sơ kết phong trào mẫu", "6 tháng đầu năm 2024", ("Kết quả mẫu.",), ("Các xã",), "NV"),
    masters={MASTER: MasterSpec(report_context, (ReportData,))},
    editor_form="tests.kinds.toy_report:ReportForm",
    editor_template="toy/edit.html",
    preview_template="toy/_preview.html",
)


def build_master(path: Path) -> Path:
    """The kind's master, built with the kit that builds the shipped ones (document_templates/)."""
    spec = importlib.util.spec_from_file_location("build_masters", ROOT / "document_templates" / "build_masters.py")
    kit = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_masters", kit)
    spec.loader.exec_module(kit)
    doc = kit.official("BÁO CÁO")
    kit.para(doc, "Kỳ báo cáo: {{ period }}.", "VBNoiDung")
    kit.loop(doc, "findings", "line", "VBNoiDung")
    kit.para(doc, "Trên đây là kết quả sơ kết {{ period }}./.", "VBNoiDung")
    kit.finish(doc)
    kit.neutral_properties(doc, MASTER)
    doc.save(path)
    return path
