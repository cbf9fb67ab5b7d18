"""Review a result edit by edit, as ``git add -p`` does, and keep the decisions.

:class:`Review` holds the reviewer's choices (accepting an edit rejects any accepted edit it
overlaps, exactly as the HTML page does); :func:`run` asks about each edit through two plain
callables, so it runs the same on a terminal and in tests::

    y  accept this edit            n  reject it
    e  accept it with a replacement you type
    s  skip: leave the pipeline's choice (also: Enter)
    a  accept this and every later edit       d  reject this and every later edit
    q  quit: leave this and every later edit as the pipeline chose
    ?  help

A review can stop and go on later: :meth:`Review.resume` starts from a decisions file made
for the same input (the decided edits are kept), and :func:`run` then asks only about the
edits still ``pending``. :func:`run` lets ``KeyboardInterrupt`` through with the review it was
given intact, so a caller can save what was decided so far.

>>> from repair.records import Edit, Result
>>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.45, "Use 'an'.")
>>> r = Result("He was a open man.", "He was a open man.", (), (e,))
>>> answers = iter(["y"])
>>> review = run(r, ask=lambda prompt: next(answers), say=lambda line: None)
>>> review.text(), review.decisions().review
('He was an open man.', ('accepted',))
"""

from __future__ import annotations

import bisect
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from .errors import InputError
from .records import Decisions, Edit, Result, Sentence, text_sha256
from .render import plural

HELP = """\
y - accept this edit
n - reject this edit
e - accept this edit with a replacement you type
s - skip: leave the pipeline's choice (Enter does the same)
a - accept this edit and every later one
d - reject this edit and every later one
q - quit: leave this edit and every later one as the pipeline chose
? - print this help"""

PROMPT_KEYS = "y,n,e,s,a,d,q,?"


class Review:
    """The reviewer's decisions on the edits of one :class:`~repair.records.Result`."""

    def __init__(self, result: Result, name: str = "", tool: str = "repair review") -> None:
        self.result = result
        self.name = name
        self.tool = tool
        self.edits: list[Edit] = list(result.edits)
        self.states: list[str] = ["pending"] * len(self.edits)
        #: The pipeline's edits, the ones asked about; edits after them were kept from a decisions file.
        self.asked = len(self.edits)
        #: What :meth:`resume` kept and left out, one line each, to show the reviewer.
        self.notes: list[str] = []

    @classmethod
    def resume(cls, result: Result, earlier: Decisions, name: str = "", tool: str = "repair review",
               source: str = "the decisions file") -> Review:
        """A review of ``result`` that starts from ``earlier`` (decisions made for the same input).

        Each decision is matched to the pipeline's edit with the same span, text, rule and source,
        and kept (accepted, rejected, edited, or still pending). A decided edit that the pipeline
        does not propose now (an edit of a whole sentence made on the HTML page, or a rule switched
        off since) is kept too, after the pipeline's edits; a pending one is left out, as there is
        no pipeline choice left to stand for. Raises :class:`~repair.errors.InputError` when
        ``earlier`` was made for another input or does not fit it.
        """
        earlier.check_input(result.original, name or "the input")
        review = cls(result, name, tool)
        free: dict[tuple, list[int]] = {}
        for i, e in enumerate(result.edits):
            free.setdefault((e.start, e.end, e.original, e.rule, e.source), []).append(i)
        matched: set[int] = set()
        dropped = 0
        for e, state in zip(earlier.edits, earlier.review):
            candidates = free.get((e.start, e.end, e.original, e.rule, e.source), [])
            if candidates:
                # an alternative on the same span by the same rule: prefer the one with this replacement
                same = [i for i in candidates if result.edits[i].replacement == e.replacement]
                i = (same or candidates)[0]
                candidates.remove(i)
                review.edits[i], review.states[i] = e, state
                matched.add(i)
            elif state != "pending":
                review.edits.append(e)
                review.states.append(state)
            else:
                dropped += 1
        # a pipeline edit the file does not know must not overlap what the reviewer accepted
        for i in range(review.asked):
            e = review.edits[i]
            if i not in matched and e.applied and any(
                    o.applied and o.overlaps(e) for j, o in enumerate(review.edits) if j != i):
                review.edits[i] = e.with_decision(False, "held back: overlaps an edit decided earlier")
        try:
            review.text()
        except InputError as exc:
            raise InputError(f"{source} cannot be resumed: {exc}") from exc
        decided = sum(s != "pending" for s in review.states[:review.asked])
        review.notes.append(f"Resuming from {source}: {decided} of {review.asked} edits already decided"
                            + (f", edit {review.first_pending() + 1} is the first still pending"
                               if review.first_pending() < review.asked else ", none left to ask about") + ".")
        kept = len(review.edits) - review.asked
        if kept:
            review.notes.append(f"Kept {kept} decided edit(s) from {source} that this run does not propose "
                                "(e.g. a sentence edited on the HTML page).")
        if dropped:
            review.notes.append(f"Left out {dropped} pending edit(s) of {source} that this run does not propose.")
        return review

    def first_pending(self) -> int:
        """The index of the first pipeline edit still pending (``asked`` when there is none)."""
        return next((i for i in range(self.asked) if self.states[i] == "pending"), self.asked)

    def _set(self, i: int, applied: bool, state: str, replacement: str | None = None) -> list[int]:
        e = self.edits[i]
        if replacement is not None:
            e = dataclasses.replace(e, replacement=replacement)
        self.edits[i] = e.with_decision(applied, f"{state} by reviewer")
        self.states[i] = state
        dropped = []
        if applied:
            for j, other in enumerate(self.edits):
                if j != i and other.applied and other.overlaps(e):
                    self.edits[j] = other.with_decision(False, "rejected by reviewer")
                    self.states[j] = "rejected"
                    dropped.append(j)
        return dropped

    def _proposed(self, i: int) -> str:
        """The replacement edit ``i`` was proposed with."""
        return (self.result.edits[i] if i < self.asked else self.edits[i]).replacement

    def accept(self, i: int) -> list[int]:
        """Accept edit ``i`` (with its current replacement); returns the accepted edits it
        overlapped, now rejected."""
        if i >= self.asked:  # kept from a decisions file: its own state stays
            return self._set(i, True, self.states[i] if self.states[i] != "pending" else "accepted")
        same = self.edits[i].replacement == self._proposed(i)
        return self._set(i, True, "accepted" if same else "edited")

    def reject(self, i: int) -> None:
        self._set(i, False, "rejected")

    def replace(self, i: int, replacement: str) -> list[int]:
        """Accept edit ``i`` with ``replacement`` instead of the proposed one."""
        same = replacement == self._proposed(i) and i < self.asked
        return self._set(i, True, "accepted" if same else "edited", replacement)

    def conflicts(self, i: int) -> list[int]:
        """The accepted edits that accepting edit ``i`` would reject."""
        e = self.edits[i]
        return [j for j, o in enumerate(self.edits) if j != i and o.applied and o.overlaps(e)]

    def decisions(self) -> Decisions:
        base = Decisions.from_result(self.result, input_name=self.name, tool=self.tool)
        return dataclasses.replace(base, edits=tuple(self.edits), review=tuple(self.states))

    def text(self) -> str:
        """The original text with the accepted edits applied."""
        return self.decisions().apply(self.result.original)


