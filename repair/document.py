"""The working state of one text as it passes through the pipeline."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .backends.languagetool import LTMatch
from .segment import Segment

if TYPE_CHECKING:
    import numpy as np

    from .backends.embeddings import Embedder


@dataclass
class Document:
    """A text, its sentences, its LanguageTool matches and (lazily) its sentence embeddings."""

    text: str
    segments: list[Segment]
    matches: list[LTMatch] = field(default_factory=list)
    #: False when LanguageTool could not check this text (the sentences then carry a notice).
    grammar_checked: bool = True
    embedder: Embedder | None = None
    #: The English variant LanguageTool checks this text with (en-US, en-GB).
    language: str = "en-US"
    #: Stage results computed ahead of time (e.g. the detector's model pass, run while
    #: LanguageTool checks the text), keyed by the stage's own name.
    cache: dict = field(default_factory=dict)
    _embeddings: np.ndarray | None = None
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.segments]

    def embeddings(self) -> np.ndarray:
        """One unit-length embedding per sentence (computed once)."""
        if self._embeddings is None:
            if self.embedder is None:
                raise RuntimeError("this document has no embedder")
            self._embeddings = self.embedder.encode([s.text for s in self.segments])
        return self._embeddings

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence that contains ``offset``, or None."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return i
        return None
