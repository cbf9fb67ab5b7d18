"""The learned garble detector, with the real LanguageTool server and the real embedding model."""

from __future__ import annotations

import numpy as np
import pytest

from repair.detect import DEFAULT_THRESHOLD, Detector
from repair.detect import features as F
from repair.detect import fluency as FL
from repair.detect.model import SUMMARY_FEATURES, DetectorWeights, sentence_groups, sentence_matrix
from repair.pipeline import Repairer
from repair.records import is_evidence

CLEAN = "The committee approved the new budget on Tuesday after a short debate."
GARBLED = "In the village of his the was people by king of river many at made been house government of the."
TEXT = f"{CLEAN}\n{GARBLED}\nShe said that the talks would continue next week in Geneva."


@pytest.fixture(scope="module")
def repairer():
    with Repairer() as r:
        yield r


@pytest.fixture(scope="module")
def result(repairer):
    return repairer.fix(TEXT)


def test_weights_load_and_match_the_features():
    w = DetectorWeights.load()
    assert 0.0 < w.meta["word_threshold"] < 1.0
    assert w.word.w1.shape[0] == len(F.WORD_FEATURES) + len(F.WORD_LAYERS) * F.HIDDEN
    assert w.sentence.coef.shape == (len(sentence_groups()),)
    assert w.lexicon.tokens > 100_000


def test_scores_in_range_and_one_per_sentence(result):
    assert [s.text for s in result.sentences][:2] == [CLEAN, GARBLED]
    for s in result.sentences:
        assert 0.0 <= s.score <= 1.0
        assert s.flagged == (s.score > DEFAULT_THRESHOLD)


def test_garbled_scores_above_clean(result):
    clean, garbled = result.sentences[0], result.sentences[1]
    assert garbled.score > clean.score
    assert garbled.flagged and not clean.flagged


def test_flagged_sentences_have_reasons_and_spans_inside_them(result):
    assert result.flagged
    for s in result.sentences:
        if s.flagged:
            assert s.reasons and all(isinstance(r, str) and r for r in s.reasons)
        for sp in s.spans:
            assert s.start <= sp.start <= sp.end <= s.end
            assert result.original[sp.start:sp.end] == sp.text
            assert sp.reason


def test_a_sentence_with_a_fault_the_rules_found_is_flagged_even_once_fixed(repairer):
    """The score is about the input: a stray space in a compound ('long -term', an artifact rule of
    confidence 0.95) makes the sentence garbled with at least that probability, fixed or not; the
    same sentence without the fault keeps the model's score, and a house spelling is no fault."""
    faulty, clean = "Russia will comply with long -term peace, he added.", "Russia will comply with long-term peace, he added."
    r = repairer.fix(f"{faulty}\n{clean}\n")
    assert r.text == f"{clean}\n{clean}\n"
    got, ref = r.sentences
    assert got.flagged and got.score >= 0.95 and not ref.flagged
    # the estimate is the model's alone: the fault lifts the score, not the estimate
    assert got.estimate < 0.95 <= got.score and ref.score < 0.95
    assert abs(got.estimate - ref.estimate) < 0.2
    assert any("stray space before the hyphen" in reason for reason in got.reasons)
    # flagged only for the fault that was fixed: nothing is left for a reviewer; as a check
    # (nothing applied), or with the fix held back, it is
    assert got.findings_only and r.resolved(got) and r.needs_review == ()
    assert r.as_check().needs_review == (got,)
    held = repairer.fix(f"{faulty}\n", min_confidence=1.0)
    assert held.text == f"{faulty}\n" and held.needs_review == held.flagged == (held.sentences[0],)
    kiev = repairer.fix("Kiev believes a ceasefire should be accepted.\n")
    assert kiev.edits and not kiev.sentences[0].flagged
    # counted, the house spelling would put the score at or above its own confidence
    assert all(e.rule.endswith(".house") for e in kiev.edits)
    assert kiev.sentences[0].score < min(e.confidence for e in kiev.edits)


