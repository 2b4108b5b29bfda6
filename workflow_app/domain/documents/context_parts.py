"""Pieces every document context shares: header lines, dates, signature, recipients, counts.

Pure functions from the contract dataclasses to cleaned strings; nothing here
knows a place, a body or a year: they all come from the data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .. import vnformat
from ..clock import local_date  # noqa: F401  (re-exported for the context modules)
from ..legal_bases import in_force
from ..vnformat import without_type_word  # noqa: F401  (re-exported for the context modules)
from .clean import clean_line, clean_paragraphs
from .data import Agency, Award, Nominee, Numbering, Signer

# Vietnam keeps UTC+7 all year: the local date of a UTC timestamp.
# Name slot of a signature block nobody has signed yet (the checker wants a name line).
UNSIGNED = "(Chưa ký)"
_NUMBERED_HEADING = re.compile(r"^[IVXLCDM]+\.\s")
_END_PUNCT = " ;,.:"


@dataclass(frozen=True)
class DocMeta:
    """What the core properties say about a generated document."""
    type_label: str          # "Kế hoạch"
    number: str              # "67/KH-UBND" or "     /KH-UBND"
    subject: str             # trích yếu
    author: str              # the issuing body's name
    issued: bool             # has a number (else a draft or an unnumbered paper)

    @property
    def title(self) -> str:
        number = self.number if self.issued else self.number.replace(vnformat.BLANK_NUMBER, "…")
        return f"{self.type_label} số {number}: {self.subject}"


def upper(text: str) -> str:
    return clean_line(text).upper()


def lower_first(text: str) -> str:
    """'Thực hiện Phong trào …' -> 'thực hiện Phong trào …' for use inside a sentence (acronyms kept)."""
    text = clean_line(text)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def sentence_part(text: str) -> str:
    """A clause to embed in a sentence: lower-case start, no final punctuation."""
    return lower_first(text).rstrip(_END_PUNCT)


def head_of(body: Agency) -> str:
    """'Chủ tịch Ủy ban nhân dân huyện Càng Long'."""
    return f"{clean_line(body.head_title)} {clean_line(body.name)}"


def number_text(numbering: Numbering) -> str:
    """'67/KH-UBND', or '     /KH-UBND' while the văn thư has not given the number."""
    symbol = vnformat.document_symbol(clean_line(numbering.type_abbr), clean_line(numbering.body_abbr))
    return vnformat.document_number(numbering.seq, symbol)


def date_text(numbering: Numbering | None, created_at: datetime) -> str:
    """'ngày 30 tháng 5 năm 2023', or the blank day of a draft ('ngày      tháng 5 năm 2023')."""
    if numbering is not None and numbering.issued_on is not None:
        return vnformat.date_phrase(numbering.issued_on)
    today = local_date(created_at)
    month = numbering.draft_month if numbering and numbering.draft_month else today.month
    year = numbering.draft_year if numbering and numbering.draft_year else today.year
    return vnformat.blank_date_phrase(month, year)


def document_date(numbering: Numbering | None, created_at: datetime) -> date:
    """The day a document bears: its issue date once numbered, else the (Vietnamese) day it is
    written, the day a draft will most likely bear. Decides which legal bases it cites."""
    if numbering is not None and numbering.issued_on is not None:
        return numbering.issued_on
    return local_date(created_at)


def bases_in_force(body: Agency, numbering: Numbering | None, created_at: datetime) -> list[str]:
    """`body`'s standing legal bases in force on the document's date (document_date)."""
    return list(in_force(body.legal_bases, document_date(numbering, created_at)))


DRAFT_MARK = "DỰ THẢO"


def header(body: Agency, numbering: Numbering, created_at: datetime, *, dated: date | None = None) -> dict:
    """Ô 1-4 of the first page. `dated` overrides the numbering's date (papers dated when written).

    `draft_mark` ("DỰ THẢO", else "": contexts hold text only) is boxed at the top of a document
    still waiting for its number; the papers dated when written (Biên bản, Phiếu trình) are never
    numbered and never drafts.
    """
    when = vnformat.date_phrase(dated) if dated else date_text(numbering, created_at)
    return {
        "draft_mark": DRAFT_MARK if dated is None and numbering.seq is None else "",
        "parent_line": upper(body.parent_line),
        "body_lines": [upper(line) for line in body.name_lines if clean_line(line)],
        "number_line": f"Số: {number_text(numbering)}",
        "place_date_line": f"{clean_line(body.place_name)}, {when}",
    }


def authority_lines(body: Agency, signer: Signer | None, *, collective_act: bool) -> list[str]:
    """Ô 7a. A collective's own act: `TM. ỦY BAN NHÂN DÂN` first; then the head or the deputy's lines.

    signer None gives the lines the head would sign under.
    """
    lines = [f"TM. {upper(body.collective_title)}"] if collective_act and body.collective else []
    head = upper(body.head_title)
    form = clean_line(signer.form).upper().rstrip(".") if signer else ""
    if form == "KT":
        lines += [f"KT. {head}", upper(body.deputy_title)]
    elif form == "Q":
        lines.append(f"Q. {head}")
    elif form in ("TL", "TUQ"):
        lines.append(f"{form}. {head}")
        if signer and clean_line(signer.position):
            lines.append(upper(signer.position))
    else:                                    # "", "TM": the head signs
        lines.append(head)
    return lines


def signature(body: Agency, signer: Signer | None, *, collective_act: bool) -> dict:
    return {
        "authority_lines": authority_lines(body, signer, collective_act=collective_act),
        "signer_name": clean_line(signer.full_name) if signer and clean_line(signer.full_name) else UNSIGNED,
    }


def recipient_lines(items, *, first: str | None = None, archive: tuple[str, ...] = ()) -> list[str]:
    """Ô 9b: `- X;` one per recipient, then `- Lưu: VT, NV.` (dashes, semicolons and Lưu lines of
    the input are dropped: the layout adds its own)."""
    names = [first] if first else []
    for item in items:
        name = clean_line(item).lstrip("-–+• ").rstrip(_END_PUNCT)
        if name and not name.startswith("Lưu") and name not in names:
            names.append(name)
    units = [u for u in (clean_line(a).strip(_END_PUNCT) for a in archive) if u]
    return [f"- {name};" for name in names] + [f"- Lưu: {', '.join(['VT', *units])}."]


def legal_basis_lines(lines) -> list[str]:
    """One basis per paragraph, each ending ';', the last '.' (FORMAT.md, Body)."""
    bases = [line.rstrip(_END_PUNCT) for raw in lines for line in clean_paragraphs(raw)]
    bases = [b for b in bases if b]
    return [b + (";" if i < len(bases) - 1 else ".") for i, b in enumerate(bases)]


def section_heading(index: int, heading: str) -> str:
    """'MỤC ĐÍCH, YÊU CẦU' -> 'I. MỤC ĐÍCH, YÊU CẦU' (headings already numbered keep their number)."""
    text = upper(heading)
    return text if _NUMBERED_HEADING.match(text) else f"{vnformat.roman(index)}. {text}"


def heading_in_sentence(heading: str) -> str:
    """A section's heading as an outline names it: 'KHEN THƯỞNG' -> 'Khen thưởng'. A heading typed
    in mixed case keeps the case of what follows its first letter ('Khen thưởng tại huyện Càng Long');
    only an all-capitals heading is lowered, its proper nouns then unknown. A number typed before
    it ('II. ') is dropped: the outline numbers the parts itself."""
    text = clean_line(heading)
    if _NUMBERED_HEADING.match(text.upper()):
        text = text.split(" ", 1)[1].lstrip() if " " in text else ""
    if text == text.upper():
        return text.capitalize()
    return text[:1].upper() + text[1:]


# The kinds of nominee, in the order a Danh sách lists them within an award: tập thể, cá nhân,
# hộ gia đình (households are ordinary Giấy khen recipients, e.g. "Gia đình học tập").
KINDS = ("collective", "individual", "household")
KIND_WORDS = {"collective": "tập thể", "individual": "cá nhân", "household": "hộ gia đình"}
# The name column's header of each kind's table.
NAME_TITLES = {"collective": "Tên tập thể", "individual": "Họ và tên", "household": "Hộ gia đình"}


def kind_of(nominee: Nominee) -> str:
    """The nominee's kind, an unknown one read as an individual (as the lists always did)."""
    return nominee.kind if nominee.kind in KIND_WORDS else "individual"


