"""Phrasebook data: entries, the phrasebook, and the validation of a phrasebook file's entries.

See ``rules/README.md`` (Phrasebook) for the YAML schema.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import RuleError
from ...text import fold, tokenize

if TYPE_CHECKING:
    from .index import _Index

KINDS = ("idiom", "collocation", "phrase", "name", "institution", "place", "title")
#: Kinds whose canonical is a proper name: matched with its capitals, never rewritten from a
#: lower-case common phrase, and their listed variants are house spellings.
PROPER_KINDS = frozenset({"name", "institution", "place", "title"})
ENTRY_KEYS = frozenset({"canonical", "kind", "variants", "note", "fuzzy", "domain", "confidence"})


@dataclass(frozen=True)
class Entry:
    """One canonical phrasing.

    >>> Entry("coalition of the willing", "idiom", "diplomacy").words
    ('coalition', 'of', 'the', 'willing')
    """

    canonical: str
    kind: str
    domain: str
    variants: tuple[str, ...] = ()
    note: str = ""
    #: Near-miss matching (order, function words, calques); False: exact variants only.
    fuzzy: bool = True
    #: The file the entry came from.
    path: str = ""
    #: The confidence of an exact listed variant of this entry (a house term the user enforces:
    #: applied when >= min_confidence); None: the measured one (:data:`.policy.CALIBRATION`).
    confidence: float | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in tokenize(self.canonical) if t.word)

    @property
    def label(self) -> str:
        return f"{self.kind}, {self.domain}"


class Phrasebook:
    """A set of entries with the index that finds their near-misses (built on first use)."""

    def __init__(self, entries: Iterable[Entry], sources: tuple[str, ...] = ()) -> None:
        self.entries = tuple(entries)
        self.sources = sources
        self._index: _Index | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    @property
    def index(self) -> _Index:
        if self._index is None:
            from .index import _Index

            self._index = _Index(self.entries)
        return self._index

    def domains(self) -> dict[str, int]:
        """Entry count per domain."""
        out: dict[str, int] = defaultdict(int)
        for e in self.entries:
            out[e.domain] += 1
        return dict(out)

    def house_spelling(self, word: str) -> Entry | None:
        """The name/place entry whose canonical or listed variant is the one word ``word``."""
        return self.index.single_names.get(fold(word))


def _entry_name(raw, i: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("canonical"), str) and raw["canonical"].strip():
        return raw["canonical"].strip()
    return f"#{i + 1}"


def parse_entry(raw, *, domain: str, path: str, i: int) -> Entry:
    """One entry from its YAML mapping (or bare string), validated."""
    name = _entry_name(raw, i)
    if isinstance(raw, str):
        raw = {"canonical": raw}
    if not isinstance(raw, dict):
        raise RuleError("an entry is a mapping with 'canonical' (or a bare string)", path=path, entry=name)
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise RuleError(f"unknown keys {sorted(unknown)} (known: {', '.join(sorted(ENTRY_KEYS))})",
                        path=path, entry=name)
    canonical = raw.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        raise RuleError("'canonical' must be a non-empty string", path=path, entry=name)
    canonical = " ".join(canonical.split())
    if not any(t.word for t in tokenize(canonical)):
        raise RuleError("'canonical' has no words", path=path, entry=name)
    kind = raw.get("kind", "phrase")
    if kind not in KINDS:
        raise RuleError(f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}", path=path, entry=name)
    variants = raw.get("variants") or []
    if isinstance(variants, str):
        variants = [variants]
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        raise RuleError("'variants' must be a list of non-empty strings", path=path, entry=name)
    variants = [" ".join(v.split()) for v in variants]
    for v in variants:
        if v == canonical:
            raise RuleError(f"variant {v!r} is the canonical itself", path=path, entry=name)
    if len(set(variants)) != len(variants):
        raise RuleError("'variants' lists the same spelling twice", path=path, entry=name)
    fuzzy = raw.get("fuzzy", True)
    if not isinstance(fuzzy, bool):
        raise RuleError(f"'fuzzy' must be true or false, got {fuzzy!r}", path=path, entry=name)
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise RuleError("'note' must be a string", path=path, entry=name)
    dom = raw.get("domain", domain)
    if not isinstance(dom, str) or not dom.strip():
        raise RuleError("'domain' must be a non-empty string", path=path, entry=name)
    conf = raw.get("confidence")
    if conf is not None and (isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0 <= conf <= 1):
        raise RuleError(f"'confidence' must be a number from 0 to 1, got {conf!r}", path=path, entry=name)
    return Entry(canonical, kind, dom.strip(), tuple(variants), note, fuzzy, path,
                 None if conf is None else float(conf))


def parse_phrasebook(data, path: str) -> list[Entry]:
    """The entries of one phrasebook file (already parsed from YAML)."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise RuleError("a phrasebook is a mapping with 'domain' and an 'entries' list", path=path)
    unknown = set(data) - {"domain", "description", "entries"}
    if unknown:
        raise RuleError(f"unknown top-level keys {sorted(unknown)} (known: description, domain, entries)", path=path)
    domain = data.get("domain")
    if not isinstance(domain, str) or not domain.strip():
        raise RuleError("'domain' is required (a name such as 'diplomacy')", path=path)
    out = [parse_entry(raw, domain=domain.strip(), path=path, i=i) for i, raw in enumerate(data["entries"])]
    seen: dict[str, str] = {}
    for e in out:
        for spelling in (e.canonical, *e.variants):
            key = fold(spelling)
            if key in seen and seen[key] != e.canonical:
                raise RuleError(f"{spelling!r} is already an entry or variant of {seen[key]!r}", path=path,
                                entry=e.canonical)
            if key in seen and spelling == e.canonical:
                raise RuleError("the same canonical is listed twice", path=path, entry=e.canonical)
            seen[key] = e.canonical
    return out