def test_needs_review_agrees_with_resolved_sentence_by_sentence():
    """``needs_review`` sweeps the edits once (a long text is not scanned per sentence); it must
    name the same sentences as asking :meth:`Result.resolved` of each, whatever the edits' order."""
    from repair.records import Edit, Result, Sentence

    text = "".join(f"Line {i} has a fault.\n" for i in range(40))
    sentences, edits = [], []
    for i in range(40):
        start = text.index(f"Line {i} ")
        end = start + len(f"Line {i} has a fault.")
        sentences.append(Sentence(start, end, text[start:end], 0.9, i % 3 != 0, findings_only=i % 2 == 0))
        at = start + len(f"Line {i} has ")
        if i % 5:  # some flagged sentences have no edit at all
            edits.append(Edit(at, at + 1, "a", "one", "grammar", "grammar.lt.X", 0.9, "", applied=i % 7 != 0))
        if i % 4 == 0:  # a house spelling is no evidence either way
            edits.append(Edit(start, start + 4, "Line", "Row", "consistency", "consistency.x.house", 0.9, "",
                              applied=False))
    r = Result(text, text, tuple(sentences), tuple(reversed(edits)))
    expected = tuple(s for s in r.sentences if s.flagged and not r.resolved(s))
    assert r.needs_review == expected
    assert 0 < len(expected) < len(r.flagged)
    assert [s["needs_review"] for s in r.to_dict()["sentences"]] == [s in expected for s in r.sentences]


def test_threshold_is_configurable(repairer):
    assert all(s.flagged for s in repairer.fix(TEXT, threshold=0.0).sentences)
    assert not any(s.flagged for s in repairer.fix(TEXT, threshold=1.0).sentences)


def test_spacing_artifact_is_named(repairer):
    s = repairer.fix("Russia’s 40 -month full -scale war grinds on.").sentences[0]
    assert any("artifact" in r.lower() for r in s.reasons)


def test_features_are_deterministic(repairer):
    det = repairer.detector
    inputs = [F.SentenceInput(CLEAN), F.SentenceInput(GARBLED)]
    enc = F.TokenEncoder(repairer.embedder, quantized=det.quantized)
    a = F.extract(inputs, det.weights.lexicon, enc)
    b = F.extract(list(reversed(inputs)), det.weights.lexicon, enc)
    assert np.array_equal(a.sentence, b.sentence[::-1])
    np.testing.assert_allclose(a.pools, b.pools[::-1], atol=1e-5)
    for x, y in zip(a.word_vectors, reversed(b.word_vectors)):
        np.testing.assert_allclose(x, y, atol=1e-5)
    assert sentence_matrix(a.sentence, np.zeros((2, len(SUMMARY_FEATURES)), np.float32), a.pools).shape[1] == len(sentence_groups())


def test_training_path_equals_pipeline_path(repairer, result):
    """The training scripts featurise a sentence with its matches and edits made relative to it:
    scoring those inputs directly gives the pipeline's estimates, and the flagging head's probabilities
    are the pipeline's scores where there is no finding to combine them with."""
    det: Detector = repairer.detector
    doc, candidates, _ = repairer.analyse(TEXT, repairer.options)
    inputs = det.inputs(doc, candidates)
    *_, scores, fluency = det.predict_fluency(inputs, F.TokenEncoder(repairer.embedder, quantized=det.quantized))
    np.testing.assert_allclose(scores, [s.estimate for s in result.sentences], atol=1e-3)
    assert not any(e for inp in inputs for e in inp.edits if is_evidence(e))
    np.testing.assert_allclose(fluency[2], [s.score for s in result.sentences], atol=1e-3)


