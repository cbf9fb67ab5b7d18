"""Reading MLQE-PE files, and checking their MT sentences with LanguageTool once (cached).

    python benchmarks/mlqe_data.py --data ../shared/mlqe-pe/train --cache .cache/lt [--post-edits]

writes, per pair, the LanguageTool matches of every ``mt`` sentence as JSON Lines, so that
training and tuning runs need not check 35,000 sentences again. The matches come from the
real server (the same :class:`repair.backends.languagetool.GrammarChecker` the pipeline uses),
sentences grouped into pseudo-articles of ``--group`` sentences, one request each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from repair.backends.languagetool import GrammarChecker, LTMatch

SEP = "\n\n"


def read_pairs(data_dir: str | Path) -> dict[str, list[dict]]:
    """{pair: rows} for every ``PAIR.jsonl.gz`` in ``data_dir``."""
    out = {}
    for f in sorted(Path(data_dir).glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            out[f.name.split(".")[0]] = [json.loads(line) for line in fh]
    if not out:
        raise SystemExit(f"no PAIR.jsonl.gz files in {data_dir}")
    return out


def post_edit_rows(rows: list[dict]) -> list[dict]:
    """The human post-edits of ``rows`` as rows of their own: ``mt`` is the detokenised ``pe_tok``
    (fluent English, as a reader would see it), every word tagged OK, HTER 0.

    They are the clean counterpart of each MT sentence: the detector is trained to score the
    post-edit below the MT it corrects (see benchmarks/tune/train_detector.py)."""
    from sacremoses import MosesDetokenizer

    detok = MosesDetokenizer(lang="en")
    out = []
    for r in rows:
        toks = r["pe_tok"].split(" ")
        out.append({"id": r["id"] + "-pe", "mt": detok.detokenize(toks), "mt_tok": r["pe_tok"],
                    "pe_tok": r["pe_tok"], "word_tags": ["OK"] * len(toks), "hter": 0.0, "of": r["id"]})
    return out


def check_sentences(checker: GrammarChecker, sentences: list[str], group: int = 40,
                    workers: int = 2) -> list[list[LTMatch]]:
    """LanguageTool matches per sentence, offsets relative to each sentence."""
    chunks = [sentences[i:i + group] for i in range(0, len(sentences), group)]

    def run(chunk: list[str]) -> list[list[LTMatch]]:
        return checker.check_many(chunk, separator=SEP)

    out: list[list[LTMatch]] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for per in pool.map(run, chunks):
            out.extend(per)
    return out


def cached_matches(pair_rows: dict[str, list[dict]], cache_dir: str | Path | None, split: str,
                   checker: GrammarChecker | None = None) -> dict[str, list[list[LTMatch]]]:
    """{pair: matches per row}, read from ``cache_dir/split/pair.jsonl`` or computed and stored there."""
    out = {}
    for pair, rows in pair_rows.items():
        path = Path(cache_dir) / split / f"{pair}.jsonl" if cache_dir else None
        if path is not None and path.exists():
            with path.open(encoding="utf-8") as fh:
                cached = [json.loads(line) for line in fh]
            if len(cached) == len(rows) and all(c["id"] == r["id"] for c, r in zip(cached, rows)):
                out[pair] = [[LTMatch.from_dict(m) for m in c["matches"]] for c in cached]
                continue
        if checker is None:
            checker = GrammarChecker()
        print(f"checking {len(rows)} {pair} sentences with LanguageTool ...", file=sys.stderr)
        matches = check_sentences(checker, [r["mt"] for r in rows])
        out[pair] = matches
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8") as fh:
                for r, ms in zip(rows, matches):
                    fh.write(json.dumps({"id": r["id"], "matches": [m.to_dict() for m in ms]}) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="folder of PAIR.jsonl.gz files")
    ap.add_argument("--cache", required=True, help="cache folder")
    ap.add_argument("--split", default=None, help="name of the split (default: the data folder's name)")
    ap.add_argument("--post-edits", action="store_true",
                    help="check the detokenised post-edits instead (cached as SPLIT-pe)")
    args = ap.parse_args()
    split = args.split or Path(args.data).name
    pairs = read_pairs(args.data)
    if args.post_edits:
        pairs = {p: post_edit_rows(rows) for p, rows in pairs.items()}
        split += "-pe"
    checker = GrammarChecker()
    try:
        cached_matches(pairs, args.cache, split, checker)
    finally:
        checker.close()


if __name__ == "__main__":
    main()
