"""The nominee import bounds its work, not just its bytes (issue 12, point 2).

A small .xlsx may hold a sheet of hundreds of thousands of sparse rows: the import reads one
pass of at most the rows a list may hold (openpyxl read-only, streaming), and gives up when its
time budget is spent. Each refusal says why in Vietnamese, quickly, and imports nothing."""
from __future__ import annotations

import time

import pytest
from openpyxl.worksheet import _reader

from tests.factories import new_commendation, snapshot
from tests.security.test_uploads import upload
from tests.web.xlsx import hostile_sparse_sheet, valid_rows_sheet
from workflow_app.services import nominee_import

AWARDS = [{"code": "giay_khen", "label": "Giấy khen"},
          {"code": "tap_the_lao_dong_tien_tien", "label": "Tập thể lao động tiên tiến"}]


@pytest.fixture(scope="module")
def hostile():
    data = hostile_sparse_sheet()
    assert nominee_import.check_upload(data, "ds.xlsx") is None   # it passes the upload checks
    return data


@pytest.fixture(scope="module")
def hostile_without_dimension():
    return hostile_sparse_sheet(dimension=False)


@pytest.fixture(scope="module")
def valid_100k():
    data = valid_rows_sheet(100_000)
    assert nominee_import.check_upload(data, "ds.xlsx") is None
    return data


def rows_parsed(monkeypatch) -> list[int]:
    """Counts the rows openpyxl's sheet parser reads."""
    calls = []
    original = _reader.WorkSheetParser.parse_row

    def counting(self, element):
        calls.append(1)
        return original(self, element)

    monkeypatch.setattr(_reader.WorkSheetParser, "parse_row", counting)
    return calls


def timed_read(data: bytes):
    started = time.perf_counter()
    result = nominee_import.read(data, AWARDS, filename="ds.xlsx")
    return result, time.perf_counter() - started


def test_the_hostile_sparse_sheet_is_refused_quickly_reading_only_up_to_the_cap(hostile, monkeypatch):
    parsed = rows_parsed(monkeypatch)
    result, seconds = timed_read(hostile)
    assert not result.ok and result.nominees == []
    assert len(result.errors) == 1, result.errors[:3]
    row, message = result.errors[0]
    assert f"Danh sách nhiều nhất {nominee_import.MAX_ROWS} dòng" in message
    assert seconds < 2.0, seconds
    # one pass, stopped at the cap: never the sheet's 339k rows, never twice
    assert len(parsed) <= nominee_import.MAX_SHEET_ROWS + 1, len(parsed)


def test_a_sheet_without_its_dimension_is_refused_quickly_too(hostile_without_dimension):
    result, seconds = timed_read(hostile_without_dimension)
    assert not result.ok and result.nominees == []
    assert seconds < 2.0, seconds


def test_a_valid_100k_row_file_is_refused_at_the_cap(valid_100k, monkeypatch):
    parsed = rows_parsed(monkeypatch)
    result, seconds = timed_read(valid_100k)
    assert not result.ok and result.nominees == []
    assert result.errors == [(nominee_import.MAX_ROWS + 2,
                              f"Danh sách nhiều nhất {nominee_import.MAX_ROWS} dòng; tệp có nhiều hơn "
                              "(dừng đọc ở dòng 5.002). Hãy chia danh sách thành nhiều tệp.")]
    assert seconds < 2.0, seconds
    assert len(parsed) <= nominee_import.MAX_ROWS + 2


def test_blank_rows_count_towards_the_rows_read():
    """Rows that hold nothing cost reading too: past MAX_SHEET_ROWS the file is refused."""
    from tests.web.xlsx import HEADER, sheet_xml, with_sheet
    last = nominee_import.MAX_SHEET_ROWS + 5
    data = with_sheet(sheet_xml([(1, HEADER), (2, ["", "Cá nhân", "Nguyễn Văn A", "", "", "", "Giấy khen", "Tốt."]),
                                 (last, ["", "Cá nhân", "Nguyễn Văn B", "", "", "", "Giấy khen", "Tốt."])]))
    result, _ = timed_read(data)
    assert not result.ok and result.nominees == []
    assert result.errors == [(None, "Bảng tính dài quá 10.010 dòng (kể cả dòng trống); hệ thống dừng đọc ở "
                                    "đó. Hãy xoá các dòng thừa ở cuối bảng rồi tải lên lại.")]


def test_a_file_that_declares_many_rows_but_holds_few_is_read(monkeypatch):
    """The declared dimension is not believed either way: a file with a stale, huge one imports."""
    from tests.web.xlsx import GOOD_ROWS, HEADER, sheet_xml, with_sheet
    data = with_sheet(sheet_xml([(1, HEADER)] + [(i + 2, row) for i, row in enumerate(GOOD_ROWS)],
                                dimension="A1:XFD1048576"))
    result, seconds = timed_read(data)
    assert result.ok, result.errors
    assert [n["full_name"] for n in result.nominees] == ["Nguyễn Văn Một", "Ấp Đại Đức", "Trần Thị Ba"]
    assert seconds < 2.0


def test_the_work_has_a_time_budget(monkeypatch):
    """Whatever makes parsing slow, it stops when the budget is spent, with a reason."""
    monkeypatch.setattr(nominee_import, "TIME_BUDGET_SECONDS", 0.0)
    result, _ = timed_read(valid_rows_sheet(10))
    assert not result.ok and result.nominees == []
    assert result.errors == [(None, "Tệp cần xử lý quá lâu (quá 0 giây) nên bị từ chối. Hãy bỏ các dòng, "
                                    "cột và định dạng thừa rồi tải lên lại.")]


def test_a_list_at_the_cap_still_imports():
    result, _ = timed_read(valid_rows_sheet(nominee_import.MAX_ROWS))
    assert result.ok, result.errors[:3]
    assert len(result.nominees) == nominee_import.MAX_ROWS


def test_the_hostile_file_through_the_web_changes_nothing(world, as_user, hostile):
    proposal = new_commendation(world)
    before = snapshot(proposal.id)
    started = time.perf_counter()
    response = upload(as_user("drafter.antruong"), proposal, hostile)
    assert time.perf_counter() - started < 2.0
    assert response.status_code == 422
    assert f"Danh sách nhiều nhất {nominee_import.MAX_ROWS} dòng" in response.get_data(as_text=True)
    assert snapshot(proposal.id) == before
