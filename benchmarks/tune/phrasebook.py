"""Choose the phrasebook's thresholds and confidences on data, and print the table they come from.

    python benchmarks/tune/phrasebook.py --data ../shared/mlqe-pe/train [--limit 3000] [--pairs ru-en,et-en]
    python benchmarks/tune/phrasebook.py --reference --limit 1000     # the reference-alignment threshold

For every MLQE-PE sentence pair (``mt`` and its human post-edit ``pe_tok``):

* every phrasebook match found in ``mt`` is labelled **positive** when the post-editor replaced the
  matched words by the proposed phrasing (the replacement is in ``pe`` and the original is not),
  **kept** when the post-editor left the matched words as they were (a false alarm on words a human
  judged right), and **other** when the post-editor changed them to something else;
* every match found in the post-edit itself is a **clean** false alarm: ``pe`` is fluent English
  that must get no edits;
* an **opportunity** is a canonical phrasing the post-editor wrote that ``mt`` lacks (what a
  perfect matcher could have found): recall is positives / opportunities.

Per method and similarity threshold it prints matches, precision = positive / (positive + kept +
other + clean) and recall, and then the calibration (lowest similarity, confidence) per method
that ``repair/propose/phrasebook/policy.py`` uses: a band's confidence is its measured precision with
add-one smoothing, so a method with little evidence stays a low-confidence suggestion.
Caches nothing and needs no LanguageTool; the embedding model is used for semantic candidates.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from repair.backends.embeddings import Embedder
from repair.propose import phrasebook as pb
from repair.segment import Segment

METHODS = ("variant", "house", "case", "spelling", "order", "function", "semantic")
GRID = (0.0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def read_rows(data: Path, pairs: list[str] | None, limit: int | None) -> list[dict]:
    rows = []
    for f in sorted(data.glob("*.jsonl.gz")):
        pair = f.name.split(".")[0]
        if pairs and pair not in pairs:
            continue
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if limit and i >= limit:
                    break
                rows.append(json.loads(line))
    if not rows:
        raise SystemExit(f"no rows under {data}")
    return rows


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def norms(text: str) -> list[str]:
    return [t.norm for t in pb.tokenize(text) if t.word]


def label(m: pb.Match, pe: list[str], mt_norms: list[str]) -> str:
    orig, repl = norms(m.original), norms(m.replacement)
    if contains(pe, repl) and not contains(pe, orig) and not contains(mt_norms, repl):
        return "positive"
    if contains(pe, orig):
        return "kept"
    return "other"


def opportunities(book: pb.Phrasebook, mt: list[str], pe: list[str]) -> int:
    """Canonical phrasings (two words or more) the post-editor wrote and the MT did not."""
    idx = book.index
    found = 0
    seen = set()
    for i in range(len(pe)):
        for n in range(2, min(idx.max_len, len(pe) - i) + 1):
            key = tuple(pe[i:i + n])
            for form in idx.exact.get(key, ()):
                if not form.variant and key not in seen and not contains(mt, list(key)):
                    seen.add(key)
                    found += 1
    return found


def tune_reference(rows: list[dict], embedder: Embedder) -> None:
    """Reference alignment: for each pair, half of the MT sentences keep their post-edit in the pool
    of reference sentences (a true counterpart exists) and half do not (any alignment is false)."""
    import numpy as np

    from sacremoses import MosesDetokenizer

    from repair.propose import reference

    detok = MosesDetokenizer(lang="en")
    by_pair: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_pair[r["id"].rsplit("-", 2)[0]].append(r)
    results = []  # (similarity, true?)
    for rs in by_pair.values():
        mt = embedder.encode([r["mt"] for r in rs])
        pe = embedder.encode([detok.detokenize(r["pe_tok"].split()) for r in rs])
        keep = np.arange(len(rs)) % 2 == 0  # even rows keep their counterpart in the pool
        pool = np.where(keep)[0]
        for i, j, sim in reference.align(mt, pe[pool]):
            results.append((sim, bool(keep[i] and pool[j] == i)))
    results.sort(reverse=True)
    positives = sum((len(rs) + 1) // 2 for rs in by_pair.values())
    print(f"# reference alignment: {len(rows)} MT sentences, half with their post-edit among the references")
    print(f"{'>=sim':>6} {'aligned':>7} {'true':>5} {'precision':>9} {'recall':>7}")
    chosen = None
    for t in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        sel = [ok for sim, ok in results if sim >= t]
        tp = sum(sel)
        prec = tp / len(sel) if sel else 0.0
        print(f"{t:6.2f} {len(sel):7d} {tp:5d} {prec:9.3f} {tp / max(1, positives):7.3f}")
        if chosen is None and prec >= 0.999:
            chosen = t
    print(f"# lowest threshold with precision >= 0.999: {chosen} (same-story references are harder than this pool)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/mlqe-pe/train", help="folder of PAIR.jsonl.gz files")
    ap.add_argument("--pairs", default="", help="comma-separated pairs (default: all)")
    ap.add_argument("--limit", type=int, default=0, help="rows per pair (default: all)")
    ap.add_argument("--show", type=int, default=12, help="examples to print per method and label")
    ap.add_argument("--reference", action="store_true", help="tune the reference-alignment threshold instead")
    args = ap.parse_args()

    from sacremoses import MosesDetokenizer

    detok = MosesDetokenizer(lang="en")
    rows = read_rows(Path(args.data), [p for p in args.pairs.split(",") if p] or None, args.limit or None)
    embedder = Embedder()
    if args.reference:
        tune_reference(rows, embedder)
        return
    book = pb.load_phrasebook()
    t0 = time.time()
    found: list[tuple[pb.Match, str]] = []
    opps = 0
    clean_sentences = 0
    for r in rows:
        mt = r["mt"]
        pe_text = detok.detokenize(r["pe_tok"].split())
        pe, mt_n = norms(pe_text), norms(mt)
        opps += opportunities(book, mt_n, pe)
        for m in pb.find_matches(mt, [Segment(0, len(mt), mt)], book, embedder):
            found.append((m, label(m, pe, mt_n)))
        clean = pb.find_matches(pe_text, [Segment(0, len(pe_text), pe_text)], book, embedder)
        if clean:
            clean_sentences += 1
        found.extend((m, "clean") for m in clean)
    elapsed = time.time() - t0

    print(f"# {len(rows)} sentence pairs from {args.data}, {len(book)} entries, {elapsed:.0f} s")
    print(f"# opportunities (canonical phrasings the post-editors wrote that MT lacked): {opps}")
    print(f"# post-edited sentences with any match (must be none): {clean_sentences} of {len(rows)}")
    print()
    print(f"{'method':9} {'>=sim':>5} {'n':>5} {'pos':>4} {'kept':>4} {'other':>5} {'clean':>5} "
          f"{'precision':>9} {'recall':>7}")
    by_method: dict[str, list[tuple[pb.Match, str]]] = defaultdict(list)
    for m, lab in found:
        by_method[m.method].append((m, lab))
    calibration: dict[str, list[tuple[float, float]]] = {}
    for method in METHODS:
        items = by_method.get(method, [])
        bands = []
        for t in GRID:
            sel = Counter(lab for m, lab in items if m.score >= t)
            n = sum(sel.values())
            if not n and t > 0:
                continue
            prec = sel["positive"] / n if n else 0.0
            rec = sel["positive"] / opps if opps else 0.0
            print(f"{method:9} {t:5.2f} {n:5d} {sel['positive']:4d} {sel['kept']:4d} {sel['other']:5d} "
                  f"{sel['clean']:5d} {prec:9.3f} {rec:7.4f}")
            bands.append((t, sel["positive"], n))
        # confidence of each band [t, next t): smoothed precision of the matches in that band
        out = []
        for i, (t, _, _) in enumerate(bands):
            upper = bands[i + 1][0] if i + 1 < len(bands) else 2.0
            sel = Counter(lab for m, lab in items if t <= m.score < upper)
            n = sum(sel.values())
            if n:
                out.append((t, round((sel["positive"] + 1) / (n + 2), 2)))
        calibration[method] = sorted(out, reverse=True)
    print()
    print("# smoothed precision per similarity band (lowest similarity, precision):")
    for method, bands in calibration.items():
        print(f"#   {method:9} {bands}")
    if args.show:
        print()
        for method in METHODS:
            for lab in ("positive", "kept", "other", "clean"):
                ex = [m for m, label in by_method.get(method, []) if label == lab][: args.show]
                for m in ex:
                    print(f"  {method:9} {lab:8} {m.score:.2f} {m.original!r} -> {m.replacement!r}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
