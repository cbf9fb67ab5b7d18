"""Train the garble detector's weights from MLQE-PE (target side only) and write them to repair/data.

    python benchmarks/tune/train_detector.py --train ../shared/mlqe-pe/train --dev ../shared/mlqe-pe/dev \\
        --out repair/data

What it learns, all from the ``mt`` sentences of the training split (never a source sentence,
never ``nmt_logprob``), with features computed by :mod:`repair.detect.features`, the code the
detector runs at inference:

1. a word-pair lexicon from the training post-edits (``pe_tok``: fluent English);
2. a word-level classifier (a small MLP over contextual word vectors and per-word signals)
   trained on ``word_tags`` (BAD = the post-editor changed the word);
3. a sentence-level ridge regression over the sentence signals, the layer-averaged hidden
   states and the word classifier's summary, predicting how garbled the sentence is (a blend
   of -DA and HTER), and a logistic calibration of its output to P(DA mean < 50).

With ``--post-edits`` (the default) the human post-edits (``pe_tok``, detokenised) join the training
data as clean examples: every word OK, and a sentence target of a good translation (see
:func:`targets`). MLQE's MT and its post-edit share topic, names and length, so this pair teaches
the model what broken English looks like, apart from what a hard sentence is about; without it the
score ranks a post-edit barely below its own MT. How often the MT of dev scores above its
post-edit is reported (``dev_mt_above_post_edit``). Post-edits are the target language: no source
sentence is used.

Stages 2 and 3 are stacked with 5-fold cross-fitting on the training split: the lexicon and the
word classifier a training sentence is featurised with never saw that sentence, as at inference.
``dev`` is used only to choose the few hyper-parameters (and reported).

The expensive part (the transformer's hidden states and the LanguageTool matches) is cached under
``--cache`` (default ``.cache``); LanguageTool matches come from ``benchmarks/mlqe_data.py``'s cache.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: mlqe_data, correction_metrics

from mlqe_data import cached_matches, post_edit_rows, read_pairs  # noqa: E402

from repair.backends.embeddings import Embedder  # noqa: E402
from repair.detect import features as F  # noqa: E402
from repair.detect.model import (  # noqa: E402
    SUMMARY_FEATURES, DetectorWeights, SentenceModel, WordModel, sentence_matrix, word_matrix, word_summary,
)
from repair.records import Edit  # noqa: E402

FOLDS = 5
ARTICLE = 40


# --------------------------------------------------------------------------- data


@dataclass
class Split:
    """One split (all pairs concatenated) with cached hidden states."""

    pairs: list[str]
    rows: list[dict]
    pair_of: np.ndarray
    inputs: list[F.SentenceInput]
    pools: np.ndarray
    word_vectors: list[np.ndarray]
    word_labels: list[np.ndarray]


def rule_hits(texts: list[str]) -> list[list[Edit]]:
    """Rule-pack candidates (artifact, phrasebook, consistency) per sentence, offsets relative to it,
    from the pipeline's own proposers run on pseudo-articles (LanguageTool off: its matches are cached)."""
    from repair.pipeline import Options, Repairer

    out: list[list[Edit]] = [[] for _ in texts]
    rep = Repairer(options=Options(grammar=False))
    opts = Options(grammar=False)
    for a in range(0, len(texts), ARTICLE):
        chunk = texts[a:a + ARTICLE]
        article = "\n".join(chunk)
        starts = np.cumsum([0] + [len(t) + 1 for t in chunk])
        _, cands, _ = rep.analyse(article, opts)
        for e in cands:
            i = int(np.searchsorted(starts, e.start, side="right") - 1)
            if 0 <= i < len(chunk) and e.end <= starts[i] + len(chunk[i]):
                s = int(starts[i])
                out[a + i].append(Edit(e.start - s, e.end - s, e.original, e.replacement, e.source, e.rule,
                                       e.confidence, e.message))
    rep.close()
    return out


def word_labels(row: dict, spans: list[tuple[int, int]]) -> np.ndarray:
    """1 for each word of ``spans`` that overlaps a BAD token of ``mt_tok`` (located in ``mt``), else 0;
    -1 where no token could be located."""
    mt = row["mt"]
    labels = np.full(len(spans), -1, dtype=np.int8)
    pos = 0
    for tok, tag in zip(row["mt_tok"].split(" "), row["word_tags"]):
        i = mt.find(tok, pos)
        if i < 0:
            continue
        pos = i + len(tok)
        for w, (s, e) in enumerate(spans):
            if s < pos and i < e:
                labels[w] = max(labels[w], int(tag == "BAD"))
    return labels