def and_join(parts: list[str]) -> str:
    """'a', 'a và b', 'a, b và c'."""
    return " và ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def counts_phrase(collectives: int, individuals: int, households: int = 0) -> str:
    """'02 tập thể, 05 cá nhân và 03 hộ gia đình', '02 tập thể và 05 cá nhân', '05 cá nhân';
    nobody: '00 cá nhân'."""
    counts = zip(KINDS, (collectives, individuals, households))
    parts = [f"{vnformat.two_digit_count(count)} {KIND_WORDS[kind]}" for kind, count in counts if count]
    return and_join(parts or [f"{vnformat.two_digit_count(0)} {KIND_WORDS['individual']}"])


def split_by_kind(nominees) -> tuple[list[Nominee], list[Nominee], list[Nominee]]:
    """(collectives, individuals, households), each in proposal order."""
    ordered = sorted(nominees, key=lambda n: n.order)
    return tuple([n for n in ordered if kind_of(n) == kind] for kind in KINDS)


def kinds_counted(nominees) -> str:
    """counts_phrase of these nominees: '02 tập thể, 05 cá nhân và 03 hộ gia đình'."""
    return counts_phrase(*map(len, split_by_kind(nominees)))


def kinds_named(nominees) -> str:
    """Who they are, as a Danh sách's subject names them: 'Tập thể, cá nhân', 'Cá nhân, hộ gia đình',
    'Tập thể, cá nhân, hộ gia đình'; 'Cá nhân' when there is nobody."""
    words = [KIND_WORDS[kind] for kind, group in zip(KINDS, split_by_kind(nominees)) if group]
    text = ", ".join(words or [KIND_WORDS["individual"]])
    return text[:1].upper() + text[1:]


