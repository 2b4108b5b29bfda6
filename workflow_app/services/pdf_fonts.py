"""Vietnamese-capable fonts for what pyHanko draws into a PDF: signature appearances and the number
and date filled in at issue. Knows nothing of documents, the database or Flask.

Liberation Serif is rescaled to 1000 units per em (pyHanko 0.38 writes glyph widths in font units:
a 2048-UPM font would be drawn twice as wide) and cut to Latin with every Vietnamese letter.

The number and date of an issue use `filled_text_font`: a font engine whose embedded subset is cut,
measured and compressed once per set of characters and then only written into each PDF. pyHanko's
own engine (GlyphAccumulator) parses, shapes and re-subsets the font in every PDF, which was a fifth
of the seal's time at issue; a day's phrase and a number always have the same few letters.
"""
from __future__ import annotations

import io
import os
import tempfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONT_CANDIDATES = {
    "regular": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
                "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    "italic": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
               "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
               "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"),
}
FONT_CUT = "1000upm-vi-1"   # change when _font() cuts differently


class FontMissing(Exception):
    """No Vietnamese-capable font on this machine."""


@lru_cache(maxsize=2)
def _font(style: str = "regular") -> tuple[str, bytes]:
    """(a name, the bytes) of the Vietnamese-capable font at 1000 units per em (see the module
    docstring), cut to what an appearance uses."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem
    source = next((p for p in FONT_CANDIDATES[style] if Path(p).exists()), None)
    if source is None:
        raise FontMissing("Không tìm thấy phông chữ tiếng Việt (Liberation Serif) cho hình chữ ký.")
    font = TTFont(source)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    # Only the letters an appearance uses (Latin with every Vietnamese letter, digits, punctuation),
    # no hinting: pyHanko subsets the font again at each signature, and parsing a whole font made
    # most of a signature's time.
    options = subset.Options()
    options.hinting = False
    options.drop_tables += ["FFTM", "DSIG", "hdmx", "VDMX", "LTSH", "kern", "GPOS", "GSUB", "GDEF"]
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00),
                                 *range(0x2010, 0x2050), 0x20AB])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    # named by its source and how it is cut (the bytes differ by their timestamp from run to run)
    return f"{Path(source).stem}-{FONT_CUT}", data


def appearance_font(style: str = "regular") -> str:
    """The appearance font as a file (pyHanko opens it by name at each signature), written to the
    temporary directory when it is not there (first use, or a cleaned /tmp)."""
    name, data = _font(style)
    path = Path(tempfile.gettempdir()) / f"wf-sign-font-{name}.ttf"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)
    return str(path)


# ---------------------------------------------------------------- a font cut and measured once

@dataclass(frozen=True)
class _CutFont:
    """Everything a PDF needs of a font subset, ready to write: glyph ids are the subset's own
    (CIDToGIDMap /Identity), widths in thousandths of an em."""
    ps_name: str
    gids: dict[str, int]            # character -> glyph id (0: .notdef)
    widths: dict[int, int]          # glyph id -> advance
    program: bytes                  # the TrueType subset, flate-compressed
    program_length: int
    to_unicode: bytes               # the ToUnicode CMap, flate-compressed
    ascent: int
    descent: int
    bbox: tuple[int, int, int, int]
    italic_angle: float
    cap_height: int
    stem_v: int


def _to_unicode(gids: dict[str, int]) -> bytes:
    lines = [f"<{gid:04x}> <{ch.encode('utf-16-be').hex()}>" for ch, gid in sorted(gids.items(), key=lambda i: i[1])]
    chunks = [lines[i:i + 100] for i in range(0, len(lines), 100)]   # at most 100 entries per block
    body = "\n".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar" for c in chunks)
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS2) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS2 def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{body}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend").encode("ascii")


@lru_cache(maxsize=64)
def _cut(style: str, characters: str) -> _CutFont:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    font = TTFont(io.BytesIO(_font(style)[1]))
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    cmap = font.getBestCmap()
    gids = {chr(cp): font.getGlyphID(name) for cp, name in cmap.items() if chr(cp) in characters}
    metrics = font["hmtx"].metrics
    widths = {font.getGlyphID(name): metrics[name][0] for name in font.getGlyphOrder()}
    out = io.BytesIO()
    font.save(out)
    program = out.getvalue()
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    return _CutFont(
        ps_name=font["name"].getDebugName(6) or "LiberationSerif", gids=gids, widths=widths,
        program=zlib.compress(program), program_length=len(program),
        to_unicode=zlib.compress(_to_unicode(gids)), ascent=hhea.ascent, descent=hhea.descent,
        bbox=(head.xMin, head.yMin, head.xMax, head.yMax), italic_angle=float(getattr(font["post"], "italicAngle", 0)),
        cap_height=int(getattr(os2, "sCapHeight", 700)), stem_v=int(10 + 220 * (os2.usWeightClass - 50) / 900))


def _engine_class():
    """The engine class, made on first use (pyHanko is imported lazily, like everywhere here)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.font.api import FontEngine, ShapeResult
    from pyhanko.pdf_utils.generic import pdf_name

    def number(value):
        return generic.FloatObject(value) if isinstance(value, float) else generic.NumberObject(value)

    class CutFontEngine(FontEngine):
        """A Type0 / CIDFontType2 font from a _CutFont: shape() maps characters to glyph ids (the
        text is a number or a date: no ligatures or kerning to apply), prepare_write() writes the
        objects made once."""

        def __init__(self, writer, cut: _CutFont, font_size: int):
            super().__init__(writer, cut.ps_name, embedded_subset=True, font_size=font_size)
            self.cut = cut
            self._ref = writer.allocate_placeholder()
            self._written = False

        @property
        def uses_complex_positioning(self):
            return False   # plain Tj: the /W widths advance the pen

        def shape(self, txt: str) -> ShapeResult:
            gids = [self.cut.gids.get(ch, 0) for ch in txt]
            advance = sum(self.cut.widths.get(g, 0) for g in gids) / 1000
            # in an ActualText span, as pyHanko's engine does: text extraction reads the phrase
            # whole even where it covers the words printed beneath (the date line at issue)
            ops = io.BytesIO()
            ops.write(b"/Span ")
            generic.DictionaryObject({pdf_name("/ActualText"): generic.TextStringObject(txt)}).write_to_stream(ops)
            ops.write(b" BDC <%s> Tj EMC" % "".join(f"{g:04x}" for g in gids).encode("ascii"))
            return ShapeResult(graphics_ops=ops.getvalue(), x_advance=advance, y_advance=0)

        def as_resource(self):
            return self._ref

        def prepare_write(self):   # called at each write of the writer: the objects go in once
            if self._written:
                return
            self._written = True
            cut, writer = self.cut, self.writer
            name = f"{self.subset_prefix}+{cut.ps_name}"
            program = writer.add_object(generic.StreamObject(
                {pdf_name("/Filter"): pdf_name("/FlateDecode"), pdf_name("/Length1"): number(cut.program_length)},
                encoded_data=cut.program))
            descriptor = writer.add_object(generic.DictionaryObject({
                pdf_name("/Type"): pdf_name("/FontDescriptor"), pdf_name("/FontName"): pdf_name("/" + name),
                pdf_name("/Ascent"): number(cut.ascent), pdf_name("/Descent"): number(cut.descent),
                pdf_name("/FontBBox"): generic.ArrayObject([number(v) for v in cut.bbox]),
                pdf_name("/Flags"): number(0b110), pdf_name("/StemV"): number(cut.stem_v),
                pdf_name("/ItalicAngle"): number(cut.italic_angle), pdf_name("/CapHeight"): number(cut.cap_height),
                pdf_name("/FontFile2"): program}))
            widths = sorted(cut.widths.items())
            cid_font = writer.add_object(generic.DictionaryObject({
                pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/CIDFontType2"),
                pdf_name("/BaseFont"): pdf_name("/" + name),
                pdf_name("/CIDSystemInfo"): generic.DictionaryObject({
                    pdf_name("/Registry"): generic.TextStringObject("Adobe"),
                    pdf_name("/Ordering"): generic.TextStringObject("Identity"),
                    pdf_name("/Supplement"): number(0)}),
                pdf_name("/FontDescriptor"): descriptor, pdf_name("/CIDToGIDMap"): pdf_name("/Identity"),
                pdf_name("/W"): generic.ArrayObject([number(widths[0][0]),
                                                     generic.ArrayObject([number(w) for _, w in widths])])}))
            to_unicode = writer.add_object(generic.StreamObject(
                {pdf_name("/Filter"): pdf_name("/FlateDecode")}, encoded_data=cut.to_unicode))
            writer.add_object(generic.DictionaryObject({
                pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type0"),
                pdf_name("/BaseFont"): pdf_name(f"/{name}-Identity-H"), pdf_name("/Encoding"): pdf_name("/Identity-H"),
                pdf_name("/DescendantFonts"): generic.ArrayObject([cid_font]), pdf_name("/ToUnicode"): to_unicode}),
                idnum=self._ref.idnum)

    return CutFontEngine


_ENGINE = None


@dataclass(frozen=True)
class CutFontFactory:
    """pyHanko's FontEngineFactory for the appearance font cut to `characters` (with .notdef)."""
    style: str
    characters: str
    font_size: int = 10

    def create_font_engine(self, writer, obj_stream=None):
        global _ENGINE
        if _ENGINE is None:
            _ENGINE = _engine_class()
        return _ENGINE(writer, _cut(self.style, self.characters), self.font_size)


def filled_text_font(style: str, value: str) -> CutFontFactory:
    """The font engine factory for a field showing `value`: cut to its letters and every digit, so a
    number or a day's phrase reuses the same cut from one issue to the next."""
    characters = "".join(sorted(set(value) | set("0123456789")))
    return CutFontFactory(style, characters)