def _digest(texts: list[str], encoder: F.TokenEncoder) -> str:
    h = hashlib.sha1(b"int8" if encoder.quantized else b"")
    for t in texts:
        h.update(t.encode())
        h.update(b"\0")
    h.update(repr((F.WORD_LAYERS, F.POOL_LAYERS, F._WORD.pattern)).encode())
    return h.hexdigest()


def _rules_digest() -> str:
    """A digest of the shipped rule packs and phrasebooks (rule hits are recomputed when they change)."""
    from importlib import resources

    h = hashlib.sha1()
    stack = [resources.files("repair.rules")]
    while stack:
        node = stack.pop()
        for entry in sorted(node.iterdir(), key=lambda p: p.name):
            if entry.is_dir():
                stack.append(entry)
            elif entry.name.endswith((".yaml", ".yml", ".csv", ".tbx")):
                h.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return h.hexdigest()[:16]


def load_split(data_dir: str, split: str, cache: Path, encoder: F.TokenEncoder, limit: int | None = None,
               post_edits: bool = False) -> Split:
    """The ``mt`` rows of every pair of ``data_dir`` (and, with ``post_edits``, after them the clean
    rows of :func:`mlqe_data.post_edit_rows`, cached as split ``SPLIT-pe``)."""
    full = read_pairs(data_dir)
    pair_rows = {p: r[:limit] for p, r in full.items()} if limit else full
    parts = [(split, full, pair_rows)]
    if post_edits:
        pe_full = {p: post_edit_rows(r) for p, r in full.items()}
        parts.append((split + "-pe", pe_full, {p: r[:limit] for p, r in pe_full.items()} if limit else pe_full))
    rows, inputs, pools, vecs, labels, pair_of = [], [], [], [], [], []
    for name, all_rows, some_rows in parts:
        lt = cached_matches(all_rows, cache / "lt", name)
        for k, (pair, prs) in enumerate(some_rows.items()):
            texts = [r["mt"] for r in prs]
            wv, idx, p, hits = _encoded(texts, cache / "detector" / name / f"{pair}.npz", encoder)
            spans = [F.words(t) for t in texts]
            ms = lt[pair][:len(prs)]
            for j, r in enumerate(prs):
                rows.append(r)
                inputs.append(F.SentenceInput(r["mt"], list(ms[j]), hits[j]))
                vecs.append(wv[idx[j]:idx[j + 1]])
                labels.append(word_labels(r, spans[j]))
                pair_of.append(k)
            pools.append(p)
    return Split(list(pair_rows), rows, np.array(pair_of), inputs, np.concatenate(pools), vecs, labels)


def _encoded(texts: list[str], path: Path, encoder: F.TokenEncoder):
    """(word vectors, their index per sentence, layer pools, rule hits) of ``texts``, cached at ``path``."""
    hits_path = path.with_suffix(".hits.json")
    digest = _digest(texts, encoder)
    if path.exists() and json.loads(str(np.load(path)["meta"]))["digest"] == digest:
        z = np.load(path)
        p, wv, idx = z["pools"], z["word_vectors"], z["word_index"]
    else:
        t0 = time.time()
        print(f"encoding {len(texts)} sentences for {path} ...", file=sys.stderr)
        wl, p = encoder.encode(texts, [F.words(t) for t in texts])
        idx = np.cumsum([0] + [len(w) for w in wl])
        wv = np.concatenate(wl).astype(np.float16)
        p = p.astype(np.float16)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, pools=p, word_vectors=wv, word_index=idx, meta=json.dumps({"digest": digest}))
        print(f"  {time.time() - t0:.0f}s", file=sys.stderr)
    hits_digest = digest + _rules_digest()
    if hits_path.exists() and json.loads(hits_path.read_text())["digest"] == hits_digest:
        hits = [[Edit.from_dict(e) for e in es] for es in json.loads(hits_path.read_text())["hits"]]
    else:
        hits = rule_hits(texts)
        hits_path.write_text(json.dumps({"digest": hits_digest, "hits": [[e.to_dict() for e in es] for es in hits]}))
    return wv, idx, p, hits


def lexicon_for(rows: list[dict]) -> F.Lexicon:
    return F.Lexicon.build([r["pe_tok"].split(" ") for r in rows])


# --------------------------------------------------------------------------- targets


