"""How well the garble score tracks human quality judgements of real machine translation (MLQE-PE).

    python benchmarks/measure/mlqe.py --data ../shared/mlqe-pe/dev --json /tmp/mlqe.json [--limit N]

Runs the real pipeline (:meth:`repair.pipeline.Repairer.fix`, LanguageTool included) on the ``mt``
sentences of every ``PAIR.jsonl.gz`` in ``--data``: each pair's rows are grouped into
pseudo-articles of ``--group`` lines joined by newlines (one LanguageTool request per article;
segmentation treats each line as its own paragraph), and every line is mapped back to its row (a
line the segmenter splits into several sentences gets their length-weighted mean score).

Per pair it prints a table and writes ``{"pairs": {PAIR: {...}}}`` with:

``sentences``; ``pearson_da`` (Pearson r between the quality estimate, :attr:`Sentence.estimate
<repair.records.Sentence.estimate>`, and -da_z: higher is better); ``pearson_da_score`` (the same for the
flagging score, which also counts the findings in the sentence); ``pearson_hter`` (r between the
estimate and HTER); ``spearman_da``; ``nmt_logprob_pearson_da`` (r between
the translating system's own log-probability and da_z on the same rows: the anchor, which sees the
source sentence while the garble score does not); ``word_mcc`` (Matthews correlation of the words
the detector points at against the ``word_tags``, on the ``mt_tok`` tokens); ``flagged_share``
(share of rows whose flagging score is above the threshold); ``seconds``.

With ``--post-edits`` (the default) the human post-edits are run too, as clean English (detokenised
``pe_tok``), and it adds: ``post_edit_flagged_share``; ``mt_above_post_edit`` (of the rows the
post-editor changed, the share whose MT's estimate is above its own post-edit's: 0.5 is chance); and
``post_edit_applied_edits`` with ``post_edit_applied_rules`` (edits applied to text a person had
already corrected: mostly over-corrections, sometimes errors the post-editor left). Correction metrics from
``benchmarks/correction_metrics.py`` are merged in when that module exists.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: mlqe_data, correction_metrics

from mlqe_data import post_edit_rows, read_pairs  # noqa: E402

from repair.backends.languagetool import GrammarChecker, LTMatch  # noqa: E402
from repair.pipeline import Repairer  # noqa: E402
from repair.records import Edit, Result  # noqa: E402

try:  # written separately; merged in per pair when present
    from correction_metrics import correction_metrics
except ModuleNotFoundError as exc:
    if exc.name != "correction_metrics":
        raise
    correction_metrics = None


class RecordingChecker:
    """A :class:`GrammarChecker` that keeps the matches of its last check (to hand them to the
    correction metrics without checking the text twice)."""

    def __init__(self, checker: GrammarChecker) -> None:
        self.checker = checker
        self.last: list[LTMatch] = []

    def check(self, text: str, language: str | None = None) -> list[LTMatch]:
        self.last = self.checker.check(text, language)
        return self.last

    def __getattr__(self, name: str):
        return getattr(self.checker, name)


def pearson(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def spearman(a, b) -> float:
    from scipy.stats import rankdata

    return pearson(rankdata(a), rankdata(b))


def mcc(pred: np.ndarray, gold: np.ndarray) -> float:
    pred, gold = np.asarray(pred, bool), np.asarray(gold, bool)
    tp, tn = float(np.sum(pred & gold)), float(np.sum(~pred & ~gold))
    fp, fn = float(np.sum(pred & ~gold)), float(np.sum(~pred & gold))
    d = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return float((tp * tn - fp * fn) / d) if d else 0.0


def token_spans(mt: str, mt_tok: str) -> list[tuple[int, int] | None]:
    """Where each ``mt_tok`` token sits in ``mt`` (None for a token that cannot be found)."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for tok in mt_tok.split(" "):
        i = mt.find(tok, pos)
        if i < 0:
            out.append(None)
            continue
        out.append((i, i + len(tok)))
        pos = i + len(tok)
    return out


