"""Env vars on the chat's Vercel project: created, read, changed and deleted; values hidden unless asked for."""

from __future__ import annotations

import json
import logging

import pytest

from tests.tools.v2.vercel_fixtures import open_v2
from v0_mcp.simulator import Simulator

SECRET = "sk-live-5f3a9c1e77d24b"
NEW_SECRET = "sk-live-rotated-0b8e41"


async def test_env_vars_live_on_the_chats_vercel_project_and_hide_their_values(
    sim: Simulator, era: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with open_v2(sim, era) as session:
        agent = session.agent
        chat_id = await session.chat()
        missing = await agent.fail("list_env_vars", {"chatId": chat_id})
        project = await agent.ok("create_vercel_project", {"chatId": chat_id, "name": "bean-and-bloom"})
        created = await agent.ok(
            "create_env_vars",
            {
                "chatId": chat_id,
                "environmentVariables": [
                    {"key": "STRIPE_KEY", "value": SECRET},
                    {"key": "PUBLIC_TITLE", "value": "Bean & Bloom", "type": "plain", "target": ["production"]},
                ],
            },
        )
        listed = await agent.ok("list_env_vars", {"chatId": chat_id})
        by_project = await agent.ok("list_env_vars", {"vercelProjectId": project["vercelProjectId"]})
        ids = {var["key"]: var["id"] for var in listed["envVars"]}
        hidden = await agent.ok("get_env_var", {"chatId": chat_id, "environmentVariableId": ids["STRIPE_KEY"]})
        shown = await agent.ok(
            "get_env_var", {"chatId": chat_id, "environmentVariableId": ids["STRIPE_KEY"], "decrypted": True}
        )
        duplicate = await agent.ok(
            "create_env_vars", {"chatId": chat_id, "environmentVariables": [{"key": "STRIPE_KEY", "value": "x"}]}
        )
        updated = await agent.ok(
            "update_env_vars",
            {
                "chatId": chat_id,
                "environmentVariables": [
                    {"id": ids["STRIPE_KEY"], "value": NEW_SECRET},
                    {"id": "env_does_not_exist", "value": "y"},
                ],
            },
        )
        decrypted = await agent.ok("list_env_vars", {"chatId": chat_id, "decrypted": True})
        stripe = [ids["STRIPE_KEY"]]
        refused = await agent.fail("delete_env_vars", {"chatId": chat_id, "environmentVariableIds": stripe})
        deleted = await agent.ok(
            "delete_env_vars", {"chatId": chat_id, "environmentVariableIds": stripe, "confirm": True}
        )
        left = await agent.ok("list_env_vars", {"chatId": chat_id})

    assert "create_vercel_project" in missing
    assert project["vercelProjectId"].startswith("prj_")
    assert {var["key"] for var in created["changed"]} == {"STRIPE_KEY", "PUBLIC_TITLE"}
    assert SECRET not in json.dumps(created)  # a write never echoes a value (the text block is the same JSON)
    assert listed == by_project
    assert all("value" not in var for var in listed["envVars"]) and "decrypted: true" in listed["note"]
    assert "value" not in hidden["envVar"] and shown["envVar"]["value"] == SECRET
    assert duplicate["changed"] == [] and duplicate["failed"][0]["key"] == "STRIPE_KEY"
    assert "upsert" in duplicate["note"]
    assert [var["id"] for var in updated["changed"]] == [ids["STRIPE_KEY"]]  # one call per variable
    assert updated["failed"][0]["id"] == "env_does_not_exist" and "404" in updated["failed"][0]["message"]
    assert NEW_SECRET not in json.dumps(updated)
    values = {var["key"]: var.get("value") for var in decrypted["envVars"]}
    assert values == {"STRIPE_KEY": NEW_SECRET, "PUBLIC_TITLE": "Bean & Bloom"}
    assert "confirm" in refused
    assert deleted["deleted"] == [ids["STRIPE_KEY"]]
    assert [var["key"] for var in left["envVars"]] == ["PUBLIC_TITLE"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert SECRET not in logged and NEW_SECRET not in logged


async def test_env_var_arguments_are_checked_before_vercel_is_called(sim: Simulator, era: str) -> None:
    async with open_v2(sim, era) as session:
        chat_id = await session.chat()
        await session.agent.ok("create_vercel_project", {"chatId": chat_id})
        no_project = await session.agent.fail("list_env_vars", {})
        bad_target = await session.agent.fail(
            "create_env_vars",
            {"chatId": chat_id, "environmentVariables": [{"key": "A", "value": "1", "target": ["staging"]}]},
        )
        nothing = await session.agent.ok(
            "update_env_vars", {"chatId": chat_id, "environmentVariables": [{"id": "env_1"}]}
        )
        listed = await session.agent.ok("list_env_vars", {"chatId": chat_id})

    assert "chatId" in no_project and "vercelProjectId" in no_project
    assert "environmentVariables.0.target.0" in bad_target
    assert nothing["changed"] == [] and "nothing to change" in nothing["failed"][0]["message"]
    assert listed["envVars"] == []
