"""Admin pages: only admins; users, units and the body's settings, validated in Vietnamese."""
from __future__ import annotations

import re

from sqlalchemy import func, select

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


SETTINGS = {"name": "Ủy ban nhân dân huyện Càng Long", "name_lines": "ỦY BAN NHÂN DÂN\nHUYỆN CÀNG LONG",
            "parent_line": "", "place_name": "Càng Long", "abbreviation": "UBND", "collective": "y",
            "collective_title": "Ủy ban nhân dân", "head_title": "Chủ tịch", "deputy_title": "Phó Chủ tịch",
            "address": "", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "numbering_scheme": "per_type"}


def award_rows(*rows) -> dict:
    """The award table as the form posts it: awards-0-code, awards-0-label, awards-0-certificate, …"""
    return {f"awards-{i}-{key}": value for i, row in enumerate(rows)
            for key, value in zip(("code", "label", "certificate"), row)}


def test_organization_settings(world, as_user):
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    form = admin.get(url).get_data(as_text=True)
    assert 'value="giay_khen"' in form and "HUYỆN CÀNG LONG" in form
    data = {**SETTINGS, "numbering_scheme": "shared",
            **award_rows(("giay_khen", "Giấy khen", "giay_khen"), ("bang khen", "Bằng khen", ""))}
    bad = admin.post(url, data)
    assert bad.status_code == 422
    assert "Mã gồm chữ thường không dấu, chữ số và dấu gạch dưới" in bad.get_data(as_text=True)
    good = {**data, **award_rows(("giay_khen", "Giấy khen", "giay_khen"), ("bang_khen", "Bằng khen", ""))}
    assert admin.post(url, good).status_code == 303
    db.session.expire_all()
    org = db.session.get(Organization, world.district.id)
    assert org.awards == [{"code": "giay_khen", "label": "Giấy khen", "certificate": "giay_khen"},
                          {"code": "bang_khen", "label": "Bằng khen", "certificate": None}]
    assert org.numbering_scheme == "shared" and org.legal_bases == [
        {"text": data["legal_bases"], "in_force_from": None, "in_force_until": None}]
    assert re.search(r'<input[^>]* checked [^>]*type="radio" value="shared">', admin.get(url).get_data(as_text=True))
    unchosen = admin.post(url, {k: v for k, v in good.items() if k != "numbering_scheme"})
    assert unchosen.status_code == 422
    assert re.search(r'<legend[^>]*>Cách đánh số văn bản</legend>.*?<div class="invalid-feedback d-block">'
                     r'Chọn một cách đánh số.</div>\s*</fieldset>', unchosen.get_data(as_text=True), re.S)
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
            "address": "", "legal_bases": "", "numbering_scheme": "per_type",
            **award_rows(("giay_khen", "Giấy khen", "giay_khen"))}
    assert admin.post(url, {**data, "allow_combined_duties": "y"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.commune.id).allow_combined_duties is True
    assert "checked" in checkbox.search(admin.get(url).get_data(as_text=True)).group(0)
    assert admin.post(url, data).status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.commune.id).allow_combined_duties is False
    assert db.session.get(Organization, world.district.id).allow_combined_duties is False


def _cells(html: str) -> list[tuple[str, str, str]]:
    """(code, label, chosen certificate) of each row of the award table on the page."""
    rows = []
    for row in re.findall(r'<tr class="wf-award-row[^"]*">(.*?)</tr>', html, re.S):
        code = re.search(r'name="awards-\d+-code"[^>]*value="([^"]*)"', row)
        label = re.search(r'name="awards-\d+-label"[^>]*value="([^"]*)"', row)
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', row)
        rows.append((code.group(1) if code else "", label.group(1) if label else "",
                     next((g for g in chosen.groups() if g is not None), "") if chosen else ""))
    return rows


