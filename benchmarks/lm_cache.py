"""A disk cache of language-model log-probabilities for benchmark and training runs.

The LM is the slowest part of detection (a few sentences a second on one core), and the training
and benchmark scripts read the same MLQE-PE sentences again and again: :func:`cached_logprobs`
computes each text once per model and keeps the result in ``CACHE/lm-MODEL.pkl``;
:func:`preload` puts the stored results into a :class:`repair.backends.lm.LanguageModel`'s own
cache, so a benchmark of the real pipeline does not run the model on them again (identical values:
a text's log-probabilities do not depend on the batch it ran in).
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

CACHE = Path(os.environ.get("REPAIR_BENCH_CACHE", Path.home() / ".cache" / "repair-bench"))


def _path(model: str, tag: str) -> Path:
    return CACHE / f"lm-{model}-{tag}.pkl"


def load(model: str, tag: str | None = None) -> dict:
    """The stored results of ``model`` (of one writer's file with ``tag``, else of all of them)."""
    store: dict = {}
    paths = [_path(model, tag)] if tag else sorted(CACHE.glob(f"lm-{model}-*.pkl"))
    for p in paths:
        if p.exists():
            with open(p, "rb") as fh:
                store.update(pickle.load(fh))
    return store


def save(model: str, store: dict, tag: str) -> None:
    p = _path(model, tag)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(store, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(p)


def cached_logprobs(lm, texts: list[str], *, chunk: int = 256, log=True, tag: str = "main") -> list:
    """``lm.logprobs(texts)``, each text computed at most once across runs (saved every ``chunk`` texts
    to this writer's file ``tag``: processes that run at the same time use different tags)."""
    from repair.backends.lm import TokenLogprobs

    store = load(lm.name)
    mine = load(lm.name, tag)
    todo = list(dict.fromkeys(t for t in texts if t not in store))
    t0 = time.time()
    for a in range(0, len(todo), chunk):
        part = todo[a:a + chunk]
        for r in lm.logprobs(part):
            store[r.text] = mine[r.text] = (r.offsets, r.logprobs.astype(np.float32))
        save(lm.name, mine, tag)
        if log:
            print(f"  {lm.name}: {a + len(part)}/{len(todo)} new texts ({time.time() - t0:.0f}s)", file=sys.stderr)
    return [TokenLogprobs(t, *store[t]) for t in texts]


def preload(lm, texts=None) -> int:
    """Put the stored results (for ``texts``, or all) into ``lm``'s in-memory cache; returns how many."""
    from repair.backends.lm import TokenLogprobs

    store = load(lm.name)
    keys = store if texts is None else [t for t in texts if t in store]
    lm._cache_size = max(lm._cache_size, len(keys) + 1000)
    for t in keys:
        lm._cache[t] = TokenLogprobs(t, *store[t])
    return len(keys)
