"""PAdES signatures on a rendered PDF with pyHanko; knows nothing of documents, the database or Flask.

The flow (docs: /work/shared/notes/signing.md §0, Decree 30/2020 Art. 14, 32):

1. `prepare(pdf)`: one incremental update adds every field the document will ever get, before the
   first signature (pyHanko's diff analysis refuses new text fields after any signature, and new
   visible signature fields after a certification one): the text fields `so_ky_hieu` (in the gap
   of "Số:    /KH-UBND") and `ngay_ban_hanh` (over "ngày    tháng 12 năm 2026": filled at issue
   with the issue date on a white ground, as the month may have changed since), the signature
   field `SigLeader` (ô 7c, between the signer's position and name) and `SigOrg` (the seal, over
   the left third of SigLeader).
2. `sign(..., certify=True)`: the approver signs SigLeader as a certification signature that lets
   forms be filled (DocMDP P=2, FILL_FORMS).
3. `sign(..., fill={...})`: at issue, the number and date are filled and SigOrg signed in one
   incremental update (an approval signature): the first signature stays valid (FORM_FILLING).

Positions come from the words poppler's `pdftotext -bbox` finds in the PDF (fixed A4 places when
it is missing or finds nothing). Appearances use the Vietnamese fonts of pdf_fonts.
"""
from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from . import no_event_loop, pdf_fonts, upstream_fixes
from .pdf_fonts import appearance_font

LEADER_FIELD, ORG_FIELD = "SigLeader", "SigOrg"
NUMBER_FIELD, DATE_FIELD = "so_ky_hieu", "ngay_ban_hanh"
SEAL_SIZE = 100.0        # points (~35 mm): the seal at about its real size
LEADER_BOX = (150.0, 62.0)
# Room for the CMS signature (certificate chain included), in hex digits (two per byte): given,
# pyHanko skips signing a test container to measure it, which took a third of a signature's time.
# At least BYTES_RESERVED; more when the signer's certificates need it (reserved_for): a national
# CA's chain of three RSA-4096 certificates is about 5 KB, 10 000 hex digits.
BYTES_RESERVED = 8192
CMS_OVERHEAD = 3072   # bytes beside the certificates: signature value (RSA-8192: 1 KB), signed attributes, framing
# More room when a TSA's token goes in (PAdES B-T): the token is a signed structure of its own with
# the TSA's certificates (a national TSA's chain of RSA-4096 certificates: ~6 KB).
TIMESTAMP_RESERVED = 2 * 8192   # hex digits


def reserved_for(cms_signer) -> int | None:
    """Hex digits to reserve for `cms_signer`'s signature: its certificates (all go into the
    signature) plus CMS_OVERHEAD, at least BYTES_RESERVED."""
    try:
        certs = [cms_signer.signing_cert, *(cms_signer.cert_registry or ())]
        size = sum(len(c.dump()) for c in certs if c is not None) + CMS_OVERHEAD
    except Exception:   # noqa: BLE001 - a signer without these attributes (a token): pyHanko measures
        return None
    return max(BYTES_RESERVED, 2 * size)


class SigningError(Exception):
    """The PDF could not be prepared or signed (a broken PDF, a field missing)."""


@dataclass(frozen=True)
class Box:
    page: int            # 0-based
    x1: float
    y1: float
    x2: float
    y2: float

    def rect(self) -> tuple[float, float, float, float]:
        return (round(self.x1, 2), round(self.y1, 2), round(self.x2, 2), round(self.y2, 2))


@dataclass(frozen=True)
class Appearance:
    """What a visible signature shows: lines of text, over an optional PNG (the seal)."""
    text: str
    image_png: bytes | None = None
    font_size: int = 7
    color: tuple[float, float, float] = (0.0, 0.2, 0.7)   # blue: the signer's own signature is blue


@dataclass(frozen=True)
class Layout:
    number: Box
    day: Box
    leader: Box
    org: Box


# ---------------------------------------------------------------- where the fields go