def sentence_target(rows: list[dict]) -> np.ndarray:
    """How garbled a sentence is: its DA z-score (standardised per annotator), negated.

    The z-score ranks a sentence among translations of the same language pair; the raw DA mean
    would also teach the model how good each language pair's translations are on average, and
    with it the topics of each pair's source Wikipedia (Nepal: bad, Russia: good), which says
    nothing about an English text of another origin."""
    return np.array([-r["da_z"] for r in rows])


def garbled_label(rows: list[dict]) -> np.ndarray:
    return np.array([r["da_mean"] < 50.0 for r in rows], dtype=np.float64)


def clean_rows(split: Split) -> np.ndarray:
    """True for the post-edit rows of a split loaded with ``post_edits``."""
    return np.array(["of" in r for r in split.rows])


def mt_index(split: Split) -> np.ndarray:
    """For every row, the index of its MT row (itself for an MT row, the MT it corrects for a post-edit)."""
    where = {r["id"]: j for j, r in enumerate(split.rows) if "of" not in r}
    return np.array([where[r.get("of", r["id"])] for r in split.rows])


def targets(split: Split, clean_quantile: float) -> np.ndarray:
    """:func:`sentence_target` for MT rows; a post-edit row gets the target of a good translation: the
    ``clean_quantile`` quantile of its pair's targets, or its MT's target when that is lower (a post-edit
    is at least as good as the MT it corrects)."""
    clean = clean_rows(split)
    of = mt_index(split)
    y = np.zeros(len(split.rows))
    y[~clean] = sentence_target([r for r, c in zip(split.rows, clean) if not c])
    for k in range(len(split.pairs)):
        floor = np.quantile(y[(split.pair_of == k) & ~clean], clean_quantile)
        sel = (split.pair_of == k) & clean
        y[sel] = np.minimum(y[of[sel]], floor)
    return y


def paired_rate(score: np.ndarray, split: Split) -> float:
    """Share of MT rows the post-editor changed (HTER > 0) that score above their own post-edit."""
    clean = clean_rows(split)
    if not clean.any():
        return float("nan")
    pe = np.flatnonzero(clean)
    mt = mt_index(split)[pe]
    changed = np.array([split.rows[j]["hter"] > 0 for j in mt])
    return float(np.mean(score[mt[changed]] > score[pe[changed]]))


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev", required=True)
    ap.add_argument("--out", default="repair/data")
    ap.add_argument("--cache", default=".cache")
    ap.add_argument("--prepare-only", action="store_true", help="only compute the cached features")
    ap.add_argument("--limit", type=int, default=None, help="rows per pair (quick runs)")
    ap.add_argument("--float", action="store_true",
                    help="train on the float transformer instead of its int8 copy (slower when scoring)")
    ap.add_argument("--post-edits", action=argparse.BooleanOptionalAction, default=True,
                    help="also train on the post-edits as clean examples (default: yes)")
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    embedder = Embedder()
    encoder = F.TokenEncoder(embedder, quantized=not args.float)
    if encoder.quantized and not embedder.is_quantized(embedder.transformer(quantized=True)):
        sys.exit("this torch cannot quantize the model; train with --float")
    cache = Path(args.cache)
    dev = load_split(args.dev, "dev", cache, encoder, args.limit, post_edits=True)
    train = load_split(args.train, "train", cache, encoder, args.limit, post_edits=args.post_edits)
    if args.prepare_only:
        return
    weights = fit(train, dev)
    weights.meta["encoder"] = F.ENCODER_INT8 if encoder.quantized else "all-MiniLM-L6-v2 float"
    out = Path(args.out)
    weights.save(out)
    print(f"wrote {out}", file=sys.stderr)


# --------------------------------------------------------------------------- fitting


def row_folds(split: Split) -> np.ndarray:
    """Cross-fitting folds: a post-edit row shares the fold of the MT it corrects."""
    return folds_of(len(split.rows))[mt_index(split)]


def folds_of(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).permutation(n) % FOLDS


def hand_features(split: Split, lexicons: list[F.Lexicon], fold: np.ndarray | None):
    """Per-word and per-sentence signals; row j uses ``lexicons[fold[j]]`` (or the only lexicon)."""
    infos, sent = [], []
    for j, inp in enumerate(split.inputs):
        lex = lexicons[fold[j]] if fold is not None else lexicons[0]
        info = F.word_features(inp, lex)
        infos.append(info)
        sent.append(F.sentence_features(inp, info, lex))
    return infos, np.stack(sent)


