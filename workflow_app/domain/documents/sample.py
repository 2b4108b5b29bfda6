"""Neutral sample data for checking a master: every variable filled, both stages.

The bodies and signers are here; each kind brings its own sample content (DocumentKind.sample).

Deliberately generic (an imaginary "huyện Mẫu"): it proves a master renders,
not what a real body's documents say.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from ..kinds import master_owner
from .data import Agency, Generation, Numbering, Signer

ISSUER = Agency(code="MAU", name="Ủy ban nhân dân huyện Mẫu", name_lines=("ỦY BAN NHÂN DÂN", "HUYỆN MẪU"),
              parent_line="", place_name="Mẫu", abbreviation="UBND", collective=True,
              collective_title="Ủy ban nhân dân", head_title="Chủ tịch", deputy_title="Phó Chủ tịch",
              legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",))
PROPOSER = Agency(code="MAU-X", name="Ủy ban nhân dân xã Thử", name_lines=("ỦY BAN NHÂN DÂN", "XÃ THỬ"),
                parent_line="", place_name="Thử", abbreviation="UBND", collective=True,
                collective_title="Ủy ban nhân dân", head_title="Chủ tịch", deputy_title="Phó Chủ tịch")
OFFICE = Agency(code="MAU-NV", name="Phòng Nội vụ", name_lines=("PHÒNG NỘI VỤ",), parent_line="UBND HUYỆN MẪU",
              place_name="Mẫu", abbreviation="PNV", collective=False, collective_title="",
              head_title="Trưởng phòng", deputy_title="Phó Trưởng phòng")
NOW = datetime(2024, 1, 5, 2, 0, tzinfo=timezone.utc)

def _generation(type_abbr: str, issued: bool) -> Generation:
    numbering = Numbering(type_abbr, "UBND", seq=5 if issued else None,
                          issued_on=date(2024, 1, 5) if issued else None, draft_month=1, draft_year=2024)
    signer = Signer("Lê Văn Ký", "Phó Chủ tịch", "KT") if issued else None
    return Generation(issuer=ISSUER, proposer=PROPOSER, numbering=numbering, signer=signer, created_at=NOW,
                      comment="Đủ điều kiện trình ký.", office=OFFICE,
                      proposal_numbering=Numbering("TTr", "UBND", seq=3 if issued else None,
                                                   issued_on=date(2023, 12, 20) if issued else None),
                      proposal_signer=signer, reviewer=Signer("Phạm Văn Duyệt", "Trưởng phòng", ""))


def sample_stages(template_name: str) -> list[tuple[str, object, Generation]]:
    """[(stage, content, generation)] for a draft and for an issued document, with the neutral
    sample content of the kind the master belongs to."""
    kind = master_owner(template_name)
    if kind is None:
        raise ValueError(f"unknown document template {template_name!r}")
    content, type_abbr = kind.sample, kind.definition.type_abbr
    return [("draft", content, _generation(type_abbr, False)), ("issued", content, _generation(type_abbr, True))]
