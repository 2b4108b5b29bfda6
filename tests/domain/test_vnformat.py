"""Decree 30 numbers and dates: days < 10 and months 1-2 take a zero, months 3-12 never."""
from datetime import date

import pytest

from workflow_app.domain import vnformat

DAYS = {d: f"{d:02d}" for d in range(1, 32)}
MONTHS = {1: "01", 2: "02", 3: "3", 4: "4", 5: "5", 6: "6", 7: "7", 8: "8", 9: "9", 10: "10",
          11: "11", 12: "12"}


@pytest.mark.parametrize("day,expected", DAYS.items())
def test_day(day, expected):
    assert vnformat.format_day(day) == expected


@pytest.mark.parametrize("month,expected", MONTHS.items())
def test_month(month, expected):
    assert vnformat.format_month(month) == expected


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("day", [1, 9, 10, 28])
def test_place_date_line_table(day, month):
    line = vnformat.place_date_line("Càng Long", date(2024, month, day))
    assert line == f"Càng Long, ngày {DAYS[day]} tháng {MONTHS[month]} năm 2024"


def test_known_examples():
    assert vnformat.place_date_line("Càng Long", date(2023, 5, 30)) == "Càng Long, ngày 30 tháng 5 năm 2023"
    assert vnformat.place_date_line("Càng Long", date(2024, 1, 5)) == "Càng Long, ngày 05 tháng 01 năm 2024"
    assert vnformat.place_date_line("Hà Nội", date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"


def test_draft_date_leaves_the_day_blank():
    line = vnformat.place_date_line("Càng Long", None, draft_month=5, draft_year=2023)
    assert line == "Càng Long, ngày      tháng 5 năm 2023"
    with pytest.raises(ValueError):
        vnformat.place_date_line("Càng Long", None)


@pytest.mark.parametrize("seq,expected", [(1, "Số: 01/KH-UBND"), (5, "Số: 05/KH-UBND"),
                                          (9, "Số: 09/KH-UBND"), (10, "Số: 10/KH-UBND"),
                                          (67, "Số: 67/KH-UBND"), (1234, "Số: 1234/KH-UBND")])
def test_number_line(seq, expected):
    assert vnformat.number_line(seq, "KH-UBND") == expected


def test_draft_number_line_is_blank():
    assert vnformat.number_line(None, "KH-UBND") == "Số:      /KH-UBND"


@pytest.mark.parametrize("bad", [0, 32, -1])
def test_impossible_days_are_refused(bad):
    with pytest.raises(ValueError):
        vnformat.format_day(bad)


@pytest.mark.parametrize("bad", [0, 13])
def test_impossible_months_are_refused(bad):
    with pytest.raises(ValueError):
        vnformat.format_month(bad)


def test_counts_take_two_digits():
    assert vnformat.two_digit_count(2) == "02" and vnformat.two_digit_count(12) == "12"


def test_roman_section_numbers():
    assert [vnformat.roman(n) for n in (1, 2, 3, 4, 9, 14, 40, 1994)] == [
        "I", "II", "III", "IV", "IX", "XIV", "XL", "MCMXCIV"]
