"""Correction metrics on MLQE-PE: does repairing the MT move it toward the human post-edit?

:func:`correction_metrics` scores one language pair. Every text is Moses-tokenised the way
``mt_tok`` was made (``MosesTokenizer('en').tokenize(text, escape=False)`` joined by spaces)
and compared with ``pe_tok`` by TER (``sacrebleu.metrics.TER`` with its defaults, so the
figures match the dataset README: TER there is case-insensitive, and an edit that changes
only letter case changes no TER).

    >>> from types import SimpleNamespace as NS
    >>> from repair.records import Edit
    >>> rows = [{"mt": "He was a open man.", "mt_tok": "He was a open man .",
    ...          "pe_tok": "He was an open man ."}]
    >>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "", applied=True)
    >>> m = correction_metrics(rows, [NS(text="He was an open man.", edits=[e])], [[]])
    >>> m["ter_before"], m["ter_after"], m["improved"], m["worsened"], m["edit_precision"]
    (16.67, 0.0, 1, 0, 1.0)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

__all__ = ["correction_metrics", "tokenize", "sentence_ter", "apply_one", "lt_correct", "TER_DIGITS"]

#: Decimal places of the TER figures returned.
TER_DIGITS = 2


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from sacremoses import MosesTokenizer

    return MosesTokenizer("en")


@functools.lru_cache(maxsize=2)
def _ter(case_sensitive: bool = False):
    from sacrebleu.metrics import TER

    return TER(case_sensitive=case_sensitive)


def tokenize(text: str) -> str:
    """``text`` Moses-tokenised like ``mt_tok``."""
    return " ".join(_tokenizer().tokenize(text, escape=False))


def sentence_ter(hyp_tok: str, ref_tok: str, *, case_sensitive: bool = False) -> float:
    """Sentence TER (0-100) of a tokenised hypothesis against a tokenised reference."""
    return _ter(case_sensitive).sentence_score(hyp_tok, [ref_tok]).score


def corpus_ter(hyps_tok: Sequence[str], refs_tok: Sequence[str]) -> float:
    return _ter(False).corpus_score(list(hyps_tok), [list(refs_tok)]).score


def apply_one(text: str, start: int, end: int, replacement: str) -> str:
    return text[:start] + replacement + text[end:]


def lt_correct(text: str, matches: Sequence[Any]) -> str:
    """Every match's first suggestion applied, left to right, skipping a match that overlaps
    one already applied (what language-tool-python's ``correct`` does)."""
    out, pos = [], 0
    for m in sorted((m for m in matches if m.replacements), key=lambda m: (m.offset, m.length)):
        if m.offset < pos:
            continue
        out.append(text[pos:m.offset])
        out.append(m.replacements[0])
        pos = m.offset + m.length
    out.append(text[pos:])
    return "".join(out)


def correction_metrics(rows: Sequence[dict], results: Sequence[Any],
                       lt_matches: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Correction scores of one pair.

    ``rows``: the pair's JSON rows (``mt``, ``mt_tok``, ``pe_tok``); ``results``: per row an
    object with ``.text`` (the repaired ``mt``) and ``.edits`` (:class:`repair.records.Edit`,
    offsets into that row's ``mt``, ``.applied`` set); ``lt_matches``: per row the
    LanguageTool matches (:class:`repair.backends.languagetool.LTMatch`, offsets into ``mt``).

    Returns ``ter_before`` / ``ter_after`` (corpus TER of the tokenised ``mt`` and of the
    tokenised repair, against ``pe_tok``), ``improved`` / ``worsened`` (sentences whose TER
    went down / up), ``edit_precision`` (of the applied edits that change TER when applied
    alone, the share that lowers it; ``None`` when no edit changes TER), ``lt_apply_ter_after``
    (the baseline: every LanguageTool match's first suggestion applied), and the counts behind
    them (``sentences``, ``changed``, ``applied_edits``, ``edits_lower``, ``edits_raise``,
    ``edits_neutral``, ``worsened_share``) and ``edits``, every applied edit with its outcome
    (-1 lowers TER, 1 raises it, 0 neither), to be read.

    ``ter_before`` tokenises ``mt`` again, with the tokeniser that tokenises the repair, so
    that before and after differ only by the edits; ``ter_mt_tok`` is the TER of the dataset's
    own ``mt_tok`` (the README's figure), which differs where ``mt_tok`` was not reproduced
    (ro-en dev: 20.99 vs 21.01).
    """
    if not (len(rows) == len(results) == len(lt_matches)):
        raise ValueError(f"rows ({len(rows)}), results ({len(results)}) and lt_matches ({len(lt_matches)}) "
                         "must have one entry per sentence")
    refs, before, after, baseline, given = [], [], [], [], []
    improved = worsened = changed = 0
    lower = raise_ = neutral = applied = 0
    listed: list[dict] = []
    for row, res, matches in zip(rows, results, lt_matches):
        mt, ref = row["mt"], row["pe_tok"]
        mt_tok = tokenize(mt)
        out_tok = tokenize(res.text) if res.text != mt else mt_tok
        refs.append(ref)
        given.append(row.get("mt_tok", mt_tok))
        before.append(mt_tok)
        after.append(out_tok)
        baseline.append(tokenize(lt_correct(mt, matches)))
        if res.text != mt:
            changed += 1
        t0 = sentence_ter(mt_tok, ref)
        if out_tok != mt_tok:
            t1 = sentence_ter(out_tok, ref)
            improved += t1 < t0
            worsened += t1 > t0
        for e in res.edits:
            if not e.applied:
                continue
            applied += 1
            alone = tokenize(apply_one(mt, e.start, e.end, e.replacement))
            t = sentence_ter(alone, ref) if alone != mt_tok else t0
            if t < t0:
                lower += 1
            elif t > t0:
                raise_ += 1
            else:
                neutral += 1
            listed.append({"id": row.get("id"), "rule": e.rule, "original": e.original,
                           "replacement": e.replacement, "outcome": (t > t0) - (t < t0)})
    n = len(rows)
    decided = lower + raise_
    return {
        "sentences": n,
        "ter_before": round(corpus_ter(before, refs), TER_DIGITS) if n else None,
        "ter_after": round(corpus_ter(after, refs), TER_DIGITS) if n else None,
        "lt_apply_ter_after": round(corpus_ter(baseline, refs), TER_DIGITS) if n else None,
        "ter_mt_tok": round(corpus_ter(given, refs), TER_DIGITS) if n else None,
        "improved": improved,
        "worsened": worsened,
        "worsened_share": round(worsened / n, 4) if n else None,
        "changed": changed,
        "applied_edits": applied,
        "edits_lower": lower,
        "edits_raise": raise_,
        "edits_neutral": neutral,
        "edit_precision": round(lower / decided, 4) if decided else None,
        "edits": listed,
    }
