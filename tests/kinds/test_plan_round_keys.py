"""Issue 15, point 8: every round name the API accepts gets a key when none is sent: one made of
its letters and digits (also circled and full-width ones), distinct from its plan's other rounds';
only a key the drafter sent twice is refused."""
from __future__ import annotations

from workflow_app.domain.validation import LIMITS, Collector
from workflow_app.kinds.plan.rounds import clean_rounds

GROUPS = [{"name": "Cá nhân", "kind": "individual", "awards": ["giay_khen"]}]


def _keys(*rounds: dict) -> tuple[list[str], dict]:
    c = Collector({"giay_khen"})
    cleaned = clean_rounds(c, [{"proposals_due": "2026-10-31", "groups": GROUPS, **r} for r in rounds])
    return [r["key"] for r in cleaned], c.problems


def test_names_of_no_letters_or_the_same_letters_get_distinct_keys():
    assert _keys({"name": "“…”"}, {"name": "— « » —"}) == (["dot-1", "dot-2"], {})
    assert _keys({"name": "Sơ kết 2025"}, {"name": "Sơ kết – 2025"}, {"name": "SƠ KẾT 2025!"}) == (
        ["so-ket-2025", "so-ket-2025-2", "so-ket-2025-3"], {})
    assert _keys({"name": "Đợt ① năm ２０２６"}) == (["dot-1-nam-2026"], {})


def test_a_long_name_keeps_its_key_within_the_limit_even_when_numbered():
    long = ("Tổng kết giai đoạn " * 20)[:LIMITS["round_name"] - 1]
    keys, problems = _keys({"name": long}, {"name": long + "!"})
    assert problems == {} and len(set(keys)) == 2
    assert all(len(k) <= LIMITS["round_key"] and not k.endswith("-") for k in keys)


def test_a_key_sent_twice_is_still_refused():
    keys, problems = _keys({"name": "Một", "key": "dot-mot"}, {"name": "Hai", "key": "dot-mot"})
    assert problems == {"body.rounds[1].key": "Trùng mã đợt “dot-mot” với một đợt khác của kế hoạch."}
    # a sent key wins over one made from a name: the made one moves aside
    assert _keys({"name": "So ket"}, {"name": "Khác", "key": "so-ket"}) == (["so-ket-2", "so-ket"], {})
