"""Nominees from an Excel sheet (.xlsx): read, check every row, import only a clean file.

Columns are found by their header text (accent-insensitive), so their order may vary.
Awards may be given by label ("Giấy khen") or code ("giay_khen"). Every problem is
reported with its spreadsheet row number; nothing is imported until there are none.
"""
from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from ..domain import validation
from ..domain.errors import Conflict, Forbidden, ValidationFailed
from ..domain.text import clean, fold
from ..models import Document
from . import documents, nominee_checks

# (field, header in the sample, accepted header spellings after fold())
COLUMNS = [
    ("order", "STT", ("stt", "so thu tu")),
    ("kind", "Cá nhân/Tập thể/Hộ gia đình", ("ca nhan/tap the/ho gia dinh", "ca nhan/tap the", "loai",
                                             "doi tuong")),
    ("full_name", "Họ và tên / Tên tập thể", ("ho va ten / ten tap the", "ho va ten", "ho ten", "ten tap the")),
    ("gender", "Giới tính", ("gioi tinh",)),
    ("position", "Chức vụ", ("chuc vu", "chuc vu, chuc danh")),
    ("organization", "Đơn vị", ("don vi", "don vi cong tac", "co quan, don vi")),
    ("award", "Hình thức khen thưởng", ("hinh thuc khen thuong", "hinh thuc")),
    ("achievement", "Thành tích", ("thanh tich", "tom tat thanh tich")),
    # optional, individuals only (domain/validation.citizen_id); last, so the older files still match
    ("citizen_id", "Số CCCD", ("so cccd", "cccd", "so can cuoc", "so can cuoc cong dan", "so dinh danh ca nhan",
                               "so dinh danh")),
]
REQUIRED = ("full_name", "award", "achievement")
KINDS = {"ca nhan": "individual", "individual": "individual", "": "individual",
         "tap the": "collective", "collective": "collective",
         "ho gia dinh": "household", "ho": "household", "gia dinh": "household", "household": "household"}
GENDERS = {"": "", "nam": "male", "male": "male", "nu": "female", "female": "female"}
MAX_ROWS = validation.MAX_ITEMS["nominees"]
HEADER_SCAN_ROWS = 10
# The work is bounded, not only the bytes: a 1 MB upload may hold a sheet of 339k sparse rows.
MAX_SHEET_ROWS = HEADER_SCAN_ROWS + 2 * MAX_ROWS   # rows read at most, blank ones included
MAX_COLUMNS = 30                                   # the sample has 8; cells further right are skipped
TIME_BUDGET_SECONDS = 5.0                          # a full list reads in ~1 s; gunicorn kills at 30

# Uploads are untrusted: checked as a zip before openpyxl parses anything.
MAX_FILE_BYTES = 2 * 1024 * 1024             # the .xlsx as uploaded
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024    # all its parts once unpacked
MAX_COMPRESSION_RATIO = 100                  # per part (a zip bomb packs far tighter)
MAX_PARTS = 1000
NOT_XLSX = "Tệp không phải bảng tính Excel .xlsx hợp lệ."


@dataclass
class ImportResult:
    nominees: list[dict] = field(default_factory=list)
    errors: list[tuple[int | None, str]] = field(default_factory=list)   # (row number, reason)
    # rows with the same name and unit as a nominee already listed or an earlier row of the file
    # (services/nominee_checks.py): (row number, "Nguyễn Văn Một, Trường THCS An Trường")
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    skipped: bool = False   # the duplicates were left out (else imported all the same)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.nominees or self.duplicates)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _header_in(values: tuple) -> dict[str, int] | None:
    """{field: column index} when this row holds the required headers."""
    spellings = {spelling: name for name, _, accepted in COLUMNS for spelling in accepted}
    found: dict[str, int] = {}
    for col, value in enumerate(values):
        name = spellings.get(fold(_text(value)))
        if name and name not in found:
            found[name] = col
    return found if all(name in found for name in REQUIRED) else None


def _award_lookup(awards: list[dict]) -> dict[str, str]:
    lookup = {}
    for award in awards:
        lookup[fold(award["code"])] = award["code"]
        lookup[fold(award["label"])] = award["code"]
    return lookup


