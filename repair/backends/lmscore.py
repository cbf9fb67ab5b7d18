"""The language model the idiom proposer verifies its candidates with.

:func:`load_language_model` returns :class:`repair.backends.lm.LanguageModel` where that backend
exists; until it is merged, a minimal stand-in that reads the same converted float folder
(``$REPAIR_HOME/lm/gemma-3-270m``, written by the lm backend's conversion) and offers the one call
the proposer needs: ``logprobs(texts)`` -> records with ``total``.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from ..errors import ModelError

DEFAULT_MODEL = "gemma-3-270m"


def load_language_model(name: str = DEFAULT_MODEL):
    try:
        from .lm import LanguageModel
    except ImportError:
        return _FolderModel(name)
    return LanguageModel(name)


@dataclass(frozen=True)
class _Total:
    text: str
    total: float


class _FolderModel:
    """Total log-probabilities from the converted model folder (stand-in for the lm backend)."""

    def __init__(self, name: str, batch_size: int = 8) -> None:
        self.name, self.batch_size = name, batch_size
        self._model = self._tok = None
        self._lock = threading.Lock()
        self._cache: dict[str, _Total] = {}

    def _load(self):
        from .languagetool import cache_home

        folder = cache_home() / "lm" / self.name
        if not (folder / "config.json").is_file():
            raise ModelError(f"the language model {self.name} is not converted ({folder}); run: repair setup")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self._tok = AutoTokenizer.from_pretrained(str(folder))
        self._model = AutoModelForCausalLM.from_pretrained(str(folder), torch_dtype=torch.float32).eval()

    def logprobs(self, texts):
        import torch

        with self._lock:
            if self._model is None:
                self._load()
            todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
            tok, model = self._tok, self._model
            for b in range(0, len(todo), self.batch_size):
                batch = todo[b:b + self.batch_size]
                ids = [[tok.bos_token_id] + tok(t, add_special_tokens=False)["input_ids"][:255] for t in batch]
                width = max(map(len, ids))
                x = torch.zeros((len(ids), width), dtype=torch.long)
                mask = torch.zeros_like(x)
                for j, row in enumerate(ids):
                    x[j, :len(row)] = torch.tensor(row)
                    mask[j, :len(row)] = 1
                with torch.inference_mode():
                    logits = model(input_ids=x, attention_mask=mask).logits.float()
                lp = torch.log_softmax(logits[:, :-1], -1).gather(2, x[:, 1:, None])[..., 0]
                for j, t in enumerate(batch):
                    self._cache[t] = _Total(t, float(lp[j, :len(ids[j]) - 1].sum()))
            return [self._cache[t] for t in texts]
