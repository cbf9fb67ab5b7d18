"""Fit the fluency head: the learned detector's score combined with the language model's signals.

    python benchmarks/tune/train_fluency.py --data ../shared/mlqe-pe/dev --out repair/data

The detector of ``repair/data/detector*`` (trained by ``benchmarks/tune/train_detector.py`` on MLQE-PE
train) learned what broken MLQE MT looks like; the language model (:mod:`repair.backends.lm`)
knows what fluent English looks like. The head is a small linear model over the detector's score
(as a logit) and the LM's sentence signals (:mod:`repair.detect.fluency`), fitted on MLQE-PE dev:

1. the detector's score of every dev MT sentence and of its post-edit, by the real pipeline
   (``benchmarks/measure/mlqe.py``'s ``run_pair``, LanguageTool included; cached);
2. the LM's log-probabilities of the same sentences (``benchmarks/lm_cache.py``);
3. a ridge regression for the detector's training target (-DA z for MT, the score of a good
   translation for a post-edit), plus a pairwise term: an MT sentence the post-editor changed
   should score above its post-edit (logistic loss on the difference of the pair);
4. a logistic calibration to P(DA mean < 50) on the MT rows, and the flagging threshold: the
   lowest one at which at most ``--clean-flagged`` of the post-edits (clean English) are flagged.

It reports 2-fold cross-fitted figures per pair (each half scored by a head fitted on the other
half), so that the few fitted weights are not judged on the rows that fitted them; the weights
written are fitted on all of dev. Nothing is fitted on the seed article or the clean news texts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: lm_cache, mlqe_data
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "measure"))  # mlqe, seed_detection
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tune"))  # train_detector

from lm_cache import CACHE, cached_logprobs  # noqa: E402
from lm_prepare import select  # noqa: E402
from mlqe_data import post_edit_rows, read_pairs  # noqa: E402


def base_scores(data: str, limit: int | None, changed: int | None, pairs: list[str] | None = None, *,
                findings: bool = False) -> dict:
    """{pair: {"mt": [score per row], "pe": [...]}} from the detector without the fluency head (cached per pair);
    with ``findings``, also "mt_findings" and "pe_findings": per row, the confidences of the candidates that
    count as evidence of a fault (:func:`repair.detect.is_evidence`), which the pipeline's score combines
    with the model's (:func:`repair.detect.with_findings`)."""
    name = f"base-{Path(data).name}-{f'changed{changed}' if changed else limit or 'all'}"
    all_rows = read_pairs(data)
    out, todo = {}, []
    for pair in pairs or list(all_rows):
        path = CACHE / f"{name}-{pair}.json"
        cached = json.loads(path.read_text()) if path.exists() else None
        if cached is not None and (not findings or "mt_findings" in cached):
            out[pair] = cached
        else:
            todo.append(pair)
    if not todo:
        return out
    from mlqe import RecordingChecker

    from repair.backends.languagetool import GrammarChecker
    from repair.detect import Detector
    from repair.pipeline import Repairer

    with Repairer(_checker=RecordingChecker(GrammarChecker())) as rep:
        rep._detector = Detector.load(fluency=False)
        for pair in todo:
            rows = select(all_rows[pair], limit, changed)
            out[pair] = {}
            for side, rs in (("mt", rows), ("pe", post_edit_rows(rows))):
                out[pair][side], out[pair][f"{side}_findings"] = detector_scores(rep, rs, 40)
            path = CACHE / f"{name}-{pair}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(out[pair]))
            print(f"base scores {pair} done", file=sys.stderr)
    return out


#: Proposers whose candidates the language model checks (left out of the base scores).
LM_PROPOSERS = ("prepositions", "idioms")


