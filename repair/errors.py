"""Exceptions and exit codes.

Every error ``repair`` raises on purpose is a :class:`RepairError`; its message says
what failed, on which input, and what to do next.
"""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """Exit codes of the ``repair`` command.

    >>> int(ExitStatus.FINDINGS)
    1
    """

    OK = 0
    FINDINGS = 1  # `repair check --fail-on ...` found something at or above the level
    USAGE = 2  # bad command line (click's own code) or config file
    INPUT = 3  # the input could not be read or decoded
    SETUP = 4  # LanguageTool, Java or the model is missing or broken
    RULES = 5  # a rule pack or phrasebook is invalid
    OUTPUT = 6  # an output file could not be written (the old file, if any, is left as it was)
    INTERRUPTED = 130


class RepairError(Exception):
    """Base class of every error ``repair`` raises on purpose."""

    exit_status = ExitStatus.INPUT


class InputError(RepairError):
    """The input text or file cannot be processed as given."""

    exit_status = ExitStatus.INPUT


class UsageError(RepairError):
    """Options that do not go together (e.g. two outputs for one input); the CLI shows its usage."""

    exit_status = ExitStatus.USAGE


class OutputError(RepairError):
    """An output file could not be written: no space, no permission, a read-only file system."""

    exit_status = ExitStatus.OUTPUT


class ConfigError(RepairError):
    """A config file (``.repair.toml``, ``[tool.repair]``) is invalid: unknown key, bad value,
    missing file. Exit status 2, as for a bad command line: the file holds command-line options."""

    exit_status = ExitStatus.USAGE


class SetupError(RepairError):
    """A required part (Java, LanguageTool, the embedding model) is missing."""

    exit_status = ExitStatus.SETUP


class JavaMissingError(SetupError):
    """No Java 17+ runtime was found."""


class LanguageToolError(SetupError):
    """The LanguageTool server could not be installed, started or reached."""


class ModelError(SetupError):
    """The sentence-embedding model could not be loaded."""


class RuleError(RepairError):
    """A rule pack or phrasebook file is invalid.

    >>> str(RuleError("bad regex", path="x.yaml", entry="artifact.a"))
    'x.yaml: entry artifact.a: bad regex'
    """

    exit_status = ExitStatus.RULES

    def __init__(self, problem: str, *, path: str | None = None, entry: str | None = None) -> None:
        self.problem = problem
        self.path = path
        self.entry = entry
        where = ": ".join(p for p in (path, f"entry {entry}" if entry else None) if p)
        super().__init__(f"{where}: {problem}" if where else problem)
