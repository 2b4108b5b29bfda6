"""The Decree 30/2020 layout rules of FORMAT.md, one function per group; rule ids as there.

Each function reads a python-docx Document and records its findings on a Report.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from .effective import line_under, mm, paragraph_format, paragraph_look, run_format, sizes_within, text_runs

FONT = "Times New Roman"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TYPE_NAMES = (
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO",
    "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO",
    "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG", "CÔNG ĐIỆN", "GIẤY MỜI", "PHIẾU TRÌNH", "DANH SÁCH",
)
SIGNING_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
ACADEMIC_TITLES = ("TS.", "ThS.", "PGS.", "GS.", "KS.", "BS.", "CN.")
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BLANK = r"[\s.…_]*"                     # what a draft leaves in place of a number or a day
NUMBER_LINE = re.compile(rf"^Số:\s*(?P<num>\d+|{BLANK})\s*/\s*(?P<sym>[A-Za-zĐđ]+(?:-[A-Za-zĐđ0-9.]+)+)$")
DATE_LINE = re.compile(rf"^(?P<place>[^,]+), ngày (?P<d>\d{{1,2}}|{BLANK}) tháng (?P<m>\d{{1,2}}|{BLANK}) "
                       r"năm (?P<y>\d{4})$")
JUSTIFY, CENTER = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER


def all_paragraphs(doc):
    """Body paragraphs, then those of the top-level tables' cells."""
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _header_text(part) -> str:
    return "".join(t.text or "" for t in part.iter(qn("w:instrText"))) + \
        "".join(f.get(qn("w:instr")) or "" for f in part.iter(qn("w:fldSimple")))


def check_page(doc, report) -> None:
    section = doc.sections[0]
    width, height = mm(section.page_width), mm(section.page_height)
    report.check("P1", width is not None and height is not None and abs(width - 210) <= 1 and abs(height - 297) <= 1,
                 f"the page must be A4 portrait 210×297 mm, got {width and round(width)}×{height and round(height)}")
    margins = {side: mm(getattr(section, f"{side}_margin")) for side in MARGINS_MM}
    wrong = {side: round(value, 1) if value is not None else None for side, value in margins.items()
             if value is None or not MARGINS_MM[side][0] - 0.5 <= value <= MARGINS_MM[side][1] + 0.5}
    report.check("P2", not wrong, f"margins out of range (mm): {wrong}; allowed {MARGINS_MM}")
    report.check("P3", bool(section.different_first_page_header_footer)
                 and "PAGE" in _header_text(section.header._element),
                 "page numbers: a PAGE field in the header and a different (number-free) first page")
    if section.different_first_page_header_footer:
        report.check("P4", "PAGE" not in _header_text(section.first_page_header._element),
                     "page 1 must not show a page number")


def check_fonts(doc, report) -> None:
    paragraphs = list(all_paragraphs(doc))
    wrong = [f"{run.text[:30]!r} {slot}={name}" for p in paragraphs for run in text_runs(p)
             for slot, name in run_format(run, p, doc).fonts.items() if name != FONT]
    report.check("F1", not wrong, f"runs not in {FONT} (ascii and hAnsi): {wrong[:5]} ({len(wrong)} in all)")
    text = "\n".join(p.text for p in paragraphs)
    report.check("F2", text == unicodedata.normalize("NFC", text), "text must be Unicode NFC (precomposed)")
    report.check("F3", not CONTROL.search(text), "text holds control characters")


def _header_table(doc):
    for table in doc.tables[:2]:
        if len(table.columns) >= 2 and any(NATION in c.text for c in table.rows[0].cells):
            return table
    return None


def _header_columns(table):
    """(left paragraphs, right paragraphs) of the header block, a second row included."""
    cells = table.rows[0].cells
    right = next(c for c in cells if NATION in c.text)
    left = cells[0] if right is not cells[0] else cells[1]
    right_ps, left_ps = list(right.paragraphs), list(left.paragraphs)
    if len(table.rows) > 1:        # some layouts put Số and the date in a second row
        right_ps += [p for c in table.rows[1].cells if c._tc is not left._tc for p in c.paragraphs]
        left_ps += list(table.rows[1].cells[0].paragraphs)
    return left_ps, right_ps


