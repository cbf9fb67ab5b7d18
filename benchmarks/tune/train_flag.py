"""Fit the flagging head: which sentences of a news article to flag for review.

    python benchmarks/tune/train_flag.py [--fit-upto 61] [--out repair/data]

The estimate (:class:`repair.detect.fluency.FluencyHead`, fitted to readers' ratings of Wikipedia
MT in MLQE-PE) ranks translations as readers rate them, but flags news MT poorly: a sentence with
a wrong word and a fluent surface ("Russia is not a veto about the deployment") gets a low
estimate. The flagging head (:class:`repair.detect.fluency.FlagHead`) is a logistic model over the
estimate (as a logit), the language model's sentence signals and the sentence's length, fitted to
say whether a sentence holds an error a news editor listed.

Its data are the machine-translated news articles of ``tests/data`` (``fixes.json`` lists every
error of each, by its span): a sentence is garbled when a listed span overlaps it, clean otherwise.
It is fitted on articles 1 to ``--fit-upto``; the later articles and the clean news texts
(``tests/data/clean_news*.txt``) are held out and only measured. With ``--mlqe DIR`` (the shipped
head: ``--mlqe ../shared/mlqe-pe/train``) it is fitted on MLQE-PE rows too: the MT a post-editor
changed as garbled, the post-edits as clean, so that clean English outside the news is rarely
flagged. The threshold is the lowest at which at most ``--clean-flagged`` of the fitted clean sentences are flagged, the
score being the pipeline's: the head's probability combined with the sentence's findings
(:func:`repair.detect.with_findings`). The seed article is not used: ``benchmarks/measure/seed_detection.py``
measures it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def article_number(name: str) -> int:
    """mt_news.txt is article 1, mt_news_N.txt article N."""
    stem = Path(name).stem
    return 1 if stem == "mt_news" else int(stem.rsplit("_", 1)[1])


def sentence_rows(rep, name: str, text: str, garbled) -> list[dict]:
    """Per sentence of ``text``: the estimate, the LM signals, the word count, how much of the score
    the findings leave clean (the product of 1 - confidence) and ``garbled(start, end)``."""
    from repair.detect import fluency as FL
    from repair.records import is_evidence

    det = rep.detector
    doc, candidates, _ = rep.analyse(text, rep.options)
    inputs = det.inputs(doc, candidates)
    *_, scores, fluency = det.predict_fluency(inputs, det._encoder(doc), doc)
    _, x = FL.features(det.lm.logprobs([inp.text for inp in inputs]))
    rows = []
    for seg, inp, est, lm, ws in zip(doc.segments, inputs, scores, x, fluency[0]):
        keep = float(np.prod([1.0 - min(max(e.confidence, 0.0), 0.99) for e in inp.edits if is_evidence(e)]))
        rows.append({"article": name, "text": seg.text, "estimate": float(est), "lm": lm.tolist(),
                     "words": len(ws.tokens), "keep": keep,
                     "garbled": bool(garbled(seg.start, seg.end))})
    return rows


def listed_errors(text: str, fixes: list[dict]):
    """garbled(start, end) for an article: a listed error overlaps the span."""
    spans = [(text.index(f["mt"]), text.index(f["mt"]) + len(f["mt"])) for f in fixes]
    return lambda start, end: any(a < end and start < b for a, b in spans)


def collect(data: Path) -> list[dict]:
    from repair.pipeline import Repairer

    listed = json.loads((data / "fixes.json").read_text(encoding="utf-8"))
    texts = {**listed, **{p.name: [] for p in sorted(data.glob("clean_news*.txt"))}}
    rows = []
    with Repairer() as rep:
        rep.detector.flag = None  # the head being fitted is not part of its own inputs
        for name, fixes in texts.items():
            text = (data / name).read_text(encoding="utf-8")
            rows += sentence_rows(rep, name, text, listed_errors(text, fixes))
    return rows


def collect_mlqe(data: str, limit: int, group: int = 40) -> list[dict]:
    """MLQE-PE rows as sentences: the first ``limit`` MT rows of each pair (garbled when the post-editor
    changed them, HTER > 0) and their post-edits (clean), in pseudo-articles of ``group`` lines as
    ``benchmarks/measure/mlqe.py`` reads them. A row the segmenter splits in several sentences is left out
    (which of them the post-editor changed is not known)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from mlqe_data import post_edit_rows, read_pairs

    from repair.pipeline import Repairer

    rows = []
    with Repairer() as rep:
        rep.detector.flag = None
        for pair, pair_rows in read_pairs(data).items():
            mt = pair_rows[:limit]
            for side, rs in (("mt", mt), ("pe", post_edit_rows(mt))):
                for a in range(0, len(rs), group):
                    lines = [r["mt"].replace("\n", " ").replace("\r", " ") for r in rs[a:a + group]]
                    text = "\n".join(lines)
                    starts = np.cumsum([0] + [len(line) + 1 for line in lines])
                    out = sentence_rows(rep, f"mlqe {pair} {side}", text, lambda s, e: False)
                    line_of = [int(np.searchsorted(starts, text.find(r["text"]), side="right")) - 1 for r in out]
                    for r, k in zip(out, line_of):
                        if line_of.count(k) == 1:
                            r["garbled"] = side == "mt" and rs[a + k]["hter"] > 0
                            rows.append(r)
            print(f"{pair} done", file=sys.stderr, flush=True)
    return rows


