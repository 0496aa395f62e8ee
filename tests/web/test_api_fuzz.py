"""Fuzz the JSON API from its own OpenAPI document: no input may make it answer 500.

schemathesis reads /api/v1/openapi.json from the app (ASGI, no network) and sends generated
requests to every operation; the app runs in local mode on a fresh SQLite database with a
profile and a few entries, so the journal endpoints get past "no such profile". Hypothesis is
derandomized (the same cases every run) and kept to a few dozen cases per operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from tests.web.conftest import LOCAL_API_HEADERS, make_app

DAY = "2025-01-15"


def seed(client: TestClient) -> None:
    """The profile "default" with entries on DAY (again, after a fuzzed DELETE removed it)."""
    made = client.put("/api/v1/profiles/default", json={"age": 45, "sex": "female"})
    assert made.status_code == 200, made.text
    for body in (
        {"kind": "food", "food": "almonds", "amount": "30 g"},
        {"kind": "supplement", "compound": "citrate", "dose_mg": 500, "as": "compound"},
        {"kind": "symptom", "name": "cramp", "count": 2, "night": True},
        {"kind": "medication", "name": "levothyroxine"},
    ):
        logged = client.post("/api/v1/entries", json={**body, "date": DAY, "time": "08:00"})
        assert logged.status_code == 201, logged.text


@pytest.fixture
def fuzz_app(web_settings: Settings, kb: KnowledgeBase) -> Iterator[FastAPI]:
    app, db = make_app(web_settings, kb)
    yield app
    db.dispose()


def _fuzz(label: str, strategy: Any, examples: int) -> str | None:
    """Run one strategy's generated cases; the first server error found, described."""

    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        # A local-mode API change needs a header a page of another site cannot send.
        case.call_and_validate(headers=LOCAL_API_HEADERS, checks=[not_a_server_error])

    try:
        run()
    except Unsatisfiable:  # nothing to get wrong (negative mode without parameters)
        return None
    except Exception as error:  # a failed check, with the reproducing request in its text
        return f"{label}: {error}"
    return None


def _scalar(definition: dict[str, Any]) -> st.SearchStrategy[Any] | None:
    """Any number within a parameter's bounds, or either boolean; None for other types."""
    schema = definition.get("schema", {})
    options = [schema, *schema.get("anyOf", [])]
    for option in options:
        kind = option.get("type")
        low, high = option.get("minimum"), option.get("maximum")
        if kind == "boolean":
            return st.booleans()
        if kind == "integer":
            return st.integers(low, high)
        if kind == "number":
            return st.floats(low, high, allow_nan=False, allow_infinity=False)
    return None


def _numbers(example: st.SearchStrategy[Any], operation: Any) -> st.SearchStrategy[Any]:
    """The documented example with every number and boolean query parameter drawn anew (or
    left out when optional): realistic names and units, any number the schema allows, so the
    numbers reach the engine instead of stopping at an unknown word."""
    draws: dict[str, st.SearchStrategy[Any]] = {}
    for parameter in operation.query:
        scalar = _scalar(parameter.definition)
        if scalar is not None:
            required = parameter.definition.get("required", False)
            draws[parameter.name] = scalar if required else st.one_of(st.none(), scalar)

    def apply(pair: tuple[Any, dict[str, Any]]) -> Any:
        case, values = pair
        query = {k: v for k, v in {**(case.query or {}), **values}.items() if v is not None}
        case.query = query
        return case

    return st.tuples(example, st.fixed_dictionaries(draws)).map(apply)


def _strategies(schema: Any, operation: Any) -> Iterator[tuple[str, Any, int]]:
    """The documented examples (with numbers varied), valid values from the schema, and
    invalid ones."""
    for strategy in schema.get_strategies_from_examples(operation):
        yield f"{operation.label} (examples)", strategy, 3
        if any(_scalar(p.definition) is not None for p in operation.query):
            yield f"{operation.label} (numbers)", _numbers(strategy, operation), 30
    yield f"{operation.label} (valid)", operation.as_strategy(GenerationMode.POSITIVE), 25
    yield f"{operation.label} (invalid)", operation.as_strategy(GenerationMode.NEGATIVE), 10


def test_no_server_error(fuzz_app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzz_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25  # calculators, foods and journal at least
    failures = []
    with TestClient(fuzz_app, headers=LOCAL_API_HEADERS) as client:
        for operation in operations:
            seed(client)
            for label, strategy, examples in _strategies(schema, operation):
                found = _fuzz(label, strategy, examples)
                if found is not None:
                    failures.append(found)
    assert not failures, "\n\n".join(failures)
