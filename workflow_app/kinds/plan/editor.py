"""The plan editor (web layer): title, legal bases, sections, milestones, rounds, recipients.

A round's target groups are typed in one textarea, usable without JavaScript:

    Tập thể | tập thể | Giấy khen; Tập thể lao động tiên tiến
    - Xây dựng và triển khai kịp thời kế hoạch thực hiện Phong trào
    Cá nhân | cá nhân | Giấy khen; Lao động tiên tiến
    - Hoàn thành tốt nhiệm vụ được giao

A line that does not start with "-" opens a group (its name, its kind, its awards by name from
the body's award list); the "-" lines under it are its criteria.
"""
from __future__ import annotations

import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, StringField, TextAreaField

from ...domain.rounds import CRITERION_MARKS, GROUP_KINDS, GROUP_SEPARATOR, KIND_LABELS
from ...services import document_pages
from ...web.forms.common import CappedFieldList, joined, lines, version_of

BLANK_SECTION = {"heading": "", "paragraphs": ""}
BLANK_MILESTONE = {"name": "", "due": ""}
BLANK_ROUND = {"key": "", "name": "", "proposals_due": "", "groups_text": "", "quotas_text": ""}


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).lower().split())


def _award_names(awards) -> dict[str, str]:
    """What the textareas may call an award (folded) -> its code: its label or its code; a code
    wins over another award's label that reads the same."""
    names = {_folded(a["label"]): a["code"] for a in awards}
    names.update({_folded(a["code"]): a["code"] for a in awards})
    return names


def _shown_names(awards, separators: str) -> dict[str, str]:
    """code -> how a textarea writes the award: its label, or its code when the label would not
    read back as that award (it holds one of the line's `separators`, or names another award)."""
    names = _award_names(awards)
    return {a["code"]: a["label"] if not any(s in a["label"] for s in separators)
            and names.get(_folded(a["label"])) == a["code"] else a["code"] for a in awards}


def groups_text(groups, awards) -> str:
    """A round's groups as the editor's textarea shows them."""
    labels = _shown_names(awards, GROUP_SEPARATOR + ";,")
    out = []
    for g in groups or []:
        kind = str(KIND_LABELS.get(g.get("kind"), g.get("kind") or "")).lower()
        names = "; ".join(labels.get(code, code) for code in g.get("awards") or [])
        out.append(f" {GROUP_SEPARATOR} ".join((g.get("name", ""), kind, names)))
        out += [f"- {c}" for c in g.get("criteria") or []]
    return "\n".join(out)


