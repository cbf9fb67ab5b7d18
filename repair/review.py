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
from collections.abc import Callable

from .records import Decisions, Edit, Result, Sentence
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

    def accept(self, i: int) -> list[int]:
        """Accept edit ``i`` (with its current replacement); returns the accepted edits it
        overlapped, now rejected."""
        same = self.edits[i].replacement == self.result.edits[i].replacement
        return self._set(i, True, "accepted" if same else "edited")

    def reject(self, i: int) -> None:
        self._set(i, False, "rejected")

    def replace(self, i: int, replacement: str) -> list[int]:
        """Accept edit ``i`` with ``replacement`` instead of the proposed one."""
        same = replacement == self.result.edits[i].replacement
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
        style(f"── Edit {i + 1}/{len(review.edits)} · line {line} · {e.rule} "
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
        color: bool = False) -> Review:
    """Ask about every edit of ``result`` in text order; ``ask`` returns None at end of input (quit)."""
    review = Review(result, name)
    bulk: str | None = None
    i = 0
    while i < len(review.edits):
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
        i += 1
    counts = {s: review.states.count(s) for s in ("accepted", "rejected", "edited", "pending")}
    say(f"Reviewed {len(review.edits) - counts['pending']} of {plural(len(review.edits), 'edit')}: "
        f"{counts['accepted']} accepted, {counts['rejected']} rejected, {counts['edited']} edited, "
        f"{counts['pending']} left as the pipeline chose.")
    return review
