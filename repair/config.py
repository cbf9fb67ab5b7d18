"""Project configuration: ``.repair.toml`` or ``[tool.repair]`` in ``pyproject.toml``.

Like Vale and ruff, the configuration is found upward from the input (or the working folder):
the nearest folder that has one wins, and in one folder ``.repair.toml`` comes before
``pyproject.toml`` (a ``pyproject.toml`` without ``[tool.repair]`` is passed over). Paths in
the file are relative to the file. Options given on the command line override the file.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / ".repair.toml").write_text('language = "en-GB"\\nmin_confidence = 0.9\\n')
>>> s = settings(d / "article.txt", {"min_confidence": 0.7})
>>> s.values["language"], s.sources["language"] == str(d / ".repair.toml"), s.values["min_confidence"]
('en-GB', True, 0.7)
>>> s.sources["min_confidence"], s.sources["strict"]
('command line', 'default')
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

#: The file names looked for in each folder, in order.
CONFIG_NAMES = (".repair.toml", "pyproject.toml")
LANGUAGES = ("en-US", "en-GB", "auto")
FAIL_ON = ("flagged", "suggestion", "any", "never")

#: key -> default. ``threshold`` None means the detector's own (repair.detect.DEFAULT_THRESHOLD).
DEFAULTS: dict[str, Any] = {
    "language": "en-US",
    "rules": (),
    "phrasebooks": (),
    "references": (),
    "disable": (),
    "apply": (),
    "min_confidence": 0.8,
    "threshold": None,
    "strict": False,
    "allow_partial": False,
    "fail_on": "any",
    "prepositions": False,
}
#: Keys whose values are paths (resolved against the folder of the file that names them).
PATH_KEYS = frozenset({"rules", "phrasebooks", "references"})


@dataclass(frozen=True)
class Settings:
    """The options of a run: ``values`` by key, and where each came from (``sources``: a config
    file's path, ``command line`` or ``default``). ``path`` is the config file used, if any."""

    values: dict[str, Any]
    sources: dict[str, str]
    path: Path | None = None


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (a file's folder, or a folder; default: the
    working folder), or None."""
    here = Path(start) if start is not None else Path.cwd()
    here = here.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    return "repair" in _read_toml(pyproject).get("tool", {})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc


def _paths(value: Any, key: str, path: Path) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
        raise ConfigError(f"{path}: {key} must be a path or a list of paths")
    out = []
    for item in items:
        p = Path(item).expanduser()
        p = p if p.is_absolute() else path.parent / p
        if not p.is_file():
            raise ConfigError(f"{path}: {key}: no such file {item!r} (looked for {p})")
        out.append(str(p))
    return tuple(out)


def _number(value: Any, key: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{path}: {key} must be a number from 0 to 1, got {value!r}")
    return float(value)


def _choice(value: Any, key: str, path: Path, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{path}: {key} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _flag(value: Any, key: str, path: Path) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: {key} must be true or false, got {value!r}")
    return value


def _strings(value: Any, key: str, path: Path) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
        raise ConfigError(f"{path}: {key} must be a string or a list of strings")
    return tuple(items)


def read_config(path: str | Path) -> dict[str, Any]:
    """The checked values of a config file (``.repair.toml``, or ``[tool.repair]`` of a
    ``pyproject.toml``), paths made absolute. Keys may be written with ``-`` or ``_``; an unknown
    key or a bad value is a :class:`~repair.errors.ConfigError` naming the file and the key."""
    path = Path(path).resolve()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("repair", {})
        where = f"{path} [tool.repair]"
    else:
        where = str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a table of options")
    out: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in DEFAULTS:
            raise ConfigError(f"{where}: unknown key {raw_key!r} (known: {', '.join(DEFAULTS)})")
        if key in PATH_KEYS:
            out[key] = _paths(value, raw_key, path)
        elif key in ("min_confidence", "threshold"):
            out[key] = _number(value, raw_key, path)
        elif key == "language":
            out[key] = _choice(value, raw_key, path, LANGUAGES)
        elif key == "fail_on":
            out[key] = _choice(value, raw_key, path, FAIL_ON)
        elif key in ("strict", "allow_partial", "prepositions"):
            out[key] = _flag(value, raw_key, path)
        else:  # disable, apply
            out[key] = _strings(value, raw_key, path)
    return out


def settings(start: str | Path | None, given: dict[str, Any], *, config: str | Path | None = None) -> Settings:
    """The options of a run: ``given`` (the options on the command line, by config key) over
    the config file (``config``, or the one found upward from ``start``) over :data:`DEFAULTS`."""
    path = Path(config).resolve() if config is not None else find_config(start)
    found = read_config(path) if path is not None else {}
    values, sources = dict(DEFAULTS), dict.fromkeys(DEFAULTS, "default")
    for key, value in found.items():
        values[key], sources[key] = value, str(path)
    for key, value in given.items():
        if key not in DEFAULTS:
            raise ValueError(f"unknown option {key!r}")
        values[key], sources[key] = value, "command line"
    return Settings(values, sources, path)


def start_of(inputs: Iterable[str]) -> Path | None:
    """Where to look for the config of a run over ``inputs``: the first input that is a path
    (for a glob, the folder before its first wildcard); None (the working folder) for stdin."""
    for spec in inputs:
        if spec == "-":
            continue
        parts = []
        for part in Path(spec).parts:
            if set("*?[") & set(part):
                break
            parts.append(part)
        return Path(*parts) if parts else Path(".")
    return None


def show(s: Settings) -> str:
    """The settings as TOML lines, each with where its value came from.

    >>> print(show(Settings({"strict": True, "rules": ("/a.yaml",)}, {"strict": "default", "rules": "x.toml"})), end="")
    # no config file found
    strict = true                                     # default
    rules = ["/a.yaml"]                               # x.toml
    """
    lines = [f"# config file: {s.path}" if s.path else "# no config file found"]
    for key, value in s.values.items():
        if key == "threshold" and value is None:
            from .detect import DEFAULT_THRESHOLD

            value = DEFAULT_THRESHOLD
        lines.append(f"{f'{key} = {_toml(value)}':<49} # {s.sources[key]}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)