def detector_scores(rep, rows: list[dict], group: int) -> tuple[list[float], list[list[float]]]:
    """The detector's score of each row's ``mt`` and the confidences of the row's candidates that are
    evidence of a fault (:func:`repair.detect.is_evidence`), as ``benchmarks/measure/mlqe.py``'s ``run_pair`` gives it
    (rows joined into pseudo-articles of ``group`` lines; a line's score is the length-weighted mean of
    its sentences'), from the pipeline's analysis alone: the score depends on the text, LanguageTool's
    matches and the candidates, not on what the decide stage makes of them, so decide and the recheck
    (the language model's and LanguageTool's second pass) are skipped. So are the proposers that the
    language model checks (:data:`LM_PROPOSERS`): their candidates are rare (a few in a thousand
    sentences), the detector was trained without them, and they would read every sentence with the
    model, ten times the time of the rest."""
    from repair.detect import is_evidence

    opts = rep._options({})
    out, found = [], []
    for a in range(0, len(rows), group):
        lines = [r["mt"].replace("\n", " ").replace("\r", " ") for r in rows[a:a + group]]
        proposers = [p for p in rep.proposers(opts) if p.name not in LM_PROPOSERS]
        doc, candidates, _ = rep.analyse("\n".join(lines), opts, proposers)
        sentences = rep.detector.score(doc, candidates, threshold=opts.threshold, findings=False)
        pos = 0
        for line in lines:
            start, end = pos, pos + len(line)
            pos = end + 1
            sents = [s for s in sentences if start <= s.start < end]
            weights = np.array([max(s.end - s.start, 1) for s in sents], float)
            out.append(float(np.dot(weights, [s.score for s in sents]) / weights.sum()) if sents else 0.0)
            found.append([e.confidence for e in candidates if start <= e.start < end and is_evidence(e)])
    return out, found


def lm_features(lm, texts: list[str], tag: str):
    from repair.detect import fluency

    return fluency.features(cached_logprobs(lm, texts, tag=tag))


def fit_head(c: np.ndarray, y: np.ndarray, pairs: tuple[np.ndarray, np.ndarray], *, alpha: float, pair_weight: float,
             sharpness: float = 3.0):
    """Weights for standardised columns ``c``: squared error against ``y`` plus ``pair_weight`` x a logistic
    loss asking each (MT, post-edit) pair in ``pairs`` to score MT higher, plus ``alpha`` x ||w||^2 / n."""
    from scipy.optimize import minimize

    mean, scale = c.mean(0), c.std(0) + 1e-6
    z = (c - mean) / scale
    d = z[pairs[0]] - z[pairs[1]]
    n = len(y)

    def loss(p):
        w, b = p[:-1], p[-1]
        r = z @ w + b - y
        m = sharpness * (d @ w)
        lp = np.logaddexp(0.0, -m)
        g_pair = -(sharpness * d * (1.0 / (1.0 + np.exp(m)))[:, None]).mean(0)
        value = (r ** 2).mean() + pair_weight * lp.mean() + alpha * (w ** 2).sum() / n
        gw = 2 * (z * r[:, None]).mean(0) + pair_weight * g_pair + 2 * alpha * w / n
        return value, np.append(gw, 2 * r.mean())

    p0 = np.zeros(z.shape[1] + 1)
    p0[-1] = y.mean()
    res = minimize(loss, p0, jac=True, method="L-BFGS-B")
    return mean, scale, res.x[:-1], float(res.x[-1])


def _raw(fitted, c):
    mean, scale, coef, b = fitted
    return ((c - mean) / scale) @ coef + b


