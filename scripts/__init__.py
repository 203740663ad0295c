"""Maintenance scripts: model generation, README regions, the Claude Desktop bundle, the first-run check."""