def test_the_flagging_head_is_shipped_and_reads_the_estimate_and_the_language_model(repairer):
    """Flags come from the head fitted on news MT and MLQE-PE (benchmarks/tune/train_flag.py); the estimate stays
    the quality estimate (ranked against readers' ratings by benchmarks/measure/mlqe.py)."""
    det = repairer.detector
    assert det.flag is not None and det.flag.meta["threshold"] == DEFAULT_THRESHOLD
    assert det.flag.coef.shape == (len(FL.FLAG_FEATURES),)
    # a wrong word in a fluent frame reads as less likely English, and is more likely to be flagged
    # (two sentences of 14 words: length, which the head also reads, does not tell them apart)
    right = repairer.check("The minister said that the talks on peace were serious and would go on.").sentences[0]
    wrong = repairer.check("The minister said the talks were serious of the peace and would go on.").sentences[0]
    assert wrong.score > right.score and not right.flagged


def test_shipped_detector_runs_the_int8_encoder(repairer):
    det = repairer.detector
    assert det.quantized, "the shipped weights were trained on the int8 encoder"
    assert repairer.embedder.is_quantized(repairer.embedder.transformer(quantized=True))
    assert not repairer.embedder.is_quantized(repairer.embedder.transformer())


@pytest.mark.parametrize("quantized", [True, False])
def test_a_sentence_encodes_the_same_whatever_its_neighbours(repairer, quantized):
    """int8 activations are scaled per call: the encoder must not let one sentence's vectors
    depend on the other sentences it is encoded with (nor float padding leak in)."""
    enc = F.TokenEncoder(repairer.embedder, quantized=quantized)
    others = ["A much longer sentence, full of words and numbers like 1,234, that pads the batch a lot.",
              "Short.", "ALL CAPITALS SHOUTING WITH ODD TOKENS ?!"]
    alone_w, alone_p = enc.encode([GARBLED], [F.words(GARBLED)])
    texts = others + [GARBLED]
    mixed_w, mixed_p = enc.encode(texts, [F.words(t) for t in texts])
    np.testing.assert_allclose(mixed_p[-1], alone_p[0], atol=1e-4)
    np.testing.assert_allclose(mixed_w[-1], alone_w[0], atol=1e-4)


def test_lexicon_pairs():
    lex = F.Lexicon.build([["the", "house", "is", "red"]] * 50 + [["a", "big", "dog"]] * 50)
    assert lex.count("the", "house") == 50 and lex.count("House", "is") == 50
    assert lex.surprise("the", "house") > lex.surprise("house", "the")


def test_empty_text(repairer):
    assert repairer.fix("").sentences == ()


def test_blas_runs_one_thread_so_scores_are_the_same_in_every_process(repairer):
    """A matrix product's float sums depend on how many BLAS threads share it; a Dask worker
    (one thread) and a CLI run must give the same scores, so the Repairer sets one."""
    from threadpoolctl import threadpool_info

    assert repairer.detector is not None
    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    assert blas and all(i["num_threads"] == 1 for i in blas)


def test_british_spellings_are_not_rare_words(repairer):
    """An en-US check calls "colour" a typo; the detector takes it as the English variant."""
    british = repairer.check("The council's favourite colour for the new centre was grey.").sentences[0]
    american = repairer.check("The council's favorite color for the new center was gray.").sentences[0]
    assert not any("rare" in r or "spelling" in r for r in british.reasons)
    assert british.score <= american.score + 0.1 and not british.flagged


def test_the_language_model_is_part_of_the_score_and_spares_names(repairer):
    det = repairer.detector
    assert det.head is not None and det.lm is repairer.detector.lm
    text = "Mr Kowalczyk and Ms Nyamweya met in Ouagadougou, said the minister was serious of the talks."
    doc, candidates, _ = repairer.analyse(text, repairer.options)
    *_, fluency = det.predict_fluency(det.inputs(doc, candidates), det._encoder(doc), doc)
    ws = fluency[0][0]
    judged = {t for t, j in zip(ws.tokens, ws.judged) if j}
    assert not judged & {"Kowalczyk", "Nyamweya", "Ouagadougou"}
    s = repairer.check(text).sentences[0]
    lm_spans = [sp for sp in s.spans if sp.reason.startswith("a word the language model")]
    assert all(sp.text[:1].islower() for sp in lm_spans)
