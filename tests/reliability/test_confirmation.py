"""A confirmation nobody answers ends the call with a clear message; it never hangs the tool."""

from __future__ import annotations

import anyio
from mcp.client.context import ClientRequestContext
from mcp.types import ElicitRequestParams, ElicitResult

from tests.reliability.conftest import API_KEY, World, connect, serve, text_of
from v0_mcp.tools import Runtime


class Silent:
    """An elicitation callback that is shown the question and never answers (a dialog left open)."""

    def __init__(self) -> None:
        self.questions: list[str] = []

    async def __call__(self, ctx: ClientRequestContext, params: ElicitRequestParams) -> ElicitResult:
        self.questions.append(params.message)
        await anyio.sleep_forever()
        raise AssertionError("unreachable")


async def test_an_unanswered_confirmation_times_out_and_changes_nothing(world: World) -> None:
    project_id = sorted(world.sim.workspace(API_KEY).projects)[0]
    runtime = Runtime(client=world.v0, poll_interval=0.02, max_poll_interval=0.05, confirmation_timeout=0.2)
    silent = Silent()

    async with connect(serve(world.v0, runtime=runtime), "legacy", elicitation_callback=silent) as client:
        with anyio.fail_after(30):  # a generous bound: without the timeout the call never returns
            result = await client.call_tool("delete_project", {"projectId": project_id})

    assert silent.questions, "the user was asked"
    assert result.is_error
    assert "Nobody answered the confirmation for delete_project" in text_of(result)
    assert "confirm: true" in text_of(result)
    assert project_id in world.sim.workspace(API_KEY).projects
    assert ("DELETE", f"/v1/projects/{project_id}") not in world.requests.seen
