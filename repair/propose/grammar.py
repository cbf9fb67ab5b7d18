"""Grammar candidates from LanguageTool matches, scored by the grammar policy (``rules/grammar.yaml``).

The policy names LanguageTool rules (and categories). A rule may also be named together with
the *shape* of its first suggestion, ``RULE_ID/shape``, where the data showed that one kind of
suggestion of a rule is safe and the others are not: ``MORFOLOGIK_RULE_EN_US/capitalise`` (a
lower-case word the speller knows only as a name: ``nepali`` -> ``Nepali``) is applied while
the speller's other suggestions are not. See :func:`suggestion_shape`.

>>> suggestion_shape("nepali", "Nepali"), suggestion_shape("popmusic", "pop music")
('capitalise', 'split')
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import replace

from . import BaseProposer
from ..backends.languagetool import LTMatch
from ..errors import RepairError
from ..recheck import Problem
from ..records import FLAG_ONLY, Edit
from ..rulepacks import GrammarPolicy
from ..rulehooks import deliberate_repeat
from ..text import foreign_word, margin_of, word_swap, zipf

log = logging.getLogger(__name__)

#: LanguageTool categories that hold style advice: suggested at most, never applied
#: (``benchmarks/tune/grammar_policy.py`` never makes them "apply", whatever they measure).
ADVICE_CATEGORIES = frozenset({"STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "WIKIPEDIA", "AMERICAN_ENGLISH_STYLE",
                               "BRITISH_ENGLISH", "CREATIVE_WRITING", "GENDER_NEUTRALITY", "TEXT_ANALYSIS",
                               "REPETITIONS_STYLE"})
#: Categories whose matches are evidence only when a changed sentence is checked again: style
#: advice, and LanguageTool's spellings of names (a house spelling is a choice, not an error). An
#: edit is never rolled back for them ("30 -kilometre" -> "30-kilometre" is not undone because
#: an en-US check calls "kilometre" British; "Erdoğan" -> house "Erdogan" not because
#: LanguageTool spells the name with ğ).
RECHECK_EVIDENCE_CATEGORIES = ADVICE_CATEGORIES | {"PROPER_NOUNS"}

#: Confidence ceiling of matches the policy marks "suggest": they are reported, and applied
#: only when the caller lowers ``min_confidence`` below this.
SUGGEST_CEILING = 0.49

def suggestion_shape(original: str, replacement: str) -> str:
    """What kind of change a suggestion is: ``capitalise`` (a lower-case word gets its capital;
    ``capitalise_short`` for a word of at most three letters, where the speller's guess is more
    often wrong: ain, dy, von), ``case`` (another change of letter case only), ``split`` (spaces
    inserted), ``join`` (spaces removed), ``hyphen`` (hyphens added or removed), ``name_suffix``
    (a name of several words loses an ending of one to three lower-case letters glued to its last
    word: an inflection the translation left on it, "Donald Trumpi" -> "Donald Trump", "Kuala
    Lumpuris" -> "Kuala Lumpur"), ``delete``, ``insert`` or ``other``."""
    if not replacement:
        return "delete"
    if not original:
        return "insert"
    if original.lower() == replacement.lower():
        if original.islower() and replacement == original[:1].upper() + original[1:]:
            return "capitalise_short" if len(original) <= 3 else "capitalise"
        return "case"
    if replacement.replace(" ", "") == original.replace(" ", ""):
        return "split" if replacement.count(" ") > original.count(" ") else "join"
    if replacement.replace("-", "").replace(" ", "") == original.replace("-", "").replace(" ", ""):
        return "hyphen"
    ending = original[len(replacement):]
    if (" " in replacement and original.startswith(replacement) and replacement[-1:].isalpha()
            and 1 <= len(ending) <= 3 and ending.isalpha() and ending.islower()):
        return "name_suffix"
    return "other"


#: The speller of each English variant is measured under its en-US id: ``MORFOLOGIK_RULE_EN_GB/capitalise``
#: is looked up as ``MORFOLOGIK_RULE_EN_US/capitalise`` when the policy has no entry of its own.
SPELLER_PREFIX = "MORFOLOGIK_RULE_EN_"
MEASURED_SPELLER = "MORFOLOGIK_RULE_EN_US"


#: The speller's capital of a typo is doubtful when it also offers a lower-case word one edit
#: away from the typo that is at least this much more common (Zipf points) than the name.
TYPO_ZIPF_GAP = 2.0
#: An article the a/an rule would change that may be a typo of another word ("an" for "and").
ARTICLE_TYPOS = {"an": "and", "An": "And"}


def typo_readings(match: LTMatch, original: str, replacement: str) -> tuple[str, ...]:
    """Other words ``original`` may be a typo of, for the decide stage to weigh with the language
    model (:func:`repair.decide.other_readings`): for the speller's capital of a lower-case word,
    its other suggestions one edit away that are far more common than the name ("thad" -> "Thad",
    but maybe "that" or "had"; "paris" -> "Paris" has none: "parts" is not far more common); for
    the a/an rule's "an", "and" ("Russia an Ukraine").

    >>> speller = dict(rule_id="MORFOLOGIK_RULE_EN_US", category="TYPOS", issue_type="misspelling", message="")
    >>> typo_readings(LTMatch(0, 4, replacements=("Thad", "that", "had"), **speller), "thad", "Thad")
    ('that', 'had')
    >>> typo_readings(LTMatch(0, 5, replacements=("Paris", "parts"), **speller), "paris", "Paris")
    ()
    """
    if match.rule_id == "EN_A_VS_AN":
        return (ARTICLE_TYPOS[original],) if original in ARTICLE_TYPOS else ()
    if not match.rule_id.startswith(SPELLER_PREFIX) or suggestion_shape(original, replacement) != "capitalise":
        return ()
    from rapidfuzz.distance import DamerauLevenshtein

    name = zipf(original)
    return tuple(alt for alt in match.replacements[1:]
                 if alt.islower() and DamerauLevenshtein.distance(alt, original) <= 1
                 and zipf(alt) - name >= TYPO_ZIPF_GAP)


def lookup(policy: GrammarPolicy, match: LTMatch, original: str, replacement: str) -> GrammarPolicy.Entry:
    """The policy entry for a match: ``RULE/shape`` first (for another variant's speller, the
    en-US speller's shape), then the rule, its category, the default."""
    shape = suggestion_shape(original, replacement)
    shaped = policy.rules.get(f"{match.rule_id}/{shape}")
    if shaped is None and match.rule_id.startswith(SPELLER_PREFIX):
        shaped = policy.rules.get(f"{MEASURED_SPELLER}/{shape}")
    return shaped if shaped is not None else policy.lookup(match.rule_id, match.category)


#: LanguageTool's rules that remove a repeated word or phrase.
REPEAT_RULES = frozenset({"ENGLISH_WORD_REPEAT_RULE", "PHRASE_REPETITION"})


def deliberate_lt_repeat(rule_id: str, original: str, replacement: str) -> bool:
    """A LanguageTool repeat match on a repeat English makes on purpose (``had had``, ``from house
    to house to buy``, ``Rupicapra rupicapra``; see :func:`repair.rulehooks.deliberate_repeat`).
    On MLQE-PE train this holds back 5 of the two rules' 7 raises and 1 of their 155 lowers.

    >>> deliberate_lt_repeat("ENGLISH_WORD_REPEAT_RULE", "had had", "had")
    True
    >>> deliberate_lt_repeat("PHRASE_REPETITION", "house to house to", "house to")
    True
    >>> deliberate_lt_repeat("PHRASE_REPETITION", "in Rome in Rome", "in Rome")
    False
    """
    if rule_id not in REPEAT_RULES or not original.lower().startswith(replacement.lower()):
        return False
    unit = replacement.strip()
    rest = original[len(replacement):].split()
    return bool(unit) and deliberate_repeat(unit, rest)


def article_before_break(rule_id: str, text: str, end: int) -> bool:
    r"""An a/an match whose next word is on another line: LanguageTool reads across the line break,
    but the article belongs to a cut line ("can not give rise to a" / "Although it ...") and the
    next line's first word says nothing about it.

    >>> article_before_break("EN_A_VS_AN", "give rise to a\nAlthough it was", 14)
    True
    >>> article_before_break("EN_A_VS_AN", "give rise to a open war", 14)
    False
    """
    if rule_id != "EN_A_VS_AN":
        return False
    after = text[end:end + 80]
    gap = after[:len(after) - len(after.lstrip())]
    return "\n" in gap or "\r" in gap


def joins_lines(original: str, replacement: str) -> bool:
    r"""A replacement that removes a line break: LanguageTool reads two lines as one sentence, but a
    line break is layout (a headline above its dateline, a list, a byline), never a word error, so
    no suggestion of LanguageTool's may join two lines ("... ties: Xinhua" / "Xinhua reported"
    is no repeated word).

    >>> joins_lines("Xinhua\nXinhua", "Xinhua"), joins_lines("the the", "the")
    (True, False)
    """
    breaks = original.count("\n") + original.count("\r")
    return breaks > replacement.count("\n") + replacement.count("\r")


#: LanguageTool's further suggestions kept on an edit (``Edit.alternatives``), for the language
#: model to rank (:func:`repair.decide.rank_alternatives`).
MAX_ALTERNATIVES = 4

#: Confidence of a speller match the policy ignores: it is still shown (a misspelling must be
#: visible), but applied only when the caller asks for everything (``min_confidence=0``).
SHOWN_SPELLING_CONFIDENCE = 0.0
SHOWN_SPELLING_NOTE = " (spelling; suggestion only: the speller's first guess is more often wrong than right, e.g. on names)"


#: What may stand before a sentence's first word: the text's start, or an end of sentence or line
#: and any opening quotes or brackets.
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n])[\s\"'“‘«„(\[]*$")