def _check_date_line(doc, report, right, draft: bool) -> None:
    dates = [p for p in right if DATE_LINE.match(p.text.strip())]
    if not report.check("H5", len(dates) == 1, "one 'Địa danh, ngày … tháng … năm …' line under the Tiêu ngữ"):
        return
    look = paragraph_look(dates[0], doc)
    report.check("H5", look.italic and sizes_within(look.sizes, 13, 14),
                 f"the date line must be italic 13-14 pt; got {set(look.sizes)} italic={look.italic}")
    match = DATE_LINE.match(dates[0].text.strip())
    day, month = match["d"].strip(" .…_"), match["m"].strip(" .…_")
    if day or not draft:
        report.check("H6", day.isdigit() and len(day) == 2 and 1 <= int(day) <= 31,
                     f"the day has two digits (05, 30): got {match['d']!r}")
    if month or not draft:
        ok = month.isdigit() and 1 <= int(month) <= 12 and (
            month in ("01", "02") if int(month) <= 2 else not month.startswith("0"))
        report.check("H6", ok, f"months 01 and 02 take a leading zero, 3-12 do not: got {match['m']!r}")


def _check_number_line(doc, report, left, draft: bool) -> None:
    lines = [p for p in left if p.text.strip().startswith("Số")]
    if not report.check("H7", len(lines) == 1, "one 'Số: NN/XX-YYY' line under the issuing body"):
        return
    match = NUMBER_LINE.match(lines[0].text.strip())
    if report.check("H7", match is not None, f"the number line is malformed: {lines[0].text.strip()!r}"):
        number = match["num"].strip(" .…_")
        if number or not draft:
            report.check("H7", number.isdigit() and len(number) >= 2 and int(number) >= 1,
                         f"the number is 01, 02 … (a leading zero below 10): {number!r}")
    look = paragraph_look(lines[0], doc)
    report.check("H8", not look.bold and look.upright and sizes_within(look.sizes, 13, 13),
                 f"the 'Số:' line is 13 pt, upright, not bold; got {set(look.sizes)} bold={look.bold}")


DRAFT_MARK = "DỰ THẢO"


def check_draft_mark(doc, report, draft: bool) -> None:
    """D1: a draft may carry the boxed "DỰ THẢO" mark at the top of page 1; a numbered document never."""
    if draft:
        return
    section = doc.sections[0]
    parts = [section.first_page_header, section.header] if section.different_first_page_header_footer \
        else [section.header]
    texts = [p.text for part in parts if not part.is_linked_to_previous for p in part.paragraphs]
    texts += [p.text for p in doc.paragraphs[:3]]
    report.check("D1", not any(DRAFT_MARK in text.upper() for text in texts),
                 f"an issued document carries no '{DRAFT_MARK}' mark")


def check_header(doc, report, draft: bool) -> None:
    table = _header_table(doc)
    if not report.check("H1", table is not None, f"no 2-column header table with '{NATION}' before the title"):
        return
    left, right = _header_columns(table)
    texts = [p.text.strip() for p in right]
    if report.check("H2", NATION in texts, f"'{NATION}' must be a paragraph of its own"):
        look = paragraph_look(right[texts.index(NATION)], doc)
        report.check("H2", look.bold and look.upright and sizes_within(look.sizes, 12, 13),
                     f"the Quốc hiệu is bold, upright, 12-13 pt; got {set(look.sizes)} bold={look.bold}")
    if report.check("H3", MOTTO in texts, f"'{MOTTO}' must be a paragraph of its own, exactly so"):
        index = texts.index(MOTTO)
        look = paragraph_look(right[index], doc)
        report.check("H3", look.bold and look.upright and sizes_within(look.sizes, 13, 14),
                     f"the Tiêu ngữ is bold, upright, 13-14 pt; got {set(look.sizes)} bold={look.bold}")
        report.check("H4", line_under(right, index, doc), "a solid line must stand under the Tiêu ngữ")
    _check_date_line(doc, report, right, draft)
    _check_number_line(doc, report, left, draft)
    capitals = [i for i, p in enumerate(left) if p.text.strip() and p.text.strip() == p.text.strip().upper()
                and not p.text.strip().startswith("SỐ")]
    if report.check("H9", bool(capitals), "the issuing body must be written in capitals in the left column"):
        look = paragraph_look(left[capitals[-1]], doc)
        report.check("H9", look.bold and sizes_within(look.sizes, 12, 13),
                     f"the issuing body is bold 12-13 pt; got {set(look.sizes)} bold={look.bold}")
        report.check("H10", line_under(left, capitals[-1], doc), "a short solid line must stand under the issuing body")