def pearson(a, b) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def collect(lm, data_dir: str, base: dict, limit: int | None, changed: int | None, clean_quantile: float) -> dict:
    """The head's columns (the detector's logit and the LM's sentence signals), targets and bookkeeping
    for the MT rows of ``data_dir`` (``--limit`` / ``--changed``) and their post-edits."""
    from repair.detect import fluency as FL

    split = Path(data_dir).name
    data = read_pairs(data_dir)
    names = list(data)
    cols, y, pair_of, side, rows_all, wss = [], [], [], [], [], []
    for k, pair in enumerate(names):
        rows = select(data[pair], limit, changed)
        pe = post_edit_rows(rows)
        ws_mt, x_mt = lm_features(lm, [r["mt"] for r in rows], f"{split}-mt")
        ws_pe, x_pe = lm_features(lm, [r["mt"] for r in pe], f"{split}-pe")
        b_mt, b_pe = np.array(base[pair]["mt"]), np.array(base[pair]["pe"])
        y_mt = -np.array([r["da_z"] for r in rows])
        y_pe = np.minimum(y_mt, np.quantile(y_mt, clean_quantile))
        cols += [np.hstack([FL.logit(b_mt)[:, None], x_mt]), np.hstack([FL.logit(b_pe)[:, None], x_pe])]
        y += [y_mt, y_pe]
        pair_of += [np.full(len(rows), k)] * 2
        side += [np.zeros(len(rows), bool), np.ones(len(rows), bool)]
        rows_all += rows + pe
        wss += ws_mt + ws_pe
    c, y, pair_of, is_pe = np.vstack(cols), np.concatenate(y), np.concatenate(pair_of), np.concatenate(side)
    mt_idx = np.flatnonzero(~is_pe)
    pe_idx = np.flatnonzero(is_pe)  # in the same order as mt_idx
    return {"names": names, "c": c, "y": y, "pair_of": pair_of, "mt_idx": mt_idx, "pe_idx": pe_idx,
            "changed": np.array([rows_all[j]["hter"] > 0 for j in mt_idx]),
            "da": np.array([rows_all[j]["da_z"] for j in mt_idx]),
            "anchor": np.array([rows_all[j]["nmt_logprob"] for j in mt_idx]),
            "garbled": np.array([rows_all[j]["da_mean"] < 50 for j in mt_idx], float),
            "rows": rows_all, "word_scores": wss}


def evaluate(d: dict, raw: np.ndarray, label: str) -> tuple[list[float], list[float]]:
    """Per pair of ``d``: r(raw, -DA) on the MT rows, and the share of changed rows whose MT scores above
    its post-edit; printed on one line after ``label``."""
    names, pair_of, mt_idx, pe_idx = d["names"], d["pair_of"], d["mt_idx"], d["pe_idx"]
    rs = [pearson(raw[mt_idx][pair_of[mt_idx] == k], -d["da"][pair_of[mt_idx] == k]) for k in range(len(names))]
    pr = [float(np.mean((raw[mt_idx] > raw[pe_idx])[d["changed"] & (pair_of[mt_idx] == k)]))
          for k in range(len(names))]
    print(f"{label}: r(-DA) " + " ".join(f"{p} {r:.3f}" for p, r in zip(names, rs))
          + "; MT above post-edit " + " ".join(f"{p} {r:.3f}" for p, r in zip(names, pr)))
    return rs, pr


