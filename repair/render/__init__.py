"""Render: show a result to people (diffs, side-by-side, HTML) and to programs (JSON)."""
