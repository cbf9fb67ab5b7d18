"""Reference texts: sentences aligned by embeddings, whole-sentence suggestions with similarity."""

from __future__ import annotations

import pytest

from repair.document import Document
from repair.errors import InputError
from repair.propose import reference
from repair.segment import segment

REFERENCE = (
    "The Alpine village of Brenn voted on Sunday to close its only ski lift after forty years.\n"
    "Local officials said warmer winters had made the lift too expensive to run.\n"
    "The decision was welcomed by environmental groups.\n"
)
INPUT = (
    "The alpine village Brenn has voted Sunday for closing its only lift of skiing after forty years.\n"
    "Local officials said warmer winters had made the lift too expensive to run.\n"
    "Tomatoes grow best in well-drained soil with plenty of sunshine.\n"
)


@pytest.fixture(scope="module")
def refs(tmp_path_factory, embedder):
    path = tmp_path_factory.mktemp("ref") / "trusted.txt"
    path.write_text(REFERENCE, encoding="utf-8")
    return reference.load_references([path], embedder=embedder)


def test_load_and_segment(refs):
    assert len(refs) == 3 and refs.sentences[1].line == 2
    assert refs.vectors(None).shape == (3, 384)


def test_garbled_sentence_gets_its_reference_counterpart(refs, embedder):
    doc = Document(INPUT, segment(INPUT), embedder=embedder)
    edits = reference.propose(doc, refs)
    assert len(edits) == 1  # the identical sentence and the unrelated one get nothing
    e = edits[0]
    assert (e.start, e.end) == (doc.segments[0].start, doc.segments[0].end)
    assert e.replacement == REFERENCE.splitlines()[0]
    assert e.source == "reference" and e.rule == "reference.sentence"
    assert reference.CONFIDENCE[0] <= e.confidence < 0.8
    assert "trusted.txt:1" in e.message and "similarity 0." in e.message


def test_threshold_is_respected(refs, embedder):
    doc = Document(INPUT, segment(INPUT), embedder=embedder)
    assert reference.propose(doc, refs, threshold=0.999) == []


def test_missing_reference_file(tmp_path):
    with pytest.raises(InputError, match="cannot read the reference text"):
        reference.load_references([tmp_path / "nope.txt"])