def _row(values: tuple, columns: dict[str, int], awards: dict[str, str]) -> tuple[dict, list[str]]:
    get = lambda name: _text(values[columns[name]]) if name in columns and columns[name] < len(values) else ""  # noqa: E731
    problems = []
    kind = KINDS.get(fold(get("kind")))
    if kind is None:
        problems.append(f"loại “{get('kind')}” không hợp lệ (Cá nhân, Tập thể hoặc Hộ gia đình)")
    gender = GENDERS.get(fold(get("gender")))
    if gender is None:
        problems.append(f"giới tính “{get('gender')}” không hợp lệ (Nam, Nữ hoặc để trống)")
    award = awards.get(fold(get("award")))
    if not get("award"):
        problems.append("thiếu hình thức khen thưởng")
    elif award is None:
        problems.append(f"hình thức khen thưởng “{get('award')}” không có trong danh mục của cơ quan")
    citizen_id, problem = validation.citizen_id(_citizen_id_cell(values, columns), kind or "individual")
    if problem:
        problems.append(f"số CCCD “{get('citizen_id')}”: {problem[:1].lower()}{problem[1:].rstrip('.')}")
    nominee = {"kind": kind or "individual", "gender": gender or "", "award": award or "",
               "full_name": get("full_name"), "position": get("position"),
               "organization": get("organization"), "achievement": get("achievement"),
               "citizen_id": citizen_id}
    for name, label in (("full_name", "họ tên"), ("achievement", "thành tích")):
        if not nominee[name]:
            problems.append(f"thiếu {label}")
    for name in ("full_name", "position", "organization", "achievement"):
        if len(nominee[name]) > validation.LIMITS[name]:
            problems.append(f"cột “{dict((c[0], c[1]) for c in COLUMNS)[name]}” dài quá "
                            f"{validation.LIMITS[name]} ký tự")
    return nominee, problems


def _citizen_id_cell(values: tuple, columns: dict[str, int]) -> str:
    """The CCCD cell as text. Typed into a number cell, Excel dropped its leading zeros (most
    province codes start with 0: "079…"): a whole number of up to 12 digits gets them back."""
    col = columns.get("citizen_id")
    value = values[col] if col is not None and col < len(values) else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10 ** validation.CITIZEN_ID_DIGITS:
        return str(value).zfill(validation.CITIZEN_ID_DIGITS)
    return _text(value)


def check_upload(data: bytes, filename: str | None = None) -> str | None:
    """Why this upload is refused before it is opened as a workbook, or None.

    Only .xlsx (a zip holding xl/workbook.xml, without macros); not larger than MAX_FILE_BYTES;
    no zip bomb: the unpacked sizes the zip declares are checked, in total and per part,
    before anything is decompressed (zipfile also stops reading a part at its declared size).
    """
    if filename is not None and not filename.lower().endswith(".xlsx"):
        return "Chỉ nhận tệp Excel .xlsx (không nhận .xls, .xlsm, .csv hay tệp khác)."
    if len(data) > MAX_FILE_BYTES:
        return f"Tệp quá lớn: nhiều nhất {MAX_FILE_BYTES // (1024 * 1024)} MB."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            names = {part.filename for part in parts}
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                return NOT_XLSX
            if len(parts) > MAX_PARTS:
                return NOT_XLSX
            if sum(part.file_size for part in parts) > MAX_UNCOMPRESSED_BYTES:
                return "Tệp bị từ chối: dung lượng sau khi giải nén quá lớn."
            for part in parts:
                if part.file_size > 1024 * 1024 and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1):
                    return "Tệp bị từ chối: tỉ lệ nén bất thường (nghi là tệp nén độc hại)."
            if "xl/vbaProject.bin" in names or b"macroEnabled" in archive.read("[Content_Types].xml"):
                return "Không nhận tệp có macro (.xlsm); hãy lưu lại thành .xlsx."
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, RuntimeError,
            NotImplementedError, EOFError):
        return NOT_XLSX
    return None


class _OutOfTime(Exception):
    pass


class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() >= self.at:
            raise _OutOfTime


class _TimedUpload(io.BytesIO):
    """The upload as openpyxl reads it: every read (the zip directory, shared strings, styles,
    the sheet, whatever openpyxl parses eagerly) first checks the deadline, so even one huge
    row or a sheet without a declared dimension cannot outlive the budget."""

    def __init__(self, data: bytes, deadline: _Deadline):
        super().__init__(data)
        self.deadline = deadline

    def read(self, *args):
        self.deadline.check()
        return super().read(*args)


class _UnsizedSheet(ReadOnlyWorksheet):
    def _get_size(self):
        """Not looked for: a sheet without a declared dimension would be parsed to its end to find
        out it has none, and _scan asks for explicit bounds anyway."""