def report_dev(lm, args, base: dict, head, threshold: float) -> None:
    """The head fitted on ``--data``, measured on ``--dev`` (nothing fitted there): a table per pair."""
    from repair.detect import with_findings

    d = collect(lm, args.dev, base, None, args.dev_changed, args.clean_quantile)
    c, pair_of, mt_idx, pe_idx = d["c"], d["pair_of"], d["mt_idx"], d["pe_idx"]
    raw = _raw((head.mean, head.scale, head.coef, head.intercept), c)
    p = 1 / (1 + np.exp(-(head.cal_a * raw + head.cal_b)))
    # the pipeline's score: the model's estimate combined with the row's findings (in collect's order)
    found = [f for name in d["names"] for side in ("mt", "pe") for f in base[name][f"{side}_findings"]]
    final = np.array([with_findings(float(q), f) for q, f in zip(p, found)])
    rs_det, pr_det = evaluate(d, c[:, 0], "dev: detector alone")
    # the last two as the tool gives them: probabilities (the head's logit ranks the same but correlates
    # differently; a finding's score near 1 would weigh as an outlier as a logit)
    rs, pr = evaluate(d, p, "dev: + LM")
    rs_f, pr_f = evaluate(d, final, "dev: + LM + findings")
    print(f"\nMLQE-PE {Path(args.dev).name}, the first {args.dev_changed} changed rows of each pair "
          f"(head fitted on {head.meta.get('fitted_on', '?')}; threshold {threshold}); the tool's score is "
          "the last of each three (+ findings):\n")
    print("| pair | anchor (nmt_logprob) | r(-DA): detector | + LM | + findings | MT above its post-edit: detector "
          "| + LM | + findings | flagged: MT | flagged: post-edits |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for k, name in enumerate(d["names"]):
        sel = pair_of[mt_idx] == k
        anchor = pearson(d["anchor"][sel], d["da"][sel])
        print(f"| {name} | {anchor:.3f} | {rs_det[k]:.3f} | {rs[k]:.3f} | {rs_f[k]:.3f} | {pr_det[k]:.3f} | "
              f"{pr[k]:.3f} | {pr_f[k]:.3f} | {np.mean(final[mt_idx][sel] > threshold):.2f} | "
              f"{np.mean(final[pe_idx][sel] > threshold):.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default="repair/data")
    ap.add_argument("--limit", type=int, default=None, help="first N rows of each pair")
    ap.add_argument("--changed", type=int, default=None,
                    help="instead: the first N rows of each pair the post-editor changed (HTER > 0)")
    ap.add_argument("--model", default="gemma-3-270m")
    ap.add_argument("--clean-quantile", type=float, default=0.1)
    ap.add_argument("--clean-flagged", type=float, default=0.1,
                    help="share of post-edits (clean English) the threshold may flag")
    ap.add_argument("--dev", default=None,
                    help="report on this split (e.g. ../shared/mlqe-pe/dev) with the head fitted on --data")
    ap.add_argument("--dev-changed", type=int, default=300,
                    help="with --dev: the first N rows of each pair the post-editor changed")
    ap.add_argument("--measure", default=None, metavar="FOLDER",
                    help="with --dev: fit nothing, measure the head in FOLDER (e.g. repair/data) on --dev")
    ap.add_argument("--pairs", default=None, help="with --base-only: only these pairs (comma-separated)")
    ap.add_argument("--base-only", action="store_true", help="only compute the detector's scores")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)
    base = base_scores(args.data, args.limit, args.changed, args.pairs.split(",") if args.pairs else None)
    dev_base = base_scores(args.dev, None, args.dev_changed, findings=True) if args.dev else None
    if args.base_only:
        return
    from sklearn.linear_model import LogisticRegression
    from train_detector import mcc, word_labels

    from repair.backends.lm import LanguageModel
    from repair.detect import fluency as FL
    from repair.detect.features import words

    lm = LanguageModel(args.model)
    if args.measure and args.dev:
        head = FL.FluencyHead.load(Path(args.measure))
        report_dev(lm, args, dev_base, head, float(head.meta.get("suggested_threshold", 0.5)))
        return
    split = Path(args.data).name
    d = collect(lm, args.data, base, args.limit, args.changed, args.clean_quantile)
    names, c, y, pair_of, mt_idx, pe_idx, changed, da, anchor, garbled, rows_all, wss = (
        d[k] for k in ("names", "c", "y", "pair_of", "mt_idx", "pe_idx", "changed", "da", "anchor", "garbled",
                       "rows", "word_scores"))
    half = np.random.default_rng(0).permutation(len(mt_idx)) % 2  # an MT row and its post-edit share a half
    half_all = np.empty(len(c), int)
    half_all[mt_idx], half_all[pe_idx] = half, half

    anchors = [pearson(anchor[pair_of[mt_idx] == k], da[pair_of[mt_idx] == k]) for k in range(len(names))]
    print("anchor r(nmt_logprob, DA): " + " ".join(f"{p} {r:.3f}" for p, r in zip(names, anchors)))
    evaluate(d, c[:, 0], "detector alone")
    evaluate(d, -c[:, 1 + FL.SENTENCE_FEATURES.index("lm_slor")], "-SLOR alone")
    best = None
    for alpha in (1.0, 30.0):
        for pw in (0.0, 1.0, 3.0, 10.0):
            raw = np.zeros(len(c))
            for h in (0, 1):
                tr = half_all != h
                pairs = (mt_idx[changed & (half != h)], pe_idx[changed & (half != h)])
                remap = -np.ones(len(c), int)
                remap[np.flatnonzero(tr)] = np.arange(tr.sum())
                f = fit_head(c[tr], y[tr], (remap[pairs[0]], remap[pairs[1]]), alpha=alpha, pair_weight=pw)
                raw[~tr] = _raw(f, c[~tr])
            rs, pr = evaluate(d, raw, f"2-fold, alpha {alpha:g}, pair weight {pw:g}")
            key = (sum(r >= a for r, a in zip(rs, anchors)) + sum(p >= 0.85 for p in pr), np.mean(rs) + np.mean(pr))
            if best is None or key > best[0]:
                best = (key, alpha, pw, raw.copy())
    _, alpha, pw, raw_cv = best
    print(f"chosen: alpha {alpha:g}, pair weight {pw:g}")
    fitted = fit_head(c, y, (mt_idx[changed], pe_idx[changed]), alpha=alpha, pair_weight=pw)
    lr = LogisticRegression(C=100.0).fit(raw_cv[mt_idx][:, None], garbled)
    cal_a, cal_b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    p_cv = 1 / (1 + np.exp(-(cal_a * raw_cv + cal_b)))
    # the threshold: the lowest at which at most --clean-flagged of the post-edits are flagged
    threshold = float(np.round(np.quantile(p_cv[pe_idx], 1 - args.clean_flagged) + 0.005, 2))
    for k, p in enumerate(names):
        sel = pair_of[mt_idx] == k
        print(f"{p} (2-fold) at threshold {threshold}: flagged MT {np.mean(p_cv[mt_idx][sel] > threshold):.2f}, "
              f"post-edits {np.mean(p_cv[pe_idx][sel] > threshold):.2f}")
    # words: the PMI cut-off that best marks the words a post-editor changed (judged words of MT rows)
    pmi, lab = [], []
    for j in mt_idx:
        ws = wss[j]
        labels = word_labels(rows_all[j], words(rows_all[j]["mt"]))
        keep = ws.judged & (labels >= 0)
        pmi += list(ws.pmi[keep])
        lab += list(labels[keep] > 0)
    pmi, lab = np.array(pmi), np.array(lab)
    # the cut-off at which at most --clean-flagged of the post-edits get any word pointed at
    pe_min = [float(wss[j].pmi[wss[j].judged].min()) if wss[j].judged.any() else 0.0 for j in pe_idx]
    cut = float(np.floor(np.quantile(pe_min, args.clean_flagged) * 2) / 2)
    print(f"word cut-off: PMI < {cut:g}: MCC {mcc(pmi < cut, lab):.3f} against the post-editor's changes on "
          f"judged words of dev MT (precision {lab[pmi < cut].mean():.2f}, {np.mean(pmi < cut):.3f} of words; "
          f"base rate {lab.mean():.2f})")
    mean, scale, coef, b = fitted
    head = FL.FluencyHead(lm.name, mean, scale, coef, b, cal_a, cal_b, float(cut), {
        "fitted_on": f"MLQE-PE {split}, " + (f"first {args.changed} changed rows" if args.changed else f"first {args.limit or 'all'} rows") + " of each pair: MT and post-edits",
        "alpha": alpha, "pair_weight": pw, "clean_quantile": args.clean_quantile,
        "suggested_threshold": threshold, "clean_flagged_target": args.clean_flagged,
        "calibrated_to": "P(DA mean < 50)"})
    head.save(args.out)
    if args.dev:
        report_dev(lm, args, dev_base, head, threshold)
    print(f"wrote {Path(args.out) / FL.HEAD_FILE}; set repair.detect.DEFAULT_THRESHOLD to {threshold}")


if __name__ == "__main__":
    main()