def unknown_name(text: str, start: int, end: int, replacement: str) -> bool:
    """The speller's match is a name it does not know: a capitalised word ("Papadaki", "KARACA",
    "Aydın") that is not the first of its sentence, or that the text writes more than once. Its
    guess ("Papaya", "MARACA") is noise, since MT copies names from the source; unless the guess
    is itself in the text, where the word may be a misspelling of a name written rightly elsewhere.

    >>> text = "Giorgos Karras said. Karras added that Zelenksy met Zelensky and Karas."
    >>> unknown_name(text, 8, 14, "Karmas"), unknown_name(text, 0, 7, "Giorgis")
    (True, False)
    >>> unknown_name(text, 39, 47, "Zelensky"), unknown_name(text, 66, 71, "Karras")
    (False, False)
    """
    word = text[start:end]
    if not word[:1].isupper() or replacement in text:
        return False
    return not _SENTENCE_START.search(text[max(0, start - 20):start]) or text.count(word) > 1


UNKNOWN_WORD_MESSAGE = ("“{word}” is no English word the speller knows, and its nearest guess is a name (“{guess}”): "
                        "perhaps a word left untranslated; only the source can say what it means")


def name_for_word(original: str, replacement: str) -> bool:
    """The speller's guess for a word in lower case is a capitalised other word, a name ("wananchi"
    -> "Karachi", "mohalla" -> "Mozilla"): no spelling of the word but a guess, shown as a flag.

    >>> name_for_word("wananchi", "Karachi"), name_for_word("london", "London"), name_for_word("élysée", "Elysee")
    (True, False, False)
    """
    return (original[:1].islower() and replacement[:1].isupper()
            and _plain(replacement.lower()) != _plain(original.lower()))


