"""The pipeline: segment -> detect -> propose -> decide -> apply, held together by :class:`Repairer`.

A :class:`Repairer` owns the heavy parts (the LanguageTool server, the embedding model, the
rule packs), builds them on first use, and is meant to be built once and reused.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import apply as apply_stage
from . import decide as decide_stage
from .backends.embeddings import Embedder
from .batch import in_order
from .backends.languagetool import GrammarChecker, LanguageToolServer
from .detect import DEFAULT_THRESHOLD, Detector
from .document import Document
from .errors import InputError, RepairError
from .language import english_variant, guess_language
from .propose import Checker, Proposer, phrasebook, proposer_classes, reference
from .protect import Protected
from .recheck import problems_of, rollback_new_problems
from .records import GRAMMAR_UNAVAILABLE, Result, Sentence
from .render import plural
from .rulepacks import RuleSet, collect_timeouts, has_prefix, load_rules, timeout_notices
from .segment import segment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    """What a fix does; every field can be overridden per call (``fix(text, min_confidence=0.9)``)."""

    #: Edits at or above this confidence are applied; the rest are reported as suggestions.
    min_confidence: float = 0.8
    #: Sentences whose garble score is above this are flagged.
    threshold: float = DEFAULT_THRESHOLD
    #: Rule-id prefixes to switch off, e.g. ("artifact.case", "grammar.lt.MORFOLOGIK_RULE_EN_US").
    disable: tuple[str, ...] = ()
    #: Rule-id prefixes whose edits are applied whatever their confidence: a house style, e.g.
    #: ("artifact.numbers",) for English numbers everywhere (3,5 -> 3.5 and 3 000 -> 3,000 even
    #: in a text written the continental way, where they are otherwise suggestions).
    apply: tuple[str, ...] = ()
    #: Run LanguageTool (switching it off leaves the rule packs and phrasebook).
    grammar: bool = True
    #: Check changed sentences again and roll back edits that add problems.
    recheck: bool = True
    #: Try other prepositions where the language model finds one out of place (the
    #: ``prepositions`` proposer). Off by default: it scores ten variants of each such sentence
    #: (twice the model time on the seed), and on MLQE-PE train it is right as often as wrong below
    #: its apply margin (repair/propose/prepositions.py).
    prepositions: bool = False
    #: The English variant LanguageTool checks with: en-US, en-GB, or auto (from the text's own
    #: spellings, see :func:`repair.language.english_variant`); None: :attr:`Repairer.language`.
    language: str | None = None


@dataclass
class Repairer:
    """Repairs machine-translated English. Build once, use for many texts, close at the end.

    >>> with Repairer() as r:                       # doctest: +SKIP
    ...     r.fix("He was a open man.").text
    'He was an open man.'
    """

    lt_url: str | None = None
    #: A LanguageToolServer to use (e.g. with other settings); by default one is started on first use.
    lt_server: LanguageToolServer | None = None
    #: The default of :attr:`Options.language`: en-US, en-GB or auto.
    language: str = "en-US"
    #: Seconds a LanguageTool request may take before it is retried (then given up on, with a notice).
    lt_timeout: float = 120.0
    rule_files: tuple[str | Path, ...] = ()
    phrasebook_files: tuple[str | Path, ...] = ()
    reference_files: tuple[str | Path, ...] = ()
    options: Options = field(default_factory=Options)
    #: torch threads for the embedding model (process-wide). One by default: the model runs while
    #: the LanguageTool server checks the same text on the other core, and two threads fighting
    #: the JVM for two cores is slower (benchmarks/measure/speed.py). None leaves torch's default.
    model_threads: int | None = 1
    #: numpy's BLAS threads (process-wide, set when the detector loads). One by default, for the
    #: same reason, and because the float sums of a matrix product depend on how many threads
    #: share it: with one thread a score is the same in every process on a machine (a Dask
    #: worker, a CLI run, a notebook). None leaves BLAS as it is.
    blas_threads: int | None = 1
    #: Longer texts are processed in pieces of about this many characters (cut at line breaks).
    piece_chars: int = 100_000
    _rules: RuleSet | None = None
    _phrasebook: phrasebook.Phrasebook | None = None
    _references: reference.References | None = None
    _detector: Detector | None = None
    _checker: GrammarChecker | None = None
    _embedder: Embedder | None = None
    _pool: ThreadPoolExecutor | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)

    # -- the heavy parts, built on first use

    @property
    def rules(self) -> RuleSet:
        with self._lock:
            if self._rules is None:
                self._rules = load_rules(self.rule_files)
            return self._rules

    @property
    def phrasebook(self) -> phrasebook.Phrasebook:
        with self._lock:
            if self._phrasebook is None:
                self._phrasebook = phrasebook.load_phrasebook(tuple(self.phrasebook_files))
            return self._phrasebook

    @property
    def references(self) -> reference.References:
        if self._references is None:
            refs = reference.load_references(tuple(self.reference_files))  # may embed: outside the lock
            with self._lock:
                if self._references is None:
                    self._references = refs
        return self._references

    @property
    def detector(self) -> Detector:
        with self._lock:
            if self._detector is None:
                self._detector = Detector.load()
                if self.blas_threads:
                    from threadpoolctl import threadpool_limits

                    # the model's stack (sentence-transformers -> scikit-learn -> scipy) brings scipy's
                    # own BLAS library: load it now, so that the limit covers it too
                    with contextlib.suppress(ImportError):
                        import scipy.linalg  # noqa: F401
                    threadpool_limits(limits=self.blas_threads, user_api="blas")
            return self._detector

    @property
    def checker(self) -> GrammarChecker:
        with self._lock:
            if self._checker is None:
                self._checker = GrammarChecker(self.lt_url, language=self.language, server=self.lt_server,
                                               timeout=self.lt_timeout)
            return self._checker

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = Embedder(threads=self.model_threads)
            return self._embedder

    @property
    def language_model(self):
        """The causal language model (:class:`repair.backends.lm.LanguageModel`): the detector's
        own instance, so one model serves the detector, the idiom proposer and the decide stage."""
        return self.detector.lm

    def sentence_logprobs(self, texts: list[str]) -> list[float]:
        """The language model's total log-probability of each text."""
        return [t.total for t in self.language_model.logprobs(texts)]

    def _background(self, fn, *args):
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="repair")
            return self._pool.submit(fn, *args)

    def warm(self, stage: Callable[[str], None] | None = None, *, grammar: bool = True) -> None:
        """Build the heavy parts now instead of on the first text, naming each to ``stage`` (a
        progress display): LanguageTool starts in the background while the model loads. A
        LanguageTool that does not start is left to the first text (which notes it)."""
        stage = stage or (lambda _: None)
        pending = self._background(lambda: self.checker.base_url()) if grammar else None
        stage("starting LanguageTool, loading the model" if grammar else "loading the model")
        self.detector  # noqa: B018 - built on first use
        self.embedder.model()
        stage("loading the rule packs and phrasebooks")
        self.rules, self.phrasebook, self.references  # noqa: B018
        if pending is not None:
            stage("starting LanguageTool")
            with contextlib.suppress(RepairError):
                pending.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self._checker is not None:
            self._checker.close()
            self._checker = None

    def __enter__(self) -> Repairer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the pipeline

    def _options(self, overrides: dict) -> Options:
        unknown = set(overrides) - set(Options.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown option(s) {sorted(unknown)}; known: {sorted(Options.__dataclass_fields__)}")
        if "disable" in overrides:
            overrides["disable"] = tuple(overrides["disable"])
        return replace(self.options, **overrides)

    def proposers(self, opts: Options) -> list[Proposer]:
        """The proposers of :data:`repair.propose.PROPOSERS`, built for one text."""
        return [cls(self, opts) for cls in proposer_classes()]

    def analyse(self, text: str, opts: Options, proposers: list[Proposer] | None = None) -> tuple[Document, list, list]:
        """Segment, check and propose: (document, candidates, notices)."""
        if not isinstance(text, str):
            raise InputError(f"repair works on str, got {type(text).__name__}; decode bytes first")
        if proposers is None:
            proposers = self.proposers(opts)
        notices: list[str] = []
        doc = Document(text, segment(text), embedder=self.embedder,
                       language=english_variant(text, opts.language or self.language))
        # LanguageTool (in the JVM) checks the text while this thread runs the model and the rules
        pending = (self._background(self.checker.check, text, doc.language) if opts.grammar and text.strip()
                   else None)
        found: dict[str, list] = {}
        try:
            self.detector.prepare(doc)
            with collect_timeouts() as skipped:
                for p in proposers:
                    if not p.needs_matches:
                        found[p.name] = p.propose(doc)
            notices += timeout_notices(skipped, [seg.text for seg in doc.segments])
            _untouchable(doc)
        finally:
            if pending is not None:
                try:
                    doc.matches = pending.result()
                except RepairError as exc:
                    doc.grammar_checked = False
                    notices.append(f"{GRAMMAR_UNAVAILABLE}: {exc}")
                    log.warning("%s: %s", GRAMMAR_UNAVAILABLE, exc)
        for p in proposers:
            if p.needs_matches:
                found[p.name] = p.propose(doc)
        candidates = [c for p in proposers for c in found[p.name]]
        if opts.disable:
            prefixes = tuple(opts.disable)
            candidates = [c for c in candidates if not has_prefix(c.rule, prefixes)]
        return doc, self._leave_alone(doc, candidates, notices), notices

    @staticmethod
    def _leave_alone(doc: Document, candidates: list, notices: list[str]) -> list:
        """Drop candidates that touch markup, or that fall in sentences that are not English."""
        protected, skip, foreign = _untouchable(doc)
        if protected:
            candidates = [c for c in candidates if not protected.touches(c.start, c.end)]
        if skip:
            candidates = [c for c in candidates if not any(s <= c.start and c.end <= e for s, e in skip)]
            langs = ", ".join(f"{n} {lang}" for lang, n in sorted(foreign.items(), key=lambda kv: -kv[1]))
            notices.append(f"{plural(len(skip), 'sentence')} {'is' if len(skip) == 1 else 'are'} not English "
                           f"({langs}) and {'was' if len(skip) == 1 else 'were'} left alone")
        return candidates

    def fix(self, text: str, **options) -> Result:
        """Repair ``text``: safe edits applied, the rest reported as suggestions.

        Texts longer than :attr:`piece_chars` are repaired in pieces cut at line breaks, so
        memory stays bounded; offsets in the result always refer to the whole text.
        """
        opts = self._options(options)
        if not isinstance(text, str):
            raise InputError(f"repair works on str, got {type(text).__name__}; decode bytes first")
        # one variant for the whole text, its pieces included
        opts = replace(opts, language=english_variant(text, opts.language or self.language))
        if len(text) <= self.piece_chars:
            return self._fix_one(text, opts)
        results = []
        for start, piece in pieces(text, self.piece_chars):
            results.append((start, self._fix_one(piece, opts)))
        return merge_results(text, results)

    def _fix_one(self, text: str, opts: Options) -> Result:
        proposers = self.proposers(opts)
        doc, candidates, notices = self.analyse(text, opts, proposers)
        edits = decide_stage.decide(candidates, min_confidence=opts.min_confidence, always=tuple(opts.apply))
        spans = [(s.start, s.end) for s in doc.segments]
        edits = decide_stage.other_readings(text, edits, spans, self.sentence_logprobs)
        edits = decide_stage.rank_alternatives(text, edits, spans, self.sentence_logprobs)
        recheck = None
        if opts.recheck and any(e.applied for e in edits):
            # the changed sentences are checked again (LanguageTool, in the JVM) while this
            # thread scores the sentences: the scores do not depend on what was decided
            problems = problems_of([p.problems for p in proposers if isinstance(p, Checker)])
            recheck = self._background(rollback_new_problems, text, edits, spans, problems)
        try:
            sentences = self.detector.score(doc, candidates, threshold=opts.threshold)
        finally:
            if recheck is not None:
                edits = recheck.result()
        if recheck is not None:
            turned = decide_stage.second_turn(edits, min_confidence=opts.min_confidence, always=tuple(opts.apply))
            if turned != edits:  # the edits a rolled-back one kept out are checked in their turn
                edits = rollback_new_problems(text, turned, spans, problems)
        repaired = apply_stage.apply_edits(text, edits)
        return Result(text, repaired, tuple(sentences), tuple(edits), tuple(notices), doc.language)

    def check(self, text: str, **options) -> Result:
        """Findings only: every edit is reported as a suggestion and the text is unchanged."""
        return self.fix(text, **options).as_check()

    def fix_many(self, texts: Iterable[str], *, workers: int = 2, **options) -> Iterator[Result]:
        """Results for ``texts`` in order, streamed; ``workers`` threads share this Repairer."""
        return in_order(lambda t: self.fix(t, **options), texts, workers)


_UNTOUCHABLE = "pipeline.untouchable"


def _untouchable(doc: Document) -> tuple[Protected, list[tuple[int, int]], dict[str, int]]:
    """(markup spans, spans of sentences that are not English, their count per language), kept in
    ``doc.cache`` so that :meth:`Repairer.analyse` can work them out while LanguageTool runs."""
    if _UNTOUCHABLE not in doc.cache:
        foreign: dict[str, int] = {}
        skip: list[tuple[int, int]] = []
        for seg in doc.segments:
            lang, _ = guess_language(seg.text)
            if lang != "en":
                foreign[lang] = foreign.get(lang, 0) + 1
                skip.append((seg.start, seg.end))
        doc.cache[_UNTOUCHABLE] = (Protected(doc.text), skip, foreign)
    return doc.cache[_UNTOUCHABLE]


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering ``text`` exactly, cut after a line break (or, in a line longer
    than ``size``, after white space; failing that, anywhere)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = max(text.rfind(" ", start + size // 2, end), text.rfind("\t", start + size // 2, end))
            if cut >= 0:
                end = cut + 1
        yield start, text[start:end]
        start = end


def merge_results(text: str, parts: list[tuple[int, Result]]) -> Result:
    """One result for ``text`` from the results of its pieces (offsets shifted back)."""
    sentences: list[Sentence] = []
    edits = []
    notices: list[str] = []
    for offset, r in parts:
        sentences += [replace(s, start=s.start + offset, end=s.end + offset,
                              spans=tuple(replace(sp, start=sp.start + offset, end=sp.end + offset)
                                          for sp in s.spans)) for s in r.sentences]
        edits += [replace(e, start=e.start + offset, end=e.end + offset) for e in r.edits]
        notices += [n for n in r.notices if n not in notices]
    return Result(text, "".join(r.text for _, r in parts), tuple(sentences), tuple(edits), tuple(notices),
                  parts[0][1].language if parts else "")
