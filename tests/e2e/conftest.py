"""End-to-end tests drive the JSON API as the API tests do: the same callers, and every response
checked against openapi.json (tests/api/conftest.py)."""
from tests.api.conftest import anonymous, api_responses_match_the_spec, caller  # noqa: F401
