"""How other documents cite an issued plan (their căn cứ)."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from workflow_app.kinds.plan.content import citation


def _plan(title, number="67/KH-UBND", issued_on=date(2023, 5, 30)):
    return SimpleNamespace(title=title, number=number, issued_on=issued_on,
                           issuer=SimpleNamespace(name="Ủy ban nhân dân huyện Càng Long"))


def test_the_citation_writes_the_date_in_full_and_continues_the_sentence():
    assert citation(_plan("Thực hiện Phong trào thi đua")) == (
        "Kế hoạch số 67/KH-UBND ngày 30 tháng 5 năm 2023 của Ủy ban nhân dân huyện Càng Long "
        "về thực hiện Phong trào thi đua")


def test_the_citation_never_names_the_plan_twice():
    text = citation(_plan("Kế hoạch triển khai Phong trào thi đua."))
    assert text.endswith("về triển khai Phong trào thi đua")
    assert citation(_plan("Kế hoạch x", number="", issued_on=None)) == \
        "Kế hoạch của Ủy ban nhân dân huyện Càng Long về x"
