"""Article-wide consistency on a made-up text: one name, several spellings."""

from __future__ import annotations

import pytest

from repair.apply import apply_edits
from repair.document import Document
from repair.propose import consistency
from repair.propose.phrasebook import load_phrasebook
from repair.segment import segment

TEXT = (
    "FIGHTING NEAR KIEV\n"
    "Zelenskiy flew to Brussels on Monday. Officials in Kyiv said Zelensky would return.\n"
    "Later Zelenskyy’s office said talks with Iran and Iraq were planned, and KYIV confirmed it.\n"
    "Kiev residents were told to stay home. Sergei Ivanenko said so; Sergey Ivanenko agreed, "
    "and Sergey Ivanenko left.\n"
    "Will they stay? Nobody will say. Turkey and turkey farms were not discussed.\n"
)


@pytest.fixture(scope="module")
def result():
    book = load_phrasebook()
    edits = consistency.propose(Document(TEXT, segment(TEXT)), book)
    return edits, apply_edits(TEXT, edits, only_applied=False)


def test_names_made_consistent(result):
    edits, out = result
    assert "Zelenskiy" not in out and "Zelenskyy" not in out
    assert out.count("Zelensky") == 3 and "Zelensky’s office" in out
    assert "KYIV confirmed" not in out and "Kyiv residents" in out and out.count("Kyiv") == 3
    assert "Sergei" not in out and out.count("Sergey Ivanenko") == 3


def test_house_spelling_beats_majority_and_messages_say_why(result):
    edits, _ = result
    by_word = {e.original: e for e in edits}
    assert by_word["Kiev"].replacement == "Kyiv"
    assert "'Kyiv' is house spelling from the phrasebook" in by_word["Kiev"].message
    assert "KYIV ×1" in by_word["Kiev"].message
    assert by_word["Sergei"].rule == "consistency.name.majority"
    assert "'Sergey' is the majority spelling (2 of 3)" in by_word["Sergei"].message
    assert all(e.source == "consistency" and e.confidence >= 0.8 for e in edits)


def test_leaves_headlines_common_words_and_other_names(result):
    edits, out = result
    assert out.startswith("FIGHTING NEAR KIEV\n")
    assert "Iran and Iraq" in out and "Turkey and turkey" in out
    assert "Will they stay? Nobody will say." in out
    assert {e.original for e in edits} == {"Zelenskiy", "Zelenskyy", "KYIV", "Kiev", "Sergei"}


def test_nothing_to_do():
    text = "Kyiv and Kyiv again; Zelensky met Macron."
    assert consistency.propose(Document(text, segment(text)), load_phrasebook()) == []


def test_skeleton():
    assert consistency.skeleton("Kharkov") == consistency.skeleton("Harkov")
    assert consistency.skeleton("Mali") != consistency.skeleton("Bali")


def test_a_known_name_shouted_once_gets_its_house_spelling_but_a_dateline_keeps_its_capitals():
    text = ("MOSCOW, Russia (AP) - Hamas said a deal was close but accused ISRAEL of new demands.\n"
            "Officials in Berlin and PARIS agreed; the UNTITLED project and the NATO summit went ahead.\n")
    edits = consistency.propose(Document(text, segment(text)), load_phrasebook())
    assert {(e.original, e.replacement) for e in edits} == {("ISRAEL", "Israel"), ("PARIS", "Paris")}
    israel = next(e for e in edits if e.original == "ISRAEL")
    assert israel.rule == "consistency.name.house" and israel.confidence >= 0.8
    assert "a name in capitals: 'Israel' is house spelling from the phrasebook (place, world)" in israel.message
    out = apply_edits(text, edits, only_applied=False)
    assert out.startswith("MOSCOW, Russia (AP) - ") and "accused Israel of" in out and "Berlin and Paris" in out


def test_a_dateline_in_capitals_is_left_even_when_the_name_recurs():
    text = "KYIV, Ukraine (AP) - Russian drones struck Kyiv overnight, officials in Kyiv said.\n"
    assert consistency.propose(Document(text, segment(text)), load_phrasebook()) == []


def test_a_dateline_of_several_words_in_capitals_is_left_whole():
    """A place of several words in a dateline ("BUON MA THUOT, Vietnam") is not made half
    capitals, half lower case by its later mentions; a name shouted after the dateline still is."""
    text = ("BUON MA THUOT, Vietnam - The drought hit farms near Buon Ma Thuot, and PLEIKU, "
            "like Pleiku, waits.\nA buyer in Buon Ma Thuot said so.\n")
    edits = consistency.propose(Document(text, segment(text)), None)
    assert [(e.original, e.replacement) for e in edits] == [("PLEIKU", "Pleiku")]