def override(shipped: Iterable[Entry], user: Iterable[Entry]) -> list[Entry]:
    """The ``shipped`` entries less what ``user`` entries claim: a shipped entry whose canonical a
    user entry lists as a variant is dropped (an archive that keeps "Kiev" lists "Kyiv" as its
    variant: the shipped Kyiv entry goes), and a shipped variant that is a user canonical is
    removed from its entry. What the user's files say wins over what is shipped.

    >>> kyiv = Entry("Kyiv", "place", "places", ("Kiev", "Kyyiv"))
    >>> override([kyiv, Entry("Lviv", "place", "places", ("Lvov",))], [Entry("Kiev", "place", "house", ("Kyiv",))])
    [Entry(canonical='Lviv', kind='place', domain='places', variants=('Lvov',), note='', fuzzy=True, path='', confidence=None)]
    >>> override([kyiv], [Entry("Kyyiv", "place", "house")])[0].variants
    ('Kiev',)
    """
    user = list(user)
    claimed_variants = {fold(v) for e in user for v in e.variants}
    user_canonicals = {fold(e.canonical) for e in user}
    out = []
    for e in shipped:
        if fold(e.canonical) in claimed_variants:
            continue
        variants = tuple(v for v in e.variants if fold(v) not in user_canonicals)
        out.append(e if variants == e.variants else Entry(e.canonical, e.kind, e.domain, variants, e.note, e.fuzzy,
                                                          e.path, e.confidence))
    return out


def merge(entries: Iterable[Entry]) -> list[Entry]:
    """Entries with the same canonical merged (later files add variants and may change the kind);
    raises when one spelling is the variant of two different canonicals."""
    by_key: dict[str, Entry] = {}
    order: list[str] = []
    for e in entries:
        key = fold(e.canonical)
        old = by_key.get(key)
        if old is None:
            by_key[key] = e
            order.append(key)
        else:
            variants = tuple(dict.fromkeys(old.variants + e.variants))
            by_key[key] = Entry(old.canonical if e.canonical == old.canonical else e.canonical, e.kind, e.domain,
                                variants, e.note or old.note, e.fuzzy, e.path,
                                e.confidence if e.confidence is not None else old.confidence)
    owner: dict[str, Entry] = {}
    for key in order:
        e = by_key[key]
        for v in e.variants:
            vk = fold(v)
            if vk in by_key and vk != key:
                raise RuleError(f"variant {v!r} is itself a canonical entry (from {by_key[vk].path or 'a phrasebook'})",
                                path=e.path, entry=e.canonical)
            if vk in owner and owner[vk].canonical != e.canonical:
                raise RuleError(f"variant {v!r} also belongs to {owner[vk].canonical!r} (from {owner[vk].path})",
                                path=e.path, entry=e.canonical)
            owner[vk] = e
    return [by_key[k] for k in order]