def run_pair(repairer: RecordingChecker | Repairer, rows: list[dict], group: int, threshold: float | None):
    """Run the pipeline on ``rows``: per row (estimate, flagged, predicted-BAD per mt_tok token, Result, LT matches,
    flagging score)."""
    options = {} if threshold is None else {"threshold": threshold}
    recorder: RecordingChecker = repairer.checker  # type: ignore[assignment]
    per_row = []
    for a in range(0, len(rows), group):
        chunk = rows[a:a + group]
        lines = [r["mt"].replace("\n", " ").replace("\r", " ") for r in chunk]
        article = "\n".join(lines)
        result = repairer.fix(article, **options)
        matches = list(recorder.last)
        pos = 0
        for r, line in zip(chunk, lines):
            start, end = pos, pos + len(line)
            pos = end + 1
            sents = [s for s in result.sentences if start <= s.start < end]
            weights = np.array([max(s.end - s.start, 1) for s in sents], float)
            score = float(np.dot(weights, [s.score for s in sents]) / weights.sum()) if sents else 0.0
            estimate = float(np.dot(weights, [s.estimate for s in sents]) / weights.sum()) if sents else 0.0
            flagged = any(s.flagged for s in sents)
            spans = [(sp.start - start, sp.end - start) for s in sents for sp in s.spans]
            bad = [tok is not None and any(s < tok[1] and tok[0] < e for s, e in spans)
                   for tok in token_spans(line, r["mt_tok"])]
            edits = tuple(Edit(e.start - start, e.end - start, e.original, e.replacement, e.source, e.rule,
                               e.confidence, e.message, e.applied, e.decision)
                          for e in result.edits if start <= e.start and e.end <= end)
            repaired = line
            for e in sorted((e for e in edits if e.applied), key=lambda e: e.start, reverse=True):
                repaired = repaired[:e.start] + e.replacement + repaired[e.end:]
            row_sents = tuple(type(s)(s.start - start, s.end - start, s.text, s.score, s.flagged, s.reasons,
                                      ()) for s in sents)
            row_result = Result(line, repaired, row_sents, edits, result.notices)
            row_matches = [LTMatch(m.offset - start, m.length, m.rule_id, m.category, m.issue_type, m.message,
                                   m.replacements) for m in matches if start <= m.offset < end]
            per_row.append((estimate, flagged, bad, row_result, row_matches, score))
    return per_row


def post_edit_metrics(rows: list[dict], per_row: list, pe_per_row: list) -> dict:
    """How the pipeline treats the human post-edits of ``rows`` (fluent English, the clean side):
    the share flagged, how often an MT the post-editor changed scores above its own post-edit, and the
    edits it applies to them (each one a change to text a person had already corrected)."""
    changed = [r["hter"] > 0 for r in rows]
    above = [p[0] > q[0] for p, q, c in zip(per_row, pe_per_row, changed) if c]
    applied = [e for q in pe_per_row for e in q[3].edits if e.applied]
    return {
        "post_edit_flagged_share": round(float(np.mean([q[1] for q in pe_per_row])), 4),
        "mt_above_post_edit": round(float(np.mean(above)), 4) if above else float("nan"),
        "post_edit_applied_edits": len(applied),
        "post_edit_applied_rules": dict(collections.Counter(e.rule for e in applied).most_common()),
        "post_edit_applied_list": [{"rule": e.rule, "original": e.original, "replacement": e.replacement,
                                    "sentence": q[3].original}
                                   for q in pe_per_row for e in q[3].edits if e.applied],
    }


def pair_metrics(rows: list[dict], per_row: list) -> dict:
    score = np.array([p[0] for p in per_row])
    flag_score = np.array([p[5] for p in per_row])
    da = np.array([r["da_z"] for r in rows])
    hter = np.array([r["hter"] for r in rows])
    logprob = np.array([r["nmt_logprob"] for r in rows])
    pred, gold = [], []
    for r, p in zip(rows, per_row):
        if len(p[2]) == len(r["word_tags"]):
            pred += p[2]
            gold += [t == "BAD" for t in r["word_tags"]]
    return {
        "sentences": len(rows),
        "pearson_da": round(pearson(score, -da), 4),
        "pearson_da_score": round(pearson(flag_score, -da), 4),
        "nmt_logprob_pearson_da": round(pearson(logprob, da), 4),
        "pearson_hter": round(pearson(score, hter), 4),
        "spearman_da": round(spearman(score, -da), 4),
        "word_mcc": round(mcc(np.array(pred), np.array(gold)), 4),
        "flagged_share": round(float(np.mean([p[1] for p in per_row])), 4),
        "mean_score": round(float(score.mean()), 4),
    }


COLUMNS = [("sentences", "n", "{:d}"), ("pearson_da", "r(-DA)", "{:.3f}"),
           ("nmt_logprob_pearson_da", "anchor", "{:.3f}"), ("gap", "gap", "{:+.3f}"),
           ("pearson_da_score", "r(-DA): score", "{:.3f}"),
           ("pearson_hter", "r(HTER)", "{:.3f}"), ("spearman_da", "rho(-DA)", "{:.3f}"),
           ("word_mcc", "word MCC", "{:.3f}"), ("flagged_share", "flagged", "{:.2f}"), ("seconds", "s", "{:.0f}")]


