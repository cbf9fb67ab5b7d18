"""Rule hooks: named Python functions that build the replacement of an artifact rule where a
``re`` template cannot express the fix (see ``rules/README.md``).

A hook is registered with ``@hook("name")`` and used by a rule with ``hook: name``. It is called
as ``hook(match, sentence, context)`` and returns the replacement of the matched text, or
``None`` to leave it alone. ``context`` (:class:`Context`) gives the whole text, for rules that
decide by the majority of the document (quote styles, number styles), and the word lists of
``rules/words/*.yaml`` (:func:`repair.ruledata.wordlist`: acronyms, names with inner capitals, ...).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from .language import spelling_votes
from .inflect import form_of, inflect, irregular_verbs, past_form, plural, regular_forms, singulars
from .ruledata import lower_wordlist, wordlist
from .text import FUNCTION_WORDS, MONTHS_AND_DAYS, indefinite_article, zipf


class Context:
    """What a hook may look at beyond its sentence: the whole text (built once per text)."""

    def __init__(self, text: str, language: str | None = None) -> None:
        self.text = text
        self.language = language  # the English variant the text is checked in, when known

    @functools.cached_property
    def double_quotes(self) -> Counter:
        """How many straight (``"``) and curly (``“”``) double quotes the text has."""
        return Counter("curly" if ch in "“”" else "straight" for ch in self.text if ch in "\"“”")

    @functools.cached_property
    def apostrophes(self) -> Counter:
        """Apostrophes inside words (``Russia’s``, ``don't``), straight and curly."""
        return Counter("curly" if m.group(0) == "’" else "straight"
                       for m in re.finditer(r"(?<=[^\W\d_])['’](?=[^\W\d_])", self.text))

    @functools.cached_property
    def number_style(self) -> Counter:
        """How the text writes its numbers: ``english`` counts decimals with a point before a
        percentage or a magnitude (``0.2%``, ``3.5 million``) and thousands with commas
        (``800,000``); ``continental`` counts decimals with a comma there (``0,3 %``) and thousands
        with dots or spaces (``300.000``, ``17 000``)."""
        style = Counter("english" if m.group(1) == "." else "continental" for m in _DECIMAL.finditer(self.text))
        for m in _THOUSANDS.finditer(self.text):
            style["english" if m.group(1) == "," else "continental"] += 1
        return style

    @functools.cached_property
    def british(self) -> bool:
        """Whether the text is checked as British English: its variant when known, else whether
        more of its words are spelled the British way than the American way
        (:func:`repair.language.spelling_votes`), as :func:`repair.language.english_variant`
        chooses (American on a tie)."""
        if self.language in ("en-GB", "en-US"):
            return self.language == "en-GB"
        votes = spelling_votes(self.text)
        return votes["en-GB"] > votes["en-US"]

    @functools.cached_property
    def slash_dates(self) -> Counter:
        """How the text orders its dates written with slashes, where one number tells: ``day``
        first (``14/7/2024``), ``month`` first (``7/14/2024``)."""
        order = Counter()
        for m in _SLASH_DATE.finditer(self.text):
            first, second = int(m.group(1)), int(m.group(2))
            if first > 12 >= second:
                order["day"] += 1
            elif second > 12 >= first:
                order["month"] += 1
        return order

    @functools.cached_property
    def titled_names(self) -> frozenset[str]:
        """The words the text writes after a courtesy title (``Mr. Prasert``, ``Mrs Boonmee``)."""
        return frozenset(re.findall(r"\b(?:Mrs|Ms|Mr|Madam|Mme)\.? ([^\W\d_]+)", self.text))

    @functools.cached_property
    def word_forms(self) -> Counter:
        """Every word of the text, as written (for case decisions)."""
        return Counter(re.findall(r"[^\W\d_]+", self.text))


_SLASH_DATE = re.compile(r"(?<![\w/.,-])([0-3]?\d)/([01]?\d)/(?:1[89]|20)\d\d(?![\w/-]|[.,]\d)")
_THOUSANDS = re.compile(r"(?<![\d,.])\d{1,3}([,. ])\d{3}(?:\1\d{3})*(?![\d,.]| \d)")
_DECIMAL = re.compile(r"(?<![\d,.])\d{1,3}([.,])\d{1,2}(?![\d,.])(?=\s*(?:%|(?:per\s?cent|percent|million|billion|trillion)\b))")

#: Hooks: name -> function(match, sentence, context) returning the replacement or None (no fix).
HOOKS: dict[str, Callable[[re.Match[str], str, Context], str | None]] = {}


def hook(name: str):
    """Register a hook under ``name`` (a rule uses it with ``hook: name``)."""

    def register(fn):
        HOOKS[name] = fn
        return fn

    return register


# --------------------------------------------------------------------------- hooks


def cased(word: str, like: str) -> str:
    """``word`` with a capital first letter when ``like`` starts with one (``cased("in", "On")`` -> ``In``)."""
    return word[:1].upper() + word[1:] if like[:1].isupper() else word



@hook("lower")
def _lower_hook(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    return m.group(0).lower()


@hook("title")
def _title(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    w = m.group(0)
    return w[:1].upper() + w[1:].lower()


_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|Fitz|O|D|De|Di|Da|Du|Del|Della|La|Le|Van|Von|Der|St|Al|El|Ben|Abu)$")
#: Glue is split only when its right half is a word at least this common (wordfreq Zipf scale) ...
GLUE_RIGHT_ZIPF = 3.0
#: ... and the glued form is not itself a word this common (YouTube, PowerPoint, iPhone).
GLUE_WHOLE_ZIPF = 1.0
_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'.-]*)[\s(“\"‘]*$")
_WORD_AFTER = re.compile(r"^[\s,.;:)”\"’]*(\w+)")


#: Lower-case words inside a name (Sanne de Vries, Ludwig van Beethoven): part of a byline's name.
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "dos", "das",
                            "la", "le", "ter", "ten", "bin", "ibn", "al", "el"})


def _in_capitalised_run(m: re.Match[str], sentence: str) -> bool:
    """True when the words either side of the match (if any) are capitalised, as in a byline
    or heading (``Paul KirbyEuropean Digital Editor``), or when the match follows a capitalised
    word on a short line with no punctuation (``Faisal IslamEconomics editor``)."""
    before = _WORD_BEFORE.search(sentence[:m.start()])
    after = _WORD_AFTER.search(sentence[m.end():])
    if before is None and sentence[:m.start()].strip():
        return False
    if after is None and sentence[m.end():].strip(" \t.,;:"):
        return False
    words = [w.group(1) for w in (before, after) if w is not None]
    if any(re.search(r"\d|[^\W\d_][A-Z]", w) for w in words):
        return False  # a product or brand run: CoolerMaster MasterWatt Lite 600W (not a hyphened name: Nomin-Erdene)
    if before is not None and (before.group(1)[:1].isupper() or before.group(1) in NAME_PARTICLES) \
            and _byline_line(sentence):
        return True  # a name run into a job title in lower case: Faisal IslamEconomics editor
    return all(w[:1].isupper() for w in words)


def _byline_line(sentence: str) -> bool:
    """A short line of words with no sentence punctuation, as a byline is; or one with a role and,
    after a comma, a place of one to three capitalised words ("Martin HrubýRegional correspondent,
    Banská Bystrica").

    >>> _byline_line("Noa ShapiroMunicipal affairs reporter, Haifa"), _byline_line("Agris PeProgress, Mart Luik")
    (True, False)
    """
    line = sentence.strip()
    if "\n" in line or re.search(r"[.!?:;\"“”]", re.sub(r"\b[A-Z]\.", "", line)):
        return False  # a name's initials are no sentence punctuation ("S. Karthik RajaStaff reporter")
    head, comma, place = line.partition(",")
    if comma:
        words = place.split()
        if not (1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and "," not in place
                and re.search(r"\b" + _ROLES + r"\b", head, re.IGNORECASE)):
            return False
    return len(head.split()) <= 6


_ROLES = r"(?:correspondent|reporter|editor|journalist|writer|columnist|analyst|producer|photographer)"
#: A byline's role after the glued words: "... correspondent", "... Staff Reporter" ...
_ROLE_AFTER = re.compile(r"(?:\s+\w+){0,2}?\s+" + _ROLES + r"\b", re.IGNORECASE)
#: ... or as the right half itself ("By Reza KarimiCorrespondent in Isfahan").
_ROLE_WORD = re.compile(_ROLES, re.IGNORECASE)


