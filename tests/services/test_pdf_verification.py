"""services/pdf_verification.py on real signatures (a throwaway CA, pyHanko signing): what a
signed PDF says of its signatures, and the verification QR stamped before anyone signs."""
from __future__ import annotations

from io import BytesIO

import pytest

from tests.verification_support import (
    add_page_after_signing,
    flip_a_signed_byte,
    make_ca,
    make_signer,
    minimal_pdf,
    sign,
)
from workflow_app.services import pdf_verification as pv

URL = "https://tdkt.example.vn/xac-thuc/Abc123_-xyz9QRst"


@pytest.fixture(scope="module")
def pki():
    ca = make_ca()
    return {"ca": ca, "leader": make_signer(ca, "Nguyễn Văn An - Chủ tịch"),
            "org": make_signer(ca, "Ủy ban nhân dân huyện Càng Long"), "stranger": make_ca("CA lạ")}


@pytest.fixture(scope="module")
def signed(pki):
    """Stamped, then signed by the approver (certification) and the body (approval), as issued."""
    stamped = pv.add_verification_qr(minimal_pdf(), URL)
    return sign(sign(stamped, pki["leader"]), pki["org"], "SigOrg")


def test_both_signatures_valid_with_their_roles(pki, signed):
    check = pv.check_signatures(signed, [pki["ca"].asn1])
    assert check.all_valid and not check.reasons and not check.altered
    assert [(s.field, s.signer, s.role, s.valid) for s in check.signatures] == [
        ("SigLeader", "Nguyễn Văn An - Chủ tịch", "approver", True),
        ("SigOrg", "Ủy ban nhân dân huyện Càng Long", "organization", True)]
    assert all(s.signed_at.endswith("+07:00") for s in check.signatures)


def test_a_flipped_byte_breaks_every_signature(pki, signed):
    check = pv.check_signatures(flip_a_signed_byte(signed), [pki["ca"].asn1])
    assert not check.all_valid and check.altered
    assert all(not s.valid and not s.intact for s in check.signatures)
    assert all(any(pv.ALTERED in r for r in s.reasons) for s in check.signatures)


def test_a_page_added_after_signing_is_caught(pki, signed):
    check = pv.check_signatures(add_page_after_signing(signed), [pki["ca"].asn1])
    assert not check.all_valid and check.altered
    leader = check.signatures[0]
    assert leader.intact and not leader.valid and leader.altered
    assert any("thêm vào sau chữ ký" in r for r in leader.reasons)
    # the file as signed is a prefix of the changed one: its hash is that of the issued file
    import hashlib
    assert check.signatures[-1].covered_sha256 == hashlib.sha256(signed).hexdigest()


def test_a_signer_from_an_untrusted_ca_is_not_valid(pki, signed):
    check = pv.check_signatures(signed, [pki["stranger"].asn1])
    assert not check.all_valid and not check.altered
    assert all(s.intact and not s.trusted and not s.valid for s in check.signatures)
    assert all(any("tin cậy" in r for r in s.reasons) for s in check.signatures)


def test_not_a_pdf_and_a_broken_pdf(pki):
    with pytest.raises(pv.NotAPdf):
        pv.check_signatures(b"PK\x03\x04 a docx perhaps", [])
    with pytest.raises(pv.NotAPdf):
        pv.check_signatures(b"", [])
    for broken in (b"%PDF-1.7\n garbage", minimal_pdf()[:200], b"%PDF-1.4\n" + b"\x00" * 5000):
        check = pv.check_signatures(broken, [pki["ca"].asn1])   # never raises
        assert check.signatures == [] or not check.all_valid


def test_the_work_is_bounded(pki, signed):
    few = pv.check_signatures(signed, [pki["ca"].asn1], max_signatures=1)
    assert len(few.signatures) == 1 and not few.complete and not few.all_valid and few.reasons
    late = pv.check_signatures(signed, [pki["ca"].asn1], deadline=-1)
    assert late.signatures == [] and not late.all_valid and "thời gian" in late.reasons[0]


def test_the_qr_is_stamped_on_page_one_in_an_incremental_update():
    from pyhanko.pdf_utils.reader import PdfFileReader

    original = minimal_pdf(pages=2)
    stamped = pv.add_verification_qr(original, URL)
    assert stamped.startswith(original)   # an incremental update: the converter's bytes untouched
    reader = PdfFileReader(BytesIO(stamped))
    page = reader.root["/Pages"]["/Kids"][0].get_object()
    links = [a.get_object() for a in page["/Annots"]]
    assert [(a["/Subtype"], a["/A"]["/URI"]) for a in links] == [("/Link", URL)]
    x1, y1, x2, y2 = (float(v) for v in links[0]["/Rect"])
    assert x1 < 60 and y1 < 60 and x2 - x1 == y2 - y1 == pv.QR_SIZE   # small, bottom-left margin
    contents = b"".join(ref.get_object().data for ref in page["/Contents"])
    assert contents.startswith(b"q\n") and b" re f" in contents   # the modules, as filled rectangles
    assert pv.LABEL_PATH.encode()[:40] in contents                  # "Xác thực văn bản", outlined
    second = reader.root["/Pages"]["/Kids"][1].get_object()
    assert "/Annots" not in second


def test_the_stamped_pdf_still_signs_and_validates(pki, tmp_path):
    stamped = pv.add_verification_qr(minimal_pdf(), URL)
    check = pv.check_signatures(sign(stamped, pki["leader"]), [pki["ca"].asn1])
    assert check.all_valid


def test_no_stamp_on_a_signed_pdf(pki, signed):
    with pytest.raises(ValueError, match="signed"):
        pv.add_verification_qr(signed, URL)
    with pytest.raises(ValueError):
        pv.add_verification_qr(b"%PDF-1.7 nothing", URL)


def test_too_many_pages_or_updates_are_not_checked(pki, signed, monkeypatch):
    monkeypatch.setattr(pv, "MAX_REVISIONS", 2)
    check = pv.check_signatures(signed, [pki["ca"].asn1])
    assert check.signatures == [] and not check.all_valid and "lần cập nhật" in check.reasons[0]
    monkeypatch.setattr(pv, "MAX_REVISIONS", 30)
    monkeypatch.setattr(pv, "MAX_PAGES", 1)
    check = pv.check_signatures(minimal_pdf(pages=2), [pki["ca"].asn1])
    assert not check.all_valid and "2 trang" in check.reasons[0]