def _plain(word: str) -> str:
    """``word`` without its accents (``élysée`` -> ``elysee``)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def propose(text: str, matches: list[LTMatch], policy: GrammarPolicy) -> list[Edit]:
    """One candidate per LanguageTool match that has a replacement and is not ignored; the
    speller's matches (``MORFOLOGIK_RULE_*``) that the policy ignores are suggestions of
    confidence :data:`SHOWN_SPELLING_CONFIDENCE`: "goverment" is reported, never applied; on a
    name the speller does not know (:func:`unknown_name`) and on a word left untranslated
    (:func:`repair.text.foreign_word`: "nádraží", whose guess is "Nazi"; the rule
    ``artifact.leak.untranslated`` flags it) they are left out; on a word in lower case whose guess
    is a name (:func:`name_for_word`: "wananchi" -> "Karachi") they are a flag, with no guess."""
    out = []
    for m in matches:
        if not m.replacements:
            continue
        start, end = m.offset, m.offset + m.length
        replacement = m.replacements[0]
        original = text[start:end]
        if replacement == original or article_before_break(m.rule_id, text, end) or joins_lines(original, replacement):
            continue
        entry = lookup(policy, m, original, replacement)
        message = m.message
        if entry.action == "ignore" and m.rule_id.startswith(SPELLER_PREFIX):
            if unknown_name(text, start, end, replacement) or foreign_word(original):
                continue
            if name_for_word(original, replacement):
                out.append(Edit(start, end, original, original, source="grammar", rule=f"grammar.lt.{m.rule_id}",
                                confidence=SHOWN_SPELLING_CONFIDENCE,
                                message=UNKNOWN_WORD_MESSAGE.format(word=original, guess=replacement),
                                decision=FLAG_ONLY))
                continue
            entry, message = GrammarPolicy.Entry("suggest", SHOWN_SPELLING_CONFIDENCE), message + SHOWN_SPELLING_NOTE
        if entry.action == "ignore":
            continue
        conf = entry.confidence if entry.action == "apply" else min(entry.confidence, SUGGEST_CEILING)
        if deliberate_lt_repeat(m.rule_id, original, replacement):
            conf = min(conf, SUGGEST_CEILING)
            message += " (suggestion only: English repeats this on purpose, as in 'had had' or 'from house to house')"
        out.append(Edit(start, end, original, replacement, source="grammar", rule=f"grammar.lt.{m.rule_id}",
                        confidence=round(conf, 3), message=message,
                        readings=typo_readings(m, original, replacement),
                        alternatives=tuple(dict.fromkeys(r for r in m.replacements[1:MAX_ALTERNATIVES + 1]
                                                         if r != original and r != replacement
                                                         and not name_for_word(original, r)))))
    return out


#: A suggestion that puts one preposition for another ("accuse the government for" -> "of",
#: "suffer of" -> "from": LanguageTool's own lists of what words govern), or one word of a
#: confusable pair for the other ("reduce there orders" -> "their": :data:`repair.text.CONFUSABLES`), or
#: that puts an adverb of frequency before its verb ("works often" -> "often works"), is applied when the
#: language model confirms it, as the governed-preposition list is confirmed
#: (``repair/propose/prepositions.py``): the sentence with it is this many nats more probable
#: than without, beyond what the two words' frequencies explain. Measured on MLQE-PE train with
#: ``python benchmarks/tune/prepositions.py --languagetool``.
PREPOSITION_CONFIRM_MARGIN = 4.0
PREPOSITION_CONFIRMED_CONFIDENCE = 0.85

#: LanguageTool's agreement rules: a noun's number after a count or a determiner ("120 temporary
#: worker" -> "workers", "many family", "two person"), a verb's person ("he have", "people
#: alleges"), a participle after "be" or "have" ("were not prepare", "have came"), the base form
#: after a modal or "to" ("can chose", "to destroyed"), a doubled determiner ("the this"). Each is
#: a suggestion by the measured policy (too few decided edits on MLQE-PE, or post-editors who
#: rewrote the sentence) and is applied when the language model confirms it by
#: :data:`AGREEMENT_CONFIRM_MARGIN`. Not here: A_NNS ("a craftsmen") and THIS_NNS ("this styles"),
#: where either word may be the wrong one and LanguageTool's choice of which to change was
#: against the post-editor's as often as with it.
AGREEMENT_RULES = frozenset({"CD_NN", "MANY_NN", "ALL_NN", "ONE_PLURAL", "PEOPLE_VBZ", "HE_VERB_AGR", "NON3PRS_VERB",
                             "BEEN_PART_AGREEMENT", "HAVE_PART_AGREEMENT", "MD_BASEFORM", "TO_NON_BASE", "DT_DT"})
#: Applied from this margin (nats, less the words' frequencies, as for the prepositions).
#: Measured on all of MLQE-PE train (``python benchmarks/tune/prepositions.py --agreement
#: --sample 0``): from 5 nats, 12 edits on the MT sentences, of which sentence TER goes down on 5,
#: up on 1 ("seems to have grew up" -> "grown", a sentence its post-editor rewrote) and does not
#: move on 6 (rewritten sentences); 26 on the post-edits, every one an error their editors left
#: ("two person", "He have storage", "can't just took it", "the this foreign employment"). From 4
#: nats LanguageTool's guesses on garbled MT come in ("being commune onomastica" -> "communed").
#: ALL_NN ("Many herder cannot", held-out article 59) joined later: measured again, the same 12
#: and 26, as it has no confirmed firing on train.
#: Held-out articles: "120 temporary worker" gains 7.8, "three month without" 8.3, "two new
#: water pump" 5.5; "400 lei" -> "leis" loses 14.5 and "a group 3 disabled person" 7.6.
AGREEMENT_CONFIRM_MARGIN = 5.0


def _confirmable(e: Edit) -> tuple[tuple[str, str], float] | None:
    """((old, new), the margin that confirms it) for a suggestion the model may make applicable:
    a word swap (:func:`repair.text.word_swap`) or one of LanguageTool's :data:`AGREEMENT_RULES`."""
    if not 0 < e.confidence <= SUGGEST_CEILING:
        return None
    swap = word_swap(e.original, e.replacement)
    if swap:
        return swap, PREPOSITION_CONFIRM_MARGIN
    if e.rule.removeprefix("grammar.lt.") in AGREEMENT_RULES:
        return (e.original, e.replacement), AGREEMENT_CONFIRM_MARGIN
    return None


