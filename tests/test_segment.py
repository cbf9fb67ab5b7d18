from concurrent.futures import ThreadPoolExecutor

from hypothesis import given, settings, strategies as st

from repair.segment import segment


def test_offsets_are_exact_on_the_seed(seed_text):
    segs = segment(seed_text)
    assert len(segs) > 40
    for s in segs:
        assert seed_text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
    assert all(a.end <= b.start for a, b in zip(segs, segs[1:]))


def test_lines_abbreviations_and_quotes():
    text = "Paul Kirby\r\nMr. Smith met U.S. officials. He said: “Not at all. Not at all.”\n\nDone"
    assert [s.text for s in segment(text)] == [
        "Paul Kirby", "Mr. Smith met U.S. officials.", "He said: “Not at all. Not at all.”", "Done"]


def test_dates_in_numbers_with_stops_and_spaces_stay_whole():
    """Czech and Slovak write "12. 6. 2024" and "from 1. 7. to 31. 8.": no sentence ends inside."""
    text = "TÁBOR, 12. 6. 2024\nThe line closes from 1. 7. to 31. 8. because of repairs. It reopens in September."
    assert [s.text for s in segment(text)] == [
        "TÁBOR, 12. 6. 2024", "The line closes from 1. 7. to 31. 8. because of repairs.", "It reopens in September."]


def test_a_source_title_abbreviated_before_a_name_ends_no_sentence():
    """Croatian "prof. dr. sc.", Slovak "Ing.", Tamil "Thiru.", Albanian "z." (zoti, Mr), Afrikaans
    "Mnr." and "Mev." (Mr, Mrs)."""
    text = ("It is a bad year, said z. Agim Muça, 62. The sociologist prof. dr. sc. Josip Matić agreed. "
            "So did Ing. Pavol Lichner. According to Mnr. Hennie Swart, it is old. Mev. Sarah Adams waited.")
    assert [s.text for s in segment(text)] == [
        "It is a bad year, said z. Agim Muça, 62.", "The sociologist prof. dr. sc. Josip Matić agreed.",
        "So did Ing. Pavol Lichner.", "According to Mnr. Hennie Swart, it is old.", "Mev. Sarah Adams waited."]


def test_repeated_sentences_get_their_own_offsets():
    text = "Not at all. Not at all. Not at all."
    segs = segment(text)
    assert [s.start for s in segs] == [0, 12, 24]


def test_very_long_sentence_is_cut_not_dropped():
    text = ("word " * 3000).strip()
    segs = segment(text, max_chars=1000)
    assert len(segs) > 10
    assert " ".join(s.text for s in segs) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\r“”’-,A")), max_size=200))
def test_segments_always_point_into_the_text(text):
    prev_end = 0
    for s in segment(text):
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
        assert s.start >= prev_end
        prev_end = s.end


def test_threads_segment_as_one_thread_does(seed_text):
    """A server's connections and a batch's workers segment at once: each gets the sentences a
    lone call gets (one shared pysbd segmenter split 39 of 64 concurrent calls wrongly)."""
    alone = segment(seed_text)
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda _: segment(seed_text), range(64)))
    assert sum(got != alone for got in together) == 0
