"""The font of the number and date filled in at issue (services/pdf_fonts.py): cut and measured
once, written into each PDF as an embedded subset that text extraction reads, with the widths of
the font it comes from; the seal over them still validates."""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from tests.verification_support import make_ca, make_signer, minimal_pdf
from workflow_app.services import pdf_fonts, pdf_signing, pdf_verification
from workflow_app.services.pdf_signing import Appearance

DAY = "ngày 05 tháng 12 năm 2026"


def test_the_cut_keeps_the_fonts_own_widths_and_maps_every_letter():
    from fontTools.ttLib import TTFont
    source = TTFont(io.BytesIO(pdf_fonts._font("italic")[1]))
    cmap, metrics = source.getBestCmap(), source["hmtx"].metrics
    cut = pdf_fonts._cut("italic", "".join(sorted(set(DAY) | set("0123456789"))))
    for ch in set(DAY) | set("0123456789"):
        assert cut.gids[ch] > 0, ch
        assert cut.widths[cut.gids[ch]] == metrics[cmap[ord(ch)]][0], ch
    assert "Q" not in cut.gids   # only what a day's phrase needs


def test_a_letter_outside_the_cut_is_drawn_as_notdef_not_dropped():
    from pyhanko.pdf_utils.writer import PdfFileWriter
    engine = pdf_fonts.CutFontFactory("regular", "0123456789").create_font_engine(PdfFileWriter())
    shaped = engine.shape("1Q2")
    assert b"<" + f"{pdf_fonts._cut('regular', '0123456789').gids['1']:04x}".encode() + b"0000" in shaped.graphics_ops
    assert b"/ActualText" in shaped.graphics_ops
    assert shaped.x_advance > 0


@pytest.fixture
def filled_and_sealed():
    ca = make_ca()
    pdf = pdf_signing.prepare(minimal_pdf(), pdf_signing.find_layout(minimal_pdf()))
    approver = make_signer(ca, "Nguyễn Văn An")
    certified = pdf_signing.sign(pdf, approver, pdf_signing.LEADER_FIELD, Appearance("Ký bởi: Nguyễn Văn An"),
                                 certify=True)
    seal = make_signer(ca, "Ủy ban nhân dân huyện Càng Long")
    sealed = pdf_signing.sign(certified, seal, pdf_signing.ORG_FIELD, Appearance("", image_png=pdf_signing.seal_png()),
                              fill={pdf_signing.NUMBER_FIELD: "67", pdf_signing.DATE_FIELD: DAY})
    return sealed, ca


@pytest.mark.skipif(shutil.which("pdffonts") is None or shutil.which("pdftotext") is None, reason="poppler-utils")
def test_the_filled_number_and_day_are_embedded_read_as_text_and_sealed(filled_and_sealed, tmp_path):
    sealed, ca = filled_and_sealed
    path = tmp_path / "sealed.pdf"
    path.write_bytes(sealed)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cut = [line.split() for line in fonts.splitlines() if "Identity-H" in line and "CID TrueType" in line]
    assert len(cut) >= 2   # the number's (regular) and the day's (italic), besides the appearance's
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in cut), fonts   # embedded, subset, ToUnicode
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "67" in text and DAY in text
    check = pdf_verification.check_signatures(sealed, [ca.asn1])
    assert check.all_valid and len(check.signatures) == 2 and not check.altered, check.reasons