def _shared_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of ``old`` and ``new`` (not overlapping), never
    cutting a word: the reader sees ``[-a-]{+an+}``, not ``a{+n+}``.

    >>> _shared_ends(" -", "-"), _shared_ends("a", "an"), _shared_ends("Kiev", "Kyiv"), _shared_ends("the the", "the")
    ((0, 1), (0, 0), (0, 0), (3, 0))
    """
    def inside_word(text: str, k: int) -> bool:
        return 0 < k < len(text) and text[k - 1].isalnum() and text[k].isalnum()

    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    while p and (inside_word(old, p) or inside_word(new, p)):
        p -= 1
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    while q and (inside_word(old, len(old) - q) or inside_word(new, len(new) - q)):
        q -= 1
    return p, q


def _visible(chunk: str) -> str:
    """Spaces at the edge of a change shown as '␣', so that ' -' -> '-' can be read."""
    return chunk.replace(" ", "␣") if chunk != chunk.strip(" ") else chunk


def _context(result: Result, e: Edit) -> tuple[int, int, Sentence | None]:
    """The stretch shown around an edit: its sentence, or its line(s)."""
    for s in result.sentences:
        if s.start <= e.start and e.end <= s.end and s.start < s.end:
            return s.start, s.end, s
    text = result.original
    start = text.rfind("\n", 0, e.start) + 1
    end = text.find("\n", e.end)
    return start, len(text) if end < 0 else end, None


def show(result: Result, review: Review, i: int, *, color: bool = False) -> list[str]:
    """The lines that present edit ``i``: header, message, context before and after."""
    import click

    e = review.edits[i]
    proposed = result.edits[i]
    starts = [0] + [k + 1 for k, ch in enumerate(result.original) if ch == "\n"]
    line = bisect.bisect_right(starts, e.start)
    was = "applied by the pipeline" if proposed.applied else "suggestion"
    why = f" ({proposed.decision})" if proposed.decision else ""

    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    a, b, sentence = _context(result, e)
    orig = result.original
    # show only what changes: ' -' -> '-' is the deletion of one space before the hyphen
    p, q = _shared_ends(orig[e.start:e.end], e.replacement)
    start, end, new = e.start + p, e.end - q, e.replacement[p:len(e.replacement) - q]
    old = orig[start:end]
    if color:
        minus = orig[a:start] + style(old, fg="white", bg="red", bold=True) + orig[end:b]
        plus = orig[a:start] + style(new, fg="black", bg="green", bold=True) + orig[end:b]
    else:
        minus = f"{orig[a:start]}[-{_visible(old)}-]{orig[end:b]}" if old else orig[a:b]
        plus = f"{orig[a:start]}{{+{_visible(new)}+}}{orig[end:b]}" if new else orig[a:start] + orig[end:b]
    out = [
        style(f"── Edit {i + 1}/{review.asked} · line {line} · {e.rule} "
              f"({e.source}, confidence {e.confidence:.2f}) · {was}{why}", bold=True),
        f"   {e.message}" if e.message else "",
        style("- ", fg="red") + minus.replace("\n", "\n  "),
        style("+ ", fg="green") + plus.replace("\n", "\n  "),
    ]
    if sentence is not None and sentence.flagged:
        out.append(style(f"  ! flagged sentence ({sentence.score:.2f}): {'; '.join(sentence.reasons) or 'garbled'}",
                         fg="yellow"))
    clash = review.conflicts(i)
    if clash:
        out.append(style(f"  accepting this rejects the overlapping accepted {'edit' if len(clash) == 1 else 'edits'} "
                         f"{', '.join('#' + str(j + 1) for j in clash)}", fg="yellow"))
    return [line for line in out if line != ""]


def run(result: Result, name: str = "", *, ask: Callable[[str], str | None], say: Callable[[str], None],
        color: bool = False, review: Review | None = None) -> Review:
    """Ask about every pending edit of ``review`` (by default a new review of ``result``) in text
    order; ``ask`` returns None at end of input (quit).

    Only the edits pending when the run starts are asked about, so a resumed review goes on at
    its first pending edit. A ``KeyboardInterrupt`` (Ctrl-C) propagates; ``review`` then holds
    every answer given so far, the rest still pending.
    """
    review = review if review is not None else Review(result, name)
    todo = [i for i in range(review.asked) if review.states[i] == "pending"]
    bulk: str | None = None
    k = 0
    while k < len(todo):
        i = todo[k]
        if bulk is None:
            for line in show(result, review, i, color=color):
                say(line)
            answer = ask(f"Apply this edit [{PROMPT_KEYS}]? ")
            if answer is None:
                say("(end of input: the remaining edits stay as the pipeline chose)")
                break
            answer = answer.strip().lower()
        else:
            answer = bulk
        if answer in ("", "s"):
            pass
        elif answer == "y":
            dropped = review.accept(i)
            if dropped:
                which = ", ".join("#" + str(j + 1) for j in dropped)
                say(f"  (rejected the overlapping {'edit' if len(dropped) == 1 else 'edits'} {which})")
        elif answer == "n":
            review.reject(i)
        elif answer == "e":
            current = review.edits[i].replacement
            typed = ask(f"Replace {result.edits[i].original!r} with (Enter keeps {current!r}): ")
            if typed is None:
                break
            typed = typed.rstrip("\r\n")
            review.replace(i, typed if typed != "" else current)
        elif answer in ("a", "d"):
            bulk = "y" if answer == "a" else "n"
            continue
        elif answer == "q":
            break
        else:
            say(HELP)
            continue
        k += 1
    say(summary(review))
    return review


def summary(review: Review) -> str:
    """One line: how many edits were reviewed and how."""
    counts = {s: review.states.count(s) for s in ("accepted", "rejected", "edited", "pending")}
    return (f"Reviewed {len(review.edits) - counts['pending']} of {plural(len(review.edits), 'edit')}: "
            f"{counts['accepted']} accepted, {counts['rejected']} rejected, {counts['edited']} edited, "
            f"{counts['pending']} left as the pipeline chose.")


# --------------------------------------------------------------------------- files to resume from


def earlier_decisions(path: str | Path | None, text: str, name: str, *, required: bool) -> Decisions | None:
    """The decisions saved in ``path`` for ``text``, to resume from.

    None when ``path`` is None, or does not exist and ``required`` is false (a new review).
    Raises :class:`~repair.errors.InputError` for a file that is not a decisions file, or one
    made for another input: it is never overwritten silently.
    """
    if path is None or (not required and not Path(path).exists()):
        return None
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the decisions in {path}: {exc}") from exc
    decisions = Decisions.from_json(raw, str(path))
    if decisions.input_sha256 != text_sha256(text):
        raise InputError(f"{path} holds decisions for another input (sha256 {decisions.input_sha256[:12]}..., "
                         f"{name} has {text_sha256(text)[:12]}...); give another --decisions file, "
                         "or delete it to review from the start")
    return decisions


def interrupted_path(input_path: str, text: str) -> Path:
    """Where an interrupted review with no ``--decisions`` file saves: INPUT's stem +
    ``.decisions.json`` beside it (the name the HTML page downloads), or ``-2``, ``-3``... when
    that file holds something else.

    >>> interrupted_path("/nonexistent/dir/article.txt", "").name
    'article.decisions.json'
    """
    base = Path(input_path)
    for n in range(1, 1000):
        candidate = base.with_name(base.stem + (".decisions.json" if n == 1 else f".decisions-{n}.json"))
        if not candidate.exists():
            return candidate
        try:
            if json.loads(candidate.read_text(encoding="utf-8")).get("input_sha256") == text_sha256(text):
                return candidate
        except (OSError, ValueError, AttributeError):
            pass
    raise InputError(f"no free name for the decisions of {input_path}; give --decisions FILE")