def confirm_prepositions(doc, edits: list[Edit], lm) -> list[Edit]:
    """``edits`` with each suggested preposition swap (and each agreement suggestion,
    :data:`AGREEMENT_RULES`) the language model confirms made applicable (confidence
    :data:`PREPOSITION_CONFIRMED_CONFIDENCE`)."""
    todo = []
    for i, e in enumerate(edits):
        found = _confirmable(e)
        k = doc.sentence_index(e.start) if found else None
        if k is not None and e.end <= doc.segments[k].end:
            todo.append((i, found, doc.segments[k]))
    if not todo:
        return edits
    variants = [seg.text[:edits[i].start - seg.start] + edits[i].replacement + seg.text[edits[i].end - seg.start:]
                for i, _, seg in todo]
    before = lm.logprobs([seg.text for _, _, seg in todo])
    after = lm.logprobs(variants)
    out = list(edits)
    for (i, ((old, new), needed), _), b, a in zip(todo, before, after):
        margin = margin_of(b.total, a.total, old, new)
        if margin >= needed:
            out[i] = replace(edits[i], confidence=PREPOSITION_CONFIRMED_CONFIDENCE,
                             message=f"{edits[i].message} (confirmed by the language model: the sentence is "
                                     f"{margin:.1f} nats more probable with '{new}' than the words' frequencies explain)")
    return out


