"""Builds small .xlsx files for the import tests."""
from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = ["STT", "Cá nhân/Tập thể", "Họ và tên / Tên tập thể", "Giới tính", "Chức vụ", "Đơn vị",
          "Hình thức khen thưởng", "Thành tích"]


def workbook_bytes(rows, header=HEADER, title_rows=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in title_rows:
        sheet.append(row)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD_ROWS = [
    [1, "Cá nhân", "Nguyễn Văn Một", "Nam", "Giáo viên", "Trường THCS An Trường", "Giấy khen", "Xuất sắc."],
    [2, "Tập thể", "Ấp Đại Đức", "", "", "xã An Trường", "Tập thể lao động tiên tiến", "Tốt."],
    [3, "ca nhan", "Trần Thị Ba", "nu", "Trưởng ấp", "Ấp 1", "giay_khen", "Vận động học tập."],
]
