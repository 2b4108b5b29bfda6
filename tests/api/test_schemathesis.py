"""Schemathesis generates requests from openapi.json and sends them to the app in-process (WSGI):
no answer may be a 500 or disagree with the description, valid requests or not.
SQLite only, a bounded number of examples per operation and mode."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from tests.factories import advance, new_commendation, new_plan
from workflow_app.services import tokens

EXAMPLES_PER_OPERATION = 30
# "Schema-valid means 2xx" cannot hold here: API.md answers well-formed but unacceptable
# requests (an award not in the body's list, a step the state does not allow) with 422/409,
# which the description documents. Every other default check applies.
NOT_APPLICABLE = [positive_data_acceptance, negative_data_rejection]


@schemathesis.serializer("application/pdf")
def _raw_bytes(ctx, value):
    """POST /verify takes a PDF as its body: sent as the bytes generated (a string as UTF-8)."""
    return {"data": value if isinstance(value, bytes) else str(value).encode()}


def negative_data_refused(ctx, response, case):
    """Invalid requests are refused; 413 and 414 (a body or URL over the API's limits, documented)
    refuse one as surely as 400 or 422 do, though the stock check does not list them."""
    if response.status_code in (413, 414):
        return None
    return negative_data_rejection(ctx, response, case)


def _exercise(operation, mode: GenerationMode, headers: dict) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_as_described(case):
        case.call_and_validate(headers=headers, excluded_checks=NOT_APPLICABLE,
                               additional_checks=[negative_data_refused])

    answers_as_described()


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_generated_requests_get_documented_answers(app, world, mode):
    plan = new_plan(world)   # something to find: documents, files and register rows with small ids
    advance(world, plan, "issued", generate=True)
    advance(world, new_commendation(world, plan=plan), "submitted")
    headers = {"Authorization": f"Bearer {tokens.issue(world.users['drafter'])[0]}"}

    described = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in described.get_all_operations()]
    described_operations = {f"{method.upper()} {path}"
                            for path, methods in described.raw_schema["paths"].items()
                            for method in methods if path != "/api/v1/openapi.json"}   # it skips its own
    assert {o.label for o in operations} == described_operations
    # DELETE /auth/token revokes the token every other call uses: it goes last.
    for operation in sorted(operations, key=lambda o: o.label == "DELETE /api/v1/auth/token"):
        if mode == GenerationMode.NEGATIVE and _only_a_file_body(described.raw_schema, operation):
            continue   # any bytes are a schema-valid file: there is no invalid body to generate
        _exercise(operation, mode, headers)


def _exercise_at(operation, mode: GenerationMode, headers: dict, path_parameters: dict) -> None:
    """_exercise with the path's ids set to rows that exist (a positive case then reaches past
    the 404 into the body's checks and the write)."""
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_as_described(case):
        case.path_parameters = {**(case.path_parameters or {}), **path_parameters}
        case.call_and_validate(headers=headers, excluded_checks=NOT_APPLICABLE,
                               additional_checks=[negative_data_refused])

    answers_as_described()


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_generated_council_and_round_statistics_requests_by_the_recorder(app, world):
    """The council of a round with a reviewed proposal, as its recorder (a reviewer of the plan's
    body) sees it: the generated test above calls it as a drafter, who only ever gets 403 from PUT.
    Valid requests at the real round: each a 200 or a documented 4xx, and the statistics of it."""
    from tests.council_support import council_round, reviewed_proposal

    round_ = council_round(world)
    reviewed_proposal(world, round_)
    headers = {"Authorization": f"Bearer {tokens.issue(world.users['reviewer'])[0]}"}
    described = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = {o.label: o for o in (result.ok() for result in described.get_all_operations())}
    for label in ("GET /api/v1/rounds/{round_id}/council", "PUT /api/v1/rounds/{round_id}/council"):
        _exercise_at(operations[label], GenerationMode.POSITIVE, headers, {"round_id": round_.id})
        _exercise(operations[label], GenerationMode.NEGATIVE, headers)
    _exercise(operations["GET /api/v1/statistics"], GenerationMode.POSITIVE, headers)


def _only_a_file_body(schema: dict, operation) -> bool:
    """POST /verify: its body is a file (a binary string) and it has no parameters."""
    declared = schema["paths"][operation.path][operation.method.lower()]
    content = declared.get("requestBody", {}).get("content", {})
    return bool(content) and not declared.get("parameters") and all(
        c.get("schema", {}).get("format") == "binary" for c in content.values())
