"""Issue 14, point 7: the services refuse a username with spaces or diacritics and a user with no
role, whoever calls them (web form, CLI, seed, a future API)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from workflow_app.domain.errors import ValidationFailed
from workflow_app.extensions import db
from workflow_app.models import User
from workflow_app.services import accounts
from workflow_app.services import admin as admin_service


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


@pytest.mark.parametrize("username", ["Nguyễn An", "an truong", "nguyễn.an", "an\ttruong", "", "   ",
                                      ".an", "-an", "an@ubnd", "a" * 65])
def test_a_username_is_plain_ascii(world, username):
    before = _count()
    with pytest.raises(ValidationFailed) as refused:
        accounts.create_user(username, "mat-khau-dai-1", full_name="Nguyễn An",
                             organization=world.district, roles=["drafter"])
    assert refused.value.message == "Tên đăng nhập không hợp lệ."
    assert "drafter.antruong" in refused.value.fields["username"]
    with pytest.raises(ValidationFailed) as refused:
        admin_service.create_user(world.users["admin"], username=username, password="mat-khau-dai-1",
                                  full_name="Nguyễn An", position="", organization_id=world.district.id,
                                  unit_id=None, roles=["drafter"])
    assert set(refused.value.fields) == {"username"}
    assert _count() == before


def test_plain_usernames_are_taken_and_folded_to_lowercase(world):
    for typed, stored in (("drafter.antruong2", "drafter.antruong2"), (" An_Truong-3 ", "an_truong-3"),
                          ("9x", "9x"), ("a" * 64, "a" * 64)):
        user = accounts.create_user(typed, "mat-khau-dai-1", full_name="Nguyễn An",
                                    organization=world.district, roles=["drafter"])
        assert user.username == stored


def test_a_user_needs_a_role(world):
    before = _count()
    for roles in ([], (), None):
        with pytest.raises(ValidationFailed) as refused:
            accounts.create_user("an.truong", "mat-khau-dai-1", full_name="Nguyễn An",
                                 organization=world.district, roles=roles)
        assert refused.value.fields == {"roles": "Chọn ít nhất một vai trò."}
    with pytest.raises(ValidationFailed) as refused:
        admin_service.create_user(world.users["admin"], username="An Trường", password="mat-khau-dai-1",
                                  full_name="", position="", organization_id=world.district.id,
                                  unit_id=None, roles=[])
    assert set(refused.value.fields) == {"username", "roles", "full_name"}   # all at once
    assert _count() == before

    target = world.users["drafter"]
    with pytest.raises(ValidationFailed) as refused:
        admin_service.update_user(world.users["admin"], target, full_name=target.full_name, position="",
                                  unit_id=None, roles=[], active=True)
    assert refused.value.fields == {"roles": "Chọn ít nhất một vai trò."}
    db.session.rollback()
    assert target.roles == {"drafter"}
