"""Statistics of the awards given (thống kê khen thưởng): by award, by kind of nominee (tập thể,
cá nhân, hộ gia đình), by gender of the individuals, by proposing body and its units; and the
same figures as an .xlsx workbook, one sheet per breakdown.

Pure: `tally` reads the rows of one GROUP BY (services/statistics.py counts them in the
database), so its work is bounded by the number of groups, not of nominees.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# The order a Danh sách lists the kinds of nominee in (domain/documents/context_parts.KINDS).
KINDS = ("collective", "individual", "household")
KIND_HEADERS = {"collective": "Tập thể", "individual": "Cá nhân", "household": "Hộ gia đình"}
GENDERS = ("male", "female", "unknown")
GENDER_HEADERS = {"male": "Nam", "female": "Nữ", "unknown": "Không rõ"}
NO_UNIT = "Không thuộc đơn vị nào"


@dataclass
class Counts:
    """Nominees awarded, by kind."""
    collective: int = 0
    individual: int = 0
    household: int = 0

    def add(self, kind: str, n: int) -> None:
        kind = kind if kind in KINDS else "individual"   # an unknown kind reads as an individual
        setattr(self, kind, getattr(self, kind) + n)

    def merge(self, other: Counts) -> None:
        for kind in KINDS:
            self.add(kind, getattr(other, kind))

    @property
    def total(self) -> int:
        return self.collective + self.individual + self.household

    def as_dict(self) -> dict[str, int]:
        return {**{kind: getattr(self, kind) for kind in KINDS}, "total": self.total}


@dataclass
class Genders:
    """Individuals awarded, by gender."""
    male: int = 0
    female: int = 0
    unknown: int = 0

    def add(self, gender: str, n: int) -> None:
        gender = gender if gender in ("male", "female") else "unknown"
        setattr(self, gender, getattr(self, gender) + n)

    @property
    def total(self) -> int:
        return self.male + self.female + self.unknown

    def share(self, gender: str) -> float:
        """Per cent of the individuals, one decimal."""
        return round(100 * getattr(self, gender) / self.total, 1) if self.total else 0.0

    def as_dict(self) -> dict[str, int]:
        return {**{g: getattr(self, g) for g in GENDERS}, "total": self.total}


@dataclass
class AwardRow:
    code: str
    label: str
    counts: Counts = field(default_factory=Counts)


@dataclass
class UnitRow:
    unit_id: int | None
    name: str
    decisions: int = 0
    counts: Counts = field(default_factory=Counts)


@dataclass
class BodyRow:
    organization_id: int
    name: str
    decisions: int = 0
    counts: Counts = field(default_factory=Counts)
    units: list[UnitRow] = field(default_factory=list)


@dataclass
class Statistics:
    decisions: int = 0
    counts: Counts = field(default_factory=Counts)
    genders: Genders = field(default_factory=Genders)
    by_award: list[AwardRow] = field(default_factory=list)
    by_body: list[BodyRow] = field(default_factory=list)
    years: list[int] = field(default_factory=list)   # with decisions under the filters but the year

    @property
    def total(self) -> int:
        return self.counts.total


@dataclass(frozen=True)
class Group:
    """One row of the GROUP BY: how many accepted nominees share these values."""
    proposer_id: int
    unit_id: int | None
    award: str
    kind: str
    gender: str
    count: int


def tally(groups: Iterable[Group], decisions: dict[tuple[int, int | None], int],
          awards: list[tuple[str, str]], body_names: dict[int, str],
          unit_names: dict[int, str]) -> Statistics:
    """The figures of `groups`. `decisions`: (proposer, unit) -> issued decisions counted;
    `awards`: (code, label) in the order to list them (codes not there come after, by code)."""
    stats = Statistics(decisions=sum(decisions.values()))
    by_award: dict[str, AwardRow] = {}
    labels = dict(awards)
    units: dict[tuple[int, int | None], UnitRow] = {}

    def unit_row(key: tuple[int, int | None]) -> UnitRow:
        if key not in units:
            units[key] = UnitRow(key[1], unit_names.get(key[1], NO_UNIT) if key[1] is not None else NO_UNIT)
        return units[key]

    for g in groups:
        stats.counts.add(g.kind, g.count)
        if (g.kind if g.kind in KINDS else "individual") == "individual":
            stats.genders.add(g.gender, g.count)
        row = by_award.setdefault(g.award, AwardRow(g.award, labels.get(g.award, g.award)))
        row.counts.add(g.kind, g.count)
        unit_row((g.proposer_id, g.unit_id)).counts.add(g.kind, g.count)
    for key, n in decisions.items():
        unit_row(key).decisions += n

    order = {code: i for i, (code, _) in enumerate(awards)}
    stats.by_award = sorted(by_award.values(), key=lambda r: (order.get(r.code, len(order)), r.code))
    bodies: dict[int, BodyRow] = {}
    for (body_id, _), row in units.items():
        body = bodies.setdefault(body_id, BodyRow(body_id, body_names.get(body_id, str(body_id))))
        body.units.append(row)
        body.decisions += row.decisions
        body.counts.merge(row.counts)
    for body in bodies.values():
        body.units.sort(key=lambda u: (-u.counts.total, u.name))
    stats.by_body = sorted(bodies.values(), key=lambda b: (-b.counts.total, b.name))
    return stats


# The workbook

FONT = "Times New Roman"
HEADER_ROW = 4      # rows 1-2: the title and what was counted; 3: blank
TOTAL_LABEL = "Tổng cộng"
KIND_COLUMNS = tuple(KIND_HEADERS[k] for k in KINDS)
SHEETS = {
    "by_award": ("Theo hình thức", ("STT", "Hình thức khen thưởng", *KIND_COLUMNS, "Tổng số"), (6, 40, 12, 12, 14, 12)),
    "by_kind": ("Theo đối tượng", ("Đối tượng", "Số lượng"), (24, 12)),
    "by_gender": ("Theo giới tính", ("Giới tính (cá nhân)", "Số lượng", "Tỷ lệ (%)"), (24, 12, 12)),
    "by_body": ("Theo cơ quan đề nghị", ("STT", "Cơ quan đề nghị", "Số quyết định", *KIND_COLUMNS, "Tổng số"),
                (6, 44, 14, 12, 12, 14, 12)),
    "by_unit": ("Theo đơn vị", ("STT", "Cơ quan đề nghị", "Đơn vị", "Số quyết định", *KIND_COLUMNS, "Tổng số"),
                (6, 40, 36, 14, 12, 12, 14, 12)),
}


def _kinds(counts: Counts) -> list[int]:
    return [*(getattr(counts, k) for k in KINDS), counts.total]


def sheet_rows(stats: Statistics) -> dict[str, list[list]]:
    """Each sheet's rows below its header, the total row last: what the page's tables show too."""
    body_rows = [[i, b.name, b.decisions, *_kinds(b.counts)] for i, b in enumerate(stats.by_body, start=1)]
    unit_rows = [[i, b.name, u.name, u.decisions, *_kinds(u.counts)]
                 for i, (b, u) in enumerate(((b, u) for b in stats.by_body for u in b.units), start=1)]
    return {
        "by_award": [*([i, r.label, *_kinds(r.counts)] for i, r in enumerate(stats.by_award, start=1)),
                     ["", TOTAL_LABEL, *_kinds(stats.counts)]],
        "by_kind": [*([KIND_HEADERS[k], getattr(stats.counts, k)] for k in KINDS), [TOTAL_LABEL, stats.total]],
        "by_gender": [*([GENDER_HEADERS[g], getattr(stats.genders, g), stats.genders.share(g)] for g in GENDERS),
                      [TOTAL_LABEL, stats.genders.total, 100.0 if stats.genders.total else 0.0]],
        "by_body": [*body_rows, ["", TOTAL_LABEL, stats.decisions, *_kinds(stats.counts)]],
        "by_unit": [*unit_rows, ["", TOTAL_LABEL, "", stats.decisions, *_kinds(stats.counts)]],
    }


def to_xlsx(stats: Statistics, title: str, scope: str) -> bytes:
    """One sheet per breakdown: the title and `scope` (what was counted) above a bold header row,
    the figures, a bold total row; columns wide enough to read."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)
    for key, rows in sheet_rows(stats).items():
        name, header, widths = SHEETS[key]
        sheet = workbook.create_sheet(name)
        sheet.cell(1, 1, title).font = Font(name=FONT, bold=True, size=13)
        sheet.cell(2, 1, scope).font = Font(name=FONT, italic=True)
        for column, text in enumerate(header, start=1):
            cell = sheet.cell(HEADER_ROW, column, text)
            cell.font = bold
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for offset, row in enumerate(rows, start=1):
            last = offset == len(rows)
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(HEADER_ROW + offset, column, value)
                cell.font = bold if last else plain
                if isinstance(value, str):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