def award_name(label: str, issuer: Agency | None = None) -> str:
    """A form of commendation keeps its name ('Giấy khen của Chủ tịch …'); a title is quoted."""
    label = clean_line(label)
    if label.lower().startswith(("giấy khen", "bằng khen")):
        return f"{label} của {head_of(issuer)}" if issuer is not None else label
    return label if label.lower().startswith("danh hiệu") else f"danh hiệu “{label}”"


def by_award(nominees) -> list[tuple[Award, list[Nominee]]]:
    """The nominees grouped by award, each group in proposal order; the awards in the order of the
    body's list (Award.rank), awards of equal rank (or unknown to it) in order of first appearance."""
    groups: dict[str, tuple[Award, list[Nominee]]] = {}
    for n in sorted(nominees, key=lambda n: n.order):
        groups.setdefault(n.award.code, (n.award, []))[1].append(n)
    return sorted(groups.values(), key=lambda group: group[0].rank)      # stable: first appearance kept


def position_unit(nominee: Nominee) -> str:
    return ", ".join(part for part in (clean_line(nominee.position), clean_line(nominee.organization)) if part)


def nominee_row(nominee: Nominee, stt: int) -> dict:
    return {
        "stt": str(stt),
        "name": clean_line(nominee.full_name),
        "position_unit": position_unit(nominee),
        "award": clean_line(nominee.award.label),
        "achievement": clean_line(nominee.achievement),
        "note": clean_line(nominee.note),
        "proposer": clean_line(nominee.proposer),   # a round decision's Danh sách: Đơn vị đề nghị
    }


