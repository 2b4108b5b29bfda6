"""Contexts of the certificates: one page per awardee whose award gets that certificate, in the
Danh sách's order, each with its số sổ vàng (the awardee's STT in the decision's Danh sách)."""
from __future__ import annotations

from dataclasses import dataclass

from .clean import clean_line, clean_paragraphs
from .commendation_contexts import numbered_awardees
from .context_parts import (
    DocMeta,
    date_text,
    head_of,
    header,
    kind_of,
    kinds_counted,
    number_text,
    position_unit,
    sentence_part,
    signature,
)
from .data import CommendationData, Generation, Nominee

# A certificate is one page: longer achievements are shortened (the Quyết định keeps the full text).
CERTIFICATE_TEXT_MAX = 400
TITLES = {"male": "Ông", "female": "Bà"}

# The certificates an award in a body's settings may get (Award.certificate), with what the
# admin reads. Decree 98/2023 Art. 104(2) sets the text of both; an award naming none (the
# titles "Lao động tiên tiến", "Tập thể lao động tiên tiến") is recognised in the decision only.
@dataclass(frozen=True)
class Certificate:
    label: str         # what the admin chooses, and the generated file's subject
    paper: str         # the kind of paper, in the file's title


CERTIFICATES = {
    "giay_khen": Certificate("Giấy khen", "Giấy khen"),
    "chien_si_thi_dua_co_so": Certificate("Giấy chứng nhận danh hiệu “Chiến sĩ thi đua cơ sở”", "Giấy chứng nhận"),
}
# Which certificate each certificate master prints.
CERTIFICATE_MASTERS = {
    "giay-khen": "giay_khen",
    "giay-khen-in-phoi": "giay_khen",
    "chien-si-thi-dua-co-so": "chien_si_thi_dua_co_so",
}


def awardee(nominee: Nominee) -> str:
    """'Bà Nguyễn Thị Ngọc Ánh'; the name alone when the gender is unknown (a certificate never
    prints 'Ông/Bà'); a collective or a household by its name as typed ("Gia đình ông …" is the
    typist's to write, never made up)."""
    name = clean_line(nominee.full_name)
    title = TITLES.get(nominee.gender) if kind_of(nominee) == "individual" else None
    return f"{title} {name}" if title else name


def achievement(nominee: Nominee, data: CommendationData) -> str:
    text = " ".join(clean_paragraphs(nominee.achievement))
    if not text:
        reason = sentence_part(data.reason)
        text = (reason[:1].upper() + reason[1:] + ".") if reason else ""
    if len(text) > CERTIFICATE_TEXT_MAX:
        text = text[: CERTIFICATE_TEXT_MAX - 1].rstrip() + "…"
    return text


def awardees(data: CommendationData, certificate: str) -> list[tuple[int, Nominee]]:
    """(số sổ vàng, nominee) of the accepted nominees whose award gets `certificate`, in the order
    of the decision's Danh sách, the số sổ vàng being their STT there. A round decision's file for
    one proposer (RoundDecisionData.certificates_for) holds that proposer's awardees only, each
    still numbered as in the whole Danh sách."""
    only = getattr(data, "certificates_for", "")
    return [(stt, n) for stt, n in numbered_awardees(data)
            if n.award.certificate == certificate and (not only or n.proposer == only)]


def certificate_pages(template_name: str, content) -> int | None:
    """The pages certificate master `template_name` prints for `content` (one per awardee it
    certifies; 0: the step has no such file); None for a master that is no certificate."""
    certificate = CERTIFICATE_MASTERS.get(template_name)
    if certificate is None:
        return None
    return len(awardees(content, certificate)) if isinstance(content, CommendationData) else 0


def _common(data: CommendationData, gen: Generation, certificate: str) -> tuple[dict, DocMeta, str, list]:
    issuer = gen.issuer
    number = number_text(gen.numbering)
    decision = f"{number} {date_text(gen.numbering, gen.created_at)}"
    context = {
        "awarding_authority": head_of(issuer).upper(),
        "place_date_line": header(issuer, gen.numbering, gen.created_at)["place_date_line"],
        **signature(issuer, gen.signer, collective_act=False),
    }
    chosen = awardees(data, certificate)
    paper = CERTIFICATES[certificate]
    meta = DocMeta(f"{paper.paper} kèm theo Quyết định", number,
                   f"{paper.label} tặng {kinds_counted(n for _stt, n in chosen)}",
                   clean_line(issuer.name), gen.numbering.seq is not None)
    return context, meta, decision, chosen


def _certificates(data: CommendationData, gen: Generation, certificate: str) -> tuple[dict, DocMeta]:
    context, meta, decision, chosen = _common(data, gen, certificate)
    context["decision_line"] = f"Quyết định số {decision}"
    context["certificates"] = [{
        "awardee": awardee(n),
        "unit": position_unit(n),
        "achievement": achievement(n, data),
        "gold_book_line": f"Số sổ vàng: {stt}",
    } for stt, n in chosen]
    return context, meta


def giay_khen_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    return _certificates(data, gen, "giay_khen")


def chien_si_thi_dua_co_so_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """Decree 98/2023 Art. 104(2): the same fields as the Giấy khen, under "TẶNG DANH HIỆU"."""
    return _certificates(data, gen, "chien_si_thi_dua_co_so")


def giay_khen_in_phoi_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """Only what changes from one blank to the next: the labels are printed on the phôi."""
    context, meta, decision, chosen = _common(data, gen, "giay_khen")
    context["decision"] = decision
    context["certificates"] = [{
        "awardee": awardee(n),
        "unit": position_unit(n),
        "achievement": achievement(n, data),
        "gold_book": str(stt),
    } for stt, n in chosen]
    return context, meta
