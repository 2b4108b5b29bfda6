"""Contexts of the Giấy khen: one certificate per accepted nominee, in the Danh sách's order."""
from __future__ import annotations

from .. import vnformat
from .clean import clean_line, clean_paragraphs
from .commendation_contexts import accepted
from .context_parts import (
    DocMeta,
    counts_phrase,
    date_text,
    head_of,
    header,
    number_text,
    position_unit,
    sentence_part,
    signature,
    split_by_kind,
)
from .data import CommendationData, Generation, Nominee

# A certificate is one page: longer achievements are shortened (the Quyết định keeps the full text).
CERTIFICATE_TEXT_MAX = 400
TITLES = {"male": "Ông", "female": "Bà"}


def awardee(nominee: Nominee) -> str:
    """'Bà Nguyễn Thị Ngọc Ánh'; 'Ông/Bà …' when the gender is unknown; a collective by its name."""
    name = clean_line(nominee.full_name)
    if nominee.kind == "collective":
        return name
    return f"{TITLES.get(nominee.gender, 'Ông/Bà')} {name}"


def achievement(nominee: Nominee, data: CommendationData) -> str:
    text = " ".join(clean_paragraphs(nominee.achievement))
    if not text:
        reason = sentence_part(data.reason)
        text = (reason[:1].upper() + reason[1:] + ".") if reason else ""
    if len(text) > CERTIFICATE_TEXT_MAX:
        text = text[: CERTIFICATE_TEXT_MAX - 1].rstrip() + "…"
    return text


def awardees(data: CommendationData) -> list[Nominee]:
    collectives, individuals = split_by_kind(accepted(data.nominees))
    return collectives + individuals


def _common(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta, str]:
    issuer = gen.issuer
    number = number_text(gen.numbering)
    decision = f"{number} {date_text(gen.numbering, gen.created_at)}"
    context = {
        "awarding_authority": head_of(issuer).upper(),
        "place_date_line": header(issuer, gen.numbering, gen.created_at)["place_date_line"],
        **signature(issuer, gen.signer, collective_act=False),
    }
    collectives, individuals = split_by_kind(accepted(data.nominees))
    meta = DocMeta("Giấy khen kèm theo Quyết định", number,
                   f"Giấy khen tặng {counts_phrase(len(collectives), len(individuals))}",
                   clean_line(issuer.name), gen.numbering.seq is not None)
    return context, meta, decision


def giay_khen_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    context, meta, decision = _common(data, gen)
    context["decision_line"] = f"Quyết định số {decision}"
    context["certificates"] = [{
        "awardee": awardee(n),
        "unit": position_unit(n),
        "achievement": achievement(n, data),
        "gold_book_line": f"Số sổ vàng: {clean_line(n.gold_book_number) or vnformat.BLANK_NUMBER}",
    } for n in awardees(data)]
    return context, meta


def giay_khen_in_phoi_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """Only what changes from one blank to the next: the labels are printed on the phôi."""
    context, meta, decision = _common(data, gen)
    context["decision"] = decision
    context["certificates"] = [{
        "awardee": awardee(n),
        "unit": position_unit(n),
        "achievement": achievement(n, data),
        "gold_book": clean_line(n.gold_book_number),
    } for n in awardees(data)]
    return context, meta