class _FirstSheetReader(ExcelReader):
    """openpyxl's read-only reader (openpyxl.load_workbook, pinned 3.1.5) opening only the first
    worksheet: the others are never parsed."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                self.wb._sheets.append(_UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings))
                return


def open_first_sheet(upload: io.BytesIO):
    """(workbook, its first worksheet or None), streaming: cells are parsed only as they are read."""
    reader = _FirstSheetReader(upload, read_only=True, data_only=False, keep_links=False)
    reader.read()
    return reader.wb, (reader.wb.worksheets or [None])[0]


@dataclass
class _Sheet:
    """What one pass over the first sheet found."""
    header: tuple[int, dict[str, int]] | None = None       # (row number, {field: column})
    rows: list[tuple[int, tuple]] = field(default_factory=list)   # non-blank rows under the header
    formulas: list[tuple[int, str]] = field(default_factory=list)  # (row number, cell reference)
    refusal: tuple[int | None, str] | None = None


def _scan(sheet, deadline: _Deadline) -> _Sheet:
    """One streaming pass (openpyxl read-only) that stops at the first cap reached.

    Rows are asked for up to MAX_SHEET_ROWS + 1 and columns up to MAX_COLUMNS, so neither the
    dimension a file declares nor the gaps between sparse rows can make openpyxl produce more.
    Formulas are noted, never evaluated (data_only=False keeps the formula text).
    """
    found = _Sheet()
    cells_by_row = sheet.iter_rows(min_row=1, max_row=MAX_SHEET_ROWS + 1, min_col=1, max_col=MAX_COLUMNS)
    for number, cells in enumerate(cells_by_row, start=1):
        deadline.check()
        if number > MAX_SHEET_ROWS:
            found.refusal = (None, f"Bảng tính dài quá {MAX_SHEET_ROWS:,} dòng (kể cả dòng trống); hệ thống "
                                   "dừng đọc ở đó. Hãy xoá các dòng thừa ở cuối bảng rồi tải lên lại."
                             .replace(",", "."))
            break
        found.formulas.extend((number, cell.coordinate) for cell in cells if cell.data_type == "f")
        values = tuple(cell.value for cell in cells)
        if found.header is None:
            columns = _header_in(values) if number <= HEADER_SCAN_ROWS else None
            if columns is not None:
                found.header = (number, columns)
            elif number >= HEADER_SCAN_ROWS:
                break   # no header where one may be: nothing below is read
            continue
        if not any(_text(v) for v in values):
            continue   # blank lines between rows are harmless (they still count towards MAX_SHEET_ROWS)
        if len(found.rows) >= MAX_ROWS:
            found.refusal = (number, f"Danh sách nhiều nhất {MAX_ROWS} dòng; tệp có nhiều hơn (dừng đọc ở "
                                     f"dòng {number:,}). Hãy chia danh sách thành nhiều tệp.".replace(",", "."))
            break
        found.rows.append((number, values))
    return found


def read(data: bytes, awards: list[dict], filename: str | None = None) -> ImportResult:
    """Every row of the first sheet, with the problems of each; nothing is stored.

    Cells are read as written: a formula is neither evaluated nor imported (the file is
    refused, naming the cells); text that merely starts with "=" is imported as text.
    One streaming pass, stopped at the row caps or when TIME_BUDGET_SECONDS are spent.
    """
    result = ImportResult()
    refusal = check_upload(data, filename)
    if refusal:
        result.errors.append((None, refusal))
        return result
    deadline = _Deadline(TIME_BUDGET_SECONDS)
    try:
        workbook, first = open_first_sheet(_TimedUpload(data, deadline))
        try:
            sheet = _scan(first, deadline)
        finally:
            workbook.close()
    except _OutOfTime:
        result.errors.append((None, f"Tệp cần xử lý quá lâu (quá {deadline.seconds:g} giây) nên bị từ chối. "
                                    "Hãy bỏ các dòng, cột và định dạng thừa rồi tải lên lại."))
        return result
    except Exception:   # openpyxl raises many kinds on a malformed workbook; none may become a 500
        result.errors.append((None, NOT_XLSX))
        return result
    if sheet.refusal:
        result.errors.append(sheet.refusal)
        return result
    if sheet.formulas:
        by_row: dict[int, list[str]] = {}
        for row, reference in sheet.formulas:
            by_row.setdefault(row, []).append(reference)
        for row, references in sorted(by_row.items())[:50]:
            result.errors.append((row, f"Ô {', '.join(references)} chứa công thức; hệ thống không tính công "
                                       "thức. Hãy dán dạng giá trị (Paste Values) hoặc gõ trực tiếp nội dung."))
        return result
    if sheet.header is None:
        result.errors.append((None, "Không tìm thấy dòng tiêu đề với các cột “Họ và tên / Tên tập thể”, "
                                    "“Hình thức khen thưởng” và “Thành tích” (xem tệp mẫu)."))
        return result
    _, columns = sheet.header
    lookup = _award_lookup(awards)
    for number, values in sheet.rows:
        nominee, problems = _row(values, columns, lookup)
        if problems:
            message = "; ".join(problems)
            result.errors.append((number, message[0].upper() + message[1:] + "."))
        result.nominees.append({**nominee, "_row": number})
    if not result.nominees and not result.errors:
        result.errors.append((None, "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return result


def import_into(document: Document, user, data: bytes, version: int | None, replace: bool,
                filename: str | None = None, skip_duplicates: bool = True) -> ImportResult:
    """Read the file and, only if every row is clean, store its nominees (appended or replacing).

    A row naming the same nominee (name and unit) as one already listed, or as an earlier row of
    the file, is noted in `duplicates` and, with `skip_duplicates`, left out: importing the same
    file twice doubles nothing.
    """
    if document.state != "draft":
        raise Conflict("Chỉ nhập danh sách vào văn bản ở trạng thái dự thảo.")
    if not documents.can_edit(document, user):
        raise Forbidden("Bạn không có quyền sửa văn bản này.")
    result = read(data, document.issuer.awards or [], filename)
    if not result.ok:
        return result
    existing = [] if replace else [_as_input(n) for n in document.nominees]
    pairs = nominee_checks.companions(document.issuer.awards)
    listed: dict[tuple, list[dict]] = {}   # by name and unit, and by Số CCCD: the rows to compare with

    def keys(n):
        return [("name", *nominee_checks.nominee_key(n))] + (
            [("cccd", nominee_checks.citizen_id(n))] if nominee_checks.citizen_id(n) else [])

    def note(n):
        for key in keys(n):
            listed.setdefault(key, []).append(n)

    for n in existing:
        note(n)
    added = []
    for nominee in result.nominees:
        if any(nominee_checks.same_nominee(nominee, other) and not nominee_checks.paired(nominee, other, pairs)
               for key in keys(nominee) for other in listed.get(key, ())):
            who = ", ".join(t for t in (nominee["full_name"], nominee["organization"]) if t)
            result.duplicates.append((nominee["_row"], who))
            if skip_duplicates:
                continue
        note(nominee)
        added.append(nominee)
    result.skipped = skip_duplicates and bool(result.duplicates)
    result.nominees = added
    rows = [r.pop("_row") for r in added]
    if not added and not replace:
        return result   # every row is already listed: nothing to store
    try:
        documents.update(document, user, {"version": version, "nominees": existing + added})
    except ValidationFailed as exc:
        # what only the service knows (e.g. a length rule): still reported by row number
        for path, reason in exc.fields.items():
            position = _nominee_index(path)
            row = rows[position - len(existing)] if position is not None and position >= len(existing) else None
            result.errors.append((row, reason))
        if not result.errors:
            raise
    return result


def _as_input(n) -> dict:
    return {"kind": n.kind, "full_name": n.full_name, "position": n.position, "gender": n.gender,
            "organization": n.organization, "award": n.award, "achievement": n.achievement,
            "citizen_id": n.citizen_id}


def _nominee_index(path: str) -> int | None:
    if path.startswith("nominees[") and "]" in path:
        number = path[len("nominees["):path.index("]")]
        return int(number) if number.isdigit() else None
    return None


def _keep_as_text(cell) -> None:
    """openpyxl stores a string starting with "=" as a formula: an award a body named "=..."
    must stay the text it is (and the import refuses formulas)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


