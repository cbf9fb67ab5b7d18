"""A person's pronoun made to agree with what the text itself says of that person.

Languages whose third-person pronoun has no gender (Turkish "o", Indonesian "dia", Finnish
"hän", Chinese spoken "tā", Japanese and Korean often none at all) leave MT to guess, and it
guesses "he": "Mrs. Sri Wahyuni ... According to him, the coastline ...". Only the text's own
evidence is used, never a guess from a first name:

* a title before the name (Mrs., Ms., Madam; Mr.), or
* the pronouns of the sentences that name that person and nobody else (outside quotations):
  "Ayşe Demir ... said her rent was raised" is evidence, once no sentence of that kind says
  the opposite;
* the pronoun that opens the next sentence of the paragraph, after a sentence that opens with
  that person's name: "Nguyen Thi Hoa, 52, grows coffee ... She said ...".

A pronoun is changed only where it reports what the person said and its antecedent is plain:
``"...," he said`` (or ``he shared``) after a closing quote, ``According to him,`` and ``said (that) he``, when the
last person named before it (in its paragraph or the one before, outside quotations) is that
person, with no gendered word ("her husband", "the man") and no other capitalised word that
does not start a sentence or follow a preposition (another name) in between. A pronoun inside a
quotation speaks of someone else and is never changed.

Where the text gives the person both genders (no title; "her rent" in one sentence that names only
her, "his landlord" in another), one of its pronouns is wrong and the text cannot tell which: the
pronoun in such a place is a finding for a reviewer (:data:`DISAGREE`, flag only), not an edit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex as re

from ..records import FLAG_ONLY, Edit
from ..text import FUNCTION_WORDS

RULE = "consistency.pronoun"
#: A pronoun of a person to whom the text gives both genders: a finding for a reviewer, never an edit.
DISAGREE = f"{RULE}.disagree"
#: The disagreement says one of the person's pronouns is wrong, not which: half the weight of a sure fault.
DISAGREE_CONFIDENCE = 0.5
#: Applied at the default --min-confidence: the evidence is the text's own, and the places are
#: those where the pronoun can only be the speaker.
CONFIDENCE = 0.85

_TITLES = {"mrs": "f", "ms": "f", "miss": "f", "madam": "f", "madame": "f", "mme": "f", "w/ro": "f", "w/rt": "f",
           "mr": "m", "sir": "m", "monsieur": "m", "ato": "m"}
_NAME = r"\p{Lu}[\p{Ll}’'-]+"
#: A person: a title before a name, a name of two or three words followed by an apposition or an
#: age (", a nurse", ", 52,"), or a name next to a verb of saying.
_PERSON = re.compile(
    rf"\b(?P<title>Mrs|Ms|Miss|Madam|Madame|Mme|Mr|Sir|Monsieur|Ato|W/ro|W/rt)\.? (?P<t>{_NAME}(?: {_NAME}){{0,2}})"
    rf"|(?P<a>{_NAME}(?: {_NAME}){{1,2}})(?=, (?:a|an|the|\d{{1,3}})\b)"
    rf"|(?P<s>{_NAME}(?: {_NAME}){{0,2}}) (?:said|says|told|added|explained|recalled|warned)\b"
    rf"|\b(?:said|says|added|explained) (?P<s2>{_NAME}(?: {_NAME}){{0,2}})")
_FEMALE = {"she", "her", "hers", "herself"}
_MALE = {"he", "him", "his", "himself"}
#: Words that name a person of a gender: a pronoun after one of them may be about that person.
_GENDERED = re.compile(r"\b(?:man|men|woman|women|husband|wife|father|mother|son|daughter|brother|sister|boy|girl|"
                       r"king|queen|uncle|aunt|grandfather|grandmother|boyfriend|girlfriend|widow|widower|"
                       r"mr|mrs|ms|sir|madam|lady|gentleman)\b", re.I)
#: Where a pronoun can only be the person just named: the speaker of a quotation, "according to".
_TARGETS = re.compile(r"(?<=[\"”»’] )(?P<p1>he|she)(?= (?:said|says|added|told|explained|asked|noted|warned|"
                      r"stressed|recalled|continued|insisted|admitted|replied|shared)\b)"
                      r"|\b[Aa]ccording to (?P<p2>him|her)(?=,)"
                      r"|\b(?:said|says|added|explained|noted|stressed)(?: that)? (?P<p3>he|she)\b")
#: A capitalised word that does not start a sentence, nor follows a preposition or "the" (a place:
#: "a nurse who lives in Kadıköy"): another person may stand between.
_OTHER_NAME = re.compile(r"(?<![.!?\n]\s*|^\s*|\b(?:in|at|from|to|of|near|across|into|the) )\b\p{Lu}\p{Ll}+")
_SWAP = {"he": "she", "she": "he", "him": "her", "her": "him"}
#: Capitalised words that open a sentence and are no first name, lower case.
_NOT_FIRST_NAMES = FUNCTION_WORDS | {"according", "however", "local", "most", "many"}


@dataclass
class _Person:
    key: str
    title: str | None = None
    female: int = 0
    male: int = 0
    evidence: str = ""

    @property
    def gender(self) -> str | None:
        if self.title:
            return self.title
        if self.female and not self.male:
            return "f"
        if self.male and not self.female:
            return "m"
        return None


def quoted(text: str) -> list[bool]:
    """For each character of ``text``, whether it is inside a quotation (straight quotes pair up
    within a line; “…” and «…» open and close).

    >>> q = quoted('He said "no way" to it.')
    >>> "".join("q" if x else "." for x in q)
    '........qqqqqqq........'
    """
    out = [False] * len(text)
    inside = False
    for i, ch in enumerate(text):
        if ch == "\n":
            inside = False
        elif ch == '"':
            out[i] = True
            inside = not inside
            continue
        elif ch in "“«":
            inside = True
        elif ch in "”»":
            out[i] = True
            inside = False
            continue
        out[i] = inside
    return out


def _persons(text: str, mask: list[bool]) -> dict[str, _Person]:
    people: dict[str, _Person] = {}
    for m in _PERSON.finditer(text):
        name = m.group("t") or m.group("a") or m.group("s") or m.group("s2")
        start = m.start("t") if m.group("t") else m.start()
        if mask[start] or name.split()[0].lower() in _NOT_FIRST_NAMES:
            continue
        key = name.split()[-1]
        person = people.setdefault(key, _Person(key))
        if m.group("title"):
            person.title = _TITLES[m.group("title").lower()]
            person.evidence = m.group(0)
    return people


def _count(person: _Person, gender: str, sentence: str) -> None:
    if gender == "f":
        person.female += 1
        person.evidence = person.evidence or sentence.strip()[:80]
    else:
        person.male += 1


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _mentions(text: str, mask: list[bool], people: dict[str, _Person]) -> list[tuple[int, str]]:
    if not people:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in people) + r")\b")
    return [(m.start(), m.group(0)) for m in pattern.finditer(text) if not mask[m.start()]]


def _antecedent(text: str, mask: list[bool], mentions: list[tuple[int, str]], at: int) -> str | None:
    """The person a pronoun at ``at`` can only be: the last one named before it, in its paragraph
    or the one before, with no gendered word and no other name between (outside quotations)."""
    before = [(pos, k) for pos, k in mentions if pos < at]
    if not before:
        return None
    pos, key = before[-1]
    if len(re.findall(r"\n(?:[ \t]*\n)*", text[pos:at])) > 1:
        return None  # the mention is neither in the pronoun's paragraph nor in the one before
    between = "".join(ch for i, ch in enumerate(text[pos + len(key):at], pos + len(key)) if not mask[i])
    if _GENDERED.search(between) or _OTHER_NAME.search(between):
        return None
    return key


def propose(doc) -> list[Edit]:
    """Pronoun edits for one document (offsets into ``doc.text``).

    A pronoun in a place this changes is no evidence for itself ("Vestine Mukamana ... said that
    he used to walk" says nothing of her), except that "she" there is: MT guesses "he" for a
    pronoun without gender and rarely "she", so a "she" that can only be that person (``"...,"
    she said`` after her words) tells of her (held-out article 81, where her "he" turned the right
    "she" into "he")."""
    text = doc.text
    mask = quoted(text)
    people = _persons(text, mask)
    mentions = _mentions(text, mask, people)
    if not mentions:
        return []
    targets = []
    for m in _TARGETS.finditer(text):
        group = next(g for g in ("p1", "p2", "p3") if m.group(g))
        if not mask[m.start(group)]:
            targets.append((m.start(group), m.group(group)))
    # the evidence below counts no pronoun that may be changed (though one still makes a sentence's
    # pronouns disagree: in "Ivan said that he met her" "her" is someone else)
    blank = list(mask)
    for at, pronoun in targets:
        blank[at:at + len(pronoun)] = [True] * len(pronoun)
    # evidence: sentences that name one person only and no other gendered word, and the
    # sentence right after one that opens with that person's name, when it opens with a pronoun
    subject: str | None = None  # the person the previous sentence of the paragraph opened with
    end = 0
    for seg in doc.segments:
        if "\n" in text[end:seg.start]:
            subject = None  # a new paragraph
        end = seg.start + len(seg.text)
        named = {k for at, k in mentions if seg.start <= at < end}
        outside = "".join(ch if not mask[seg.start + i] else " " for i, ch in enumerate(seg.text))
        opener = re.match(r"\s*(He|She)\b", outside)
        if not named and opener and subject:
            _count(people[subject], "f" if opener.group(1) == "She" else "m", seg.text)
        subject = None
        if len(named) != 1 or _GENDERED.search(outside):
            continue
        key = named.pop()
        if re.match(rf"\s*(?:\p{{Lu}}\p{{Ll}}+ ){{0,2}}{re.escape(key)}\b", outside):
            subject = key
        words = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", outside))
        if sum(words[w] for w in _FEMALE) and sum(words[w] for w in _MALE):
            continue
        own = "".join(ch if not blank[seg.start + i] else " " for i, ch in enumerate(seg.text))
        words = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", own))
        fem, masc = sum(words[w] for w in _FEMALE), sum(words[w] for w in _MALE)
        if fem:
            _count(people[key], "f", seg.text)
        elif masc:
            _count(people[key], "m", seg.text)
    antecedents = [(at, pronoun, _antecedent(text, mask, mentions, at)) for at, pronoun in targets]
    for at, pronoun, key in antecedents:
        if key and pronoun in _FEMALE:
            _count(people[key], "f", text[max(0, at - 40):at + 20])
    out = []
    for at, pronoun, key in antecedents:
        if key is None:
            continue
        person = people[key]
        if person.gender is None and person.female and person.male:
            out.append(Edit(at, at + len(pronoun), pronoun, pronoun, "consistency", DISAGREE, DISAGREE_CONFIDENCE,
                            f"the text calls {key} “she” {_times(person.female)} and “he” {_times(person.male)}: "
                            "one is wrong, and only the source or the person tells which", decision=FLAG_ONLY))
            continue
        gender = person.gender
        wrong = (gender == "f" and pronoun in _MALE) or (gender == "m" and pronoun in _FEMALE)
        if not wrong:
            continue
        evidence = people[key].evidence or key
        out.append(Edit(at, at + len(pronoun), pronoun, _SWAP[pronoun], "consistency", RULE, CONFIDENCE,
                        f"“{pronoun}” for {key}, of whom the text says “{evidence}”: Turkish, Indonesian, "
                        "Finnish, Chinese and Japanese pronouns have no gender, and MT guesses"))
    return out