def parse_groups(text: str, awards) -> tuple[list[dict], list[str]]:
    """The textarea's groups, and what is wrong with it (one Vietnamese reason per line)."""
    by_name = _award_names(awards)
    kinds = {}
    for kind in GROUP_KINDS:
        kinds[_folded(str(KIND_LABELS[kind]))] = kind
        kinds[kind] = kind
    groups, problems = [], []
    for n, raw in enumerate((text or "").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith(CRITERION_MARKS):
            criterion = line.lstrip("".join(CRITERION_MARKS)).strip()
            if not groups:
                problems.append(_("Dòng %(n)d: tiêu chí phải đứng dưới một dòng nhóm đối tượng "
                                  "(Tên nhóm | loại | hình thức khen thưởng).", n=n))
            elif criterion:
                groups[-1]["criteria"].append(criterion)
            continue
        parts = [p.strip() for p in line.split(GROUP_SEPARATOR)]
        if len(parts) != 3:
            problems.append(_("Dòng %(n)d: dòng nhóm cần ba phần cách nhau bởi dấu “|”: tên nhóm | loại (tập "
                              "thể, cá nhân, hộ gia đình) | các hình thức khen thưởng, cách nhau bởi dấu “;”.", n=n))
            continue
        name, kind_text, award_text = parts
        kind = kinds.get(_folded(kind_text))
        if kind is None:
            problems.append(_("Dòng %(n)d: loại đối tượng “%(kind)s” không hợp lệ; ghi tập thể, cá nhân hoặc "
                              "hộ gia đình.", n=n, kind=kind_text))
        codes = []
        for award_name in (a.strip() for a in award_text.replace(",", ";").split(";")):
            if not award_name:
                continue
            code = by_name.get(_folded(award_name))
            if code is None:
                problems.append(_("Dòng %(n)d: không có hình thức khen thưởng “%(award)s” trong danh mục của cơ "
                                  "quan.", n=n, award=award_name))
            elif code not in codes:
                codes.append(code)
        groups.append({"name": name, "kind": kind or kind_text, "criteria": [], "awards": codes})
    return groups, problems


def quotas_text(quotas, awards) -> str:
    """A round's quotas as the editor's textarea shows them: "UBND-AT | Chiến sĩ thi đua cơ sở | 2"."""
    labels = _shown_names(awards, GROUP_SEPARATOR)
    return "\n".join(f"{unit} | {labels.get(code, code)} | {n}"
                     for unit, limits in (quotas or {}).items() for code, n in limits.items())


def parse_quotas(text: str, awards) -> tuple[dict, list[str]]:
    """The textarea's quotas ({unit: {award code: n}}; domain/council.py), and what is wrong with it."""
    by_name = _award_names(awards)
    quotas, problems = {}, []
    units: dict[str, str] = {}                  # folded unit -> as first written (the API refuses two)
    lines_of: dict[tuple[str, str], int] = {}   # (unit, code) -> its line
    for n, raw in enumerate((text or "").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[0]:
            problems.append(_("Dòng %(n)d: cần ba phần cách nhau bởi dấu “|”: đơn vị đề nghị (mã hoặc tên) | hình "
                              "thức khen thưởng | số tối đa.", n=n))
            continue
        unit, award_name, count = parts
        code = by_name.get(_folded(award_name))
        if code is None:
            problems.append(_("Dòng %(n)d: không có hình thức khen thưởng “%(award)s” trong danh mục của cơ quan.",
                              n=n, award=award_name))
        elif not count.isdecimal() or len(count) > 6:
            problems.append(_("Dòng %(n)d: số tối đa phải là số nguyên không âm.", n=n))
        else:
            unit = units.setdefault(_folded(unit), unit)
            if (unit, code) in lines_of:
                problems.append(_("Dòng %(n)d: chỉ tiêu “%(award)s” của %(unit)s đã có ở dòng %(m)d.",
                                  n=n, award=award_name, unit=unit, m=lines_of[(unit, code)]))
                continue
            lines_of[(unit, code)] = n
            quotas.setdefault(unit, {})[code] = int(count)
    return quotas, problems


class SectionForm(Form):
    heading = StringField(_l("Tiêu đề mục"))
    paragraphs = TextAreaField(_l("Nội dung (mỗi đoạn một dòng)"))


class MilestoneForm(Form):
    name = StringField(_l("Mốc (sơ kết, tổng kết)"))
    due = StringField(_l("Ngày"))


class RoundForm(Form):
    key = HiddenField()
    name = StringField(_l("Tên đợt khen thưởng"))
    proposals_due = StringField(_l("Hạn gửi hồ sơ đề nghị"))
    groups_text = TextAreaField(_l("Nhóm đối tượng, tiêu chí và hình thức khen thưởng"))
    quotas_text = TextAreaField(_l("Chỉ tiêu theo đơn vị đề nghị (không bắt buộc)"))


def _blank_round(r) -> bool:
    return not any((getattr(r, f).data or "").strip()
                   for f in ("name", "proposals_due", "groups_text", "quotas_text"))


class PlanForm(FlaskForm):
    version = HiddenField()
    title = TextAreaField(_l("Trích yếu: kế hoạch về việc gì"))
    legal_bases = TextAreaField(_l("Căn cứ (mỗi căn cứ một dòng)"))
    sections = CappedFieldList(FormField(SectionForm), "sections")
    milestones = CappedFieldList(FormField(MilestoneForm), "milestones")
    rounds = CappedFieldList(FormField(RoundForm), "rounds")
    recipients = TextAreaField(_l("Nơi nhận (mỗi nơi một dòng)"))

    LISTS = {"sections": BLANK_SECTION, "milestones": BLANK_MILESTONE, "rounds": BLANK_ROUND}
    awards: list = []

    def prepare(self, user, document=None) -> None:
        """The body's award list: a round's groups name their awards from it."""
        self.awards = document_pages.award_list(user, "plan", document)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for entry in self.rounds:
            if _blank_round(entry.form):
                continue
            _, problems = parse_groups(entry.form.groups_text.data, self.awards)
            if problems:
                entry.form.groups_text.errors = [*entry.form.groups_text.errors, *problems]
                valid = False
            _, problems = parse_quotas(entry.form.quotas_text.data, self.awards)
            if problems:
                entry.form.quotas_text.errors = [*entry.form.quotas_text.errors, *problems]
                valid = False
        return valid

    @classmethod
    def data_from(cls, document=None) -> dict:
        if document is None:
            return {"sections": [dict(BLANK_SECTION)], "milestones": []}
        body = document.body or {}
        awards = document.issuer.awards or []
        return {
            "version": document.version, "title": document.title,
            "legal_bases": joined(body.get("legal_bases")),
            "sections": [{"heading": s.get("heading", ""), "paragraphs": joined(s.get("paragraphs"))}
                         for s in body.get("sections") or []],
            "milestones": [{"name": m.get("name", ""), "due": m.get("due") or ""}
                           for m in body.get("milestones") or []],
            "rounds": [{"key": r.get("key", ""), "name": r.get("name", ""),
                        "proposals_due": r.get("proposals_due") or "",
                        "groups_text": groups_text(r.get("groups"), awards),
                        "quotas_text": quotas_text(r.get("quotas"), awards)}
                       for r in body.get("rounds") or []],
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
                "rounds": [{"key": (r.form.key.data or "").strip(), "name": r.form.name.data or "",
                            "proposals_due": (r.form.proposals_due.data or "").strip() or None,
                            "groups": parse_groups(r.form.groups_text.data, self.awards)[0],
                            "quotas": parse_quotas(r.form.quotas_text.data, self.awards)[0]}
                           for r in self.rounds if not _blank_round(r.form)],
                "recipients": lines(self.recipients.data),
            },
        }
