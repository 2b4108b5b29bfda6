"""A plan's commendation rounds (đợt khen thưởng): how its body declares them and how they are checked.

body.rounds = [{"key": "so-ket-2025", "name": "Sơ kết giai đoạn 2023 - 2025", "proposals_due": "2025-10-31",
                "groups": [{"name": "Tập thể", "kind": "collective", "criteria": ["..."],
                            "awards": ["giay_khen", "tap_the_lao_dong_tien_tien"]}],
                "quotas": {"UBND-AT": {"giay_khen": 5}}}]      # optional: domain/council.py

The plan's body is the source while it is a draft; its issue makes the `rounds` rows whose ids
proposals cite (open_rounds, an effect of the issue step).
"""
from __future__ import annotations

import re
import unicodedata

from ...domain.council import clean_quotas
from ...domain.rounds import GROUP_KINDS, KIND_LABELS, group_name_problem, one_line
from ...domain.schema_parts import DATE, ID, array, nullable, obj, text
from ...domain.validation import LIMITS, Collector, iso_date, lines

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_MAX = LIMITS["round_key"]

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
    "quotas": {"type": "object", "additionalProperties": {
        "type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
        "description": "Chỉ tiêu của đợt (không bắt buộc): {đơn vị đề nghị: {mã hình thức: số tối đa}}; đơn vị ghi "
                       "bằng mã, tên hoặc số hiệu của cơ quan cấp dưới hay đơn vị của cơ quan ban hành, ví dụ "
                       "{\"UBND-AT\": {\"chien_si_thi_dua_co_so\": 2}}. Hội đồng thi đua được cảnh báo khi vượt "
                       "chỉ tiêu."},
}, required=("name", "groups")), description="Kế hoạch: các đợt khen thưởng, mỗi đợt có "
   "các nhóm đối tượng, tiêu chí và hình thức khen thưởng; in thành mục “Tiêu chí và hình thức khen thưởng”.")


def slug(name: str) -> str:
    """'Sơ kết giai đoạn 2023 - 2025' -> 'so-ket-giai-doan-2023-2025' ('①', '２' read as digits)."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))[:KEY_MAX].strip("-")


def _free_key(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` ... (within KEY_MAX) when another round of the plan has it."""
    key, n = base, 1
    while key in taken:
        n += 1
        suffix = f"-{n}"
        key = base[:KEY_MAX - len(suffix)].rstrip("-") + suffix
    return key


def clean_rounds(c: Collector, value) -> list[dict]:
    """A key the drafter sends must be well-formed and unique in the plan; without one, the round
    gets one made from its name (or "dot-<n>"), moved aside ("-2") from the plan's other keys."""
    raw = [c.mapping(r, f"body.rounds[{i}]") for i, r in enumerate(c.items(value, "body.rounds", "rounds"))]
    sent = [c.text(r.get("key"), f"body.rounds[{i}].key", "round_key") for i, r in enumerate(raw)]
    taken = set(filter(None, sent))
    rounds, keys = [], set()
    for i, r in enumerate(raw):
        f = f"body.rounds[{i}]"
        name = one_line(c.text(r.get("name"), f"{f}.name", "round_name", required=True))
        key = sent[i]
        if not key:
            key = _free_key(slug(name) or f"dot-{i + 1}", taken)
        elif not _KEY.match(key):
            c.problems[f"{f}.key"] = "Chỉ gồm chữ thường không dấu, số và dấu gạch nối, ví dụ so-ket-2025."
        elif key in keys:
            c.problems[f"{f}.key"] = f"Trùng mã đợt “{key}” với một đợt khác của kế hoạch."
        keys.add(key)
        taken.add(key)
        due = iso_date(c, r.get("proposals_due"), f"{f}.proposals_due")
        if due is None and f"{f}.proposals_due" not in c.problems and f"{f}.proposals_due" not in c.type_errors:
            c.problems[f"{f}.proposals_due"] = "Chưa nhập hạn gửi hồ sơ đề nghị (YYYY-MM-DD)."
        groups = []
        raw_groups = c.items(r.get("groups"), f"{f}.groups", "groups")
        if not raw_groups and f"{f}.groups" not in c.problems and f"{f}.groups" not in c.type_errors:
            c.problems[f"{f}.groups"] = f"Đợt “{name}” cần ít nhất một nhóm đối tượng."
        for j, g in enumerate(raw_groups):
            groups.append(_clean_group(c, c.mapping(g, f"{f}.groups[{j}]"), f"{f}.groups[{j}]"))
        quotas = clean_quotas(c, r.get("quotas"), f"{f}.quotas")
        rounds.append({"key": key, "name": name, "proposals_due": due, "groups": groups,
                       **({"quotas": quotas} if quotas else {})})   # stored only when set
    return rounds


def _clean_group(c: Collector, g: dict, f: str) -> dict:
    name = one_line(c.text(g.get("name"), f"{f}.name", "group_name", required=True))
    problem = group_name_problem(name) if name and f"{f}.name" not in c.problems else None
    if problem:
        c.problems[f"{f}.name"] = problem
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
    criteria = [one_line(t) for t in lines(c, g.get("criteria"), f"{f}.criteria", "criteria", "criterion")]
    return {"name": name, "kind": kind, "criteria": criteria, "awards": awards}
