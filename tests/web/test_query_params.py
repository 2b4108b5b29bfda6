"""Web query strings are cleaned as the API cleans its own (domain.text.clean): control
characters never reach a query or a header, and a bad value is ignored or answered with a
reason, never a 500 (issue 12, point 8)."""
from __future__ import annotations

import pytest

from tests.factories import advance, new_plan

URLS = [
    "/documents?state=%00",
    "/documents?state=%01draft",
    "/documents?q=%00",
    "/documents?kind=%00&state=x%0D%0AX-Injected:%201",
    "/archive/register?series=%00",
    "/archive/register.xlsx?series=%00",
    "/archive/register.xlsx?series=%01",
    "/archive/register.docx?series=%00",
    "/archive/register.xlsx?series=x%0D%0AContent-Disposition:%20inline",
    "/archive/register.docx?series=KH%0D%0AX-Injected:%201",
]


@pytest.mark.parametrize("url", URLS)
def test_control_characters_in_web_query_strings_are_not_a_500(world, as_user, url):
    plan = new_plan(world)
    advance(world, plan, "issued")
    response = as_user("archivist").get(url)
    assert response.status_code < 500, (url, response.status_code)
    assert response.status_code in (200, 400), (url, response.status_code)
    for name, value in response.headers.items():
        assert "\r" not in value and "\n" not in value and "X-Injected" not in name, (name, value)


def test_a_cleaned_filter_still_filters(world, as_user):
    """`state=%00draft` is the filter `draft` once cleaned, as the API reads it."""
    draft = new_plan(world, title="Kế hoạch còn dự thảo")
    issued = new_plan(world, title="Kế hoạch đã ban hành")
    advance(world, issued, "issued")
    html = as_user("drafter").get("/documents?state=%00draft").get_data(as_text=True)
    assert draft.title in html and issued.title not in html


def test_a_series_with_a_line_break_does_not_reach_the_file_name(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "issued")
    response = as_user("archivist").get("/archive/register.xlsx?series=KH%0D%0A")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith("-KH.xlsx")


@pytest.mark.parametrize("url", ["/language/en?next=/%0D%0AX-Injected:%201", "/language/vi?next=/x%00",
                                 "/login?next=/%0D%0A"])
def test_a_next_with_control_characters_goes_home(app, url):
    from tests.web.conftest import Browser
    response = Browser(app).get(url)
    assert response.status_code in (200, 302), response.status_code
    assert "X-Injected" not in response.headers
    assert response.headers.get("Location", "/") in ("/", "http://localhost/")