def _is_subject_line(paragraph, doc) -> bool:
    text = paragraph.text.strip()
    return bool(text) and paragraph_look(paragraph, doc).bold and text != text.upper() \
        and paragraph_format(paragraph, doc, "alignment") == CENTER


def check_title(doc, report) -> int | None:
    """Check the type name and the trích yếu; the index of the title's last paragraph, or None."""
    paragraphs = doc.paragraphs
    start = next((i for i, p in enumerate(paragraphs) if p.text.strip() in TYPE_NAMES), None)
    if not report.check("T1", start is not None, f"no document type name line (one of {', '.join(TYPE_NAMES[:6])} …)"):
        return None
    look = paragraph_look(paragraphs[start], doc)
    alignment = paragraph_format(paragraphs[start], doc, "alignment")
    report.check("T1", look.bold and sizes_within(look.sizes, 13, 14) and alignment == CENTER,
                 f"the type name is bold, 13-14 pt, centred; got {set(look.sizes)} bold={look.bold} align={alignment}")
    following = [i for i in range(start + 1, min(start + 4, len(paragraphs))) if paragraphs[i].text.strip()]
    if not report.check("T2", bool(following), "a trích yếu line must follow the type name"):
        return start
    first = following[0]
    look = paragraph_look(paragraphs[first], doc)
    report.check("T2", _is_subject_line(paragraphs[first], doc) and sizes_within(look.sizes, 13, 14),
                 f"the trích yếu is bold, 13-14 pt, centred, not all capitals; got {set(look.sizes)}")
    last = first            # a long trích yếu may run over several paragraphs
    while last + 1 < len(paragraphs) and _is_subject_line(paragraphs[last + 1], doc):
        last += 1
    report.check("T3", line_under(paragraphs, last, doc), "a short solid line must stand under the trích yếu")
    return last


def check_body(doc, report, title_end: int) -> None:
    paragraphs = doc.paragraphs[title_end + 1:]

    def caption(p) -> bool:         # centred bold or italic lines: headings, "(Kèm theo Quyết định số …)"
        look = paragraph_look(p, doc)
        return paragraph_format(p, doc, "alignment") == CENTER and (look.bold or look.italic)

    def addressee(p) -> bool:       # ô 9a, centred under the title however long the addressee
        return p.text.strip().startswith("Kính gửi") and paragraph_format(p, doc, "alignment") == CENTER

    body = [p for p in paragraphs if len(p.text.strip()) >= 80 and not caption(p) and not addressee(p)]
    if not report.check("B1", bool(body), "the document has no body text"):
        return
    ragged = [p.text[:40] for p in body if paragraph_format(p, doc, "alignment") != JUSTIFY]
    report.check("B1", len(ragged) <= len(body) // 10,
                 f"body paragraphs are justified: {len(ragged)} of {len(body)} are not, e.g. {ragged[:2]}")
    off_size = [p.text[:40] for p in body if not sizes_within(paragraph_look(p, doc).sizes, 13, 14)]
    report.check("B2", not off_size, f"body text is 13-14 pt: {len(off_size)} paragraphs are not, e.g. {off_size[:2]}")

    def spacing_pt(p) -> float:
        return ((paragraph_format(p, doc, "space_before") or 0)
                + (paragraph_format(p, doc, "space_after") or 0)) / 12700

    tight = [p for p in body if spacing_pt(p) < 6 - 0.1]
    report.check("B3", len(tight) <= len(body) // 10,
                 f"at least 6 pt between body paragraphs: {len(tight)} of {len(body)} have less")

    def too_loose(p) -> bool:
        spacing = paragraph_format(p, doc, "line_spacing")
        if spacing is None:
            return False
        if isinstance(spacing, float):
            return spacing > 1.5 + 1e-6
        size = max(paragraph_look(p, doc).sizes or {14})
        return spacing / 12700 > 1.5 * size * 1.2 + 0.5      # an exact spacing over 1.5 lines

    loose = [p.text[:40] for p in body if too_loose(p)]
    report.check("B4", not loose, f"line spacing must not exceed 1.5 lines: {loose[:2]}")
    report.check("B5", any(p.text.strip().endswith("./.") for p in paragraphs), "the body must end with './.'")