@hook("split_glue")
def _split_glue(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``KirbyEuropean`` -> ``Kirby European``: two words glued by a lost line break or space;
    on a byline, a name glued to its role is parted by a comma (``Paul KirbyEuropean Digital
    Editor`` -> ``Paul Kirby, European Digital Editor``), as news sites print the two on lines of
    their own and an editor joins them on one line with a comma.

    The match has groups ``left`` and ``right`` (both capitalised). The glue is split when the
    glued form is no word (wordfreq), the right half is a common word, the word is no name with
    inner capitals (``rules/words/inner_capitals.yaml``) or a name prefix (McDonald), and it sits
    in a run of capitalised words (a byline or heading), where a lost line break leaves it.
    """
    left, right = m.group("left"), m.group("right")
    whole = left + right
    if whole in wordlist("inner_capitals") or whole.lower() in lower_wordlist("inner_capitals"):
        return None
    if (_NAME_PREFIX.match(left) or (len(left) < 3 and (len(right) < 5 or not _byline_line(sentence)))
            or (len(right) < 3 and right != "In")
            or right.lower().startswith(left.lower())):
        return None  # a name prefix (McDonald), a short piece (iPhone) or a stutter (HolHolland);
        # "In" is the one short right half: a byline's place (Guy HedgecoeIn Madrid); a two-letter
        # left half is a name's last syllable after another name, taken on a byline's line only
        # (Tran Thu HaAgriculture reporter; not "Agris PeProgress, Mart Luik" in a list)
    # a place is no common word: on a byline before its role ("SarkarSirajganj correspondent") it counts as one
    role_next = _byline_line(sentence) and bool(_ROLE_WORD.fullmatch(right) or _ROLE_AFTER.match(sentence, m.end()))
    if zipf(whole.lower()) >= GLUE_WHOLE_ZIPF or (zipf(right.lower()) < GLUE_RIGHT_ZIPF and not role_next):
        return None
    if not _in_capitalised_run(m, sentence):
        return None
    return f"{left}, {right}" if role_next else f"{left} {right}"


_ROMAN = re.compile(r"^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
#: A word in capitals is "shouted" only when its lower-case form is a known word or name at
#: least this common (so that unknown acronyms like OSCE or LMIIIA are left alone) ...
SHOUT_MIN_ZIPF = 3.0
#: ... and rarer than this: very common words in capitals (WHEN, EVERYTHING, FORMER) are
#: mostly deliberate emphasis, which post-editors keep (MLQE-PE train).
SHOUT_MAX_ZIPF = 5.0


def _mixed_case(sentence: str) -> bool:
    """Mostly lower-case words (acronyms not counted): not a headline in capitals."""
    acronyms = wordlist("acronyms")
    words = [w for w in re.findall(r"[^\W\d_]{2,}", sentence) if w not in acronyms]
    lower = sum(1 for w in words if not w.isupper())
    upper = len(words) - lower
    return lower >= 4 and lower >= 3 * upper


_CAPS_WORD = re.compile(r"[A-Z][A-Z’'&.-]*[A-Z]")


def _neighbour_words(m: re.Match[str], sentence: str) -> tuple[str | None, str | None]:
    before = re.search(r"([\w’'&.-]+)[^\w]*$", sentence[:m.start()])
    after = re.search(r"^[^\w]*([\w’'&.-]+)", sentence[m.end():])
    return (before.group(1) if before else None), (after.group(1) if after else None)


_LOWER_WORD_END = re.compile(r"(?<![\w.’'-])[a-z]{2,}[.!?]$")
_ENTITY_END = re.compile(r"&(?:[A-Za-z]{2,10}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});$")


@hook("space_after_punctuation")
def _space_after_punctuation(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the tunnel.The source`` -> ``the tunnel. The source``: a space lost after punctuation.

    After ``.``, ``!`` or ``?`` the word before must be all lower case, so that names and
    abbreviations written with a dot (``Yandex.Direct``, ``Chem.Weapons``, ``Node.js``) stay;
    the ``;`` that ends an HTML entity (``Laurel&amp;Hardy``) is no punctuation.
    """
    before = sentence[:m.start()]
    if before.endswith((".", "!", "?")) and not _LOWER_WORD_END.search(before):
        return None
    if before.endswith(";") and _ENTITY_END.search(before):
        return None  # the ; of an HTML entity: Laurel&amp;Hardy
    return " "


@hook("unshout")
def _unshout(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``guarantee KYIV if`` -> ``guarantee Kyiv if``: an all-capitals word inside a mixed-case sentence.

    Left alone: real acronyms (``rules/words/acronyms.yaml``), Roman numerals, letter groups
    that are no known word (unknown acronyms), very common words (deliberate emphasis:
    ``a FORMER friend``), tags in brackets (``(VIDEO)``), the first word of a sentence (datelines:
    ``MOSCOW, Nov 21``), runs of words in capitals (names and titles: ``ROT FRONT``), and
    sentences mostly in capitals (headlines). The word becomes lower case when the text
    itself writes it so elsewhere, otherwise it is capitalised like a name.
    """
    w = m.group(0)
    acronyms = wordlist("acronyms")
    if w in acronyms or _ROMAN.match(w) or not _mixed_case(sentence):
        return None
    if not sentence[:m.start()].strip(" \t\"“‘'([") or not SHOUT_MIN_ZIPF <= zipf(w.lower()) < SHOUT_MAX_ZIPF:
        return None
    for n in _neighbour_words(m, sentence):
        n = n.strip(".’'-&") if n else n
        if n and len(n) > 1 and _CAPS_WORD.fullmatch(n) and n not in acronyms:
            return None
    if sentence[:m.start()].rstrip().endswith(("(", "[")) and sentence[m.end():].lstrip().startswith((")", "]")):
        return None  # a tag such as (VIDEO)
    forms = ctx.word_forms
    lower, title = w.lower(), w[:1] + w[1:].lower()
    if forms[lower] > forms[title]:
        return lower
    return title


@hook("stray_capital")
def _stray_capital(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the US leader About “Maximum`` -> ``about``: a capitalised function word after a
    lower-case word, unless the previous word announces a title (``the film Of Mice and Men``)
    or the next two words are capitalised too (a title in title case)."""
    before = sentence[:m.start()].rstrip()
    prev = re.search(r"([^\W\d_]+)\W*$", before)
    if prev is None or not prev.group(1).islower():
        return None
    if prev.group(1) in lower_wordlist("title_cues"):
        return None
    if re.match(r" [A-Z][\w’'-]* [A-Z]", sentence[m.end():]):
        return None  # a title in title case starts here (he loved When Harry Met Sally)
    return m.group(0).lower()


def _curly(quote_at: int, text: str) -> str:
    """“ or ” for a straight double quote at ``quote_at``: opening after a space, start or bracket."""
    prev = text[quote_at - 1] if quote_at > 0 else " "
    return "“" if (prev.isspace() or prev in "([{–—-/") else "”"


@hook("english_quote")
def _english_quote(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A quotation in guillemets (« », with the spaces French puts inside) or opened low („ “)
    gets the English double quotes of the text's style (straight when the text has more straight
    double quotes than curly ones, else curly), the spaces inside go, and a comma after it goes
    inside, as English news copy writes a quoted sentence ("… agreement," she said)."""
    straight = ctx.double_quotes["straight"] > ctx.double_quotes["curly"]
    left, right = ('"', '"') if straight else ("“", "”")
    return f"{left}{m.group('inner')}{m.group('comma') or ''}{right}"


@hook("nordic_quote")
def _nordic_quote(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A quotation opened with a closing mark (”…” or »…«) in English quotes, as
    :func:`_english_quote` does; an opening ” whose partner is in a later sentence becomes “."""
    if m.group("lone"):
        return "“"
    return _english_quote(m, sentence, ctx)


@hook("low_quote")
def _low_quote(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A low opening quote („) alone becomes “; a closing “ alone, in a text that opens its
    quotations with „, becomes ” with a comma after it taken inside (``time“,`` -> ``time,”``)."""
    if m.group(0) == "„":
        return "“"
    if "„" not in ctx.text:
        return None
    return f"{m.group('comma') or ''}”"


#: A parenthetical that ends in a reporting verb ("as the posters say, that ...") keeps its comma.
_AS_PARENTHESIS = re.compile(r"\bas\b[^,;]*$", re.IGNORECASE)


@hook("comma_that")
def _comma_that(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The comma a Slavic or German source puts between a verb and its ``that`` clause ("warn,
    that the heat") goes; not after a parenthetical ("I do not think, as they say, that ...")."""
    before = sentence[:m.start()]
    clause = re.split(r"[,;:(]", before)[-1]
    return None if _AS_PARENTHESIS.search(clause) else ""


@hook("singular")
def _singular(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """An uncountable noun made plural, back in the singular (``informations`` -> ``information``),
    and a count word before it in its uncountable form (``few`` -> ``little``, ``many`` -> ``much``)."""
    word = m.group("noun")
    noun = word[:-2] if word.endswith("ches") else word[:-1]
    quantity = m.group("quantity")
    if not quantity:
        return noun
    mass = {"few": "little", "fewer": "less", "many": "much"}[quantity.lower()]
    return (mass.capitalize() if quantity[0].isupper() else mass) + " " + noun


@hook("duration_for")
def _duration_for(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``since`` or ``during`` before a bare length of time becomes ``for``, keeping its capital."""
    return cased("for", m.group(0))


@hook("able_to")
def _able_to(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``capable to`` -> ``able to``, ``incapable to`` -> ``unable to``, keeping a capital."""
    word = "unable" if m.group("un") else "able"
    return cased(word, m.group(0))


@hook("run_form")
def _run_form(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``circulate`` of a train or a bus becomes the same form of ``run``."""
    return {"e": "run", "es": "runs", "ed": "ran", "ing": "running"}[m.group("end")]


@hook("towards")
def _towards(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``in direction of`` -> ``towards``, keeping a capital."""
    return cased("towards", m.group(0))


@hook("in_for_on")
def _in_for_on(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``on`` -> ``in``, keeping its capital."""
    return cased("in", m.group(0))


@hook("percent_after")
def _percent_after(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``%47,5`` -> ``47.5%``: the sign after the figure, and its decimal comma a point."""
    return m.group(1).replace(",", ".") + "%"


@hook("age_commas")
def _age_commas(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """`` (74)`` after a name -> ``, 74`` and a closing comma unless one follows."""
    follows = sentence[m.end():m.end() + 1] == ","
    return f", {m.group('age')}" + ("" if follows else ",")


@hook("indefinite_before")
def _indefinite_before(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``a `` or ``an `` inserted before the next word, by its sound (``is expert in`` -> ``is an expert in``)."""
    after = sentence[m.end():].split(maxsplit=1)
    return f"{indefinite_article(after[0])} " if after else None


@hook("title_before_name")
def _title_before_name(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the professor Andrés Villa`` -> ``Professor Andrés Villa``: the article dropped, the title
    capitalised; not before a day or a month (agency style: ``the president Tuesday said``) or a
    capitalised function word."""
    name = m.group("name").lower()
    if name in MONTHS_AND_DAYS or name in FUNCTION_WORDS:
        return None
    return m.group("title").title() + " "


@hook("autonomy_range")
def _autonomy_range(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``an autonomy`` -> ``a range``; ``autonomy`` alone -> ``range``."""
    an = m.group("an")
    return "range" if an is None else cased("a", an) + " range"


#: Nouns a count leaves in the singular (units, currencies, animals counted as game), and words
#: after a number that are no count noun.
_COUNT_INVARIANT = frozenset("""percent per cent million billion trillion thousand hundred dozen euro yen yuan won
    baht rand rupiah lei ringgit kyat dong rupee peso real sheep fish deer aircraft series species people police
    staff personnel cattle head more less other another such times fold plus minus year-old old percentage inch
    foot anyway apiece each alone ago later earlier population rub mln bln thous tys sq min sec hrs yrs pcs""".split())
#: Words that, before a number, make it a label rather than a count ("Route 66 bus", "group 3 person").
_COUNT_LABELS = frozenset("""a an the this that its their his her our my your no no. number page article section chapter
    room route grade class group level phase stage type version floor platform line gate flight item paragraph clause
    figure table point step round week day year season episode issue volume part model series zone district unit
    block bus channel term category size lot plot apartment seat row lane road street highway per""".split())


#: Verbs of saying and knowing that "that" follows as a conjunction ("said that 212 household").
_SAYING = frozenset("said says say added adds announced announces reported reports stated states noted notes "
                    "explained explains showed shows estimated estimates revealed reveals confirmed confirms claimed "
                    "claims believe believes know knows knew found finds".split())


#: Words that may stand capitalised before a count at the start of a sentence ("Around 300 ...").
_COUNT_QUANTIFIERS = frozenset("""about around over some nearly almost only just roughly approximately another under
    all than more fewer least most at exactly""".split())


#: Determiners that may stand before a spelled-out count ("her three child"); before figures they mark a year or a label.
_COUNT_DETERMINERS = frozenset("the this that these those its their his her our my your".split())


#: Count words English does not put in the plural after a figure ("40 lakh", "5 dozen", "300 head").
_INVARIANT_COUNTS = frozenset({"lakh", "crore", "dozen", "hundred", "thousand", "million", "billion", "head"})


@hook("count_plural")
def _count_plural(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The noun after a count above one in the plural (``300 student`` -> ``300 students``): only a
    noun whose plural is a common word at least as used as a tenth of the singular (a count noun),
    that is no verb (``-ed`` form rare), after no article or label word and no capitalised word but a
    quantifier (``Around 300 ...``; ``Apollo 11 mission`` is a name)."""
    noun = m.group("noun")
    if re.match(r"\.\s*[,;:a-z]", sentence[m.end():]):
        return None  # an abbreviation ("300 rub., while ...")
    if noun.endswith("s") or noun in _INVARIANT_COUNTS:
        return None
    before = sentence[:m.start()].split()
    spelled = m.group("n").isalpha()
    if before:
        prev = before[-1].strip("\"“‘(")
        # "said that 212 household": "that" after a verb of saying is a conjunction, not a label
        reported = prev == "that" and len(before) > 1 and (before[-2].endswith("ed") or before[-2] in _SAYING)
        # a determiner before a spelled-out count is no label: "her three child", "The two hospital"
        if not reported and not (spelled and prev.lower() in _COUNT_DETERMINERS) and (
                prev.lower() in _COUNT_LABELS or (prev[:1].isupper() and prev.lower() not in _COUNT_QUANTIFIERS)):
            return None
    # before a past tense ("300 volunteer worked") the word is the subject, not a verb
    many = _count_noun_plural(noun, verb_next=bool(re.match(r"\s+[a-z]{3,}ed\b", sentence[m.end():])))
    return None if many is None else m.group(0)[:m.start("noun") - m.start()] + many


def _count_noun_plural(noun: str, verb_next: bool = False) -> str | None:
    """The plural of ``noun`` (lower case, singular) where it is a count noun: its plural a common
    word at least as used as a tenth of the singular, and it no adjective (a superlative in
    wordfreq: ``new``), no irregular verb (``set``) and no regular one (its ``-ed`` form rare,
    unless ``verb_next``: a past tense follows, so the word is its subject), nor an invariant unit
    or currency (``lei``, ``yen``). None otherwise."""
    if noun in _COUNT_INVARIANT or noun in FUNCTION_WORDS or noun.endswith(("f", "fe", "ing", "ed")):
        return None
    if noun.endswith("ly") and zipf(noun[:-2]) >= 3.0:
        return None  # an adverb of a common adjective ("quickly"); "family", "assembly" are nouns
    if zipf((noun[:-1] + "i" if noun.endswith("y") else noun) + "est") >= 2.0:
        return None  # an adjective ("several new ...")
    table, form_map = irregular_verbs()
    if noun in table or noun in form_map:
        return None  # a verb ("pin 34 set to ...")
    many = plural(noun)
    if zipf(many) < 3.0 or zipf(many) < zipf(noun) - 1.0:
        return None
    if not verb_next and zipf(noun + ("d" if noun.endswith("e") else "ed")) >= 3.0:
        return None  # a verb ("of the 300, 20 work in")
    return many


@hook("hundreds_of")
def _hundreds_of(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``thousands hectare of`` -> ``thousands of hectares of``: ``of`` after the round number and
    the noun in the plural, where the noun counts (see :func:`_count_noun_plural`; a plural noun
    whose singular does)."""
    noun = m.group("noun")
    if any(_count_noun_plural(one) == noun for one in singulars(noun)):
        many = noun
    else:
        many = _count_noun_plural(noun)
    if many is None:
        return None
    return f"{m.group('amount')} of {many}"


@hook("for_part")
def _for_part(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``From his side`` -> ``For his part``, keeping the first letter's case."""
    return ("For" if m.group(0)[0].isupper() else "for") + f" {m.group('who')} part"


@hook("really")
def _really(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``very`` before a verb -> ``really``, keeping a capital."""
    return cased("really ", m.group("v"))


@hook("for_to")
def _for_to(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``for ask`` -> ``to ask``, keeping a capital."""
    return cased("to ", m.group("f"))


@hook("copula")
def _copula(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the sun very harsh`` -> ``the sun is very harsh``; ``are`` after a plural noun."""
    noun = m.group("noun")
    if noun in FUNCTION_WORDS or past_form(noun) or noun.endswith("ing"):
        return None
    many = noun.endswith("s") and not noun.endswith(("ss", "us", "is")) or noun in ("people", "children")
    return f"{m.group('np')} {'are' if many else 'is'} "


@hook("till_date")
def _till_date(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Till date`` at the head of a sentence -> ``So far``; ``till date`` elsewhere -> ``to date``."""
    return "So far" if m.group("cap") else "to date"


@hook("come_form")
def _come_form(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``become``/``became``/``becomes``/``becoming`` (true) -> the same form of ``come``."""
    return {"become": "come", "became": "came", "becomes": "comes", "becoming": "coming"}[m.group("v")] + " "


@hook("make_form")
def _make_form(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``give``/``gave``/``given``/``giving`` (promises) -> the same form of ``make``."""
    return {"give": "make", "gives": "makes", "gave": "made", "given": "made", "giving": "making"}[m.group("v")] + " "


@hook("no_preposition")
def _no_preposition(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``in last October`` -> ``last October``, ``in next year`` -> ``next year`` (``Last`` where the
    preposition had the capital)."""
    word = m.group(0)[len(m.group("p")) + 1:].strip()
    return cased(word, m.group("p")) + " "


@hook("flag_off")
def _flag_off(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``showed the green flag to`` -> ``flagged off``, in the verb's tense."""
    verb = m.group("v")
    if verb.endswith("ing"):
        return "flagging off"
    if verb in ("shows", "waves", "gives"):
        return "flags off"
    if verb in ("show", "wave", "give"):
        return "flag off"
    return "flagged off"


@hook("year_first_date")
def _year_first_date(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``2025. April 11.`` -> ``11 April 2025``, keeping the full stop where it ends the sentence."""
    date = _english_date(int(m.group("day")), _MONTHS.index(m.group("month")) + 1, m.group("year"))
    return None if date is None else date + ("." if not sentence[m.end():].strip() else "")


#: The English of the Arabic script's punctuation marks.
_ARABIC_MARKS = {"،": ",", "؛": ";", "؟": "?"}


@hook("arabic_mark")
def _arabic_mark(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the shore، and`` -> ``the shore, and``: the English mark, and a space where a word followed
    it without one."""
    return _ARABIC_MARKS[m.group("mark")] + (" " if sentence[m.end():m.end() + 1].isalnum() else "")


@hook("day_month")
def _day_month(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``day 15 month 4`` -> ``15 April`` (with ``, year 2025`` -> ``15 April 2025``); an impossible
    date stays."""
    return _english_date(int(m.group("day")), int(m.group("month")), m.group("year"))


@hook("say_form")
def _say_form(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``expressed that`` -> ``said that`` in the same form, keeping a capital."""
    verb = m.group("verb")
    word = {"express": "say", "expresses": "says", "expressed": "said"}[verb.lower()]
    return cased(word, verb) + " that"


@hook("monetary")
def _monetary(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``money policy`` -> ``monetary policy``, keeping each word's capital."""
    return f"{m.group('m')}onetary {m.group('p')}olic{m.group('end')}"


@hook("official")
def _official(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``related person`` -> ``official``; ``related persons``/``people`` -> ``officials``."""
    return "official" if m.group("who") == "person" else "officials"


@hook("surname")
def _surname(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A surname in capitals on a byline in title case (``KARACA`` -> ``Karaca``), unless it is a
    known acronym (``rules/words/acronyms.yaml``)."""
    name = m.group("name")
    if name in wordlist("acronyms"):
        return None
    return "-".join(part[:1] + part[1:].lower() for part in name.split("-"))


@hook("continue_form")
def _continue_form(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``persist to`` -> ``continue to`` in the same form (persists, persisted, persisting), keeping a capital."""
    word = {"": "continue", "s": "continues", "ed": "continued", "ing": "continuing"}[m.group("end") or ""]
    return cased(word, m.group("word")) + " to "


#: The -ing form of the verb after "accused him to" must be at least this common (Zipf), so that
#: the word after "to" is a verb ("sabotaging") and not a place or a noun ("to Paris", "to court").
GERUND_MIN_ZIPF = 2.0


@hook("of_gerund")
def _of_gerund(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``accused him to sabotage`` -> ``accused him of sabotaging``: "to" and the verb's base form
    become "of" and its -ing form, when that form is a known word."""
    verb = m.group("verb")
    if form_of(verb) != "base":
        return None
    ing = inflect(verb, "ing")
    return f"of {ing}" if zipf(ing) >= GERUND_MIN_ZIPF else None


_CONTINENT_ADJECTIVE = {"Europe": "European", "Africa": "African"}


@hook("continent_adjective")
def _continent_adjective(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Europe`` as a modifier (``the Europe market``) -> ``European``."""
    return _CONTINENT_ADJECTIVE.get(m.group("place"))


#: A capitalised word after "the city" is a name (not a word of a title, "the city Council") when
#: its lower-case form is rarer than this.
PLACE_NAME_ZIPF = 3.5


@hook("of_place")
def _of_place(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the municipality Utrecht`` -> ``the municipality of Utrecht``: ``of`` goes in before a name
    that is one word (or a hyphenated one) and no common English word."""
    rest = sentence[m.end():]
    name = re.match(r"[\w’'-]+", rest).group(0)
    after = rest[len(name):]
    if zipf(name.lower()) >= PLACE_NAME_ZIPF or re.match(r" [A-Z]", after):
        return None
    return "of "


_MAGNITUDE = {"ten thousand": 10_000, "hundred million": 100_000_000}


@hook("magnitude")
def _magnitude(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``76.4 ten thousand`` -> ``764,000``; ``58.6 hundred million`` -> ``5.86 billion``: the
    figure counted in English, exactly (digits are shifted, never rounded)."""
    value = Decimal(m.group("number")) * _MAGNITUDE[m.group("unit")]
    for size, word in ((10 ** 9, "billion"), (10 ** 6, "million")):
        if value >= size:
            return f"{(value / size).normalize():f} {word}"
    if value != value.to_integral_value():
        return None
    return f"{int(value):,}"


def _roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral written in the usual way (I to MMMM...), else None."""
    if not _ROMAN.match(numeral):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        v = values[a]
        total += -v if b in values and values[b] > v else v
    return total or None


def ordinal(n: int) -> str:
    """``19`` -> ``19th``, ``21`` -> ``21st``, ``12`` -> ``12th``.

    >>> ordinal(19), ordinal(21), ordinal(12), ordinal(3), ordinal(112)
    ('19th', '21st', '12th', '3rd', '112th')
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: The centuries a Roman numeral before "century" is read as (I to XXI).
MAX_CENTURY = 21


@hook("roman_century")
def _roman_century(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the XIX century`` -> ``the 19th century``; ``XV-XVI centuries`` -> ``15th-16th``."""
    numbers = [_roman_value(g) for g in (m.group("a"), m.group("b")) if g]
    if not all(n and n <= MAX_CENTURY for n in numbers):
        return None
    return (m.group("dash") or "").join(ordinal(n) for n in numbers)


@hook("thousand_figure")
def _thousand_figure(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``3 thousand`` -> ``3,000``; ``7,5 thousand`` -> ``7,500`` (a comma or point followed by
    one or two digits is the source's decimal mark; three digits are a thousands separator and
    the figure is left alone)."""
    number = m.group("number")
    whole, _, part = number.replace(",", ".").partition(".")
    if len(part) == 3:
        return None
    value = Decimal(f"{whole}.{part}" if part else whole) * 1000
    return f"{int(value):,}" if value == value.to_integral_value() else None


@hook("rubles")
def _rubles(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``300 rub.,`` -> ``300 rubles,``; the dot stays where it also ends the sentence.

    >>> from repair.rulepacks import load_rules, run_rule
    >>> rule = next(r for r in load_rules().artifacts if r.id == "artifact.numbers.rub_abbreviation")
    >>> text = "A ticket costs 300 rub., for pensioners 150 rubles."
    >>> list(run_rule(rule, "A ticket costs 300 rub.", Context(text)))
    [(19, 23, 'rubles')]
    """
    word = "roubles" if m.group(0).startswith("roub") else "rubles"
    after = sentence[m.end():]
    if not after.strip():  # the segmenter may end the sentence at the abbreviation: look in the text
        at = ctx.text.find(sentence)
        after = ctx.text[at + len(sentence):] if at >= 0 else ""
    return word + ("." if not after.strip() or re.match(r"\s+[A-Z“\"]", after) else "")


_OBJECT_PRONOUN = {"his": "him", "her": "her", "their": "them"}


@hook("object_pronoun")
def _object_pronoun(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``according to his words`` -> ``according to him``."""
    return f"{m.group('head')} {_OBJECT_PRONOUN[m.group('pronoun')]}"


@hook("as_part_of")
def _as_part_of(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``In the frames of`` -> ``As part of``, keeping the capital."""
    return cased("as part of", m.group("i"))


#: The year before each Japanese era's first year, and its last year of the era.
_ERAS = {"Reiwa": (2018, None), "Heisei": (1988, 31), "Showa": (1925, 64), "Shōwa": (1925, 64)}


@hook("era_year")
def _era_year(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Reiwa 8th year`` -> ``2026``; ``the 5th year of Heisei`` -> ``1993``."""
    base, last = _ERAS[m.group("era") or m.group("era2")]
    n = int(m.group("n") or m.group("n2"))
    if n < 1 or (last is not None and n > last):
        return None
    return str(base + n)


@hook("unit_plural")
def _unit_plural(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The unit after a number other than one in the plural (``12 square meter`` -> ``12 square meters``)."""
    unit = m.group("unit")
    head = m.group(0)[:m.start("unit") - m.start()]
    return head + plural(unit)


#: The English of each word-for-word set phrase of ``artifact.calques.set_phrases``.
_SET_PHRASES = ((re.compile(r"a drop of water in the (?:ocean|sea)", re.I), "a drop in the ocean"),
                (re.compile(r"\w+ with (?:\w+ )?crossed arms", re.I), "stand idly by"),
                (re.compile(r"\w+ eyes? of the face", re.I), "an arm and a leg"),
                (re.compile(r"of today", re.I), "new"))


@hook("set_phrase")
def _set_phrase(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The English set phrase for a word-for-word one (``a drop of water in the ocean`` -> ``a drop in the ocean``)."""
    for pattern, english in _SET_PHRASES:
        if pattern.fullmatch(m.group(0)):
            return cased(english, m.group(0))
    return None


@hook("half_of")
def _half_of(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the half of`` becomes ``half``, keeping its capital (``The half of them`` -> ``Half of them``)."""
    return cased("half", m.group(0))


#: A sentence about what is to come: a future or a plan ("will", "is expected to", "plans to").
_FUTURE = re.compile(r"\b(?:will|won['’]t|shall|going to|expected to|set to|due to|plans? to|planned to|"
                     r"intends? to|hopes? to|aims? to)\b|['’]ll\b", re.IGNORECASE)


@hook("coming_period")
def _coming_period(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the next weeks`` becomes ``the coming weeks`` in a sentence about the future; in a story
    told in the past it would be ``the following weeks``, and the rule does not guess."""
    return "coming" if _FUTURE.search(sentence) else None


#: A sentence in a perfect tense ("has met", "had risen", "we've seen").
_PERFECT = re.compile(r"\b(?:has|have|had|hasn['’]t|haven['’]t|hadn['’]t)\b|['’]ve\b", re.IGNORECASE)


@hook("recent_period")
def _recent_period(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``in the last weeks`` becomes ``in recent weeks`` in a sentence in a perfect tense ("has
    met three times in the last weeks"); elsewhere ("in the last weeks, the army retreated") the
    weeks may be the last of a period, and the rule does not guess."""
    if not _PERFECT.search(sentence):
        return None
    return cased("in", m.group(0)) + " recent"


#: A regular past of an irregular verb is a slip when the irregular past is this much more common
#: (Zipf points): "thinked", "builded", "costed"; not "learned", "burned", "dreamed", "hanged".
REGULARISED_GAP = 2.5
#: Regular pasts that are words of their own: leaded petrol, broad-leaved, wined and dined, putted (golf).
_OWN_WORDS = frozenset({"leaded", "leaved", "wined", "putted", "bed", "seed", "lied", "sited", "spined"})
_BEFORE_PARTICIPLE = re.compile(r"\b(?:has|have|had|having|'ve|’ve|is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+\s+)?$",
                                re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _regularised() -> dict[str, tuple[str, str]]:
    """regular past spelling -> (irregular past, past participle), for the slips of :data:`REGULARISED_GAP`."""
    table, _ = irregular_verbs()
    out = {}
    for base, parts in table.items():
        past, part = parts["past"], parts["part"]
        for w in regular_forms(base, "past"):
            if w in past or w in part or w in _OWN_WORDS:
                continue
            if max(zipf(p) for p in past) - zipf(w) >= REGULARISED_GAP:
                out[w] = (past[0], part[0])
    return out


@hook("irregular_past")
def _irregular_past(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A regularised past of an irregular verb ("costed", "thinked") becomes its own past, or its
    participle after a form of have or be ("has builded" -> "has built"). "Costed" after a form of
    be is English ("the plan was costed at")."""
    word = m.group(0)
    found = _regularised().get(word.lower())
    if found is None or (word[0].isupper() and sentence[:m.start()].strip()):
        return None  # a capital inside a sentence: a name ("Standed & Poors")
    before = sentence[:m.start()]
    if word.lower() == "costed" and (_PASSIVE.search(before) or sentence[m.end():].startswith(" at ")):
        return None
    out = found[1] if _BEFORE_PARTICIPLE.search(before) else found[0]
    return out.capitalize() if word[0].isupper() else out


@hook("attend")
def _attend(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``assisted to`` (an event) becomes ``attended``, in the same form and capital."""
    word = m.group(1)
    out = "attend" + word[len("assist"):]
    return out.capitalize() if word[0].isupper() else out


@hook("simple_past")
def _simple_past(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``has announced`` (with a finished time: "on Tuesday", "in 2019") becomes ``announced``; an
    irregular participle its past ("has begun" -> "began"); "has been" ``was`` and "have been"
    ``were``."""
    adverb, participle = m.group("adverb") or "", m.group("part")
    word = participle.lower()
    table, reverse = irregular_verbs()
    if re.search(r"\bsince\b", sentence[:m.start()], re.IGNORECASE):
        return None  # "Since 1928, the event has taken place every July": the perfect is right
    if word == "been":  # the number is the auxiliary's: "has been" -> "was", "have been" -> "were" ("I have" -> "was")
        singular = m.group(0)[:3].lower() == "has" or re.search(r"(?<![\w’'-])I\s+$", sentence[:m.start()])
        out = ("was" if singular else "were") + (" " + adverb.strip() if adverb else "")
        return out[0].upper() + out[1:] if m.group(0)[0].isupper() else out
    if word in reverse:
        base, kind = reverse[word]
        past = table[base]["past"][0] if kind == "part" else word
    elif word.endswith("ed"):
        past = word
    else:
        return None  # not a participle ("has it", "have ten")
    out = adverb + (past.capitalize() if participle[0].isupper() else past)
    return out[0].upper() + out[1:] if m.group(0)[0].isupper() else out


def _known_base_verb(word: str) -> bool:
    """Whether ``word`` is a verb's base form whose other forms are known: an irregular verb, or a
    regular one whose past is a common word."""
    table, reverse = irregular_verbs()
    return word in table or (word not in reverse and zipf(inflect(word, "past")) >= 3.0 and form_of(word) == "base")


@hook("base_after_plural")
def _base_after_plural(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A third-person singular verb after a plural subject in its plural (``studies`` -> ``study``,
    ``has`` -> ``have``, ``is`` -> ``are``): only a verb whose forms are known."""
    word = m.group("verb")
    if word in _OTHER_NUMBER:
        return _OTHER_NUMBER[word]
    if word == "does":
        return "do"
    for base in singulars(word):
        if _known_base_verb(base) and inflect(base, "3sg") == word:
            return base
    return None


@hook("call_on")
def _call_on(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``demanded from`` (someone, to act) becomes ``called on``, in the same form."""
    verb = m.group("verb")
    out = {"demand": "call on", "demands": "calls on", "demanded": "called on", "demanding": "calling on"}[verb.lower()]
    return cased(out, verb)


@hook("at_for_in")
def _at_for_in(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``in the same time`` becomes ``at the same time``."""
    return cased("at", m.group(0))


@hook("currency_magnitude_first")
def _currency_magnitude_first(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``shillings billion 6.8`` becomes ``6.8 billion shillings``; ``Naira million three`` ``three
    million naira`` (a currency's name is lower case in English)."""
    return f"{m.group('num')} {m.group('mag')} {m.group('cur').lower()}"


@hook("turned_to_ashes")
def _turned_to_ashes(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``became ashes`` becomes ``turned to ashes``; ``could become ashes`` ``could turn to ashes``."""
    verb = m.group("verb")
    if verb == "become":
        before = sentence[:m.start()].split()
        perfect = bool(before) and before[-1].lower() in ("has", "have", "had", "having")
        turn = "turned" if perfect else "turn"
    else:
        turn = {"became": "turned", "becomes": "turns", "becoming": "turning"}[verb]
    return f"{turn} to ashes"


@hook("yet_another")
def _yet_another(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``yet 7 villages`` becomes ``another 7 villages``."""
    return cased("another", m.group("y")) + " "


@hook("according_to")
def _according_to(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``according to information of the X`` becomes ``according to the X``."""
    return m.group("a") + "ccording to "


@hook("the_river")
def _the_river(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the `` before a river's name (``The `` at the start of a sentence, but not of a headline,
    which drops its articles: a line without a closing stop)."""
    if m.start() == 0:
        return "The " if sentence.rstrip().endswith((".", "!", "?", "”", '"', "’", "'", ")")) else None
    return "the "


_OVERREGULAR = {"sheeps": "sheep", "deers": "deer", "childrens": "children", "equipments": "equipment",
                "furnitures": "furniture", "luggages": "luggage", "baggages": "baggage", "livestocks": "livestock",
                "peoples": "people"}


@hook("overregular_plural")
def _overregular_plural(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``sheeps`` becomes ``sheep``, ``equipments`` ``equipment`` (the case of the first letter kept)."""
    word = m.group("word")
    return cased(_OVERREGULAR[word.lower()], word)


@hook("lakh_thousand")
def _lakh_thousand(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``2 lakh 10 thousand`` becomes ``210,000`` (a lakh is a hundred thousand)."""
    return f"{int(m.group('lakh')) * 100_000 + int(m.group('thousand')) * 1_000:,}"


_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


@hook("western_digits")
def _western_digits(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``۲۰`` becomes ``20``: Arabic-Indic digits and marks as English writes them."""
    return m.group(0).translate(_WESTERN_DIGITS)


_KEEP = {"hold": "keep", "holds": "keeps", "holding": "keeping", "held": "kept", "keep": "keep", "keeps": "keeps",
         "keeping": "keeping", "kept": "kept", "press": "keep", "pressing": "keeping", "pressed": "kept"}
_POSSESSIVE = {"we": "our", "i": "my", "they": "their", "you": "your", "he": "his", "she": "her"}


@hook("fingers_crossed")
def _fingers_crossed(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``We are holding fists`` becomes ``We are keeping our fingers crossed``: the possessive of
    the last subject pronoun before it (``their`` for any other subject)."""
    pronouns = re.findall(r"\b(we|I|they|you|he|she)\b", sentence[:m.start()], re.IGNORECASE)
    own = _POSSESSIVE[pronouns[-1].lower()] if pronouns else "their"
    return f"{_KEEP[m.group('verb')]} {own} fingers crossed"


@hook("recently")
def _recently(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``in the last time`` becomes ``recently`` (``Recently`` where ``In`` began it)."""
    return cased("recently", m.group("i"))


@hook("comma_after")
def _comma_after(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The match with a comma after it (``Inshallah the road`` -> ``Inshallah, the road``)."""
    return m.group(0) + ","


#: Verbs that take an object in English, written without one before a "that" clause, and the
#: verb that needs none ("informed that" -> "said that", "reminded that" -> "pointed out that").
_WITHOUT_OBJECT = {"informed": "said", "informs": "says", "reminded": "pointed out", "reminds": "points out",
                   "defend": "argue", "defends": "argues", "defended": "argued"}


@hook("verb_without_object")
def _verb_without_object(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``informed that`` becomes ``said that``, ``reminded that`` ``pointed out that``, ``defend that``
    ``argue that``."""
    return _WITHOUT_OBJECT[m.group("verb")] + " that"


@hook("part_of_day_of_weekday")
def _part_of_day_of_weekday(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``in the morning of Tuesday`` becomes ``on Tuesday morning``."""
    return f"{cased('on', m.group('prep'))} {m.group('day')} {m.group('part')}"


@hook("loss_of_life")
def _loss_of_life(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``losses in souls`` becomes ``casualties``, ``loss of souls`` and ``no loss of soul`` ``loss of life``."""
    if m.group("es"):
        return cased("casualties", m.group("l"))
    return (m.group("l") or m.group("l2")) + "oss of life"


#: Object forms of the subject pronouns (``want that we pay`` -> ``want us to pay``).
_OBJECT_OF = {"I": "me", "you": "you", "he": "him", "she": "her", "we": "us", "they": "them", "it": "it"}


@hook("want_object")
def _want_object(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``want that I will change`` becomes ``want me to change``: only a verb whose base form is known
    (the verb after a modal is its base form; without one, a third-person ``-s`` is taken off)."""
    verb = m.group("verb")
    base = verb if _known_base_verb(verb) else next((b for b in singulars(verb) if _known_base_verb(b)
                                                     and inflect(b, "3sg") == verb), None)
    if base is None:
        return None
    who = m.group("who")
    return f"{m.group('want')} {_OBJECT_OF.get(who, who)} to {base}"


@hook("currency_plural")
def _currency_plural(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``4.2 million shekel`` becomes ``4.2 million shekels`` (``lira`` and the currencies English
    does not inflect, ``naira``, ``rupiah``, ``ringgit``, ``dong``, ``taka``, ``tenge``, ``lari``, stay)."""
    cur = m.group("cur")
    if cur in _INVARIANT_CURRENCIES:
        return None
    return {"real": "reais", "krona": "kronor", "koruna": "korunas"}.get(cur, plural(cur))


_INVARIANT_CURRENCIES = frozenset("lira naira rupiah ringgit dong taka tenge lari manat".split())


@hook("negative_concord")
def _negative_concord(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Nobody did not ask`` -> ``Nobody asked``: the second negation of a negative subject goes;
    with do-support the verb takes the auxiliary's tense and person (``did`` past, ``does``
    3sg, ``do`` base), so only a verb whose forms are known (an irregular one, or a regular one
    whose past is a common word) is changed there. Other auxiliaries just lose their ``not``."""
    aux, verb = m.group("aux"), m.group("verb")
    tail = sentence[m.end("neg"):m.end()]
    if aux.lower() not in ("did", "does", "do"):
        return f"{sentence[m.start():m.end('aux')]}{tail}"
    if verb is None:
        return None  # "Nobody did not." has no verb to carry the tense
    if not _known_base_verb(verb):
        return None  # not a verb's base form ("Nobody did not anything", "did not already")
    kind = {"did": "past", "does": "3sg", "do": "base"}[aux.lower()]
    return f"{sentence[m.start():m.end('subject')]}{sentence[m.end('subject'):m.start('aux')]}{inflect(verb, kind)}"


@hook("historic")
def _historic(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``historical`` becomes ``historic``, in the match's case."""
    return m.group("h")[:8]


@hook("if_will")
def _if_will(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``If we will not give`` -> ``If we do not give``, ``if it will rain`` -> ``if it rains``,
    ``if we will be late`` -> ``if we are late``: the verb in the present, by the subject's person
    (a plural noun takes the base form); not a verb whose forms are not known."""
    subject, verb = m.group("subject"), m.group("verb")
    before = sentence[:m.start()].split()
    if before and before[-1].lower().strip(",") in _ASKING:
        return None  # "asked if they will come": "if" is "whether", and the future is English
    third = subject in ("he", "she", "it")
    if verb == "be":
        present = {"I": "am"}.get(subject, "is" if third else "are") + (" not" if m.group("neg") else "")
    elif verb == "have" and not m.group("neg"):
        present = "has" if third else "have"
    elif not _known_base_verb(verb):
        return None
    elif m.group("neg"):
        present = ("does not " if third else "do not ") + verb
    else:
        present = inflect(verb, "3sg") if third else verb
    return f"{m.group('if')} {subject} {present}"


#: Words after which "if" means "whether" (an indirect question, where the future is English).
_ASKING = frozenset("""ask asked asks asking know knows knew wonder wondered wonders wondering see saw check
    checked checking unclear clear sure certain decide decided deciding tell told doubt doubts question
    uncertain unsure""".split())


@hook("street_name")
def _street_name(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``ul. Kapitan Raycho`` -> ``Kapitan Raycho Street``; ``bul. Ruski`` -> ``Ruski Boulevard``."""
    kind = "Boulevard" if m.group("kind").lower() == "bul" else "Street"
    return f"{m.group('name')} {kind}"


@hook("voted_plainly")
def _voted_plainly(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``voted „for“`` -> ``voted in favor``, ``in favour`` where the text is British English
    (:attr:`Context.british`); ``voted „against“`` -> ``voted against``."""
    if m.group("how") == "against":
        return f"{m.group('v')} against"
    return f"{m.group('v')} in {'favour' if ctx.british else 'favor'}"


#: A modal ending an elliptical clause before a "to" of purpose: "everything they could to stop
#: it", "in any way they can to exploit it", "what we must to survive".
_ELLIPTICAL_MODAL = re.compile(r"\b(?:what|whatever|everything|anything|all|way|much|best|most|little)\b(?:\s+[\w’'-]+){0,3}\s+$",
                               re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|each|every|his|her|its|their|our|my|your|one|no)\s+$", re.IGNORECASE)


@hook("bare_modal")
def _bare_modal(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``must to change`` becomes ``must change``; a modal ending an elliptical clause
    ("everything they could to stop it") or a noun after its determiner ("the can to the left")
    stays."""
    before = sentence[:m.start()]
    if _ELLIPTICAL_MODAL.search(before) or _DETERMINER_BEFORE.search(before):
        return None
    return m.group("modal")


@hook("past_of_be")
def _past_of_be(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``is built in 1968`` becomes ``was built``, ``are`` ``were``: only for a year before this one."""
    if int(m.group("year")) >= datetime.date.today().year:
        return None
    be = m.group("be")
    return ("W" if be[0].isupper() else "w") + ("as" if be.lower() == "is" else "ere")


@hook("perfect_since")
def _perfect_since(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``is closed since Monday`` becomes ``has been closed``: ``is`` -> ``has been``, ``are`` and
    ``am`` -> ``have been``, with an adverb between (``is not`` -> ``has not been``)."""
    be, adverb = m.group("be"), m.group("adverb") or ""
    aux = "has" if be.lower() == "is" else "have"
    return (aux.capitalize() if be[0].isupper() else aux) + adverb + " been"


#: Adverbs English puts between a verb and its object: focusing and degree adverbs ("represented
#: mainly the nobility", "lasted nearly a year"), time adverbs that start a phrase ("rose sharply
#: the following year" is matched by its determiner, not its object).
_MID_ADVERBS = frozenset("""only mainly mostly largely partly chiefly primarily principally solely merely simply just
    exactly nearly almost roughly approximately about especially particularly notably specifically
    precisely directly immediately respectively previously originally initially formerly subsequently
    eventually finally recently currently already really hardly barely scarcely fully entirely
    completely totally wholly equally likewise similarly accordingly usually generally normally
    early daily weekly monthly yearly nightly hourly quarterly annually""".split())
#: Linking verbs: the words after them are not an object ("was clearly a minority").
_LINKING = frozenset("was were been had became become seemed remained appeared looked sounded felt proved got went".split())
#: A time phrase after a verb and its adverb ("rose sharply this summer", "the following year"): not an object.
_TIME_PHRASE = re.compile(
    r"\s+(?:the|this|that|a|an|each|every|one)\s+(?:(?:following|next|same|previous|whole|entire|past|coming|first|last)\s+)?"
    r"(?:day|week|month|year|summer|winter|spring|autumn|fall|season|quarter|decade|century|morning|afternoon|"
    r"evening|night|weekend|time|period|" + "|".join(sorted(MONTHS_AND_DAYS)) + r")s?\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|am|get|got|gets)\s+$", re.IGNORECASE)


@hook("adverb_first")
def _adverb_first(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``rejected firmly the proposal`` becomes ``firmly rejected the proposal``: a past tense or
    participle, then a manner adverb (not a focusing or degree one, :data:`_MID_ADVERBS`) whose
    adjective is a common word, then the object's determiner."""

    verb, adverb = m.group("verb"), m.group("adverb")
    if not past_form(verb) or verb in _LINKING or adverb in _MID_ADVERBS or _PASSIVE_BEFORE.search(sentence[:m.start()]):
        return None
    if _TIME_PHRASE.match(sentence, m.end()):
        return None  # the adverb modifies the verb, a time phrase follows
    stem = adverb[:-2]
    adjective = stem[:-1] + "y" if stem.endswith("i") else stem + "e" if stem.endswith("bl") else stem
    if zipf(adjective) < 3.0:
        return None
    return f"{adverb} {verb}"


_OTHER_NUMBER = {"was": "were", "were": "was", "is": "are", "are": "is", "has": "have", "have": "has"}


@hook("verb_number")
def _verb_number(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The verb (group ``verb``; the pattern has looked behind at its subject) in the other
    number: "were" -> "was", "has" -> "have"."""
    return _OTHER_NUMBER[m.group("verb")]


@hook("capitalise")
def _capitalise(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The match with a capital first letter (``dr`` -> ``Dr``)."""
    return m.group(0)[:1].upper() + m.group(0)[1:]


@hook("on_average")
def _on_average(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``in average`` becomes ``on average`` (``In average`` -> ``On average``)."""
    return ("O" if m.group("in") == "I" else "o") + "n average"


@hook("day_dot_month")
def _day_dot_month(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``14. march 2024`` becomes ``14 March 2024`` (``13. mars 2024``: a source language's month
    too); an impossible day, or a word that is no month, stays."""
    n = _month_number(m.group("month"), bool(m.group("year")))
    return None if n is None else _english_date(int(m.group("day")), n, m.group("year"))


@hook("began_since")
def _began_since(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``began since Saturday`` becomes ``began on Saturday``; a month or a year takes ``in``."""
    return f"{m.group('verb')}{m.group('rest') or ''} {'on' if m.group('day') else 'in'} "


#: Verbs of a state or a change take the perfect with "since" ("has owned", "has risen"); the
#: others the perfect continuous ("has been working").
_PERFECT_SIMPLE = frozenset("own belong exist know hold control occupy grow rise fall increase decrease decline "
                            "lack suffer deny reject refuse insist maintain remain oppose represent dominate invest spend lose gain".split())
_ING = {"run": "running", "lie": "lying", "die": "dying"}


@hook("perfect_since_verb")
def _perfect_since_verb(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``produces batteries since 2018`` becomes ``has been producing``; a state or a change its
    perfect (``owns`` -> ``has owned``, ``rises`` -> ``has risen``)."""
    word = m.group("verb")
    base = (word[:-3] + "y" if word.endswith("ies") else word[:-2] if word.endswith(("ches", "shes", "sses", "xes"))
            else word[:-1])
    table, _ = irregular_verbs()
    if base in _PERFECT_SIMPLE:
        part = table[base]["part"][0] if base in table else regular_forms(base, "part")[0]
        return f"has {part}"
    ing = _ING.get(base) or regular_forms(base, "ing")[0]
    return f"has been {ing}"


@hook("dropped_it")
def _dropped_it(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A quotation's first verb without its subject gets ``It`` (``Is an emergency`` -> ``It is an emergency``)."""
    return "It " + m.group("verb").lower()


@hook("plural_head_verb")
def _plural_head_verb(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The verb after a capitalised plural subject (group ``head``) in the plural, where the head's
    singular is a common word (``Prices`` -> ``price``; ``Paris`` is a name)."""
    if not any(zipf(singular) >= 3.5 for singular in singulars(m.group("head").lower())):
        return None
    return _OTHER_NUMBER[m.group("verb")]


@hook("such_a")
def _such_a(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``a such`` becomes ``such a`` or ``such an``, by the sound of the word after it."""
    after = sentence[m.end():].split(maxsplit=1)
    if not after:
        return None
    out = f"such {indefinite_article(after[0])}"
    return out.capitalize() if m.group(0)[0].isupper() else out


@hook("english_number")
def _english_number(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A number written the continental way, rewritten the English way: a decimal comma (``0,3``
    -> ``0.3``) or thousands separated by spaces (``17 000`` -> ``17,000``). Only in a text that
    mostly writes its numbers the English way (``0.2 %``, ``800,000``:
    :attr:`Context.number_style`), where the continental form is a slip of the translation
    rather than the text's convention."""
    style = ctx.number_style
    if style["english"] <= style["continental"]:
        return None
    number = m.group(0)
    return number.replace(" ", ",") if " " in number else number.replace(",", ".")


@hook("thousands_comma")
def _thousands_comma(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """Thousands separated by spaces or dots, written with commas (``3 000``, ``45.000`` -> ``3,000``, ``45,000``)."""
    return m.group(0).replace(" ", ",").replace(".", ",")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@hook("spelled_date")
def _spelled_date(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``14.08.2024`` becomes ``14 August 2024`` (day, month, year); an impossible date stays."""
    return _english_date(int(m.group("day")), int(m.group("month")), m.group("year"))


@hook("slash_date")
def _slash_date(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``14/7/2024`` becomes ``14 July 2024`` where the day is known to come first: its first number
    is above 12, or the text's other slash dates put the day first and none the month."""
    first, second = int(m.group("day")), int(m.group("month"))
    order = ctx.slash_dates
    if first <= 12 and not (second <= 12 and order["day"] and not order["month"]):
        return None
    return _english_date(first, second, m.group("year"))


#: A text that writes a courtesy title before this many people's names or more has the titles as its
#: house style (Thai and Malaysian English-language news: "Mr. Prasert Chaiyaporn ... Mr. Prasert
#: said"), not as a translation's calque.
TITLES_AS_STYLE = 3


#: Courtesy titles of the source language and their English ones: Amharic, Tamil.
_SOURCE_TITLES = {"Ato": "Mr", "W/ro": "Mrs", "Weyzero": "Mrs", "W/rt": "Miss", "Weyzerit": "Miss",
                  "Thiru.": "Mr", "Thirumathi": "Mrs", "Tmt.": "Mrs", "cənab": "Mr", "xanım": "Mrs", "batono": "Mr",
                  "kalbatono": "Mrs", "Batono": "Mr", "Kalbatono": "Mrs", "z.": "Mr", "znj.": "Mrs", "Z.": "Mr",
                  "Znj.": "Mrs", "Kak": "Mr", "Ogbeni": "Mr", "Ọ̀gbẹ́ni": "Mr", "Mnu.": "Mr",
                  "Nkk.": "Mrs", "Shri.": "Mr", "Smt.": "Mrs", "Mnr.": "Mr", "Mev.": "Mrs", "Mej.": "Miss",
                  "Dhr.": "Mr", "Mevr.": "Mrs", "Nyakubahwa": ""}


@hook("source_title")
def _source_title(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Ato Desta Lemma`` becomes ``Desta Lemma``, ``Ato Desta`` ``Mr Desta``; in a text that titles
    several people (:data:`TITLES_AS_STYLE`) the English title is kept before a full name too. An
    initial counts as a name (``Thiru. A. Selvaraj`` -> ``A. Selvaraj``). A title with no English
    counterpart (Kinyarwanda ``Nyakubahwa``, "Honourable") goes before a name alone too."""
    english = _SOURCE_TITLES[m.group("title")]
    if not english:
        return ""
    words = sentence[m.end():].split()[:2]
    full_name = len(words) == 2 and all(w[:1].isupper() and (w[1:2].islower() or w[1:2] == ".") for w in words)
    return "" if full_name and len(ctx.titled_names) < TITLES_AS_STYLE else english + " "


_CLOCK_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()


@hook("clock_part_of_day")
def _clock_part_of_day(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``morning 6 o'clock`` becomes ``6 a.m.``, ``evening 7 o'clock`` ``7 p.m.``; at night, an hour
    before six is ``a.m.``."""
    h = m.group("h").lower()
    hour, part = (int(h) if h.isdigit() else _CLOCK_WORDS.index(h) + 1), m.group("part").lower()
    if not 1 <= hour <= 12:
        return None
    am = part == "morning" or (part == "night" and hour < 6)
    return f"{hour} {'a.m.' if am else 'p.m.'}"  # a full stop after o'clock (group stop) is the abbreviation's


@hook("intransitive_passive")
def _intransitive_passive(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``will be happened`` becomes ``will happen``, ``was happened`` ``happened``: a verb that takes
    no object has no passive."""
    base, aux = _INTRANSITIVE[m.group("verb").lower()], m.group("aux")
    return cased("will " + base if aux.lower() == "will be" else inflect(base, "past"), aux)


#: Participles of verbs without an object that MT puts in the passive, and their base forms.
_INTRANSITIVE = {"happened": "happen", "occurred": "occur", "arrived": "arrive", "existed": "exist", "died": "die",
                 "emerged": "emerge", "originated": "originate", "appeared": "appear"}


@hook("said_that")
def _said_that(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``gave information that`` becomes ``said that``."""
    return cased("said that", m.group(0))


@hook("named_storm")
def _named_storm(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the storm Gloria`` becomes ``Storm Gloria``."""
    return m.group("kind").title()


@hook("million_and_thousand")
def _million_and_thousand(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``18 million and 400 thousand`` becomes ``18.4 million`` (``2 million and 350 thousand``
    ``2,350,000``: a decimal of at most one place)."""
    millions = Decimal(m.group("m")) + Decimal(m.group("k")) / 1000
    if millions == millions.quantize(Decimal("0.1")):
        return f"{millions.normalize():f} million"
    return f"{int(millions * 1_000_000):,}"


_ETHIOPIC_MARKS = {"።": ".", "፣": ",", "፤": ";", "፥": ":", "፦": ":"}


@hook("ethiopic_mark")
def _ethiopic_mark(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``season ።`` becomes ``season.``: the English mark, without a space before it."""
    return _ETHIOPIC_MARKS[m.group("mark")]


@hook("drop_courtesy_title")
def _drop_courtesy_title(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Mrs. Sri Wahyuni`` becomes ``Sri Wahyuni``, unless the text titles several people: then
    the titles are its style (:data:`TITLES_AS_STYLE`)."""
    return None if len(ctx.titled_names) >= TITLES_AS_STYLE else ""


#: Months as Swedish, Dutch, Indonesian, German, Spanish, French, Italian, Portuguese, Turkish,
#: Filipino, Malay, Swahili, Lithuanian, Latvian, Estonian, Polish, Czech, Croatian, Serbian,
#: Romanian, Finnish and Slovak write them (the forms a date takes after a day), where that is no English
#: word (artifact.numbers.foreign_month). Polish and Croatian "listopada" (November, October) is
#: left out.
_FOREIGN_MONTHS = {
    1: "januari januar enero janvier gennaio janeiro ocak sausio sausis stycznia styczeń ledna leden siječnja "
       "januara jaanuar janvāris janvārī ianuarie tammikuuta januára január yanvar makara",
    2: "februari februar febrero février febbraio fevereiro şubat pebrero vasario vasaris lutego luty února únor "
       "veljače februara veebruar februāris februārī februarie helmikuuta februára február fevral kompheak",
    3: "maret maart märz marzo março marso kovo kovas marca marzec března březen ožujka märts martie "
       "maaliskuuta machi marec mart mina",
    4: "avril aprile balandžio balandis kwietnia kwiecień dubna duben travnja aprila aprill aprīlis aprīlī aprilie "
       "huhtikuuta aprili apríla apríl aprel mesa",
    5: "maggio mayıs gegužės gegužė května květen svibnja maijs maijā toukokuuta mája máj ousaphea",
    6: "junio juin giugno junho haziran hunyo juni birželio birželis czerwca czerwiec června červen lipnja juuni "
       "jūnijs jūnijā iunie kesäkuuta júna jún iyun mithona",
    7: "julio juillet luglio julho temmuz hulyo julai juli liepos liepa lipca lipiec července červenec srpnja jula "
       "juuli jūlijs jūlijā iulie heinäkuuta júla júl iyul kakkada",
    8: "augusti agustus augustus agosto août ağustos ogos rugpjūčio rugpjūtis sierpnia sierpień srpna srpen "
       "kolovoza avgusta augusts augustā elokuuta agosti augusta avqust avgust seiha",
    9: "septiembre setiembre septembre settembre setembro eylül setyembre rugsėjo rugsėjis września wrzesień září "
       "rujna septembra septembris septembrī septembrie syyskuuta septemba sentyabr sentabr kanha",
    10: "octubre octobre ottobre outubro ekim oktubre spalio spalis października październik října říjen oktobra "
        "oktoober oktobris oktobrī octombrie lokakuuta oktoba októbra október oktyabr oktabr tola",
    11: "noviembre kasım nobyembre lapkričio lapkritis listopadu novembra novembris novembrī noiembrie marraskuuta "
        "novemba studenoga noyabr vichika",
    12: "desember dezember diciembre décembre dicembre dezembro aralık disyembre disember gruodžio gruodis grudnia "
        "grudzień prosince prosinec prosinca decembra detsember decembris decembrī decembrie joulukuuta desemba dekabr thnu",
}
_MONTH_OF = {name: n for n, names in _FOREIGN_MONTHS.items() for name in names.split()}
#: Month names that are also words or abbreviations (Norwegian, Danish and French "mars", Malay
#: "Mac", "Jun", "mei"/"mai"/"maj"): taken for a month only in a date with its year.
_MONTH_BEFORE_YEAR = {"mars": 3, "mac": 3, "marta": 3, "marts": 3, "mai": 5, "mei": 5, "maj": 5, "maja": 5, "jun": 6}
#: Months of :data:`_FOREIGN_MONTHS` that are also names ("the reign of Augustus", "Julio
#: Iglesias", "Avril Lavigne"): taken for a month without a day only in lower case.
_NAME_LIKE_MONTHS = {"augustus", "augusta", "julio", "avril", "junio", "marzo", "juli", "jula", "liepa"}
#: Months of :data:`_FOREIGN_MONTHS` that are also English words or names ("a mart", "Mina", "Tola"):
#: taken for a month only after a day ("On 14 mart", "Friday 17 Tola"), never alone.
_MONTH_WITH_DAY = {"mart", "mina", "mesa", "tola", "kanha", "seiha", "thnu", "makara", "kompheak", "ousaphea",
                   "mithona", "kakkada", "vichika"}
_YEAR_NEXT = re.compile(r",? (?:1[89]|20)\d\d\b")


def foreign_month(word: str) -> bool:
    """Whether ``word`` is a month's name as a source language writes it (:data:`_FOREIGN_MONTHS`)."""
    return word in _MONTH_OF


def _month_number(name: str, year_next: bool) -> int | None:
    """The number of the month ``name`` (English, or a source language's of :data:`_FOREIGN_MONTHS`;
    one of :data:`_MONTH_BEFORE_YEAR` only when ``year_next``); None for any other word."""
    if name.capitalize() in _MONTHS:
        return _MONTHS.index(name.capitalize()) + 1
    return _MONTH_OF.get(name.lower()) or (_MONTH_BEFORE_YEAR.get(name.lower()) if year_next else None)


#: Magnitudes left in the source language after a figure: Malay and Indonesian words, and the
#: abbreviations of Polish, Lithuanian, Latvian, Czech, Italian and Romanian ("mln", "mlrd").
_FOREIGN_MAGNITUDES = {"juta": "million", "ribu": "thousand", "bilion": "billion", "miliar": "billion",
                       "triliun": "trillion", "mln": "million", "mlrd": "billion", "mld": "billion",
                       "milyan": "million", "malyan": "million", "bilyan": "billion", "milyon": "million",
                       "milyar": "billion", "milyard": "billion", "milliard": "billion", "milliards": "billion",
                       "milljón": "million", "milljónir": "million", "milljónum": "million", "milljarður": "billion",
                       "milljarðar": "billion", "milljörðum": "billion", "miljoner": "million",
                       "miljarder": "billion", "milioni": "million", "miliardi": "billion"}


@hook("foreign_magnitude")
def _foreign_magnitude(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``RM1.8 juta`` becomes ``RM1.8 million``, ``3,4 mln. eurų`` ``3,4 million eurų``."""
    return " " + _FOREIGN_MAGNITUDES[m.group("word").lower()]


#: "Percent" as the source language writes it, after the figure ("15 proc.", "40 posto") or
#: before it (Swahili "asilimia 72", Turkish "yüzde 40"); English "percent 72" is the order alone.
_FOREIGN_PERCENT = {"proc", "procent", "procentų", "procenti", "prosent", "prosenttia", "protsenti", "posto",
                    "odsto", "persen", "peratus", "porsyento", "asilimia", "yüzde"}


@hook("crore_lakh")
def _crore_lakh(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``6 crore 40 lakh`` becomes ``64 million`` (a crore is ten million, a lakh a hundred thousand)."""
    total = Decimal(m.group("crore")) * 10_000_000 + Decimal(m.group("lakh")) * 100_000
    millions = (total / 1_000_000).normalize()
    return f"{millions:f} million"


@hook("percent_after_number")
def _percent_after_number(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``percent 72`` (Swahili "asilimia 72") becomes ``72 percent``; ``per cent 5`` ``5 per cent``."""
    word = m.group("word")
    return f"{m.group('num')} {'percent' if word.lower() in _FOREIGN_PERCENT else word.lower()}"


@hook("drop_the")
def _drop_the(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The match without its article ``the``, the next word capitalised where ``The`` began the
    match (``The most`` -> ``Most``)."""
    rest = m.group(0)[m.end("the") - m.start():].lstrip()
    return rest[:1].upper() + rest[1:] if m.group("the")[0] == "T" else rest


@hook("english_month")
def _english_month(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``26 februari`` becomes ``26 February``; ``13 mars 2024`` ``13 March 2024``; without a day,
    ``the end of Juni`` ``the end of June`` (group ``alone``: not a month that is also a name,
    unless it is in lower case)."""
    name = m.group("month") or m.group("alone")
    if name.capitalize() in _MONTHS:
        return None  # an English month: artifact.case rules see to its capital
    if m.group("alone") and (name.lower() in _NAME_LIKE_MONTHS and not name.islower() or name.lower() in _MONTH_WITH_DAY):
        return None
    n = _month_number(name, bool(_YEAR_NEXT.match(sentence, m.end())))
    return _MONTHS[n - 1] if n else None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Weekdays as Swahili, Indonesian, Malay, Filipino, Spanish, French, Italian, Portuguese, German,
#: Dutch, Danish, Norwegian, Swedish, Polish, Czech, Lithuanian, Turkish, Romanian, Hungarian,
#: Finnish, Croatian, Serbian and Slovenian write them (artifact.numbers.foreign_weekday).
_FOREIGN_WEEKDAYS = {
    0: "jumatatu senin isnin lunes lundi lunedì lunedi montag maandag mandag måndag poniedziałek pondělí "
       "pirmadienį pirmadienis pazartesi luni hétfő maanantaina maanantai segunda-feira ponedjeljak ponedeljak "
       "ponedeljek mọnde somvar somvaar somwar",
    1: "jumanne selasa martes mardi martedì martedi dienstag dinsdag tirsdag tisdag wtorek úterý antradienį "
       "antradienis salı marți kedd tiistaina tiistai terça-feira utorak torek tiuzdee mangalvar mangalwar",
    2: "jumatano rabu miyerkoles miércoles mercredi mercoledì mercoledi mittwoch woensdag onsdag środa środę "
       "středa středu trečiadienį trečiadienis çarşamba miercuri szerda keskiviikkona keskiviikko quarta-feira "
       "srijeda srijedu sreda sredu wenezdee budhvar budhwar",
    3: "alhamisi kamis khamis huwebes jueves jeudi giovedì giovedi donnerstag donderdag torsdag czwartek čtvrtek "
       "ketvirtadienį ketvirtadienis perşembe joi csütörtök torstaina torstai quinta-feira četvrtak četrtek tọzdee "
       "veervar guruvar guruwar brihaspativar",
    4: "ijumaa jumat jumaat biyernes viernes vendredi venerdì venerdi freitag vrijdag fredag piątek pátek "
       "penktadienį penktadienis cuma vineri péntek perjantaina perjantai sexta-feira petak petek fraịdee "
       "shukarvar shukravar shukrawar",
    5: "jumamosi sabtu sabado sábado samedi sabato samstag zaterdag lørdag lördag sobota sobotę sobotu "
       "šeštadienį šeštadienis cumartesi sâmbătă szombat lauantaina lauantai satọdee shanivar shaniwar",
    6: "jumapili minggu ahad linggo domingo dimanche domenica sonntag zondag søndag söndag niedziela niedzielę "
       "neděle neděli sekmadienį sekmadienis pazar duminică vasárnap sunnuntaina sunnuntai nedjelja nedjelju "
       "nedelja nedelju sọndee ravivar raviwar aitvar itwar",
}
_WEEKDAY_OF = {name: n for n, names in _FOREIGN_WEEKDAYS.items() for name in names.split()}
#: Weekdays that are also names or words elsewhere ("Plácido Domingo", Turkish "Cuma", "Pazar"):
#: taken only in lower case.
_NAME_LIKE_WEEKDAYS = {"domingo", "ahad", "cuma", "pazar", "luni", "joi", "martes", "sabato"}


@hook("english_weekday")
def _english_weekday(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``on Jumanne`` becomes ``on Tuesday``, ``last fredag`` ``last Friday``."""
    name = m.group("day")
    if name.lower() in _NAME_LIKE_WEEKDAYS and not name.islower():
        return None
    n = _WEEKDAY_OF.get(name.lower())
    return None if n is None else _WEEKDAYS[n]


#: The Thai Buddhist era is 543 years ahead of the Western calendar (2567 BE = 2024).
BUDDHIST_ERA_OFFSET = 543


@hook("buddhist_year")
def _buddhist_year(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``3 April 2567`` becomes ``3 April 2024``; ``B.E. 2554`` becomes ``2011``."""
    return str(int(m.group("year")) - BUDDHIST_ERA_OFFSET)


@hook("time_of_writing")
def _time_of_writing(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Until this news was written`` becomes ``At the time of writing`` (lower case mid-sentence)."""
    return ("At" if m.group("u")[0].isupper() else "at") + " the time of writing"


@hook("dotted_range")
def _dotted_range(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``from 1. 7. to 31. 8.`` becomes ``from 1 July to 31 August``; the last full stop is kept
    where it also ends the sentence. An impossible day or month leaves the range as it is."""
    first = _english_date(int(m.group("d1")), int(m.group("m1")), None)
    last = _english_date(int(m.group("d2")), int(m.group("m2")), m.group("year"))
    if first is None or last is None:
        return None
    after = sentence[m.end():].lstrip()[:1]
    stop = "." if not m.group("year") and (not after or after.isupper() or after in "\"“‘'(") else ""
    return f"{m.group('from')} {first} {m.group('to')} {last}{stop}"


def _english_date(day: int, month: int, year: str | None) -> str | None:
    """``15 April 2025`` (``15 April`` without a year), or None for an impossible day or month.

    >>> _english_date(11, 4, "2025"), _english_date(15, 4, None), _english_date(39, 4, "2025")
    ('11 April 2025', '15 April', None)
    """
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{day} {_MONTHS[month - 1]}" + (f" {year}" if year else "")


#: 1 Farvardin 1403 of the Solar Hijri calendar (Iran, Afghanistan) fell on 20 March 2024.
_NOWRUZ_1403 = datetime.date(2024, 3, 20)


def _solar_hijri_leap(year: int) -> bool:
    """The leap years of the 33-year arithmetic cycle. The official calendar is astronomical (the
    year starts on the day of the March equinox in Tehran); the cycle matches it in the years news
    cites (1395, 1399 and 1403 are leap years in both), but a rare year may differ by a day."""
    return year % 33 in (1, 5, 9, 13, 17, 22, 26, 30)


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date | None:
    """The Gregorian day of a Solar Hijri date (years 1300-1499), or None for an impossible one.

    >>> solar_hijri_to_gregorian(1403, 4, 24), solar_hijri_to_gregorian(1400, 1, 1), solar_hijri_to_gregorian(1403, 12, 30)
    (datetime.date(2024, 7, 14), datetime.date(2021, 3, 21), datetime.date(2025, 3, 20))
    >>> solar_hijri_to_gregorian(1402, 12, 30), solar_hijri_to_gregorian(1403, 7, 31)
    (None, None)
    """
    length = 31 if month <= 6 else 30 if month <= 11 else 30 if _solar_hijri_leap(year) else 29
    if not (1300 <= year <= 1499 and 1 <= month <= 12 and 1 <= day <= length):
        return None
    years = range(1403, year) if year >= 1403 else range(year, 1403)
    shift = sum(366 if _solar_hijri_leap(y) else 365 for y in years)
    nowruz = _NOWRUZ_1403 + datetime.timedelta(days=shift if year >= 1403 else -shift)
    return nowruz + datetime.timedelta(days=(month - 1) * 31 + day - 1 if month <= 6 else 186 + (month - 7) * 30 + day - 1)


@hook("solar_hijri_date")
def _solar_hijri_date(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``1403/4/24`` becomes ``14 July 2024``."""
    day = solar_hijri_to_gregorian(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    return None if day is None else _english_date(day.day, day.month, str(day.year))


@hook("quote_majority")
def _quote_majority(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """A double quote in the minority style of the text (straight among curly, or the reverse)."""
    counts = ctx.double_quotes
    q = m.group(0)
    if counts["curly"] > counts["straight"] and q == '"':
        return _curly(m.start(), sentence)
    if counts["straight"] > counts["curly"] and q in "“”":
        return '"'
    return None


@hook("apostrophe_majority")
def _apostrophe_majority(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """An apostrophe inside a word in the minority style of the text (``'`` among ``’``, or the reverse)."""
    counts = ctx.apostrophes
    a = m.group(0)
    if counts["curly"] > counts["straight"] and a == "'":
        return "’"
    if counts["straight"] > counts["curly"] and a == "’":
        return "'"
    return None


@hook("straight_quote_spaces")
def _straight_quote_spaces(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``" word "`` -> ``"word"``: spaces inside a pair of straight double quotes, when the
    sentence's quotes pair up (an even number of them)."""
    if sentence.count('"') % 2:
        return None
    inner = m.group("inner")
    if not inner.strip():
        return None
    return '"' + inner.strip(" ") + '"'


@hook("first_of_repeat")
def _first_of_repeat(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the the`` -> ``the``: keep the first of a run of the same word (or word pair).

    Left alone: pairs English doubles on purpose (``rules/words/reduplications.yaml``: had
    had, bye bye), a capitalised word followed by its lower-case copy unless it is a very common
    word (``The the`` is fixed, the binomial ``Rupicapra rupicapra`` is not), and word pairs
    that overlap an idiom (see ``_IDIOM_GLUE``).
    """
    unit = m.group("unit")
    glue = "-" if m.group(0)[len(unit):].startswith("-") else " "
    if deliberate_repeat(unit, m.group(0)[len(unit):].split(), glue):
        return None
    return unit


#: A repeated word pair with one of these words is left alone: the repeat usually overlaps an
#: idiom (``more and more``, ``from time to time``) or a tautology (``what will be will be``).
_IDIOM_GLUE = frozenset("and or to by after upon over for is be was were are".split())


def deliberate_repeat(unit: str, copies: list[str], glue: str = " ") -> bool:
    """Whether ``unit`` followed by ``copies`` of it is a repeat English makes on purpose: a pair of
    ``rules/words/reduplications.yaml`` (had had, bye bye), a capitalised word followed by its
    lower-case copy unless it is a very common word (the binomial ``Rupicapra rupicapra``; ``The
    the`` is an error), or a word pair that overlaps an idiom (``_IDIOM_GLUE``: from house to house
    to buy). Used by the repetition rules and LanguageTool's repeat rules (:mod:`repair.propose.grammar`).

    >>> deliberate_repeat("had", ["had"]), deliberate_repeat("house to", ["house", "to"])
    (True, True)
    >>> deliberate_repeat("the", ["the"]), deliberate_repeat("in Rome", ["in", "Rome"])
    (False, False)
    """
    if glue.join([unit, unit]).lower() in lower_wordlist("reduplications"):
        return True
    if unit[:1].isupper() and any(c[:1].islower() for c in copies) and zipf(unit.lower()) < 5.0:
        return True
    return " " in unit.strip() and bool(_IDIOM_GLUE & set(unit.lower().split()))


#: Adjectives English compares with an ending, and their superlatives where the ending is not
#: simply added (``the most big`` -> ``the biggest``).
_SUPERLATIVE = {"good": "best", "bad": "worst", "far": "farthest", "big": "biggest", "hot": "hottest",
                "fat": "fattest", "sad": "saddest", "thin": "thinnest", "wet": "wettest", "easy": "easiest",
                "early": "earliest", "happy": "happiest", "heavy": "heaviest", "busy": "busiest",
                "dirty": "dirtiest", "healthy": "healthiest", "wealthy": "wealthiest", "lucky": "luckiest",
                "tiny": "tiniest", "dry": "driest", "large": "largest", "late": "latest", "close": "closest",
                "wide": "widest", "safe": "safest", "nice": "nicest", "rare": "rarest", "strange": "strangest",
                "simple": "simplest", "brave": "bravest", "fine": "finest", "pure": "purest"}


@hook("superlative")
def _superlative(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``the most big`` becomes ``the biggest``, ``the most old`` ``the oldest``."""
    adjective = m.group("adj")
    return f"{m.group('det')} {_SUPERLATIVE.get(adjective, adjective + 'est')}"


#: What may follow an indefinite pronoun's verb for the verb to be read as one (``Nothing remain
#: for me``): not ``Everyone present agreed``.
_PRONOUN_VERB_NEXT = re.compile(r"(?:[,.;:!?]|\s+(?:for|to|in|on|at|with|the|a|an|this|that|his|her|their|our|my|"
                                r"your|its|it|them|him|me|us|about|of|from|here|there|now|yet|again|anything|"
                                r"nothing|everything|well|better|more|much|so)\b)")
_NOT_A_VERB_HERE = frozenset("like present else short near except save bar but less more much new need dare".split())


@hook("indefinite_pronoun_verb")
def _indefinite_pronoun_verb(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Nothing remain for me`` becomes ``Nothing remains``: a verb's base form after a
    sentence's indefinite pronoun (nothing, everyone, nobody ...) takes the third person's ending."""
    verb = m.group("verb")
    if verb in _NOT_A_VERB_HERE or not _known_base_verb(verb) or sentence.rstrip().endswith("!"):
        return None  # "Somebody help me!" is an imperative
    if not _PRONOUN_VERB_NEXT.match(sentence, m.end()):
        return None
    return m.group(0)[:m.start("verb") - m.start()] + inflect(verb, "3sg")


@hook("descended")
def _descended(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``has descended 30%`` becomes ``has fallen``, ``descended`` ``fell``."""
    aux = m.group("aux")
    return f"{aux}fallen" if aux else cased("fell", m.group(0))


@hook("cannery")
def _cannery(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``conserve factory`` becomes ``cannery``, ``conserves factories`` ``canneries``."""
    return "cannery" if m.group("n") == "factory" else "canneries"


@hook("day_hyphen_month")
def _day_hyphen_month(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``1-october`` becomes ``1 October``, ``15-sentabr`` ``15 September`` (:data:`_FOREIGN_MONTHS`)."""
    n = _month_number(m.group("month"), year_next=False)
    return f"{m.group('day')} {_MONTHS[n - 1]}" if n else None


_SMALL_WORDS = frozenset("of and for the".split())


@hook("title_name")
def _title_name(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The words of an institution's name (group ``name``) with capitals, but for ``of``, ``and``,
    ``for`` and ``the`` (``Ministry of health`` -> ``Ministry of Health``); nothing when they have them."""
    name = m.group("name")
    titled = re.sub(r"[^\W\d_]+", lambda w: w.group(0) if w.group(0) in _SMALL_WORDS else w.group(0).capitalize(), name)
    if titled == name:
        return None
    return m.group(0)[:m.start("name") - m.start()] + titled


#: The English verb for a calqued one, form by form (``going in pension`` -> ``retiring``, ``won
#: from`` -> ``beat``, ``heard pain`` -> ``felt``).
_VERB_FOR = {"go": "retire", "goes": "retires", "going": "retiring", "went": "retired", "gone": "retired",
             "won": "beat", "win": "beat", "wins": "beats", "winning": "beating",
             "hear": "feel", "hears": "feels", "heard": "felt", "hearing": "feeling"}


@hook("verb_for")
def _verb_for(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """The match (a verb in group ``verb`` and the words calqued with it) as the English verb."""
    return cased(_VERB_FOR[m.group("verb").lower()], m.group("verb"))


#: Comparatives where the ending is not simply added (``more big`` -> ``bigger``).
_COMPARATIVE = {"good": "better", "bad": "worse", "far": "farther"}


def comparative(adjective: str) -> str:
    """``adjective`` with its comparative ending: ``big`` -> ``bigger``, ``safe`` -> ``safer``,
    ``easy`` -> ``easier``, ``good`` -> ``better``.

    >>> [comparative(a) for a in ("big", "safe", "easy", "wide", "good", "cheap")]
    ['bigger', 'safer', 'easier', 'wider', 'better', 'cheaper']
    """
    if adjective in _COMPARATIVE:
        return _COMPARATIVE[adjective]
    superlative = _SUPERLATIVE.get(adjective, adjective + "est")
    return superlative[:-2] + "r"


@hook("comparative")
def _comparative(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``is more wide`` becomes ``is wider``."""
    return comparative(m.group("adj"))


_HAVE_REASON = {"i": "am", "you": "are", "we": "are", "they": "are", "he": "is", "she": "is"}


@hook("be_right")
def _be_right(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``they have reason`` becomes ``they are right``."""
    who = m.group("who")
    return f"{who} {_HAVE_REASON[who.lower()]} right"


_DO = {"make": "do", "makes": "does", "made": "did", "making": "doing"}


@hook("do_homework")
def _do_homework(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``make their homework`` becomes ``do their homework`` (``have made`` -> ``have done``)."""
    verb = m.group("verb")
    after_have = re.search(r"\b(?:have|has|had|having)\s+(?:\w+\s+)?$", sentence[:m.start()], re.IGNORECASE)
    do = "done" if verb.lower() == "made" and after_have else _DO[verb.lower()]
    return cased(do, verb) + m.group(0)[len(verb):]


@hook("buddhist_slash_date")
def _buddhist_slash_date(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``1/12/2567`` (day, month, Buddhist-era year) becomes ``1 December 2024``."""
    day, month = int(m.group("d")), int(m.group("m"))
    year = int(m.group("y")) - BUDDHIST_ERA_OFFSET
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return f"{day} {datetime.date(2000, month, 1):%B} {year}"


@hook("currency_word_first")
def _currency_word_first(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``naira 350,000`` becomes ``350,000 naira``, ``naira 12 million`` ``12 million naira``,
    ``francs 380 millions`` ``380 million francs``."""
    mag = (m.group("mag") or "").removesuffix("s")
    return f"{m.group('num')}{mag} {m.group('cur').lower()}"


@hook("soviet_compound")
def _soviet_compound(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``electroenergy`` becomes ``electricity``, ``hydroaggregate`` ``generating unit``."""
    if m.group("e"):
        return cased("electricity", m.group(0))
    return cased("generating units" if m.group(0).endswith("s") else "generating unit", m.group(0))


_RUB = {"apply": "rub", "applies": "rubs", "applying": "rubbing", "applied": "rubbed", "sprinkle": "rub",
        "sprinkling": "rubbing", "sprinkled": "rubbed", "pour": "rub", "pouring": "rubbing", "poured": "rubbed",
        "put": "rub", "putting": "rubbing", "puts": "rubs", "rub": "rub", "rubbing": "rubbing", "rubbed": "rubbed",
        "rubs": "rubs"}


@hook("salt_in_wound")
def _salt_in_wound(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``applying salt on the wound`` becomes ``rubbing salt into the wound``."""
    return f"{_RUB[m.group('verb')]} salt into {m.group('whose')} {m.group('w')}"


_WELSH_DAYS = {"Llun": "Monday", "Mawrth": "Tuesday", "Mercher": "Wednesday", "Iau": "Thursday", "Gwener": "Friday",
               "Sadwrn": "Saturday", "Sul": "Sunday"}


@hook("welsh_date")
def _welsh_date(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``Dydd Iau`` becomes ``Thursday``; ``the 12fed of`` (June) ``12``."""
    if m.group("day"):
        return _WELSH_DAYS[m.group("day")]
    return m.group("n") + " "


@hook("age_of_years")
def _age_of_years(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``a farmer of 54 years`` becomes ``a 54-year-old farmer``, ``A man of 80 years`` ``An 80-year-old man``."""
    n = m.group("n")
    return cased(f"{indefinite_article(n)} {n}-year-old {m.group('who')}", m.group(0))


_NOUN_VERB = {"inspection": "inspect", "investigation": "investigate", "discussion": "discuss",
              "evaluation": "evaluate", "assessment": "assess", "examination": "examine",
              "verification": "verify", "survey": "survey"}


@hook("did_noun_of")
def _did_noun_of(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``did inspection of the`` becomes ``inspected the``, in the tense of ``do``."""
    verb = inflect(_NOUN_VERB[m.group("n")], form_of(m.group("do")))
    return cased(verb, m.group("do")) + " "


@hook("rise_transitive")
def _rise_transitive(m: re.Match[str], sentence: str, ctx: Context) -> str | None:
    """``rise the prices`` becomes ``raise the prices``, in the same form."""
    return cased(inflect("raise", form_of(m.group("v"))), m.group("v")) + " "
