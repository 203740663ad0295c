from v0_mcp.cli import main

main()
