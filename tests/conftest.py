"""Shared fixtures: one real LanguageTool server and one real model for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b84adcd93273e994.txt"


@pytest.fixture(scope="session")
def repairer():
    """A real :class:`repair.Repairer` (LanguageTool server + embedding model), shared by all tests."""
    from repair.pipeline import Repairer

    r = Repairer()
    yield r
    r.close()


@pytest.fixture(scope="session")
def checker(repairer):
    """The real LanguageTool checker of the shared Repairer."""
    return repairer.checker


@pytest.fixture(scope="session")
def embedder(repairer):
    return repairer.embedder


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def changed_clean_lines():
    """A function (text, result, befores) -> the lines of ``text`` holding none of the listed
    errors (``befores``) that the repair changed (ideally none); it checks that no line was lost
    or added and that at least five lines are clean, so the comparison means something."""

    def changed(text, result, befores) -> list[str]:
        lines, out = text.splitlines(keepends=True), result.text.splitlines(keepends=True)
        assert len(out) == len(lines)
        kept = [(a, b) for a, b in zip(lines, out) if not any(before in a for before in befores)]
        assert len(kept) >= 5
        return [a for a, b in kept if a != b]

    return changed