@dataclass(frozen=True)
class _Word:
    page: int
    text: str
    x1: float
    top: float
    x2: float
    bottom: float
    page_height: float


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def _words(pdf: bytes) -> list[_Word]:
    tool = shutil.which("pdftotext")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(pdf)
        try:
            out = subprocess.run([tool, "-bbox", str(path), "-"], capture_output=True, timeout=60,
                                 check=True).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.SubprocessError):
            return []
    found = []
    for index, page in enumerate(_PAGE.finditer(out)):
        height = float(page.group(2))
        for w in _WORD.finditer(page.group(3)):
            found.append(_Word(index, html.unescape(w.group(5)), float(w.group(1)), float(w.group(2)),
                               float(w.group(3)), float(w.group(4)), height))
    return found


def _pdf_box(word_page: int, height: float, x1: float, top: float, x2: float, bottom: float) -> Box:
    """A box from pdftotext's top-left coordinates to PDF's bottom-left ones."""
    return Box(word_page, x1, height - bottom, x2, height - top)


def find_layout(pdf: bytes, signer_name: str = "") -> Layout:
    """Where the fields go in this PDF (see the module docstring); fixed A4 places as a fallback."""
    words = _words(pdf)
    first = [w for w in words if w.page == 0]
    number = day = leader = None
    for i, w in enumerate(first):
        if number is None and w.text == "Số:" and i + 1 < len(first) and first[i + 1].text.startswith("/"):
            after = first[i + 1]
            number = _pdf_box(0, w.page_height, w.x2 + 1, w.top - 1, after.x1 - 0.5, w.bottom + 1)
        if day is None and w.text == "ngày" and i + 4 < len(first) and first[i + 1].text == "tháng" \
                and first[i + 3].text == "năm":
            year = first[i + 4]   # the whole "ngày    tháng 12 năm 2026": the month may change by the issue
            day = _pdf_box(0, w.page_height, w.x1 - 1, w.top - 1.5, year.x2 + 3, w.bottom + 1.5)
    name_words = signer_name.split()
    if name_words and words:
        for i in range(len(words) - len(name_words), -1, -1):   # the last occurrence: the signature block
            if [w.text for w in words[i:i + len(name_words)]] == name_words:
                first_w, last_w = words[i], words[i + len(name_words) - 1]
                centre = (first_w.x1 + last_w.x2) / 2
                above = [w for w in words[:i] if w.page == first_w.page and w.bottom < first_w.top - 2
                         and abs((w.x1 + w.x2) / 2 - centre) < 120]
                top_limit = max((w.bottom for w in above), default=first_w.top - LEADER_BOX[1] - 8)
                gap_top, gap_bottom = top_limit + 2, first_w.top - 2
                height = min(LEADER_BOX[1], max(gap_bottom - gap_top, 30.0))
                middle = (gap_top + gap_bottom) / 2
                leader = _pdf_box(first_w.page, first_w.page_height, centre - LEADER_BOX[0] / 2,
                                  middle - height / 2, centre + LEADER_BOX[0] / 2, middle + height / 2)
                break
    last_page = max((w.page for w in words), default=0)
    number = number or Box(0, 95, 748, 125, 762)
    day = day or Box(0, 330, 748, 530, 762)
    leader = leader or Box(last_page, 360, 120, 510, 182)
    third = (leader.x2 - leader.x1) / 3
    cy = (leader.y1 + leader.y2) / 2
    org = Box(leader.page, leader.x1 + third - SEAL_SIZE, cy - SEAL_SIZE / 2, leader.x1 + third, cy + SEAL_SIZE / 2)
    return Layout(number, day, leader, org)


# ---------------------------------------------------------------- images

@lru_cache(maxsize=4)   # drawn and encoded once, not at every issue (bytes: never changed by a caller)
def seal_png(lines: tuple[str, ...] = (), size: int = 400) -> bytes:
    """A red seal-like round stamp with a star (demo only: a real body scans its own seal)."""
    from PIL import Image, ImageDraw
    red = (200, 16, 32, 235)
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((6, 6, size - 6, size - 6), outline=red, width=12)
    d.ellipse((34, 34, size - 34, size - 34), outline=red, width=5)
    c, r_out, r_in = size / 2, size * 0.17, size * 0.07
    import math
    points = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        points.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(points, fill=red)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


# ---------------------------------------------------------------- prepare, sign, fill

