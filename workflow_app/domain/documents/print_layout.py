"""Where each variable text of a Giấy khen goes on a pre-printed blank (phôi).

Offices buy different blanks, so positions are settings: the master carries
these defaults, and `Generation.extra["print_positions"]` may move any field,
e.g. {"awardee": {"x_mm": 30, "y_mm": 96, "width_mm": 237}}. Positions are in
millimetres from the top-left corner of the A4 landscape sheet.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from docx.oxml.ns import qn
from docx.shared import Mm

from .ooxml import set_frame


@dataclass(frozen=True)
class Position:
    x_mm: float
    y_mm: float
    width_mm: float


# field -> (paragraph style id in the master, default position)
FIELDS: dict[str, tuple[str, Position]] = {
    "awardee": ("PhoiNguoiNhan", Position(30, 100, 237)),
    "unit": ("PhoiDonVi", Position(30, 113, 237)),
    "achievement": ("PhoiThanhTich", Position(45, 123, 207)),
    "decision": ("PhoiQuyetDinh", Position(25, 166, 115)),
    "gold_book": ("PhoiSoVang", Position(25, 174, 115)),
    "place_date": ("PhoiNgay", Position(155, 146, 120)),
    "authority": ("PhoiChucVuKy", Position(155, 154, 120)),
    "signer_name": ("PhoiNguoiKy", Position(155, 184, 120)),
}


def twips(mm: float) -> int:
    return int(Mm(mm).twips)


def positions_from_settings(settings: object) -> tuple[dict[str, Position], list[str]]:
    """Validate `{"field": {"x_mm":.., "y_mm":.., "width_mm":..}}` -> (positions, problems).

    Unknown fields and unusable numbers are reported and ignored, never raised:
    a wrong setting must not stop the certificates from being printed.
    """
    positions: dict[str, Position] = {}
    problems: list[str] = []
    if not isinstance(settings, dict):
        return positions, ([] if settings is None else ["print_positions must be a mapping"])
    for name, value in settings.items():
        if name not in FIELDS:
            problems.append(f"unknown print field {name!r}")
            continue
        base = FIELDS[name][1]
        try:
            changes = {k: float(v) for k, v in dict(value).items() if k in ("x_mm", "y_mm", "width_mm")}
        except (TypeError, ValueError):
            problems.append(f"print field {name!r}: positions must be numbers")
            continue
        pos = replace(base, **changes)
        if not (0 <= pos.x_mm <= 297 and 0 <= pos.y_mm <= 210 and 5 <= pos.width_mm <= 297):
            problems.append(f"print field {name!r} lies outside the A4 landscape sheet")
            continue
        positions[name] = pos
    return positions, problems


def apply_positions(body, positions: dict[str, Position]) -> None:
    """Move the frames of the given fields (every certificate's copy of them)."""
    by_style = {FIELDS[name][0]: pos for name, pos in positions.items()}
    if not by_style:
        return
    for ppr in body.iter(qn("w:pPr")):
        style = ppr.find(qn("w:pStyle"))
        pos = by_style.get(style.get(qn("w:val"))) if style is not None else None
        if pos is not None:
            set_frame(ppr, twips(pos.x_mm), twips(pos.y_mm), twips(pos.width_mm))
