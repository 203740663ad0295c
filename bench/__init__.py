"""Benchmarks of v0-mcp: every figure a ratio against a baseline measured in the same run.

    python -m bench            # everything (a few minutes); prints a table, writes bench/results.json
    python -m bench --quick    # a fast smoke run with small counts
    python -m bench --only cold_start,memory

* ``cold_start`` - spawn -> initialize -> tools/list over stdio, ``v0-mcp --demo`` (builder and all toolsets) on
  API v1 and v2 vs a bare ``MCPServer``: shuffled interleaved rounds, paired ratios, wall and server CPU time.
* ``overhead`` - ``get_chat`` through MCP over stdio vs ``chats.getById`` with ``V0Client``, same simulator (v1).
* ``footprint`` - tokens of tools/list per toolset and profile (the budget test's measure), outputSchema total,
  per API version.
* ``memory`` - peak RSS of ``v0-mcp --demo`` (v1 and v2) after 1,000 calls vs the bare server; growth to 5,000.
* ``throughput`` - 50 concurrent clients over streamable HTTP vs the same requests made directly (v1).
* ``streaming`` - a generation finishing in v0 -> the MCP progress notification reaching the client (v1).

Everything runs on loopback (127.0.0.1) against the local simulator: no key, no network.
``bench/RESULTS.md`` records one full run and the machine it came from.
"""
