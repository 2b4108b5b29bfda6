"""Admin pages: only admins; users, units and the body's settings, validated in Vietnamese."""
from __future__ import annotations

import re

from sqlalchemy import select

from tests.web.conftest import Browser
from workflow_app.extensions import db
from workflow_app.models import Organization, User


def test_only_admins(world, as_user):
    for url in ("/admin/users", "/admin/units", f"/admin/organizations/{world.district.id}"):
        response = as_user("drafter").get(url)
        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.get_data(as_text=True)


def test_create_and_edit_a_user(world, as_user):
    admin = as_user("admin")
    admin.get("/admin/users/new")
    unit = next(u for u in world.district.units if u.code == "NV")
    data = {"username": "chuyenvien2", "full_name": "Lê Thị Mai", "position": "Chuyên viên",
            "organization_id": world.district.id, "unit_id": unit.id, "roles": ["drafter"], "password": "ngan"}
    short = admin.post("/admin/users/new", data)
    assert short.status_code == 422 and "Ít nhất 8 ký tự." in short.get_data(as_text=True)
    assert admin.post("/admin/users/new", {**data, "password": "mat-khau-dai-1"}).status_code == 303
    created = db.session.scalar(select(User).where(User.username == "chuyenvien2"))
    assert created.roles == {"drafter"} and created.unit_id == unit.id
    assert Browser(admin.app).login("chuyenvien2", "mat-khau-dai-1")

    admin.get(f"/admin/users/{created.id}")
    edited = admin.post(f"/admin/users/{created.id}", {"full_name": "Lê Thị Mai", "position": "Phó Trưởng phòng",
                                                        "unit_id": unit.id, "roles": ["drafter", "reviewer"],
                                                        "active": "y"})
    assert edited.status_code == 303
    db.session.expire_all()
    assert created.roles == {"drafter", "reviewer"} and created.position == "Phó Trưởng phòng"


def test_admin_cannot_lock_themselves_out(world, as_user):
    admin = as_user("admin")
    me = world.users["admin"]
    admin.get(f"/admin/users/{me.id}")
    response = admin.post(f"/admin/users/{me.id}", {"full_name": "Quản trị", "roles": ["drafter"], "active": "y"})
    assert response.status_code == 422
    assert "Không thể tự bỏ quyền quản trị" in response.get_data(as_text=True)


def test_units(world, as_user):
    admin = as_user("admin")
    admin.get(f"/admin/organizations/{world.district.id}/units/new")
    duplicate = admin.post(f"/admin/organizations/{world.district.id}/units/new",
                           {"code": "NV", "name": "Trùng", "abbreviation": "T"})
    assert duplicate.status_code == 422 and "Mã đã có trong cơ quan." in duplicate.get_data(as_text=True)
    created = admin.post(f"/admin/organizations/{world.district.id}/units/new",
                         {"code": "TCKH", "name": "Phòng Tài chính - Kế hoạch", "abbreviation": "TCKH"})
    assert created.status_code == 303
    assert "Phòng Tài chính - Kế hoạch" in admin.get("/admin/units").get_data(as_text=True)


def test_organization_settings(world, as_user):
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    form = admin.get(url).get_data(as_text=True)
    assert "giay_khen | Giấy khen" in form and "HUYỆN CÀNG LONG" in form
    data = {"name": "Ủy ban nhân dân huyện Càng Long", "name_lines": "ỦY BAN NHÂN DÂN\nHUYỆN CÀNG LONG",
            "parent_line": "", "place_name": "Càng Long", "abbreviation": "UBND", "collective": "y",
            "collective_title": "Ủy ban nhân dân", "head_title": "Chủ tịch", "deputy_title": "Phó Chủ tịch",
            "address": "", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "awards": "giay_khen | Giấy khen\nbang khen | Bằng khen", "numbering_scheme": "shared"}
    bad = admin.post(url, data)
    assert bad.status_code == 422
    assert "Dòng 2: Dạng “ma_khong_dau | Tên hình thức”." in bad.get_data(as_text=True)
    assert admin.post(url, {**data, "awards": "giay_khen | Giấy khen\nbang_khen | Bằng khen"}).status_code == 303
    db.session.expire_all()
    org = db.session.get(Organization, world.district.id)
    assert org.awards == [{"code": "giay_khen", "label": "Giấy khen"}, {"code": "bang_khen", "label": "Bằng khen"}]
    assert org.numbering_scheme == "shared" and org.legal_bases == [data["legal_bases"]]
    other = as_user("admin").get("/admin/organizations/999999")
    assert other.status_code == 404


def test_a_body_allows_combined_duties_only_when_its_admin_says_so(world, as_user):
    """Issue 12, point 4: off by default; the checkbox turns it on and off again."""
    admin = as_user("admin")
    url = f"/admin/organizations/{world.commune.id}"
    form = admin.get(url).get_data(as_text=True)
    assert "Cho phép kiêm nhiệm (cơ quan ít người)" in form
    checkbox = re.compile(r'<input[^>]*name="allow_combined_duties"[^>]*>')
    assert "checked" not in checkbox.search(form).group(0)
    data = {"name": world.commune.name, "name_lines": "ỦY BAN NHÂN DÂN\nXÃ AN TRƯỜNG", "parent_line": "",
            "place_name": "An Trường", "abbreviation": "UBND", "collective": "y",
            "collective_title": "Ủy ban nhân dân", "head_title": "Chủ tịch", "deputy_title": "Phó Chủ tịch",
            "address": "", "legal_bases": "", "awards": "giay_khen | Giấy khen", "numbering_scheme": "per_type"}
    assert admin.post(url, {**data, "allow_combined_duties": "y"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.commune.id).allow_combined_duties is True
    assert "checked" in checkbox.search(admin.get(url).get_data(as_text=True)).group(0)
    assert admin.post(url, data).status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.commune.id).allow_combined_duties is False
    assert db.session.get(Organization, world.district.id).allow_combined_duties is False


def test_a_body_abbreviation_is_letters_digits_and_hyphens(world, as_user):
    """It becomes part of every number (67/KH-UBND): `UB<b>ND` is refused with a reason."""
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    admin.get(url)
    data = {"name": "Ủy ban nhân dân huyện Càng Long", "name_lines": "ỦY BAN NHÂN DÂN\nHUYỆN CÀNG LONG",
            "parent_line": "", "place_name": "Càng Long", "collective": "y", "collective_title": "Ủy ban nhân dân",
            "head_title": "Chủ tịch", "deputy_title": "Phó Chủ tịch", "address": "",
            "legal_bases": "", "awards": "giay_khen | Giấy khen", "numbering_scheme": "per_type"}
    for bad in ("UB<b>ND", "UBND/VP", "UB ND", "-UBND", "UBND-", "UBND--VP", "UBND.", "UBND&amp;"):
        response = admin.post(url, {**data, "abbreviation": bad})
        assert response.status_code == 422, bad
        html = response.get_data(as_text=True)
        assert "Chỉ gồm chữ cái (kể cả Đ), chữ số và dấu gạch ngang" in html, bad
        assert "<b>ND" not in html
        db.session.expire_all()
        assert db.session.get(Organization, world.district.id).abbreviation == "UBND"
    for good in ("UBND-VP", "HĐND", "ĐU", "UBND2", "ubnd"):
        assert admin.post(url, {**data, "abbreviation": good}).status_code == 303, good
        db.session.expire_all()
        assert db.session.get(Organization, world.district.id).abbreviation == good
