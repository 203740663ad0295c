"""Query strings as the SDK sends them: true/false, deepObject metadata, ISO-8601 UTC dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest

from tests.api.conftest import Script, body
from v0_mcp.api._query import encode_scalar


def ok(operation_id: str) -> httpx.Response:
    return httpx.Response(200, json=body(operation_id))


async def test_booleans_are_sent_as_true_and_false(make_client):
    script = Script(ok("chats.find"))
    async with make_client(script) as v0:
        await v0.call("chats.find", isFavorite=True)
        await v0.call("chats.find", isFavorite=False)
    assert [r.url.params["isFavorite"] for r in script.requests] == ["true", "false"]


async def test_metadata_is_sent_as_deep_object(make_client):
    script = Script(ok("chats.find"))
    async with make_client(script) as v0:
        await v0.call("chats.find", metadata={"customerId": "cus_123", "tier": "pro"})
    assert script.last.url.query == b"metadata%5BcustomerId%5D=cus_123&metadata%5Btier%5D=pro"


async def test_datetimes_are_sent_as_utc_iso_with_z(make_client):
    script = Script(ok("reports.getUsage"))
    start = datetime(2026, 1, 28, 16, 23, 10, 393000, tzinfo=timezone(timedelta(hours=1)))
    async with make_client(script) as v0:
        await v0.call("reports.getUsage", startDate=start, endDate="2026-02-01T00:00:00Z")
    assert script.last.url.params["startDate"] == "2026-01-28T15:23:10.393Z"
    assert script.last.url.params["endDate"] == "2026-02-01T00:00:00.000Z"


async def test_defaults_and_omitted_fields_are_not_sent(make_client):
    script = Script(ok("chats.find"))
    async with make_client(script) as v0:
        await v0.call("chats.find", branch=None)
    assert script.last.url.query == b""


async def test_required_query_fields_are_sent(make_client):
    script = Script(ok("deployments.find"))
    async with make_client(script) as v0:
        await v0.call("deployments.find", chatId="c1", versionId="v1")
    assert dict(script.last.url.params) == {"chatId": "c1", "versionId": "v1"}


async def test_whole_seconds_are_sent_without_fraction(make_client):
    script = Script(ok("deployments.findLogs"))
    async with make_client(script) as v0:
        await v0.call("deployments.findLogs", deploymentId="d", since=1769613845)
    assert script.last.url.params["since"] == "1769613845"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (60, "60"),
        (2.5, "2.5"),
        (3.0, "3"),
        ("zip", "zip"),
        (datetime(2026, 1, 1), "2026-01-01T00:00:00.000Z"),
        (datetime(2026, 1, 1, 12, tzinfo=UTC), "2026-01-01T12:00:00.000Z"),
    ],
)
def test_scalar_encoding(value, text):
    assert encode_scalar(value) == text
