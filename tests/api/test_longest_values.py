"""Every value the API accepts goes through every step: each text field at its maximum length,
in ordinary Vietnamese words and in the characters that take the most bytes, from draft to issued,
and every generated file still passes the format checker."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.document_samples import check_format
from workflow_app.domain.validation import LIMITS

WORDS = "Thực hiện phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời ở xã An Trường "
WIDEST = "ữặệộựằẩẫậếềểễỗờởỡợừửỳỷỹỵ"     # three UTF-8 bytes each in NFC, the most a Vietnamese letter takes
STEPS = [("unit_head", "submit"), ("reviewer", "review"), ("approver", "approve"), ("archivist", "issue")]


def _filler(alphabet: str, offset: int):
    def at_most(limit: str) -> str:
        n = LIMITS[limit]
        text = (alphabet * (n // len(alphabet) + 2))[offset:offset + n]
        return text.strip().ljust(n, alphabet[0])       # no outer spaces: cleaning would shorten it
    return at_most


def _plan(full) -> dict:
    return {"kind": "plan", "title": full("title"), "body": {
        "legal_bases": [full("legal_basis")] * 2,
        "sections": [{"heading": full("heading"), "paragraphs": [full("paragraph"), full("paragraph")]}] * 2,
        "milestones": [{"name": full("milestone"), "due": "2025-12-31"}],
        "recipients": [full("recipient")] * 2}}


def _commendation(full, plan_id: int) -> dict:
    nominee = {"full_name": full("full_name"), "position": full("position"), "organization": full("organization"),
               "award": "giay_khen", "achievement": full("achievement")}
    return {"kind": "commendation", "title": full("title"), "body": {
        "plan_id": plan_id, "period": full("period"), "reason": full("reason"), "recipients": [full("recipient")]},
        "nominees": [{**nominee, "kind": "individual", "gender": "female"}, {**nominee, "kind": "collective"},
                     {**nominee, "kind": "individual"}]}


def _through_every_step(people, document: dict, caller_of_submit: str, full) -> dict:
    for role, transition in STEPS:
        caller = people[caller_of_submit if transition == "submit" else role]
        extra = {"comment": full("comment")}
        if transition == "review" and document["nominees"]:
            extra["nominees"] = [{"id": document["nominees"][0]["id"], "status": "rejected", "note": full("note")}]
        response = caller.fire(document, transition, **extra)
        assert response.status_code == 200, (transition, response.get_data(as_text=True)[:500])
        document = response.json
    assert document["state"] == "issued" and document["number"]
    return document


def _files_pass_the_checker(caller, document: dict, tmp_path) -> None:
    for draft in (True, False):
        paths = []
        for f in document["files"]:
            if (f["step"] != "issued") != draft or f["name"].startswith("giay-khen"):
                continue
            path = tmp_path / f"{f['id']}-{f['name']}"
            path.write_bytes(caller.get(f["url"]).data)
            paths.append(path)
        failures = {path: found for path, found in check_format(paths, draft=draft).items() if found}
        assert failures == {}


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(alphabet=st.sampled_from([WORDS, WIDEST]), offset=st.integers(0, 20))
def test_every_field_at_its_maximum_goes_from_draft_to_issued(world, caller, tmp_path, alphabet, offset):
    full = _filler(alphabet, offset)
    people = {role: caller(role) for role in ("drafter", "reviewer", "approver", "archivist", "commune_drafter",
                                              "unit_head", "commune_approver")}
    created = people["drafter"].post("/api/v1/documents", json=_plan(full))
    assert created.status_code == 201, created.json
    plan = _through_every_step(people, created.json, "unit_head", full)   # the unit's head signs its Tờ trình
    assert plan["title"] == full("title")
    _files_pass_the_checker(people["archivist"], plan, tmp_path)

    created = people["commune_drafter"].post("/api/v1/documents", json=_commendation(full, plan["id"]))
    assert created.status_code == 201, created.json
    decision = _through_every_step(people, created.json, "commune_approver", full)   # the commune's Chủ tịch
    assert [n["review_status"] for n in decision["nominees"]] == ["rejected", "accepted", "accepted"]
    _files_pass_the_checker(people["archivist"], decision, tmp_path)
