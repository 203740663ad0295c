"""The v0 Platform API v2: its generated models and its catalogue of 44 operations."""
