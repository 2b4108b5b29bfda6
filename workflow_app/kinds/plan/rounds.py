"""A plan's commendation rounds (đợt khen thưởng): how its body declares them and how they are checked.

body.rounds = [{"key": "so-ket-2025", "name": "Sơ kết giai đoạn 2023 - 2025", "proposals_due": "2025-10-31",
                "groups": [{"name": "Tập thể", "kind": "collective", "criteria": ["..."],
                            "awards": ["giay_khen", "tap_the_lao_dong_tien_tien"]}]}]

The plan's body is the source while it is a draft; its issue makes the `rounds` rows whose ids
proposals cite (open_rounds, an effect of the issue step).
"""
from __future__ import annotations

import re
import unicodedata

from ...domain.rounds import GROUP_KINDS, KIND_LABELS
from ...domain.schema_parts import DATE, ID, array, nullable, obj, text
from ...domain.validation import Collector, iso_date, lines

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SCHEMA = array(obj({
    "id": ID | {"description": "Có khi kế hoạch đã ban hành: mã đợt, để tờ trình đề nghị khen thưởng chọn "
                               "(body.round_id); bỏ qua khi gửi lên."},
    "key": text("round_key", description="Mã ngắn của đợt trong kế hoạch (chữ thường, số, gạch nối), ví dụ "
                                         "so-ket-2025; không gửi: lấy từ tên đợt."),
    "name": text("round_name", description="Tên đợt: Sơ kết giai đoạn 2023 - 2025."),
    "proposals_due": nullable(DATE) | {"description": "Hạn gửi hồ sơ đề nghị (ngày cuối cùng); bắt buộc."},
    "groups": array(obj({
        "name": text("group_name", description="Nhóm đối tượng: Tập thể, Cá nhân, Hộ gia đình ..."),
        "kind": {"type": "string", "enum": list(GROUP_KINDS),
                 "description": "collective: tập thể; individual: cá nhân; household: hộ gia đình."},
        "criteria": array(text("criterion"), description="Tiêu chí, mỗi tiêu chí một dòng."),
        "awards": array({"type": "string"}, description="Mã các hình thức khen thưởng của nhóm, trong danh "
                                                        "mục của cơ quan ban hành kế hoạch."),
    }, required=("name", "kind", "awards"))),
}, required=("name", "groups")), description="Kế hoạch: các đợt khen thưởng, mỗi đợt có "
   "các nhóm đối tượng, tiêu chí và hình thức khen thưởng; in thành mục “Tiêu chí và hình thức khen thưởng”.")


def slug(name: str) -> str:
    """'Sơ kết giai đoạn 2023 - 2025' -> 'so-ket-giai-doan-2023-2025'."""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))[:64].strip("-")


def clean_rounds(c: Collector, value) -> list[dict]:
    rounds, keys = [], set()
    for i, r in enumerate(c.items(value, "body.rounds", "rounds")):
        f = f"body.rounds[{i}]"
        r = c.mapping(r, f)
        name = c.text(r.get("name"), f"{f}.name", "round_name", required=True)
        key = c.text(r.get("key"), f"{f}.key", "round_key") or slug(name)
        if key and not _KEY.match(key):
            c.problems[f"{f}.key"] = "Chỉ gồm chữ thường không dấu, số và dấu gạch nối, ví dụ so-ket-2025."
        elif key in keys:
            c.problems[f"{f}.key"] = f"Trùng mã đợt “{key}” với một đợt khác của kế hoạch."
        keys.add(key)
        due = iso_date(c, r.get("proposals_due"), f"{f}.proposals_due")
        if due is None and f"{f}.proposals_due" not in c.problems and f"{f}.proposals_due" not in c.type_errors:
            c.problems[f"{f}.proposals_due"] = "Chưa nhập hạn gửi hồ sơ đề nghị (YYYY-MM-DD)."
        groups = []
        raw_groups = c.items(r.get("groups"), f"{f}.groups", "groups")
        if not raw_groups and f"{f}.groups" not in c.problems and f"{f}.groups" not in c.type_errors:
            c.problems[f"{f}.groups"] = f"Đợt “{name}” cần ít nhất một nhóm đối tượng."
        for j, g in enumerate(raw_groups):
            groups.append(_clean_group(c, c.mapping(g, f"{f}.groups[{j}]"), f"{f}.groups[{j}]"))
        rounds.append({"key": key, "name": name, "proposals_due": due, "groups": groups})
    return rounds


def _clean_group(c: Collector, g: dict, f: str) -> dict:
    name = c.text(g.get("name"), f"{f}.name", "group_name", required=True)
    kind = g.get("kind")
    if kind not in GROUP_KINDS:
        c.problems[f"{f}.kind"] = (f"Nhóm “{name}”: loại đối tượng không hợp lệ; chọn "
                                   + ", ".join(f"“{k}” ({KIND_LABELS[k].lower()})" for k in GROUP_KINDS) + ".")
    awards = []
    for k, award in enumerate(c.items(g.get("awards"), f"{f}.awards", "awards")):
        if not isinstance(award, str):
            c.type_errors[f"{f}.awards[{k}]"] = "Phải là chuỗi ký tự."
        elif c.award_codes is not None and award not in c.award_codes:
            c.problems[f"{f}.awards[{k}]"] = (f"Nhóm “{name}”: hình thức khen thưởng “{award}” không có "
                                              "trong danh mục của cơ quan.")
        elif award not in awards:
            awards.append(award)
    if not awards and not any(key.startswith(f"{f}.awards") for key in (*c.problems, *c.type_errors)):
        c.problems[f"{f}.awards"] = f"Nhóm “{name}” cần ít nhất một hình thức khen thưởng."
    return {"name": name, "kind": kind, "criteria": lines(c, g.get("criteria"), f"{f}.criteria", "criteria",
                                                         "criterion"),
            "awards": awards}
