"""Reference texts: sentences of trusted texts (``--reference FILE``) aligned to the input by embeddings.

A reference is a trusted text on the same story or domain. Its sentences are segmented like the
input and embedded once (all-MiniLM-L6-v2, unit vectors). Each input sentence is aligned to the
reference sentence it is closest to, one to one (the two must be each other's nearest); where the
cosine similarity reaches :data:`THRESHOLD` and the two differ, the reference sentence is proposed
as a whole-sentence suggestion. Such a rewrite may change facts, so its confidence stays low: it
is reported for a person to accept, and applied only when the caller lowers ``min_confidence``.

:data:`THRESHOLD` comes from ``benchmarks/tune/phrasebook.py --reference``: on MLQE-PE train, an MT
sentence and its post-edit are a true pair, an MT sentence and the nearest post-edit of another
sentence a false one; the threshold is the lowest similarity at which 99.9% of the alignments made
are true (0.70 on 5,000 sentences: 1,675 alignments, 2 false), kept that strict because a
reference on the same story has closer false counterparts than that pool.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import BaseProposer
from ..errors import InputError
from ..records import Edit
from ..segment import segment
from ..text import fold

#: Lowest cosine similarity at which an aligned reference sentence is proposed (see module docs).
THRESHOLD = 0.70
#: Confidence of a proposal at THRESHOLD and at similarity 1 (linear between): suggestions only.
CONFIDENCE = (0.3, 0.5)


@dataclass(frozen=True)
class RefSentence:
    text: str
    source: str
    line: int


@dataclass
class References:
    """The sentences of the reference texts, embedded on first use."""

    sentences: tuple[RefSentence, ...] = ()
    sources: tuple[str, ...] = ()
    _vectors: object = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.sentences)

    def vectors(self, embedder):
        if self._vectors is None:
            self._vectors = embedder.encode([s.text for s in self.sentences])
        return self._vectors


def read_reference(path: str | Path) -> list[RefSentence]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{p}: cannot read the reference text: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: the reference text is not UTF-8 ({exc.reason} at byte {exc.start}); "
                         "convert it to UTF-8 first") from exc
    out = []
    for seg in segment(text):
        if sum(c.isalpha() for c in seg.text) >= 3:
            out.append(RefSentence(seg.text, str(p), text.count("\n", 0, seg.start) + 1))
    return out


def load_references(paths: Iterable[str | Path] = (), *, embedder=None) -> References:
    """The sentences of the given reference texts (embedded now when ``embedder`` is given)."""
    sentences: list[RefSentence] = []
    sources = []
    for p in paths:
        sentences.extend(read_reference(p))
        sources.append(str(p))
    refs = References(tuple(sentences), tuple(sources))
    if embedder is not None and sentences:
        refs.vectors(embedder)
    return refs


def align(a, b) -> list[tuple[int, int, float]]:
    """(i, j, similarity) for the rows of ``a`` and ``b`` (unit vectors) that are each other's nearest."""
    if len(a) == 0 or len(b) == 0:
        return []
    sims = a @ b.T
    best_j = sims.argmax(axis=1)
    best_i = sims.argmax(axis=0)
    return [(i, int(j), float(sims[i, j])) for i, j in enumerate(best_j) if best_i[j] == i]


def confidence(sim: float, threshold: float = THRESHOLD) -> float:
    lo, hi = CONFIDENCE
    return round(lo + (hi - lo) * max(0.0, sim - threshold) / max(1e-9, 1 - threshold), 3)


def propose(doc, refs: References, *, threshold: float = THRESHOLD) -> list[Edit]:
    """Where a sentence has a close counterpart in a reference, propose it (whole sentence)."""
    if not len(refs) or not doc.segments:
        return []
    vecs = refs.vectors(doc.embedder)
    out = []
    for i, j, sim in align(doc.embeddings(), vecs):
        seg, ref = doc.segments[i], refs.sentences[j]
        if sim < threshold or fold(seg.text) == fold(ref.text):
            continue
        out.append(Edit(seg.start, seg.end, seg.text, ref.text, source="reference", rule="reference.sentence",
                        confidence=confidence(sim, threshold),
                        message=f"closest sentence of the reference text ({ref.source}:{ref.line}), "
                                f"similarity {sim:.2f}"))
    return out


class ReferenceProposer(BaseProposer):
    """The ``reference`` proposer: sentences of the repairer's reference texts (none without them)."""

    name = "reference"

    def propose(self, doc) -> list[Edit]:
        if not self.repairer.reference_files:
            return []
        return propose(doc, self.repairer.references)