class WordData:
    """All words of a split as one float16 matrix, with labels and the sentence each belongs to."""

    def __init__(self, infos: list[F.WordInfo], split: Split) -> None:
        self.x = np.concatenate([word_matrix(i, v) for i, v in zip(infos, split.word_vectors)]).astype(np.float16)
        self.y = np.concatenate(split.word_labels).astype(np.float32)
        self.sentence = np.repeat(np.arange(len(infos)), [len(i.spans) for i in infos])
        self.index = np.cumsum([0] + [len(i.spans) for i in infos])


def train_word_model(wd: WordData, sentences: np.ndarray, target: np.ndarray, *, hidden: int = 128,
                     epochs: int = 4, lam: float = 1.0, lr: float = 1e-3, weight_decay: float = 1e-4,
                     batch: int = 64, seed: int = 0) -> WordModel:
    """The word network (see :class:`WordModel`), trained on ``sentences`` for two tasks at once:
    the BAD tags of their words (cross-entropy) and their sentence ``target`` (squared error, x ``lam``)."""
    import torch

    rows = np.concatenate([np.arange(wd.index[s], wd.index[s + 1]) for s in sentences])
    sample = wd.x[rows[:: max(1, len(rows) // 200_000)]].astype(np.float32)
    mean = sample.mean(0)
    scale = sample.std(0) + 1e-3
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    d = wd.x.shape[1]
    layer = torch.nn.Linear(d, hidden)
    word_head, sent_head = torch.nn.Linear(hidden, 1), torch.nn.Linear(2 * hidden, 1)
    drop = torch.nn.Dropout(0.1)
    params = [*layer.parameters(), *word_head.parameters(), *sent_head.parameters()]
    opt = torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    m_t, s_t = torch.from_numpy(mean), torch.from_numpy(scale)
    with torch.no_grad():
        sent_head.bias.fill_(float(target[sentences].mean()))
    for _ in range(epochs):
        order = rng.permutation(sentences)
        for b in range(0, len(order), batch):
            ids = order[b:b + batch]
            lens = wd.index[ids + 1] - wd.index[ids]
            width = max(int(lens.max()), 1)
            xb = np.zeros((len(ids), width, d), np.float32)
            yb = np.full((len(ids), width), -1.0, np.float32)
            mb = np.zeros((len(ids), width), np.float32)
            for j, s in enumerate(ids):
                a, e = wd.index[s], wd.index[s + 1]
                xb[j, :e - a], yb[j, :e - a], mb[j, :e - a] = wd.x[a:e], wd.y[a:e], 1.0
            h = drop(torch.relu(layer((torch.from_numpy(xb) - m_t) / s_t)))
            mask = torch.from_numpy(mb)[..., None]
            yt = torch.from_numpy(yb)
            known = yt >= 0
            word_loss = torch.nn.functional.binary_cross_entropy_with_logits(word_head(h).squeeze(-1)[known], yt[known])
            pooled = torch.cat([(h * mask).sum(1) / mask.sum(1).clamp(min=1.0), (h - 1e4 * (1 - mask)).max(1).values], 1)
            sent_loss = torch.nn.functional.mse_loss(sent_head(pooled).squeeze(-1),
                                                     torch.from_numpy(target[ids].astype(np.float32)))
            loss = word_loss + lam * sent_loss
            opt.zero_grad()
            loss.backward()
            opt.step()

    def np_(t):
        return t.detach().numpy().copy()

    return WordModel(mean, scale, np_(layer.weight).T.copy(), np_(layer.bias), np_(word_head.weight)[0],
                     float(word_head.bias.item()), np_(sent_head.weight)[0], float(sent_head.bias.item()))


def apply_word_model(model: WordModel, wd: WordData, sentences: np.ndarray, infos: list[F.WordInfo],
                     probs: np.ndarray, summ: np.ndarray) -> None:
    """Fill ``probs`` (per word) and ``summ`` (per sentence) for ``sentences``, as the detector computes them."""
    for s in sentences:
        a, e = wd.index[s], wd.index[s + 1]
        p, est = model.predict(wd.x[a:e].astype(np.float32))
        probs[a:e] = p
        summ[s] = word_summary(p, est, infos[s])


def ridge(x: np.ndarray, y: np.ndarray, alpha: float, weight: np.ndarray | None = None):
    """Ridge regression on standardised columns, rows weighted by ``weight`` (default: all 1)."""
    w = np.ones(len(y)) if weight is None else weight.astype(np.float64)
    w = w / w.mean()
    mean = np.average(x, axis=0, weights=w)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w)) + 1e-6
    z = (x - mean) / scale
    ym = float(np.average(y, weights=w))
    zw = z * w[:, None]
    a = z.T @ zw + alpha * np.eye(z.shape[1])
    coef = np.linalg.solve(a, zw.T @ (y - ym))
    return mean, scale, coef, ym


def logistic_calibration(raw: np.ndarray, label: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=100.0).fit(raw[:, None], label)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def mcc(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float(np.sum(pred & gold)); tn = float(np.sum(~pred & ~gold))
    fp = float(np.sum(pred & ~gold)); fn = float(np.sum(~pred & gold))
    d = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / d if d else 0.0


def fit(train: Split, dev: Split, *, alphas=(1000.0, 3000.0, 10000.0), hidden: int = 128, epochs: int = 4,
        lam: float = 1.0, clean_quantile: float = 0.1, clean_weights=(0.0, 0.5, 1.0), log=print) -> DetectorWeights:
    t0 = time.time()
    fold = row_folds(train)
    tr_clean, dv_clean = clean_rows(train), clean_rows(dev)
    mt_rows = [r for r, c in zip(train.rows, tr_clean) if not c]
    mt_fold = fold[~tr_clean]
    lexicons = [lexicon_for([r for r, f in zip(mt_rows, mt_fold) if f != k]) for k in range(FOLDS)]
    full_lexicon = lexicon_for(mt_rows)
    tr_infos, tr_sent = hand_features(train, lexicons, fold)
    dv_infos, dv_sent = hand_features(dev, [full_lexicon], None)
    tr_w, dv_w = WordData(tr_infos, train), WordData(dv_infos, dev)
    log(f"features ready ({time.time() - t0:.0f}s)")
    y_tr = targets(train, clean_quantile)
    n_summ = len(SUMMARY_FEATURES)
    tr_prob, tr_summ = np.zeros(len(tr_w.y)), np.zeros((len(train.rows), n_summ), np.float32)
    for k in range(FOLDS):
        m = train_word_model(tr_w, np.flatnonzero(fold != k), y_tr, hidden=hidden, epochs=epochs, lam=lam, seed=k)
        apply_word_model(m, tr_w, np.flatnonzero(fold == k), tr_infos, tr_prob, tr_summ)
        log(f"word network, fold {k + 1}/{FOLDS} ({time.time() - t0:.0f}s)")
    word_model = train_word_model(tr_w, np.arange(len(train.rows)), y_tr, hidden=hidden, epochs=epochs, lam=lam,
                                  seed=FOLDS)
    dv_prob, dv_summ = np.zeros(len(dv_w.y)), np.zeros((len(dev.rows), n_summ), np.float32)
    apply_word_model(word_model, dv_w, np.arange(len(dev.rows)), dv_infos, dv_prob, dv_summ)
    log(f"word network, all of train ({time.time() - t0:.0f}s)")

    word_threshold, best = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.025):
        score = np.mean([mcc(dv_prob[sel] > t, dv_w.y[sel] > 0) for sel in
                         (np.isin(dv_w.sentence, np.flatnonzero((dev.pair_of == k) & ~dv_clean)) & (dv_w.y >= 0)
                          for k in range(len(dev.pairs)))])
        if score > best:
            word_threshold, best = float(t), score
    log(f"word classifier: dev MCC (mean over pairs) {best:.3f} at P(BAD) > {word_threshold:.3f}")

    xs_tr = sentence_matrix(tr_sent, tr_summ, train.pools.astype(np.float32))
    xs_dv = sentence_matrix(dv_sent, dv_summ, dev.pools.astype(np.float32))
    mt_dv = np.flatnonzero(~dv_clean)
    da_dv = np.array([dev.rows[j]["da_z"] for j in mt_dv])
    pair_dv = dev.pair_of[mt_dv]
    # Choice on dev: the best mean r(score, -DA) over the pairs, and among the settings within 0.005
    # of it, the one that most often scores an MT sentence above its own post-edit.
    tried = []
    has_clean = bool(tr_clean.any())
    for w in clean_weights if has_clean else (0.0,):
        for q in sorted({clean_quantile, 0.25}) if has_clean else (clean_quantile,):
            y = targets(train, q)
            weight = np.where(tr_clean, w, 1.0)
            for a in alphas:
                fitted = ridge(xs_tr[weight > 0], y[weight > 0], a, weight[weight > 0])
                mean, scale, coef, ym = fitted
                raw = ((xs_dv - mean) / scale) @ coef + ym
                rs = [pearson(raw[mt_dv][pair_dv == k], -da_dv[pair_dv == k]) for k in range(len(dev.pairs))]
                paired = paired_rate(raw, dev)
                log(f"ridge alpha {a:g}, post-edit weight {w:g}, quantile {q:g}: dev r(score, -DA) "
                    + " ".join(f"{p} {r:.3f}" for p, r in zip(dev.pairs, rs))
                    + f"; MT above its post-edit {paired:.3f}")
                tried.append((float(np.mean(rs)), paired, a, w, q, fitted))
    top = max(t[0] for t in tried)
    best_r, best_paired, best_alpha, best_w, best_q, best_fit = max(
        (t for t in tried if t[0] >= top - 0.005), key=lambda t: (0 if np.isnan(t[1]) else t[1], t[0]))
    log(f"chosen: alpha {best_alpha:g}, post-edit weight {best_w:g}, quantile {best_q:g} "
        f"(mean r {best_r:.3f}, MT above its post-edit {best_paired:.3f})")
    # calibration on cross-fitted estimates of the MT rows, so that it sees train sentences as new ones
    y = targets(train, best_q)
    weight = np.where(tr_clean, best_w, 1.0)
    raw_tr = np.zeros(len(train.rows))
    for k in range(FOLDS):
        fit_rows = (fold != k) & (weight > 0)
        mean, scale, coef, ym = ridge(xs_tr[fit_rows], y[fit_rows], best_alpha, weight[fit_rows])
        raw_tr[fold == k] = ((xs_tr[fold == k] - mean) / scale) @ coef + ym
    cal_a, cal_b = logistic_calibration(raw_tr[~tr_clean], garbled_label(mt_rows))
    mean, scale, coef, ym = best_fit
    sentence = SentenceModel(mean.astype(np.float32), scale.astype(np.float32), coef.astype(np.float32),
                             float(ym), cal_a, cal_b)
    score_all = sentence.calibrate(((xs_dv - mean) / scale) @ coef + ym)
    score_dv = score_all[mt_dv]
    garbled_dv = garbled_label([dev.rows[j] for j in mt_dv]) > 0
    for k, p in enumerate(dev.pairs):
        sel = pair_dv == k
        log(f"{p}: dev r(score, -DA) {pearson(score_dv[sel], -da_dv[sel]):.3f}, flagged {np.mean(score_dv[sel] > 0.5):.2f}"
            f" (DA mean < 50: {garbled_dv[sel].mean():.2f})")
    # the flagging threshold a reviewer would want: the one that maximises F1 for "DA mean < 50" on dev
    f1 = {}
    for t in np.round(np.arange(0.1, 0.91, 0.05), 2):
        flagged = score_dv > t
        tp = float(np.sum(flagged & garbled_dv))
        f1[float(t)] = 2 * tp / max(flagged.sum() + garbled_dv.sum(), 1)
    threshold = max(f1, key=f1.get)
    log(f"suggested threshold (max F1 for DA mean < 50 on dev): {threshold} (F1 {f1[threshold]:.3f}); "
        "set repair.detect.DEFAULT_THRESHOLD to it")
    if dv_clean.any():
        log(f"at it, flagged: dev MT {np.mean(score_dv > threshold):.2f}, their post-edits "
            f"{np.mean(score_all[dv_clean] > threshold):.2f}")
    meta = {
        "word_threshold": round(word_threshold, 3), "ridge_alpha": best_alpha, "suggested_threshold": threshold,
        "network": {"hidden": hidden, "epochs": epochs, "sentence_loss_weight": lam},
        "trained_on": ("MLQE-PE train, target side only (5 pairs x 7000 sentences): the mt sentences"
                       + (", and their post-edits as clean examples" if tr_clean.any() else "") + "; tuned on dev"),
        "target": "-da_z",
        "post_edits": {"weight": best_w, "target_quantile": best_q} if tr_clean.any() else None,
        "calibrated_to": "P(DA mean < 50)",
        "dev_mean_pearson_da": round(best_r, 4), "dev_word_mcc": round(best, 4),
        "dev_mt_above_post_edit": None if np.isnan(best_paired) else round(best_paired, 4),
    }
    return DetectorWeights(word_model, sentence, full_lexicon, meta)


if __name__ == "__main__":
    main()
