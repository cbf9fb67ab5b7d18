"""Phrasebook: canonical English phrasings (``rules/phrasebook/*.yaml``) and their near-misses.

An entry is a canonical phrasing with a *kind* (idiom, collocation, phrase, name, institution,
place, title), the *domain* of its file and optional known *variants* (calques, old or foreign
spellings). User phrasebooks are YAML files of the same schema, or glossaries in CSV or TBX
(:mod:`repair.propose.glossary`); :func:`load_phrasebook` takes any mix of them.

Matching never compares every entry with every window. An index built once per phrasebook maps

* the normalised token sequences of canonicals and variants to entries (exact look-ups of the
  sentence's n-grams: ``variant`` and ``case`` matches; with spaces and hyphens squashed for
  ``spelling`` matches: "peace keeping force" -> "peacekeeping force"), and
* content-word stems to the entries that contain them; a word that shares no stem is looked up
  in the (small) vocabulary of entry words with rapidfuzz, once per word type.

A window of the sentence with as many content words as an entry, anchored on such a hit, is a
candidate. When its content words are the entry's (by stem) but in another order or with other
function words between them, it is an ``order`` or ``function`` near-miss, scored with rapidfuzz
("willing coalition" -> "coalition of the willing"). When some content word differs, only the
embedding model can tell a calque from another phrase: the unmatched words are embedded (in one
batch, cached) and the window is a ``semantic`` near-miss when every word pair is close and the
combined similarity is high ("assurance power" -> "reassurance force").

Confidence is the precision measured for the method and similarity band on MLQE-PE train
(``benchmarks/tune/phrasebook.py`` prints the table these bands come from, see :data:`.policy.CALIBRATION`):
none reaches the default apply threshold (0.8), so phrasebook edits are suggestions unless the
caller lowers ``min_confidence`` -- or the near-miss fills a whole quotation (a term the translator
marked as a set phrase: see :data:`QUOTED_TERM_CONFIDENCE`).

The package: :mod:`.schema` (entries and validation), :mod:`.load` (files and glossaries),
:mod:`.index`, :mod:`.matching` and :mod:`.policy` (confidence and edits).
"""

from __future__ import annotations

from ...records import Edit
from ...text import FUNCTION_WORDS, Token, fold, indefinite_article, stem, strip_accents, tokenize  # noqa: F401
from .. import BaseProposer
from .load import default_phrasebook, load_phrasebook, read_file  # noqa: F401
from .matching import ANCHOR_SIMILARITY, SEMANTIC_KINDS, WORD_SIMILARITY, Match, find_matches  # noqa: F401
from .policy import (CALIBRATION, GENITIVE_IDIOM_CONFIDENCE, QUOTED_TERM_CONFIDENCE, QUOTED_TERM_METHODS,  # noqa: F401
                     confidence, fills_quotation, in_context, select, to_edit, with_article)
from .schema import ENTRY_KEYS, KINDS, PROPER_KINDS, Entry, Phrasebook, merge, parse_entry, parse_phrasebook  # noqa: F401


def propose(doc, book: Phrasebook) -> list[Edit]:
    """Near-misses of canonical phrasings in ``doc`` (rapidfuzz, then embeddings), as edits."""
    if not len(book) or not doc.text.strip():
        return []
    matches = find_matches(doc.text, doc.segments, book, embedder=doc.embedder)
    return [to_edit(doc.text, m, in_context(doc.text, m, c)) for m, c in select(matches)]


class PhrasebookProposer(BaseProposer):
    """The ``phrasebook`` proposer: canonical phrasings of the repairer's phrasebook."""

    name = "phrasebook"

    def propose(self, doc) -> list[Edit]:
        return propose(doc, self.repairer.phrasebook)
