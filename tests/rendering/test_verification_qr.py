"""The verification QR on a real issued PDF (LibreOffice's PDF/A-2b): stamped on page 1 in the
bottom-left margin, the file still PDF/A-2b with its pages, the stamp visible when rendered, and
the stamped PDF signs and validates (the signing comes after the stamp)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.factories import advance, new_plan
from tests.pdf_support import is_pdfa_2b, pdf_pages, pdf_settings
from tests.rendering.libreoffice import skip_without_tools
from tests.verification_support import code_of, links_on_page_one, make_ca, make_signer, sign
from workflow_app.services import pdf_renditions, pdf_verification

pytestmark = pytest.mark.libreoffice
skip_without_tools()


def _dark_pixels(pdf: bytes, tmp_path, *, x: int, y: int, w: int, h: int) -> int:
    """Dark pixels in a region of page 1 rendered at 72 dpi (1 px = 1 pt, y from the top)."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-gray",
                    "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), str(path), str(tmp_path / "crop")],
                   check=True, timeout=60)
    data = next(tmp_path.glob("crop*.pgm")).read_bytes()
    pixels = data.split(b"\n", 3)[3]   # P5 header: magic, size, max value
    return sum(1 for value in pixels if value < 128)


def test_an_issued_pdf_carries_the_qr_and_still_signs(app, world, tmp_path):
    app.config["PUBLIC_URL"] = "https://tdkt.example.vn"
    try:
        with pdf_settings(app, PDF_QUEUE="eager"):
            plan = new_plan(world)
            advance(world, plan, "issued", generate=True)
    finally:
        app.config["PUBLIC_URL"] = ""
    issued = next(f for f in plan.files if f.step == "issued")
    rendition = pdf_renditions.of_file(issued.id, with_content=True)
    code = code_of(issued.id)
    assert rendition.status == "ready" and code
    pdf = rendition.content
    assert links_on_page_one(pdf) == [f"https://tdkt.example.vn/xac-thuc/{code}"]
    assert is_pdfa_2b(pdf, tmp_path) and pdf_pages(pdf, tmp_path) == rendition.pages
    height = 842   # A4
    qr_x, qr_y = pdf_verification.QR_MARGIN
    size = int(pdf_verification.QR_SIZE)
    top = height - int(qr_y) - size
    assert _dark_pixels(pdf, tmp_path, x=int(qr_x), y=top, w=size, h=size) > size * size // 5   # the QR
    assert _dark_pixels(pdf, tmp_path, x=int(qr_x) + size + 2, y=top + size - 10, w=55, h=10) > 20   # its label

    ca = make_ca()
    signed = sign(pdf, make_signer(ca, "Nguyễn Văn An - Chủ tịch"))
    assert pdf_verification.check_signatures(signed, [ca.asn1]).all_valid