class GrammarProposer(BaseProposer):
    """The ``grammar`` proposer: LanguageTool's matches (``doc.matches``) under the grammar policy;
    for the recheck, LanguageTool's matches on each sentence (evidence only where the policy
    ignores the rule or the category is :data:`RECHECK_EVIDENCE_CATEGORIES`)."""

    name = "grammar"
    needs_matches = True

    def __init__(self, repairer, options) -> None:
        super().__init__(repairer, options)
        self.checked = True  # False once the text's own check failed: no recheck with LanguageTool
        self.language: str | None = None  # the variant the text was checked as

    def propose(self, doc) -> list[Edit]:
        self.checked, self.language = doc.grammar_checked, doc.language
        edits = propose(doc.text, doc.matches, self.repairer.rules.grammar)
        try:
            return confirm_prepositions(doc, edits, self.repairer.language_model)
        except RepairError as exc:  # no language model: the swaps stay suggestions
            log.warning("preposition suggestions not confirmed: %s", exc)
            return edits

    def problems(self, texts: list[str]) -> list[list[Problem]]:
        out: list[list[Problem]] = [[] for _ in texts]
        if not (self.options.grammar and self.checked):
            return out
        policy = self.repairer.rules.grammar
        try:
            for i, ms in enumerate(self.repairer.checker.check_many(texts, language=self.language)):
                for m in ms:
                    # a repeat English makes on purpose ("from village to village to") is no new
                    # problem, as it is no candidate (:func:`deliberate_lt_repeat`)
                    evidence = (m.category in RECHECK_EVIDENCE_CATEGORIES
                                or policy.lookup(m.rule_id, m.category).action == "ignore"
                                or deliberate_lt_repeat(m.rule_id, texts[i][m.offset:m.offset + m.length],
                                                        m.replacements[0] if m.replacements else ""))
                    out[i].append(Problem(f"grammar.lt.{m.rule_id}", m.offset, m.offset + m.length, evidence))
        except RepairError as exc:
            log.warning("recheck without LanguageTool: %s", exc)
        return out