def _text_field(writer, name: str, box: Box):
    """An empty text field (pyHanko makes only signature fields): widget on the page, listed in the
    AcroForm, read-only once filled (populate_static_text_field)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    page_ref = writer.find_page_for_modification(box.page)[0]
    page = page_ref.get_object()
    empty_ap = writer.add_object(generic.StreamObject(
        {pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
         pdf_name("/BBox"): generic.ArrayObject([generic.FloatObject(0), generic.FloatObject(0),
                                                 generic.FloatObject(box.x2 - box.x1),
                                                 generic.FloatObject(box.y2 - box.y1)])}, stream_data=b""))
    field = generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Tx"), pdf_name("/T"): generic.TextStringObject(name),
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/F"): generic.NumberObject(4),
        pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in box.rect()]),
        pdf_name("/P"): page_ref, pdf_name("/DA"): generic.TextStringObject("/Helv 0 Tf 0 g"),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): empty_ap}),
    })
    ref = writer.add_object(field)
    if "/Annots" not in page:
        page[pdf_name("/Annots")] = generic.ArrayObject([ref])
    else:
        annots = page["/Annots"]
        annots.append(ref)
        writer.update_container(annots)
    writer.update_container(page)
    return ref


def prepare(pdf: bytes, layout: Layout) -> bytes:
    """The PDF with its four fields (see the module docstring), in one incremental update."""
    upstream_fixes.install()
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        refs = [_text_field(writer, NUMBER_FIELD, layout.number), _text_field(writer, DATE_FIELD, layout.day)]
        root = writer.root
        form = root.get("/AcroForm")
        if form is None:
            form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
            root[pdf_name("/AcroForm")] = writer.add_object(form)
            writer.update_root()
        else:
            form = form.get_object()
        listed = form["/Fields"]
        listed.extend(refs)
        writer.update_container(listed)
        writer.update_container(form)
        for name, box in ((LEADER_FIELD, layout.leader), (ORG_FIELD, layout.org)):
            fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=box.page, box=box.rect()))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except SigningError:
        raise
    except Exception as exc:   # pyHanko raises many kinds on a broken PDF
        raise SigningError(f"Không chuẩn bị được bản PDF để ký: {exc}") from exc


@lru_cache(maxsize=8)
def _encoded_image(png: bytes) -> tuple[int, int, str, bytes, bytes | None]:
    """(width, height, colour space, colour samples, alpha samples or None) of a PNG, each
    flate-compressed: decoded and compressed once, not at every signature (the seal, at each issue)."""
    import zlib

    from PIL import Image
    img = Image.open(io.BytesIO(png))
    img.load()
    alpha = None
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        img = img.convert("RGBA" if img.mode != "LA" else "LA")
        alpha = zlib.compress(img.split()[-1].tobytes())
        img = img.convert(img.mode[:-1])
    elif img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    return img.width, img.height, "/DeviceGray" if img.mode == "L" else "/DeviceRGB", \
        zlib.compress(img.tobytes()), alpha


def _image_content(png: bytes):
    """pyHanko's PdfImage of `png`, whose XObject (and soft mask) are written from the bytes
    _encoded_image keeps instead of being decoded and compressed again for each PDF."""
    from pyhanko.pdf_utils import generic, images
    from pyhanko.pdf_utils.generic import pdf_name

    width, height, colours, samples, alpha = _encoded_image(png)

    def stream(space: str, data: bytes, extra: dict):
        return generic.StreamObject({
            pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Image"),
            pdf_name("/Width"): generic.NumberObject(width), pdf_name("/Height"): generic.NumberObject(height),
            pdf_name("/ColorSpace"): pdf_name(space), pdf_name("/BitsPerComponent"): generic.NumberObject(8),
            pdf_name("/Filter"): pdf_name("/FlateDecode"), **extra}, encoded_data=data)

    class Prepared(images.PdfImage):
        @property
        def image_ref(self):
            if self._image_ref is None or self._image_ref.get_pdf_handler() is not self.writer:
                extra = {}
                if alpha is not None:
                    extra[pdf_name("/SMask")] = self.writer.add_object(stream("/DeviceGray", alpha, {}))
                self._image_ref = self.writer.add_object(stream(colours, samples, extra))
            return self._image_ref

    return Prepared(SimpleNamespace(width=width, height=height))   # what PdfImage reads of a Pillow image


def _stamp_style(appearance: Appearance):
    from pyhanko import stamp
    from pyhanko.pdf_utils import layout, text
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    background = None
    if appearance.image_png is not None:
        background = _image_content(appearance.image_png)
    if not appearance.text:   # the seal: its image alone (a text style with no text embeds an empty font)
        return stamp.StaticStampStyle(background=background, border_width=0, background_opacity=1.0)
    return stamp.TextStampStyle(
        stamp_text="%(lines)s", border_width=0, background=background, background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID,
                                                     y_align=layout.AxisAlignment.ALIGN_MID,
                                                     margins=layout.Margins.uniform(0)),
        text_box_style=text.TextBoxStyle(font=GlyphAccumulatorFactory(appearance_font()),
                                         font_size=appearance.font_size, leading=round(appearance.font_size * 1.25),
                                         text_color=appearance.color))


def fill_style(style: str, value: str):
    """The style of a field filled with `value` (the number, the day's phrase): a font cut once to
    its letters (pdf_fonts.filled_text_font), centred in the field."""
    from pyhanko.pdf_utils import layout, text
    return text.TextBoxStyle(font=pdf_fonts.filled_text_font(style, value), font_size=14,
                             box_layout_rule=layout.SimpleBoxLayoutRule(
                                 x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID))


def _fill_opaque(writer, name: str, value: str, style) -> None:
    """pyHanko's populate_static_text_field, on a white ground: the field's text replaces what was
    printed beneath it (the date line's month and year as they were at approval). Sets /V, the
    appearance and the read-only flag; a form-filling change the certification allows."""
    from pyhanko.pdf_utils import generic, layout
    from pyhanko.pdf_utils.form_tools import (
        TextFieldContent,
        annot_width_height,
        find_existing_empty_field,
        get_single_field_annot,
    )

    class OnWhite(TextFieldContent):
        def render(self) -> bytes:
            ground = b"q 1 1 1 rg 0 0 %g %g re f Q\n" % (self.box.width, self.box.height)
            return ground + super().render()

    field_ref = find_existing_empty_field(writer, name, field_type="/Tx")
    field = field_ref.get_object()
    annot = get_single_field_annot(field)
    w, h = annot_width_height(annot)
    OnWhite(writer=writer, text_content=value, text_style=style,
            box=layout.BoxConstraints(width=w, height=h)).apply_appearance(annot)
    writer.update_container(annot)
    field["/V"] = generic.TextStringObject(value)
    field["/Ff"] = generic.NumberObject(int(field.get("/Ff", 0)) | 1)
    field.pop("/DA", None)
    writer.mark_update(field_ref)


def sign(pdf: bytes, cms_signer, field: str, appearance: Appearance, *, certify: bool = False,
         fill: dict[str, str] | None = None, timestamper=None) -> bytes:
    """Sign `field` of `pdf` (prepared) with pyHanko's `cms_signer`, in a new incremental update
    that first fills the text fields `fill` gives. certify: the first, certification signature
    (DocMDP FILL_FORMS); otherwise an approval signature. timestamper: pyHanko's TimeStamper of a
    TSA whose token goes into the signature (PAdES B-T; services/timestamping.py), or None."""
    upstream_fixes.install()
    from pyhanko.pdf_utils.form_tools import populate_static_text_field
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        for name, value in (fill or {}).items():
            if name == DATE_FIELD:
                _fill_opaque(writer, name, value, fill_style("italic", value))
            else:
                populate_static_text_field(writer, name, fill_style("regular", value), value)
        meta = signers.PdfSignatureMetadata(
            field_name=field, certify=certify, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
            docmdp_permissions=fields.MDPPerm.FILL_FORMS)
        out = io.BytesIO()
        room = reserved_for(cms_signer)
        if room is not None and timestamper is not None:
            room += TIMESTAMP_RESERVED
        no_event_loop.call(
            signers.PdfSigner(meta, signer=cms_signer, timestamper=timestamper,
                              stamp_style=_stamp_style(appearance)).sign_pdf,
            writer, output=out, appearance_text_params={"lines": appearance.text}, bytes_reserved=room)
        return out.getvalue()
    except Exception as exc:
        from pyhanko.sign.timestamps.common_utils import TimestampRequestError
        if isinstance(exc, TimestampRequestError):
            raise SigningError("Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA); "
                               f"chưa ký, vui lòng thử lại sau: {exc}") from exc
        raise SigningError(f"Không ký được bản PDF: {exc}") from exc