def test_a_transliterated_name_one_letter_apart_is_suggested_not_applied():
    """"Salim Al-Harthi" and later "Al-Harithi", "Lindqvist" and later "Lindkvist": one name,
    suggested below the applying confidence (with one of each, the first spelling); known names one
    vowel apart are two people, and so are a man and a woman of one family (Petrov, Petrova)."""
    text = ("The plant cost 95 million rials, said Salim Al-Harthi, its director.\n\n"
            "Al-Harithi explained that the brine returns to the sea.\n")
    edits = consistency.propose(Document(text, segment(text)), None)
    assert [(e.original, e.replacement, e.rule) for e in edits] == [
        ("Al-Harithi", "Al-Harthi", "consistency.name.plurality")]
    assert edits[0].confidence < 0.8 and "one letter apart" in edits[0].message
    nordic = ("Mill director Jussi Lindqvist said the decision was final.\n\n"
              "“We have done everything we could,” Lindkvist said.\n")
    edits = consistency.propose(Document(nordic, segment(nordic)), None)
    assert [(e.original, e.replacement) for e in edits] == [("Lindkvist", "Lindqvist")]
    assert edits[0].confidence < 0.8
    two_people = ("Michael Weber and Michel Dubois met Ivan Petrov and Anna Petrova.\n"
                  "Weber said Michel and Michael agreed.\n")
    assert consistency.propose(Document(two_people, segment(two_people)), None) == []


def test_a_known_name_of_several_words_in_capitals_gets_its_house_spelling():
    text = ("Talks hosted by the US and SAUDI ARABIA in Jeddah collapsed, and the strike in SOUTH AFRICA "
            "went on.\nPUTIN VISITS SOUTH AFRICA\nNEW YORK (AP) - Officials met again on Monday.\n")
    edits = consistency.propose(Document(text, segment(text)), load_phrasebook())
    assert [(e.original, e.replacement) for e in edits] == [("SAUDI ARABIA", "Saudi Arabia"),
                                                           ("SOUTH AFRICA", "South Africa")]
    assert all(e.rule == "consistency.name.house" and e.confidence >= 0.8 for e in edits)
    assert edits[1].start < text.index("PUTIN")  # the headline in capitals is left alone


def test_a_name_left_in_the_source_s_case_ending_gets_the_name_itself():
    text = ("Her colleague, Dr Piotr Nowak, said that the riverbed is sinking.\n"
            "According to Dr Nowaka, restoring wetlands would be cheaper.\n"
            "The minister thanked Nowakowi and Kowalski.\n")
    edits = consistency.propose(Document(text, segment(text)), load_phrasebook())
    assert [(e.original, e.replacement, e.rule) for e in edits] == [
        ("Nowaka", "Nowak", "consistency.name.inflected"), ("Nowakowi", "Nowak", "consistency.name.inflected")]
    assert all(e.confidence >= 0.8 and "case ending" in e.message for e in edits)


def test_a_case_form_that_changes_the_name_s_last_letters_gets_the_name_itself():
    # Ukrainian -ko surnames ("Kovalenka": genitive) and the Romanian genitive in -ei ("Mariei")
    text = ("Analyst Oleksandr Kovalenko expects prices to recover.\n"
            "According to Oleksandr Kovalenka, 15 million tonnes remain unsold.\n"
            "Maria Popescu won the vote. The victory of Mariei Popescu surprised many.\n")
    edits = consistency.propose(Document(text, segment(text)), load_phrasebook())
    assert [(e.original, e.replacement, e.rule) for e in edits] == [
        ("Kovalenka", "Kovalenko", "consistency.name.inflected"), ("Mariei", "Maria", "consistency.name.inflected")]


def test_a_name_in_ka_alone_is_not_taken_for_a_case_form():
    text = "Marika Kovalenka and Keiko Sato met in Tokyo.\nMarika spoke first.\n"
    assert consistency.propose(Document(text, segment(text)), load_phrasebook()) == []


def test_short_names_and_feminine_surnames_are_other_people():
    text = ("Jan Novak met Jana Dvorak in Prague. Later Jan and Jana left.\n"
            "Ivan Petrov and Anna Petrova both spoke.\n")
    assert consistency.propose(Document(text, segment(text)), load_phrasebook()) == []


# --------------------------------------------------------------------------- a person's pronoun


def _pronoun_edits(text):
    from repair.propose import pronouns

    return [(text[e.start - 12:e.start], e.original, e.replacement) for e in pronouns.propose(Document(text, segment(text)))
            if e.replacement != e.original]


