"""Digital signing in the pages (issue 16): the admin uploads a user's PKCS#12 and turns the body's
signing on; the approve confirmation asks for the PIN (its own partial), a wrong one is refused in
Vietnamese with nothing changed, the right one signs."""
from __future__ import annotations

import io
from datetime import datetime, timezone

from sqlalchemy import func, select

from tests.factories import advance, new_plan, snapshot
from tests.signing_support import PIN, sign_digitally
from workflow_app.extensions import db
from workflow_app.models import DocumentSignature, Organization, SigningCredential
from workflow_app.services import demo_pki, signatures


def test_the_admin_uploads_a_users_pkcs12_checked_by_its_pin_which_is_not_kept(world, as_user):
    now = datetime.now(timezone.utc)
    p12 = demo_pki.issue_pkcs12(demo_pki.make_ca(now), "Phạm Minh Tuấn", "1111", now)
    admin = as_user("admin")
    url = f"/admin/users/{world.users['approver'].id}/signing"
    assert "Chưa có chứng thư ký số" in admin.get(url).get_data(as_text=True)
    wrong = admin.post(url, {"pkcs12": (io.BytesIO(p12), "a.p12"), "pin": "2222"},
                       content_type="multipart/form-data")
    assert wrong.status_code == 422 and "Mã PIN không đúng" in wrong.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(SigningCredential)) == 0
    done = admin.post(url, {"pkcs12": (io.BytesIO(p12), "a.p12"), "pin": "1111"},
                      content_type="multipart/form-data")
    assert done.status_code == 303
    stored = signatures.personal_credential(world.users["approver"])
    assert stored.pkcs12 == p12 and stored.subject == "Phạm Minh Tuấn"   # as uploaded: encrypted by its PIN
    assert b"1111" not in stored.pkcs12
    assert "Phạm Minh Tuấn" in admin.get(url).get_data(as_text=True)


def test_the_admin_turns_signing_on_only_with_a_seal(world, as_user):
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}/signing"
    refused = admin.post(url, {"signs_digitally": "y"})
    assert refused.status_code == 422 and "chứng thư ký số của cơ quan" in refused.get_data(as_text=True)
    now = datetime.now(timezone.utc)
    seal = demo_pki.issue_pkcs12(demo_pki.make_ca(now), world.district.name, "9", now)
    done = admin.post(url, {"signs_digitally": "y", "pkcs12": (io.BytesIO(seal), "seal.p12"), "pin": "9"},
                      content_type="multipart/form-data")
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.district.id).signs_digitally


def test_approve_page_asks_for_the_pin_and_a_wrong_one_changes_nothing(world, as_user):
    sign_digitally(world)
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    approver = as_user("approver")
    page = approver.get(f"/documents/{plan.id}/transitions/approve").get_data(as_text=True)
    assert 'id="approve-signing_pin"' in page and 'type="password"' in page
    before = snapshot(plan.id)
    wrong = approver.post(f"/documents/{plan.id}/transitions/approve", {"version": plan.version,
                                                                         "signing_pin": "000000"})
    assert wrong.status_code == 422 and "Mã PIN ký số không đúng" in wrong.get_data(as_text=True)
    assert snapshot(plan.id) == before
    done = approver.post(f"/documents/{plan.id}/transitions/approve", {"version": plan.version, "signing_pin": PIN})
    assert done.status_code == 303
    signature = db.session.scalar(select(DocumentSignature))
    assert signature.role == "approver"
    pdf = approver.get(f"/files/{signature.file_id}/pdf")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    [report] = signatures.validate(pdf.data)
    assert report.ok and report.signer == "Phạm Minh Tuấn"
    shown = approver.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "Đã ký số" in shown and f'href="/files/{signature.file_id}/pdf"' in shown
    # the file list offers no "Tạo bản PDF" for it (never sent to LibreOffice); only the preview
    # offers to make its page images (tests/web/test_signed_page_preview.py)
    retry = f'action="/pdfs/{signature.file_id}/retry"'
    assert shown.count(retry) == 1
    assert retry in shown[shown.index(f'id="pages-of-{signature.file_id}"'):].split("</div>", 1)[0]


def test_a_body_that_does_not_sign_shows_no_pin(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    page = as_user("approver").get(f"/documents/{plan.id}/transitions/approve").get_data(as_text=True)
    assert "signing_pin" not in page


def test_an_expired_certificate_is_refused_at_upload(world, as_user):
    from datetime import timedelta
    long_ago = datetime.now(timezone.utc) - timedelta(days=365 * 5)
    p12 = demo_pki.issue_pkcs12(demo_pki.make_ca(long_ago), "Phạm Minh Tuấn", "1111", long_ago, years=1)
    refused = as_user("admin").post(f"/admin/users/{world.users['approver'].id}/signing",
                                    {"pkcs12": (io.BytesIO(p12), "old.p12"), "pin": "1111"},
                                    content_type="multipart/form-data")
    assert refused.status_code == 422 and "hết hiệu lực" in refused.get_data(as_text=True)
    assert signatures.personal_credential(world.users["approver"]) is None