def sample(awards: list[dict]) -> bytes:
    """A sample sheet to fill in: the header row, an example row of each kind, and drop-down lists."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đề nghị"
    sheet.append([header for _, header, _ in COLUMNS])
    labels = [a["label"] for a in awards] or ["Giấy khen"]
    sheet.append([1, "Cá nhân", "Nguyễn Văn A", "Nam", "Giáo viên", "Trường THCS An Trường", labels[0],
                  "Đã có thành tích xuất sắc trong công tác khuyến học, khuyến tài."])
    sheet.append([2, "Tập thể", "Trường Tiểu học An Trường A", "", "", "xã An Trường", labels[-1],
                  "Đã có thành tích xuất sắc trong xây dựng xã hội học tập."])
    sheet.append([3, "Hộ gia đình", "Hộ ông Trần Văn B", "", "", "Ấp Giồng Lức, xã An Trường", labels[0],
                  "Đạt danh hiệu “Gia đình học tập” tiêu biểu."])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for letter, width in zip("ABCDEFGHI", (6, 14, 30, 10, 24, 30, 26, 60, 16)):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["I"].number_format = "@"   # Số CCCD as text: Excel keeps its leading zeros
    sheet.freeze_panes = "A2"
    lists = workbook.create_sheet("Danh mục")
    lists.append(["Hình thức khen thưởng"])
    for label in labels:
        lists.append([label])
    lists.column_dimensions["A"].width = 40
    for cell in [*sheet["G"], *lists["A"]]:
        _keep_as_text(cell)
    for formula, column in (('"Cá nhân,Tập thể,Hộ gia đình"', "B"), ('"Nam,Nữ"', "D"),
                            (f"'Danh mục'!$A$2:$A${len(labels) + 1}", "G")):
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        rule.add(f"{column}2:{column}{MAX_ROWS + 1}")
        sheet.add_data_validation(rule)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
