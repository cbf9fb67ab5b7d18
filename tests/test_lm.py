"""The real language model (Gemma 3 270M from its PyPI package): loaded, per-token log-probabilities
that make sense, and checked by ``repair doctor``. No mocks, nothing timed."""

from __future__ import annotations

import numpy as np
import pytest

from repair.backends.lm import LanguageModel
from repair.detect import fluency
from repair.detect.variant import spelling_variant


@pytest.fixture(scope="module")
def lm():
    return LanguageModel()


def test_logprobs_have_one_value_per_token_with_offsets_into_the_text(lm):
    texts = ["The council will decide next week.", "Prices rose."]
    out = lm.logprobs(texts)
    assert [r.text for r in out] == texts
    for r in out:
        assert r.logprobs.shape == (len(r.offsets),) and r.logprobs.dtype == np.float32
        assert np.all(r.logprobs <= 0) and np.all(np.isfinite(r.logprobs))
        assert "".join(r.text[s:e] for s, e in r.offsets).replace(" ", "") == r.text.replace(" ", "")


def test_a_fluent_sentence_scores_above_its_words_shuffled(lm):
    fluent = "The government announced new funding for schools on Monday."
    shuffled = "Schools the on funding announced Monday government new for."
    a, b = lm.logprobs([fluent, shuffled])
    assert a.total > b.total + 10


def test_a_text_scores_the_same_alone_and_with_any_others(lm):
    """Bit for bit, so that what was run before (the cache, a server) never changes a result."""
    text = "Analysts expect the central bank to cut rates in June."
    others = ["Short.", "A much longer sentence that pads the batch out a good deal further than the rest.",
              "Prices rose.", "The central bank meets in June.", "Rates were cut twice last year by the bank."]
    alone = lm._run([text])[0].logprobs
    for k in range(len(others) + 1):
        company = others[:k] + [text] + others[k:]
        assert np.array_equal(lm._run(company)[k].logprobs, alone)


def test_the_wrong_word_has_the_lowest_pmi_and_a_name_is_not_judged(lm):
    text = "Mr Kowalczyk said the talks were serious of progress."
    r = lm.logprobs([text])[0]
    ws = fluency.word_scores(text, r.offsets, r.logprobs)
    judged = [t for t, j in zip(ws.tokens, ws.judged) if j]
    assert "Kowalczyk" not in judged
    worst = min((p, t) for p, t, j in zip(ws.pmi, ws.tokens, ws.judged) if j)[1]
    assert worst == "of"


def test_british_spellings_are_a_variant_not_an_error():
    assert spelling_variant("colour", ["color"]) and spelling_variant("programme", ["program"])
    assert not spelling_variant("alot", ["a lot"]) and not spelling_variant("recieve", ["receive"])


def test_doctor_reports_the_language_model():
    from repair.doctor import _lm_check

    check = _lm_check()
    assert check.ok and check.name == "language model" and "fluent" in check.detail