def _recipients_cell(doc, heading):
    for table in doc.tables:
        if not any("Nơi nhận" in c.text for c in table.rows[0].cells):
            continue
        for cell in table.rows[0].cells:
            if any(p._p is heading._p for p in cell.paragraphs):
                return table, cell
    return None, None


def _check_recipients(doc, report, cell, heading) -> None:
    paragraphs = cell.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p._p is heading._p)
    items = [p for p in paragraphs[start + 1:] if p.text.strip()]
    if not report.check("S2", bool(items), "recipient lines must follow 'Nơi nhận:' in the same block"):
        return
    report.check("S2", all(p.text.strip().startswith("-") for p in items),
                 "each recipient line starts with '-': "
                 f"{[p.text for p in items if not p.text.strip().startswith('-')][:3]}")
    sizes = set().union(*(paragraph_look(p, doc).sizes for p in items))
    report.check("S3", sizes_within(sizes, 11, 11), f"recipient lines are 11 pt; got {sizes}")
    last = items[-1].text.strip()
    report.check("S4", last.startswith("- Lưu") and last.endswith("."),
                 f"the last recipient line is '- Lưu: VT, … .': got {last!r}")
    open_ended = [p.text for p in items[:-1] if not p.text.strip().endswith(";")]
    report.check("S4", not open_ended, f"recipient lines before the last end with ';': {open_ended[:3]}")


def _check_signature_cell(doc, report, cell) -> None:
    lines = [p for p in cell.paragraphs if p.text.strip()]
    if not report.check("S5", len(lines) >= 2,
                        "the signature block needs the authority/title lines and the signer's name"):
        return
    heads, name = lines[:-1], lines[-1]
    wrong = [p.text for p in heads if not (p.text.strip() == p.text.strip().upper() and paragraph_look(p, doc).bold
                                          and sizes_within(paragraph_look(p, doc).sizes, 13, 14))]
    report.check("S5", not wrong, f"authority and title lines are capitals, bold, 13-14 pt: {wrong[:3]}")
    first_word = heads[0].text.strip().split(" ")[0]
    if first_word.endswith("."):
        report.check("S6", first_word in SIGNING_PREFIXES,
                     f"unknown signing prefix {heads[0].text.strip()!r}; use TM./KT./Q./TL./TUQ.")
    look, text = paragraph_look(name, doc), name.text.strip()
    report.check("S7", look.bold and sizes_within(look.sizes, 13, 14) and text != text.upper(),
                 f"the signer's name is bold 13-14 pt, not capitals; got {text!r} {set(look.sizes)}")
    report.check("S7", not text.startswith(ACADEMIC_TITLES), f"no academic title before the signer's name: {text!r}")


def check_signature(doc, report) -> None:
    headings = [p for p in all_paragraphs(doc) if p.text.strip() == "Nơi nhận:"]
    if not report.check("S1", bool(headings), "'Nơi nhận:' must stand on its own line"):
        return
    look = paragraph_look(headings[0], doc)
    report.check("S1", look.bold and look.italic and sizes_within(look.sizes, 12, 12),
                 f"'Nơi nhận:' is bold italic 12 pt; got {set(look.sizes)} bold={look.bold} italic={look.italic}")
    table, cell = _recipients_cell(doc, headings[0])
    if cell is not None:
        _check_recipients(doc, report, cell, headings[0])
    else:
        report.check("S2", False, "recipient lines must follow 'Nơi nhận:' in the same block")
    signature = next((c for c in table.rows[0].cells if c._tc is not cell._tc), None) if table is not None else None
    if report.check("S5", signature is not None, "the signature block must stand beside 'Nơi nhận:' (ô 7 beside ô 9b)"):
        _check_signature_cell(doc, report, signature)


def check_metadata(doc, package: zipfile.ZipFile, report) -> None:
    props = doc.core_properties
    report.check("M1", bool(props.title and props.title.strip()), "the core property 'title' must be set")
    report.check("M1", (props.author or "") != "python-docx" and "python-docx" not in (props.comments or ""),
                 "core properties still carry python-docx's defaults (author/comments)")
    report.check("M1", props.created is None or props.created.year != 2013,
                 "the core property 'created' is python-docx's 2013 default")
    report.check("M2", package.testzip() is None, "the zip container is corrupt")
