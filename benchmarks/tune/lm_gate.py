"""Calibrate the language-model gate of the decide stage on MLQE-PE train (never dev).

For every candidate edit the pipeline proposes on a sample of train MT sentences, the edit is
applied alone and the sentence scored twice by the language model (with and without it); the
edit's TER outcome against the human post-edit says whether it helps (lower), harms (raise) or
neither. The table shows, for each margin (log-prob gained by the edit), how many lowers and
raises an "apply only when the sentence gains at least this much" gate keeps, separately for
the edits the policy applies and for those it only suggests.

    python benchmarks/tune/lm_gate.py --data ../shared/mlqe-pe/train --per-pair 300 --json /tmp/gate.json
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: mlqe_data, correction_metrics

from correction_metrics import apply_one, sentence_ter, tokenize  # noqa: E402
from mlqe_data import read_pairs  # noqa: E402

MARGINS = (-99.0, -2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0)


def family(rule: str) -> str:
    parts = rule.split(".")
    return ".".join(parts[:3]) if rule.startswith("grammar.lt.") else ".".join(parts[:2])


def measure(rows: list[dict], repairer, lm) -> list[dict]:
    from repair import decide as decide_stage
    from repair.pipeline import Options

    opts = Options()
    out = []
    for row in rows:
        mt, ref = row["mt"], row["pe_tok"]
        _, candidates, _ = repairer.analyse(mt, opts)
        edits = decide_stage.decide(candidates, min_confidence=opts.min_confidence)
        if not edits:
            continue
        mt_tok = tokenize(mt)
        t0 = sentence_ter(mt_tok, ref, case_sensitive=True)
        variants = [apply_one(mt, e.start, e.end, e.replacement) for e in edits]
        scores = lm.logprobs([mt, *variants])
        for e, v, s in zip(edits, variants, scores[1:]):
            alone = tokenize(v)
            t = t0 if alone == mt_tok else sentence_ter(alone, ref, case_sensitive=True)
            out.append({"id": row["id"], "rule": e.rule, "family": family(e.rule), "applied": e.applied,
                        "original": e.original, "replacement": e.replacement,
                        "gain": s.total - scores[0].total, "outcome": (t > t0) - (t < t0)})
    return out


def table(records: list[dict]) -> None:
    print("| edits | margin | lower kept | raise kept | neutral kept | precision |")
    print("| --- | --- | --- | --- | --- | --- |")
    for applied in (True, False):
        group = [r for r in records if r["applied"] == applied]
        for m in MARGINS:
            kept = [r for r in group if r["gain"] >= m]
            c = collections.Counter(r["outcome"] for r in kept)
            prec = c[-1] / (c[-1] + c[1]) if c[-1] + c[1] else float("nan")
            name = "applied" if applied else "suggested"
            print(f"| {name} | {'none' if m < -50 else m} | {c[-1]} | {c[1]} | {c[0]} | {prec:.2f} |")
    print()
    print("| family (applied) | n | lower | raise | lower with gain<0 | raise with gain<0 |")
    print("| --- | --- | --- | --- | --- | --- |")
    fams = collections.defaultdict(list)
    for r in records:
        if r["applied"]:
            fams[r["family"]].append(r)
    for f, rs in sorted(fams.items(), key=lambda kv: -len(kv[1])):
        lo = sum(r["outcome"] == -1 for r in rs)
        hi = sum(r["outcome"] == 1 for r in rs)
        lo_neg = sum(r["outcome"] == -1 and r["gain"] < 0 for r in rs)
        hi_neg = sum(r["outcome"] == 1 and r["gain"] < 0 for r in rs)
        print(f"| {f} | {len(rs)} | {lo} | {hi} | {lo_neg} | {hi_neg} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="MLQE-PE train folder (PAIR.jsonl.gz)")
    ap.add_argument("--per-pair", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", help="write every measured edit here")
    ap.add_argument("--load", help="read the measured edits from this file instead of measuring")
    args = ap.parse_args()
    if args.load:
        records = json.loads(Path(args.load).read_text())
    else:
        from repair.pipeline import Repairer

        rng = random.Random(args.seed)
        records = []
        with Repairer() as repairer:
            lm = repairer.language_model
            for pair, rows in read_pairs(args.data).items():
                sample = rng.sample(rows, min(args.per_pair, len(rows)))
                got = measure(sample, repairer, lm)
                print(f"{pair}: {len(got)} edits on {len(sample)} sentences", file=sys.stderr)
                records += got
        if args.json:
            Path(args.json).write_text(json.dumps(records, ensure_ascii=False, indent=0))
    table(records)


if __name__ == "__main__":
    main()
