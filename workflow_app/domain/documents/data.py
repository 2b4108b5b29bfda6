"""Plain data that document generation reads: the contract between services and documents.

Services build these from the database; the documents package never sees a
model or a session. Every text here is raw user or settings text: the
documents package cleans it (NFC, control characters, length) before rendering.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..legal_bases import LegalBasis
from ..meeting import Meeting, Vote


@dataclass(frozen=True)
class Agency:
    """An issuing or proposing body (cơ quan), as its settings describe it. Called an agency in
    the code so that "body" means one thing there: a document's content (Document.body)."""
    code: str                      # "UBND-CL"
    name: str                      # "Ủy ban nhân dân huyện Càng Long" (for sentences)
    name_lines: tuple[str, ...]    # ("ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG") bold capitals, header ô 2
    parent_line: str               # "UBND TỈNH TRÀ VINH" or "" (upright, above the name)
    place_name: str                # "Càng Long"
    abbreviation: str              # "UBND": the issuer part of number symbols
    collective: bool               # a collective body signs "TM. <collective_title>"
    collective_title: str          # "ỦY BAN NHÂN DÂN"
    head_title: str                # "Chủ tịch"
    deputy_title: str              # "Phó Chủ tịch"
    # The body's standing "Căn cứ ..." lines with the dates each is in force (a plain string: always);
    # a document cites those in force on its date (legal_bases.in_force).
    legal_bases: tuple[LegalBasis | str, ...] = ()


@dataclass(frozen=True)
class Signer:
    full_name: str                 # "Nguyễn Văn A" (no academic titles)
    position: str                  # "Phó Chủ tịch"
    form: str                      # "" (head signs in own name), "TM", "KT", "Q", "TL", "TUQ"


@dataclass(frozen=True)
class Award:
    code: str                      # "giay_khen"
    label: str                     # "Giấy khen"
    certificate: str | None = None # the certificate it gets (certificate_contexts.CERTIFICATES), None: none
    rank: int = field(default=0, compare=False)   # its place in the body's list of awards: a Danh sách
                                   # lists the awards in that order (equal ranks: in order of first appearance)


@dataclass(frozen=True)
class Nominee:
    order: int                     # 1-based, the order in the proposal
    kind: str                      # "individual" | "collective" | "household"
    full_name: str                 # "Nguyễn Thị Ngọc Ánh" or "Trường THCS An Trường"
    position: str                  # "Giáo viên" ("" for a collective)
    organization: str              # "Trường THCS An Trường"
    award: Award
    achievement: str               # "Đã có thành tích xuất sắc ..."
    status: str = "pending"        # "pending" | "accepted" | "rejected"
    note: str = ""                 # the reviewer's reason
    gender: str = ""               # "" | "male" | "female": "Ông"/"Bà" on a Giấy khen
    votes: Vote | None = None      # the review meeting's vote on it, when one was taken
    proposer: str = ""             # a round decision's row: the body that proposed it ("" elsewhere)


@dataclass(frozen=True)
class Numbering:
    """Where the document's number stands. seq None = not given yet (draft: blank)."""
    type_abbr: str                 # "KH", "QĐ", "TTr", "BB"
    body_abbr: str                 # "UBND"
    seq: int | None = None
    issued_on: date | None = None
    draft_month: int | None = None # month and year printed beside a blank day
    draft_year: int | None = None


@dataclass(frozen=True)
class TargetGroup:
    """A round's target group: "Tập thể", its criteria and the awards it may be proposed for."""
    name: str                               # "Tập thể", "Cá nhân", "Hộ gia đình"
    criteria: tuple[str, ...]
    awards: tuple[Award, ...]


@dataclass(frozen=True)
class RoundInPlan:
    """A commendation round as the plan prints it."""
    name: str                               # "Sơ kết giai đoạn 2023 - 2025"
    proposals_due: date | None
    groups: tuple[TargetGroup, ...]


@dataclass(frozen=True)
class PlanData:
    title: str                              # trích yếu
    legal_bases: tuple[str, ...]
    sections: tuple[tuple[str, tuple[str, ...]], ...]   # (heading, paragraphs)
    milestones: tuple[tuple[str, date | None], ...]     # (name, due)
    recipients: tuple[str, ...]             # without "- " and without the final "Lưu" line
    drafting_unit_abbr: str                 # "NV" for "Lưu: VT, NV."
    rounds: tuple[RoundInPlan, ...] = ()    # its section "Tiêu chí và hình thức khen thưởng"


@dataclass(frozen=True)
class CommendationData:
    title: str                              # trích yếu of the proposal
    plan_reference: str                     # "Kế hoạch số 67/KH-UBND ngày 30/5/2023 của Ủy ban nhân dân huyện ..."
    period: str                             # "Sơ kết giai đoạn 2023 - 2025"
    reason: str
    recipients: tuple[str, ...]
    drafting_unit_abbr: str
    nominees: tuple[Nominee, ...]
    meeting: Meeting | None = None          # the review meeting the Biên bản records; None: none held


@dataclass(frozen=True)
class ProposalInRound:
    """A proposal a round's decision takes its nominees from: who proposed, by which Tờ trình."""
    proposer: str                           # "Ủy ban nhân dân xã An Trường"
    proposer_head: str                      # "Chủ tịch Ủy ban nhân dân xã An Trường"
    reference: str                          # "Tờ trình số 12/TTr-UBND ngày 20 tháng 12 năm 2023"


@dataclass(frozen=True)
class RoundDecisionData(CommendationData):
    """One decision for a round (đợt khen thưởng): the accepted nominees of several proposals
    (`nominees`, each naming its proposer), the proposals, and the nominees their review did not
    accept (`not_accepted`, with the reason), which the Biên bản records too."""
    proposals: tuple[ProposalInRound, ...] = ()
    not_accepted: tuple[Nominee, ...] = ()
    certificates_for: str = ""              # a certificate file of one proposer's awardees only
    council_members: int | None = None      # with `meeting` (the round's council): its members ...
    council_present: int | None = None      # ... and how many of them were there


@dataclass(frozen=True)
class Generation:
    """Everything one step's documents need, besides the content itself."""
    issuer: Agency                          # the body the document is addressed to / issued by
    proposer: Agency | None                 # the commune proposing a commendation (None for plans)
    numbering: Numbering                    # the main document's number (blank until issue)
    signer: Signer | None                   # None until approved
    created_at: datetime                    # UTC, for core properties
    comment: str = ""                       # the transition comment (e.g. the reviewer's opinion)
    proposal_numbering: Numbering | None = None   # the commune's own Tờ trình number
    own_numbering: Numbering | None = None  # a paper issued with the document under its own number
                                            # (MasterSpec.own_number: a Thông báo's "05/TB-UBND")
    extra: dict = field(default_factory=dict)
    # Optional, added by the documents package (all default to "unknown": the
    # document then leaves the name for hand-filling):
    proposal_signer: Signer | None = None   # signs the proposer's Tờ trình (commune Chủ tịch, unit head)
    reviewer: Signer | None = None          # signs the Phiếu trình and the Biên bản xét khen thưởng
    office: Agency | None = None              # the issuer's vetting unit (Phòng Nội vụ) that writes the
                                            # Phiếu trình and the Biên bản; None: they go out under the issuer
