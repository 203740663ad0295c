"""Benchmarks of v0-mcp: every figure a ratio against a baseline measured in the same run.

    python -m bench            # everything (a few minutes); prints a table, writes bench/results.json
    python -m bench --quick    # a fast smoke run with small counts
    python -m bench --only cold_start,memory

* ``cold_start`` - spawn -> initialize -> tools/list over stdio, ``v0-mcp --demo`` vs a bare ``MCPServer``.
* ``overhead`` - ``get_chat`` through MCP over stdio vs ``chats.getById`` with ``V0Client``, same simulator.
* ``footprint`` - tokens of tools/list per toolset and profile (the budget test's measure), outputSchema total.
* ``memory`` - peak RSS of ``v0-mcp --demo`` after 1,000 calls vs the bare server; growth up to 5,000 calls.
* ``throughput`` - 50 concurrent clients over streamable HTTP vs the same requests made directly.
* ``streaming`` - a generation finishing in v0 -> the MCP progress notification reaching the client.

Everything runs on loopback (127.0.0.1) against the local simulator: no key, no network.
``bench/RESULTS.md`` records one full run and the machine it came from.
"""
