"""Glossaries as phrasebooks: terms from CSV/TSV tables and TBX termbases.

CSV (or TSV, by extension or by sniffing) comes in three shapes:

* a header naming the columns: ``canonical`` (or ``target``, ``term``, ``preferred``, ``english``,
  ``en``) and, optionally, ``variant``/``variants``/``source`` (several variants separated by ``|``
  or ``;``), ``kind``, ``domain``, ``note``;
* no header and two columns: ``variant,canonical`` (what MT writes, what the house writes);
* no header and one column: canonical terms.

Rows with the same canonical are merged. TBX (ISO 30042, TBX 2 ``termEntry``/``langSet``/``tig``
or TBX 3 ``conceptEntry``/``langSec``/``termSec``) is read with :mod:`xml.etree.ElementTree`: in
each entry, the English term marked preferred (or the first English term) is the canonical and
the other English terms (admitted, deprecated, superseded) are its variants; entries without an
English term are skipped. Every problem is a :class:`~repair.errors.RuleError` naming the file,
the row or entry, and what is wrong.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from ...errors import RuleError

CANONICAL_COLUMNS = ("canonical", "target", "term", "preferred", "english", "en", "house", "correct")
VARIANT_COLUMNS = ("variants", "variant", "source", "source-variant", "source_variant", "wrong", "incorrect", "mt")
OTHER_COLUMNS = ("kind", "domain", "note")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise RuleError(f"cannot read the glossary: {exc.strerror}", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise RuleError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) from exc


def _guess_kind(term: str) -> str:
    words = term.split()
    if all(w[:1].isupper() for w in words if len(w) > 3):
        return "name"
    return "phrase"


def _make_entry(row: dict, where: str, path: str, default_domain: str):
    from .schema import parse_entry

    raw = {"canonical": row["canonical"]}
    if row.get("variants"):
        raw["variants"] = row["variants"]
    raw["kind"] = row.get("kind") or _guess_kind(row["canonical"])
    if row.get("note"):
        raw["note"] = row["note"]
    try:
        return parse_entry(raw, domain=row.get("domain") or default_domain, path=path, i=0)
    except RuleError as exc:
        raise RuleError(exc.problem, path=path, entry=f"{where} ({row['canonical']!r})") from exc


def _split_variants(cell: str) -> list[str]:
    for sep in ("|", ";"):
        if sep in cell:
            return [v.strip() for v in cell.split(sep) if v.strip()]
    return [cell.strip()] if cell.strip() else []


def read_csv(path: str | Path) -> list:
    """Phrasebook entries from a CSV or TSV glossary (see the module docs for the columns)."""
    from .schema import merge

    p = Path(path)
    text = _read_text(p)
    if not text.strip():
        raise RuleError("the glossary is empty", path=str(p))
    if p.suffix.lower() == ".tsv":
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    header = [c.strip().lower() for c in rows[0]]
    domain = f"glossary {p.stem}"
    known = set(CANONICAL_COLUMNS) | set(VARIANT_COLUMNS) | set(OTHER_COLUMNS)
    if any(h in CANONICAL_COLUMNS for h in header) and all(h in known or not h for h in header):
        canon_col = next(header.index(h) for h in CANONICAL_COLUMNS if h in header)
        var_col = next((header.index(h) for h in VARIANT_COLUMNS if h in header), None)
        cols = {name: header.index(name) for name in OTHER_COLUMNS if name in header}
        body = list(enumerate(rows[1:], start=2))
    elif any(h in known for h in header):
        raise RuleError(f"the header {rows[0]} has no canonical column (one of: {', '.join(CANONICAL_COLUMNS)}) "
                        f"or has unknown columns (known: {', '.join(sorted(known))})", path=str(p))
    else:
        width = max(len(r) for r in rows)
        if width > 2:
            raise RuleError(f"{width} columns but no header: name the columns (canonical, variants, kind, "
                            "domain, note) or use two columns variant,canonical", path=str(p))
        canon_col, var_col, cols = (1, 0, {}) if width == 2 else (0, None, {})
        body = list(enumerate(rows, start=1))
    entries = []
    for line, r in body:
        where = f"row {line}"

        def cell(i: int | None) -> str:
            return r[i].strip() if i is not None and i < len(r) else ""  # noqa: B023 (used in this iteration only)

        canonical = cell(canon_col)
        if not canonical:
            raise RuleError("the canonical column is empty", path=str(p), entry=where)
        row = {"canonical": canonical, "variants": _split_variants(cell(var_col))}
        row.update({name: cell(i) for name, i in cols.items()})
        entries.append(_make_entry(row, where, str(p), domain))
    return merge(entries)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _is_english(lang: str | None) -> bool:
    return bool(lang) and lang.lower().replace("_", "-").split("-")[0] == "en"


def _terms(lang_set) -> list[tuple[str, str]]:
    """(term, status) of each term in one language section (TBX 2 tig/ntig, TBX 3 termSec)."""
    out = []
    for holder in lang_set.iter():
        if _local(holder.tag) not in ("tig", "ntig", "termSec"):
            continue
        term = next((el for el in holder.iter() if _local(el.tag) == "term"), None)
        if term is None:
            continue
        status = ""
        for note in holder.iter():
            if _local(note.tag) == "termNote" and (note.get("type") or "").lower() in (
                    "administrativestatus", "normativeauthorization"):
                status = (note.text or "").strip().lower()
        out.append(("".join(term.itertext()).strip(), status))
    return out


def read_tbx(path: str | Path) -> list:
    """Phrasebook entries from a TBX termbase (English terms only; see the module docs)."""
    from .schema import merge

    p = Path(path)
    text = _read_text(p)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = exc.position
        raise RuleError(f"invalid TBX/XML at line {line}, column {col + 1}: {exc}", path=str(p)) from exc
    if _local(root.tag).lower() not in ("martif", "tbx"):
        raise RuleError(f"not a TBX file: the root element is <{_local(root.tag)}>, not <martif> or <tbx>",
                        path=str(p))
    default_domain = f"glossary {p.stem}"
    concepts = [el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")]
    if not concepts:
        raise RuleError("no <termEntry> or <conceptEntry> elements", path=str(p))
    entries = []
    for n, concept in enumerate(concepts, start=1):
        where = f"{_local(concept.tag)} {concept.get('id') or '#' + str(n)}"
        domain = default_domain
        for d in concept.iter():
            if _local(d.tag) == "descrip" and (d.get("type") or "") == "subjectField" and (d.text or "").strip():
                domain = d.text.strip()
        english = []
        for lang_set in concept:
            if _local(lang_set.tag) in ("langSet", "langSec") and _is_english(lang_set.get(XML_LANG)):
                english.extend(_terms(lang_set))
        if not english:
            continue
        if any(not t for t, _ in english):
            raise RuleError("an English <term> is empty", path=str(p), entry=where)
        preferred = [t for t, s in english if "preferred" in s]
        if len(set(preferred)) > 1:
            raise RuleError(f"more than one preferred English term: {sorted(set(preferred))}", path=str(p),
                            entry=where)
        canonical = preferred[0] if preferred else english[0][0]
        variants = list(dict.fromkeys(t for t, _ in english if t != canonical))
        entries.append(_make_entry({"canonical": canonical, "variants": variants, "domain": domain},
                                   where, str(p), default_domain))
    if not entries:
        raise RuleError("no English terms: no <langSet>/<langSec> with xml:lang='en' (or en-GB, en-US ...)",
                        path=str(p))
    return merge(entries)