def auc(pos, neg) -> float:
    pos, neg = np.asarray(pos), np.asarray(neg)
    if not len(pos) or not len(neg):
        return float("nan")
    return float(((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit-upto", type=int, default=61, help="fit on articles 1..N; the rest are held out")
    ap.add_argument("--clean-flagged", type=float, default=0.1,
                    help="share of the fitted articles' clean sentences the threshold may flag")
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength of the logistic model")
    ap.add_argument("--rows", default=None, help="read (or, when missing, write) the sentence rows here")
    ap.add_argument("--mlqe", default=None, metavar="DIR",
                    help="fit on MLQE-PE rows of DIR too (e.g. ../shared/mlqe-pe/train): MT the post-editor changed "
                         "as garbled, its post-edit as clean")
    ap.add_argument("--mlqe-limit", type=int, default=150, help="with --mlqe: the first N rows of each pair")
    ap.add_argument("--mlqe-rows", default=None, help="with --mlqe: read (or write) its sentence rows here")
    ap.add_argument("--out", default=str(ROOT / "repair" / "data"))
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    from repair.detect import fluency as FL

    cached = Path(args.rows) if args.rows else None
    if cached is not None and cached.exists():
        rows = json.loads(cached.read_text(encoding="utf-8"))
    else:
        rows = collect(DATA)
        if cached is not None:
            cached.write_text(json.dumps(rows), encoding="utf-8")
    if args.mlqe:
        cached = Path(args.mlqe_rows) if args.mlqe_rows else None
        if cached is not None and cached.exists():
            extra = json.loads(cached.read_text(encoding="utf-8"))
        else:
            extra = collect_mlqe(args.mlqe, args.mlqe_limit)
            if cached is not None:
                cached.write_text(json.dumps(extra), encoding="utf-8")
        rows = rows + extra
    estimate, lm, n_words = (np.array([r[k] for r in rows]) for k in ("estimate", "lm", "words"))
    c = FL.FlagHead.columns(estimate, lm, n_words)
    y = np.array([r["garbled"] for r in rows])
    keep = np.array([r["keep"] for r in rows])
    is_clean_text = np.array([r["article"].startswith("clean_news") for r in rows])
    is_mlqe = np.array([r["article"].startswith("mlqe") for r in rows])
    number = np.array([0 if k or m else article_number(r["article"]) for r, k, m in zip(rows, is_clean_text, is_mlqe)])
    news = ~is_clean_text & ~is_mlqe
    fit = (news & (number <= args.fit_upto)) | is_mlqe
    held = news & (number > args.fit_upto)

    mean, scale = c[fit].mean(0), c[fit].std(0) + 1e-9
    lr = LogisticRegression(C=args.C, max_iter=1000).fit((c[fit] - mean) / scale, y[fit])
    head = FL.FlagHead(mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]), {})
    final = 1.0 - (1.0 - head.score(estimate, lm, n_words)) * keep  # the pipeline's score
    old = 1.0 - (1.0 - estimate) * keep  # the score before the flagging head (session 24)
    threshold = float(np.ceil(np.quantile(final[fit & ~y], 1 - args.clean_flagged) * 100) / 100)
    from importlib import resources

    # before: the estimate (with the findings) flagged at the threshold its own head was fitted with
    before = float(FL.FluencyHead.load(resources.files("repair.data")).meta["suggested_threshold"])
    print(f"fitted on articles 1-{args.fit_upto}" + (f" and MLQE-PE {Path(args.mlqe).name}" if args.mlqe else "")
          + f" ({fit.sum()} sentences, {y[fit].mean():.2f} garbled); "
          f"threshold {threshold} (at most {args.clean_flagged:.0%} of their clean sentences flagged)\n")
    print("| sentences | n | garbled | AUC: estimate + findings | AUC: flag head + findings | recall: before "
          f"({before}) | recall: flag head ({threshold}) | clean flagged: before | clean flagged: flag head |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, sel in ((f"articles 1-{args.fit_upto} (fitted)", fit & news),
                       (f"MLQE-PE {Path(args.mlqe).name if args.mlqe else '-'}: MT and post-edits (fitted)", is_mlqe),
                       (f"articles {args.fit_upto + 1}-{number.max()} (held out)", held),
                       ("clean news texts (held out)", is_clean_text)):
        g, k = sel & y, sel & ~y
        print(f"| {label} | {sel.sum()} | {g.sum()} | {auc(old[g], old[k]):.3f} | {auc(final[g], final[k]):.3f} | "
              f"{np.mean(old[g] > before) if g.any() else float('nan'):.2f} | "
              f"{np.mean(final[g] > threshold) if g.any() else float('nan'):.2f} | "
              f"{(old[k] > before).sum()} of {k.sum()} | {(final[k] > threshold).sum()} of {k.sum()} |")
    print("\nweights (standardised columns): " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(FL.FLAG_FEATURES, head.coef)))
    head.meta = {"fitted_on": f"tests/data articles 1-{args.fit_upto} (mt_news*.txt, errors listed in fixes.json)"
                 + (f"; MLQE-PE {Path(args.mlqe).name}, first {args.mlqe_limit} rows of each pair (MT changed by the "
                    "post-editor: garbled; post-edits: clean)" if args.mlqe else ""),
                 "C": args.C, "threshold": threshold, "clean_flagged_target": args.clean_flagged,
                 "calibrated_to": "P(an editor changed something in the sentence: a listed error overlaps it"
                                  + (", or a post-editor changed it)" if args.mlqe else ")")}
    head.save(args.out)
    print(f"wrote {Path(args.out) / FL.FLAG_FILE}; set repair.detect.DEFAULT_THRESHOLD to {threshold}")


if __name__ == "__main__":
    main()
