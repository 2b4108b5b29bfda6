"""Services take whatever people type: control characters and odd values are refused or ignored,
never a database error (PostgreSQL refuses NUL bytes in text)."""
import pytest

from tests.factories import advance, new_plan
from workflow_app.domain.errors import NotFound, ValidationFailed
from workflow_app.services import documents, files, register, verification


def test_control_characters_in_a_search_are_ignored(world):
    plan = new_plan(world, title="Kế hoạch thi đua")
    assert [d.id for d in documents.search(world.users["drafter"], q="thi\x00 đua\x07").items] == [plan.id]


def test_control_characters_in_a_register_series_are_ignored(world):
    plan = new_plan(world)
    advance(world, plan, "issued")
    found = register.entries(world.users["archivist"], plan.issued_on.year, "K\x00H")
    assert [e.document_id for e in found] == [plan.id]


@pytest.mark.parametrize("candidate", ["\x00" * 64, "z" * 64, " " * 64, "é" * 64, None, 64])
def test_anything_but_a_hex_digest_is_simply_not_verified(world, candidate):
    assert verification.report_for_hash(candidate) is None
    assert verification.report_for_code(candidate) is None


@pytest.mark.parametrize("too_big", [2**31, 10**10, 2**63, 10**30])
def test_ids_beyond_any_row_are_not_found(world, too_big):
    with pytest.raises(NotFound):
        documents.get_visible(too_big, world.users["admin"])
    with pytest.raises(NotFound):
        files.get_visible_file(too_big, world.users["admin"])


def test_a_plan_id_beyond_any_row_is_not_a_plan(world):
    with pytest.raises(ValidationFailed) as refused:
        documents.create(world.users["commune_drafter"], {
            "kind": "commendation", "title": "Đề nghị khen thưởng", "body": {"plan_id": 10**12}})
    assert "body.plan_id" in refused.value.fields