def print_table(pairs: dict[str, dict]) -> None:
    head = ["pair"] + [c[1] for c in COLUMNS]
    lines = [head]
    for pair, m in pairs.items():
        m = dict(m, gap=m["pearson_da"] - m["nmt_logprob_pearson_da"])
        lines.append([pair] + [fmt.format(m[key]) for key, _, fmt in COLUMNS])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for k, line in enumerate(lines):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    gaps = [m["pearson_da"] - m["nmt_logprob_pearson_da"] for m in pairs.values()]
    print(f"\npairs at or above the anchor: {sum(g >= 0 for g in gaps)}/{len(gaps)}; "
          f"largest shortfall: {max(0.0, -min(gaps)):.3f}")
    if all("mt_above_post_edit" in m for m in pairs.values()):
        print("\n| pair | flagged: MT | flagged: its post-edit | MT scored above its post-edit | "
              "edits applied to the post-edits |")
        print("| --- | --- | --- | --- | --- |")
        for pair, m in pairs.items():
            print(f"| {pair} | {m['flagged_share']:.2f} | {m['post_edit_flagged_share']:.2f} | "
                  f"{m['mt_above_post_edit']:.3f} | {m['post_edit_applied_edits']} |")
    if all("ter_before" in m for m in pairs.values()):
        print("\n| pair | TER before | TER after | applied edits | lower TER | raise TER | neither | edit precision |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for pair, m in pairs.items():
            prec = "-" if m["edit_precision"] is None else f"{m['edit_precision']:.2f}"
            print(f"| {pair} | {m['ter_before']:.2f} | {m['ter_after']:.2f} | {m['applied_edits']} | "
                  f"{m['edits_lower']} | {m['edits_raise']} | {m['edits_neutral']} | {prec} |")
        for pair, m in pairs.items():
            for e in m["edits"]:
                if e["outcome"] > 0:
                    print(f"{pair}: raises TER: {e['original']!r} -> {e['replacement']!r} ({e['rule']}, {e['id']})")
            for e in m.get("post_edit_applied_list", ()):
                print(f"{pair}: on a post-edit: {e['original']!r} -> {e['replacement']!r} ({e['rule']}): "
                      f"{e['sentence'][:100]!r}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="folder of PAIR.jsonl.gz files (MLQE-PE layout)")
    ap.add_argument("--json", required=True, help="where to write the results")
    ap.add_argument("--limit", type=int, default=None, help="first N rows of each pair")
    ap.add_argument("--group", type=int, default=40, help="lines per pseudo-article (default 40)")
    ap.add_argument("--threshold", type=float, default=None, help="flagging threshold (default: the detector's)")
    ap.add_argument("--pairs", default=None, help="comma-separated pairs to run (default: all)")
    ap.add_argument("--post-edits", action=argparse.BooleanOptionalAction, default=True,
                    help="also run the post-edits (clean English): flagged share, MT above post-edit, edits applied")
    args = ap.parse_args(argv)
    try:  # the machine is shared: one intra-op thread is faster than two contended ones
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    data = read_pairs(args.data)
    if args.pairs:
        data = {p: data[p] for p in args.pairs.split(",")}
    out: dict[str, dict] = {}
    with Repairer(_checker=RecordingChecker(GrammarChecker())) as repairer:
        for pair, rows in data.items():
            rows = rows[:args.limit] if args.limit else rows
            t0 = time.time()
            per_row = run_pair(repairer, rows, args.group, args.threshold)
            metrics = pair_metrics(rows, per_row)
            metrics["seconds"] = round(time.time() - t0, 1)
            if args.post_edits:
                metrics.update(post_edit_metrics(rows, per_row, run_pair(repairer, post_edit_rows(rows), args.group,
                                                                         args.threshold)))
            # ---- correction metrics (benchmarks/correction_metrics.py, written separately) ----
            # rows: this pair's JSON rows; results: one repair.records.Result per row, offsets relative
            # to the row's mt (text = the repaired row, edits = its edits, applied and not);
            # lt_matches: the LanguageTool matches of each row (offsets relative to the row's mt).
            if correction_metrics is not None:
                metrics.update(correction_metrics(rows, [p[3] for p in per_row], [p[4] for p in per_row]))
            # ---- end of correction metrics ----
            out[pair] = metrics
            print(f"{pair}: done in {metrics['seconds']:.0f}s", file=sys.stderr)
    print_table(out)
    Path(args.json).write_text(json.dumps({"pairs": out}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
