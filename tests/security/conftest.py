"""Security tests reuse the web tests' signed-in browsers and the API tests' callers."""
from tests.api.conftest import caller  # noqa: F401
from tests.web.conftest import as_user, browser  # noqa: F401
