"""Forward passes of a fixed shape, so that a text's values depend on the text alone.

Matrix kernels block their work by the shape of the batch: the same text run with other texts
(or alone) comes out different in the last float bits. That is enough for a score near a margin to
decide one way when an article is run alone and the other way in a server that saw other texts
first, and it makes a cache of recent results change the output. So the models here run texts
grouped by length, padded to a multiple of ``step`` tokens, ``rows`` at a time, short groups
filled with placeholder rows: every pass a text is in has the same shape, whatever else is run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

_TOKENIZING = threading.Lock()


def tokenize(tokenizer, texts, **settings) -> Any:
    """``tokenizer(texts, **settings)`` with no other call in between: a fast tokenizer keeps its
    truncation and padding settings in itself, so two threads sharing one (the embedder and the
    detector share MiniLM's) can each encode with the other's settings, e.g. a 600-token text
    left untruncated for a model that takes 512."""
    with _TOKENIZING:
        return tokenizer(texts, **settings)


def fixed_batches(lengths: Sequence[int], *, rows: int, step: int) -> Iterator[tuple[int, list[int]]]:
    """``(width, indices)`` per pass: at most ``rows`` indices, all of whose lengths round up to
    ``width`` (a multiple of ``step``); the caller pads every pass to ``rows`` × ``width``.

    >>> list(fixed_batches([3, 17, 5, 16, 2], rows=2, step=16))
    [(16, [4, 0]), (16, [2, 3]), (32, [1])]
    """
    groups: dict[int, list[int]] = {}
    for i in sorted(range(len(lengths)), key=lambda i: (lengths[i], i)):
        groups.setdefault(max(1, -(-lengths[i] // step)) * step, []).append(i)
    for width, members in groups.items():
        for b in range(0, len(members), rows):
            yield width, members[b:b + rows]