def group_headings(collectives: list) -> dict:
    """`I. TẬP THỂ` / `II. CÁ NHÂN` of masters copied before the list was grouped by award."""
    return {"collectives_heading": "I. TẬP THỂ",
            "individuals_heading": f"{'II' if collectives else 'I'}. CÁ NHÂN"}


def _sections(nominees) -> list[tuple[Award, list[tuple[str, list[Nominee]]]]]:
    """[(award, [(kind, nominees)])]: a Danh sách's groups, empty ones left out."""
    return [(award, [(kind, group) for kind, group in zip(KINDS, split_by_kind(members)) if group])
            for award, members in by_award(nominees)]


def numbered(nominees) -> list[tuple[int, Nominee]]:
    """(STT, nominee) in the order of a Danh sách: award by award (see by_award), within an award
    tập thể, cá nhân, hộ gia đình, the STT running on from one group to the next, so that an STT
    names one row of the list. In a decision's list it is the awardee's số sổ vàng (Decree 98/2023
    Art. 104(2): "số thứ tự của đối tượng được khen thưởng trong quyết định")."""
    ordered = [n for _award, kinds in _sections(nominees) for _kind, group in kinds for n in group]
    return list(enumerate(ordered, 1))


def grouped_list(nominees, issuer: Agency) -> dict:
    """Context of a Danh sách: `groups`, one per award, each with its `kinds` (tập thể, cá nhân,
    hộ gia đình), each kind its heading, name column header and rows, the STT running on through
    the whole list (see numbered); and its total.

    One award: the kinds are the list's parts, `I. TẬP THỂ (02 tập thể)`, `II. CÁ NHÂN (05 cá nhân)`
    (the award is in the list's subject). Several: the awards are, `I. GIẤY KHEN CỦA CHỦ TỊCH …`,
    each kind under it `1. Tập thể (02 tập thể)`. Each count is that of Điều 1 (award_clause).
    """
    sections = _sections(nominees)
    rows = list(enumerate((n for _award, kinds in sections for _kind, group in kinds for n in group), 1))  # numbered()
    stt = {id(n): i for i, n in rows}
    several = len(sections) > 1
    groups = []
    for a, (award, kinds) in enumerate(sections, 1):
        parts = []
        for k, (kind, members) in enumerate(kinds, 1):
            count = f"({vnformat.two_digit_count(len(members))} {KIND_WORDS[kind]})"
            title = f"{k}. {KIND_WORDS[kind].capitalize()}" if several \
                else f"{vnformat.roman(k)}. {KIND_WORDS[kind].upper()}"
            parts.append({"heading": f"{title} {count}", "name_title": NAME_TITLES[kind],
                          "rows": [nominee_row(n, stt[id(n)]) for n in members]})
        groups.append({"heading": f"{vnformat.roman(a)}. {upper(award_name(award.label, issuer))}" if several
                       else "", "kinds": parts})
    collectives = [nominee_row(n, i) for i, n in rows if kind_of(n) == "collective"]
    return {
        "groups": groups,
        # the two tables of masters copied before the list was grouped (households with the individuals)
        "collectives": collectives,
        "individuals": [nominee_row(n, i) for i, n in rows if kind_of(n) != "collective"],
        **group_headings(collectives),
        "list_total": f"(Danh sách này có {kinds_counted(nominees)})./.",
    }


def opinion_paragraphs(comment: str, author: Agency) -> list[str]:
    """A reviewer's opinion (the transition comment), its first line introduced by whose it is."""
    lines = clean_paragraphs(comment)
    if not lines:
        return []
    return [f"Ý kiến của {clean_line(author.name)}: {lines[0]}", *lines[1:]]