def test_a_pronoun_that_contradicts_the_text_about_its_speaker_is_changed():
    """A title, or the pronouns of sentences naming only that person, say who is a woman; the
    pronoun that reports her words ("... ," he said; According to him) is changed to agree."""
    titled = ("Before planting, the students heard the head of the agency, Mrs. Sri Wahyuni.\n\n"
              "\"Mangrove roots hold the mud,\" Wahyuni said.\n\n"
              "According to him, the coastline has retreated.\n")
    assert _pronoun_edits(titled) == [("ccording to ", "him", "her")]
    by_pronouns = ("Ayşe Demir, a nurse who lives in Kadıköy, said her rent was doubled.\n"
                   "\"Where would we go?\" he said.\n")
    assert _pronoun_edits(by_pronouns) == [("uld we go?\" ", "he", "she")]
    man = "Mr. Tan Wei said the plan was late.\n\"We are ready,\" she said.\n"
    assert _pronoun_edits(man) == [("are ready,\" ", "she", "he")]
    # the sentence after one that opens with her name opens with "She": evidence too
    next_sentence = ("Nguyen Thi Hoa, 52, grows coffee near the city. She said the rain had not come.\n\n"
                     "\"The trees drop their leaves,\" he shared.\n")
    assert _pronoun_edits(next_sentence) == [("ir leaves,\" ", "he", "she")]
    # "said he" without "that" (held-out article 43, from Swahili, whose "yeye" has no gender)
    no_that = "Speaking on Tuesday, the District Commissioner, Ms Rehema Mollel, said he was satisfied.\n"
    assert _pronoun_edits(no_that) == [("ollel, said ", "he", "she")]
    # a pronoun this would change is no evidence for itself, but a "she" after her words is: MT
    # guesses "he" (held-out article 81, where "said that he" turned the right "she" into "he")
    own = "Vestine Mukamana, a farmer, said that he used to walk. \"Now we save time,\" she said.\n"
    assert _pronoun_edits(own) == [(", said that ", "he", "she")]


def test_a_pronoun_is_left_where_its_person_is_not_plain():
    """Must not fire: no evidence of the person's gender, another name or a gendered word between
    the person and the pronoun, a pronoun inside a quotation, evidence that contradicts itself, a
    mention two paragraphs back, a "She" that does not follow the person's own sentence."""
    assert _pronoun_edits("Ayşe Demir, a nurse, said the rent was doubled.\n\"Where would we go?\" he said.\n") == []
    assert _pronoun_edits("Ayşe Demir, a nurse, said her rent was doubled. Then Kunis spoke.\n"
                          "\"Where would we go?\" he said.\n") == []
    assert _pronoun_edits("Ayşe Demir, a nurse, said her rent was doubled, as her husband knew.\n"
                          "\"Where would we go?\" he said.\n") == []
    assert _pronoun_edits("Ayşe Demir, a nurse, said her rent was doubled.\n"
                          "\"My son asked where he would go,\" Demir said.\n") == []
    assert _pronoun_edits("Ayşe Demir, a nurse, said her rent was doubled. Demir said his landlord agreed.\n"
                          "\"Where would we go?\" he said.\n") == []
    # a pronoun that may be changed still makes its sentence's pronouns disagree ("her" is someone else)
    assert _pronoun_edits("Ivan Petrov, a driver, said that he met her at the station.\n") == []
    assert _pronoun_edits("Mrs. Ayşe Demir, a nurse, spoke.\n\nThe rent doubled.\n\n\"Where?\" he said.\n") == []
    # a "She" that opens a new paragraph, or follows a sentence the person does not open, says nothing of her
    assert _pronoun_edits("Nguyen Thi Hoa, 52, grows coffee.\n\nShe said the rain had not come.\n"
                          "\"The trees drop their leaves,\" he said.\n") == []
    assert _pronoun_edits("The rain failed, Nguyen Thi Hoa, 52, said. She was not surprised.\n"
                          "\"The trees drop their leaves,\" he said.\n") == []


def test_a_speaker_the_text_gives_both_genders_is_flagged_for_review_not_changed():
    """Two sentences that name only Demir say "her" and "his": one of them is wrong and the text cannot
    tell which, so the pronoun that reports Demir's words is a finding for a reviewer (flag only,
    never applied, counted in the sentence's score), and the text stays as it was."""
    from repair.decide import decide
    from repair.propose import pronouns
    from repair.records import FLAG_ONLY

    text = ("Ayşe Demir, a nurse, said her rent was doubled. Demir said his landlord agreed.\n"
            "\"Where would we go?\" he said.\n")
    (flag,) = [e for e in pronouns.propose(Document(text, segment(text))) if e.rule == pronouns.DISAGREE]
    assert (flag.original, flag.replacement, flag.decision) == ("he", "he", FLAG_ONLY)
    assert text[flag.start - 5:flag.end] == 'go?" he' and "“she” once and “he” once" in flag.message
    # one person, one gender, or a title: no flag, the pronoun is changed instead
    same = text.replace("his", "her")
    assert [(e.original, e.replacement) for e in pronouns.propose(Document(same, segment(same)))] == [("he", "she")]
    (decided,) = decide([flag], min_confidence=0.0)
    assert not decided.applied and apply_edits(text, [decided]) == text
    titled = "Mrs. " + text
    assert [(e.original, e.replacement) for e in pronouns.propose(Document(titled, segment(titled)))] == [("he", "she")]