def test_the_award_list_is_a_table_each_award_with_its_certificate(world, as_user):
    """Issue 14, point 7 (and issue 13, point 1): the award list is edited as a table of code, name and
    certificate, rows added, moved and removed without JavaScript, and refused with the reason in its cell."""
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    page = admin.get(url).get_data(as_text=True)
    assert _cells(page) == [("giay_khen", "Giấy khen", "giay_khen"), ("lao_dong_tien_tien", "Lao động tiên tiến", ""),
                            ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so"),
                            ("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", "")]
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and "Không cấp giấy" in page     # no inline script (CSP)
    assert "Giấy chứng nhận danh hiệu “Chiến sĩ thi đua cơ sở”" in page
    rows = [("giay_khen", "Giấy khen", "giay_khen"), ("lao_dong_tien_tien", "Lao động tiên tiến", "")]

    added = admin.post(url, {**SETTINGS, **award_rows(*rows), "op": "add_awards"})       # nothing stored
    assert added.status_code == 200 and _cells(added.get_data(as_text=True)) == [*rows, ("", "", "")]
    moved = admin.post(url, {**SETTINGS, **award_rows(*rows), "op": "down_awards:0"})
    assert _cells(moved.get_data(as_text=True)) == [rows[1], rows[0]]
    removed = admin.post(url, {**SETTINGS, **award_rows(*rows), "op": "remove_awards:1"})
    assert _cells(removed.get_data(as_text=True)) == [rows[0]]
    db.session.expire_all()
    assert len(db.session.get(Organization, world.district.id).awards) == 4

    refused = admin.post(url, {**SETTINGS, **award_rows(
        ("giay_khen", "Giấy khen", "giay_khen"), ("giay_khen", "Giấy khen lần hai", ""),
        ("bang_khen", "  ", ""), ("", "", ""), ("x", "X", "bang_khen"))})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Thiết lập chưa hợp lệ" in html
    assert "Mã “giay_khen” trùng với dòng 1." in html
    assert "Chưa nhập tên hình thức khen thưởng." in html
    assert "Chọn một loại giấy trong danh sách." in html
    assert html.count("is-invalid") == 3
    assert _cells(html)[1] == ("giay_khen", "Giấy khen lần hai", "")          # what was typed stays

    saved = admin.post(url, {**SETTINGS, **award_rows(
        ("giay_khen", "Giấy khen", "giay_khen"), ("", "", ""),
        ("cstdcs", "Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so"))})
    assert saved.status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.district.id).awards == [
        {"code": "giay_khen", "label": "Giấy khen", "certificate": "giay_khen"},
        {"code": "cstdcs", "label": "Chiến sĩ thi đua cơ sở", "certificate": "chien_si_thi_dua_co_so"}]
    empty = admin.post(url, {**SETTINGS, **award_rows(("", "", ""))})
    assert empty.status_code == 422 and "Cần ít nhất một hình thức khen thưởng." in empty.get_data(as_text=True)


def test_a_body_abbreviation_is_letters_digits_and_hyphens(world, as_user):
    """It becomes part of every number (67/KH-UBND): `UB<b>ND` is refused with a reason."""
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    admin.get(url)
    data = {"name": "Ủy ban nhân dân huyện Càng Long", "name_lines": "ỦY BAN NHÂN DÂN\nHUYỆN CÀNG LONG",
            "parent_line": "", "place_name": "Càng Long", "collective": "y", "collective_title": "Ủy ban nhân dân",
            "head_title": "Chủ tịch", "deputy_title": "Phó Chủ tịch", "address": "",
            "legal_bases": "", "numbering_scheme": "per_type", **award_rows(("giay_khen", "Giấy khen", "giay_khen"))}
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


def test_a_user_needs_a_plain_username_and_a_role(world, as_user):
    """Issue 14, point 7: "Nguyễn An", "an truong" and an account with no role were stored silently."""
    admin = as_user("admin")
    admin.get("/admin/users/new")
    data = {"username": "an.truong", "full_name": "Nguyễn An", "position": "Chuyên viên",
            "organization_id": world.district.id, "unit_id": 0, "roles": ["drafter"], "password": "mat-khau-dai-1"}
    before = db.session.scalar(select(func.count()).select_from(User))
    for username in ("Nguyễn An", "an truong", "nguyễn.an", "Đ"):
        page = admin.post("/admin/users/new", {**data, "username": username})
        assert page.status_code == 422, username
        html = page.get_data(as_text=True)
        assert "Tên đăng nhập không hợp lệ." in html
        # the reason stands next to the username field (its feedback follows the input)
        assert re.search(r'name="username"[^>]*>\s*<div id="username-help" class="form-text">[^<]*</div>\s*'
                         r'<div class="invalid-feedback d-block">Chỉ gồm chữ thường không dấu', html), username
    no_role = admin.post("/admin/users/new", {key: value for key, value in data.items() if key != "roles"})
    assert no_role.status_code == 422
    html = no_role.get_data(as_text=True)
    assert "Tài khoản chưa có vai trò nào." in html
    assert re.search(r'<legend[^>]*>Vai trò</legend>.*?<div class="invalid-feedback d-block">Chọn ít nhất một '
                     r'vai trò.</div>\s*</fieldset>', html, re.S)
    both = admin.post("/admin/users/new", {**{k: v for k, v in data.items() if k != "roles"}, "username": "an truong"})
    html = both.get_data(as_text=True)
    assert both.status_code == 422 and "Chọn ít nhất một vai trò." in html and "Chỉ gồm chữ thường" in html
    assert db.session.scalar(select(func.count()).select_from(User)) == before

    created = db.session.scalar(select(User).where(User.username == "an.truong"))
    assert created is None
    assert admin.post("/admin/users/new", {**data, "username": "  An.Truong_2-x "}).status_code == 303
    assert db.session.scalar(select(User).where(User.username == "an.truong_2-x")) is not None


def test_editing_a_user_keeps_at_least_one_role(world, as_user):
    admin = as_user("admin")
    target = world.users["drafter"]
    admin.get(f"/admin/users/{target.id}")
    page = admin.post(f"/admin/users/{target.id}", {"full_name": target.full_name, "active": "y"})
    assert page.status_code == 422 and "Chọn ít nhất một vai trò." in page.get_data(as_text=True)
    db.session.expire_all()
    assert target.roles == {"drafter"}


def test_the_admin_marks_the_head_of_a_unit_who_signs_its_to_trinh(world, as_user):
    """Issue 13, point 5: a unit's head signs and submits its Tờ trình; one head per unit, in a unit."""
    admin = as_user("admin")
    nv = next(u for u in world.district.units if u.code == "NV")
    head, other = world.users["unit_head"], world.users["reviewer"]
    form = admin.get(f"/admin/users/{head.id}").get_data(as_text=True)
    assert 'name="heads_unit"' in form and "checked" in form[form.index('name="heads_unit"') - 200:
                                                               form.index('name="heads_unit"') + 200]
    data = {"full_name": other.full_name, "position": other.position, "unit_id": nv.id, "roles": ["reviewer"],
            "active": "y", "heads_unit": "y"}
    taken = admin.post(f"/admin/users/{other.id}", data)
    assert taken.status_code == 422 and "đã có trưởng đơn vị: Lê Văn Trưởng" in taken.get_data(as_text=True)
    assert admin.post(f"/admin/users/{head.id}", {"full_name": head.full_name, "position": head.position,
                                                   "unit_id": nv.id, "roles": ["drafter"],
                                                   "active": "y"}).status_code == 303   # unmarked
    assert admin.post(f"/admin/users/{other.id}", data).status_code == 303
    db.session.expire_all()
    assert (head.heads_unit, other.heads_unit) == (False, True)
    no_unit = admin.post(f"/admin/users/{world.users['approver'].id}", {
        "full_name": "Phạm Minh Tuấn", "position": "Phó Chủ tịch", "unit_id": 0, "roles": ["approver"],
        "active": "y", "heads_unit": "y"})
    assert no_unit.status_code == 422 and "phải thuộc một đơn vị" in no_unit.get_data(as_text=True)


DATED_BASES = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; | đến 30/06/2025\n"
               "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; | từ 01/07/2025\n"
               "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
               "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ; | từ 01/01/2024"
               " | đến 30/06/2025")


def _textarea(html: str, name: str) -> str:
    import html as html_lib
    raw = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', html, re.S).group(1)
    return html_lib.unescape(raw)


def test_legal_bases_with_their_dates_round_trip_through_the_settings(world, as_user, monkeypatch):
    """Issue 13, point 4b: each basis on its line, with optional "| từ …" and "| đến …" (the last
    day it applies); what is saved reads back exactly, and the page says which apply today."""
    from datetime import date

    from workflow_app.web.admin import settings as settings_view
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    data = {**SETTINGS, "legal_bases": DATED_BASES.replace("| đến 30/06/2025\n", "|đến ngày 30/6/2025\n\n", 1),
            **award_rows(("giay_khen", "Giấy khen", "giay_khen"))}
    assert admin.post(url, data).status_code == 303
    db.session.expire_all()
    org = db.session.get(Organization, world.district.id)
    assert org.legal_bases[0] == {"text": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                                  "in_force_from": None, "in_force_until": "2025-06-30"}
    assert org.legal_bases[2] == {"text": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                                  "in_force_from": None, "in_force_until": None}
    assert len(org.legal_bases) == 4
    monkeypatch.setattr(settings_view, "local_today", lambda: date(2025, 6, 30))
    page = admin.get(url).get_data(as_text=True)
    assert _textarea(page, "legal_bases") == DATED_BASES            # written back in the one canonical form
    today = re.search(r'<div[^>]*id="legal-bases-today"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert "30/06/2025" in today and "ngày 19 tháng 6 năm 2015" in today and "98/2023" in today
    assert "ngày 16 tháng 6 năm 2025" not in today
    assert admin.post(url, {**data, "legal_bases": _textarea(page, "legal_bases")}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.district.id).legal_bases == org.legal_bases


def test_bad_dates_of_a_legal_basis_are_refused_in_vietnamese_by_line(world, as_user):
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    before = list(db.session.get(Organization, world.district.id).legal_bases)
    bases = ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
             "Căn cứ Nghị định A; | từ 31/02/2025\n"
             "Căn cứ Nghị định B; | từ 01/07/2025 | đến 30/06/2025")
    refused = admin.post(url, {**SETTINGS, "legal_bases": bases, **award_rows(("giay_khen", "Giấy khen", "giay_khen"))})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Dòng 2: Ngày “31/02/2025” không có trên lịch." in page
    assert "Dòng 3: Ngày hết hiệu lực (30/06/2025) trước ngày có hiệu lực (01/07/2025)." in page
    assert _textarea(page, "legal_bases") == bases                  # what was typed stays to be corrected
    db.session.expire_all()
    assert db.session.get(Organization, world.district.id).legal_bases == before     # nothing saved
