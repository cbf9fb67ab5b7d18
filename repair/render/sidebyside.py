"""Side-by-side diffs for the terminal: original on the left, repaired on the right.

Only changed lines and lines holding a flagged sentence are shown (``context`` adds lines
around them). Changed words are highlighted; a flagged sentence is marked with ``!`` in the
gutter and its reasons are printed under the line (a sentence flagged only for faults that were
all fixed is not marked, and its note says ``fixed``). With ``color=False`` (output piped) the
same information is plain text: deleted words as ``[-...-]``, inserted ones as ``{+...+}``.

>>> from repair.records import Edit, Result, Sentence
>>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "", applied=True)
>>> s = Sentence(0, 18, "He was a open man.", 0.9, True, ("1 grammar issue",))
>>> r = Result("He was a open man.", "He was an open man.", (s,), (e,))
>>> print(side_by_side(r, "in.txt", width=72))
--- in.txt                          │ +++ in.txt (repaired)
1!He was [-a-] open man.            │ 1 He was {+an+} open man.
  ! flagged (0.90): 1 grammar issue
"""

from __future__ import annotations

import bisect
import difflib
import io
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from ..records import Result, Sentence
from .diff import flag_note, visible, word_ops

#: Styles used on a colour terminal.
STYLE_DELETED = "bold white on red"
STYLE_INSERTED = "bold black on green"
STYLE_FLAGGED = "underline yellow"
STYLE_GUTTER = "dim"
STYLE_REASON = "yellow"
STYLE_HEADER = "bold"


@dataclass(frozen=True)
class _Row:
    a: int | None  # line index in the original, or None
    b: int | None  # line index in the repaired text, or None
    changed: bool


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of ``text`` without their endings, and the offset where each starts."""
    lines, starts, pos = [], [], 0
    for line in text.splitlines(keepends=True):
        starts.append(pos)
        pos += len(line)
        lines.append(line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))
    return lines, starts


def _rows(a: list[str], b: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [_Row(i1 + k, j1 + k, False) for k in range(i2 - i1)]
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            rows.append(_Row(i1 + k if i1 + k < i2 else None, j1 + k if j1 + k < j2 else None, True))
    return rows


def _word_diff(a: str, b: str, color: bool) -> tuple[Text, Text]:
    """Both lines with the changed words highlighted (colour) or bracketed (plain)."""
    left, right = Text(), Text()
    for tag, old, new in word_ops(a, b):
        if tag == "equal":
            left.append(old)
            right.append(new)
            continue
        if old:
            left.append(old, STYLE_DELETED) if color else left.append(f"[-{visible(old)}-]")
        if new:
            right.append(new, STYLE_INSERTED) if color else right.append(f"{{+{visible(new)}+}}")
    return left, right


def _flag_style(text: Text, line_start: int, line_len: int, sentences: list[Sentence]) -> None:
    for s in sentences:
        a, b = max(s.start - line_start, 0), min(s.end - line_start, line_len)
        if a < b:
            text.stylize(STYLE_FLAGGED, a, b)


def side_by_side(result: Result, name: str = "input", *, width: int = 100, color: bool = False,
                 context: int = 0) -> str:
    """The changed and flagged lines of ``result`` in two columns fitting ``width`` cells.

    Returns '' when nothing changed and nothing is flagged.
    """
    a_lines, a_starts = _lines(result.original)
    b_lines, _ = _lines(result.text)
    rows = _rows(a_lines, b_lines)

    flagged_at: dict[int, list[Sentence]] = {}
    to_review = set(result.needs_review)
    for s in result.flagged:
        first = max(bisect.bisect_right(a_starts, s.start) - 1, 0)
        last = max(bisect.bisect_right(a_starts, max(s.end - 1, s.start)) - 1, 0)
        for i in range(first, last + 1):
            flagged_at.setdefault(i, []).append(s)

    wanted = [r.changed or (r.a is not None and r.a in flagged_at) for r in rows]
    show = [any(wanted[max(0, i - context):i + context + 1]) for i in range(len(rows))]
    if not any(show):
        return ""

    num_w = len(str(max(len(a_lines), len(b_lines), 1)))
    col = max((width - 2 * (num_w + 1) - 3) // 2, 12)
    console = Console(file=io.StringIO(), width=2 * col + 2 * (num_w + 1) + 3, force_terminal=color,
                      color_system="standard" if color else None, no_color=not color, highlight=False,
                      emoji=False, markup=False, legacy_windows=False)
    sep = Text(" │ ", STYLE_GUTTER)

    def gutter(num: int | None, mark: str = " ") -> Text:
        return Text(f"{num + 1 if num is not None else '':>{num_w}}", STYLE_GUTTER) + Text(
            mark, STYLE_REASON if mark != " " else "")

    def emit(left: Text, right: Text, lg: Text, rg: Text) -> None:
        lw, rw = left.wrap(console, col), right.wrap(console, col)
        blank_l, blank_r = Text(" " * (num_w + 1)), Text(" " * (num_w + 1))
        for k in range(max(len(lw), len(rw), 1)):
            lt = lw[k].copy() if k < len(lw) else Text()
            rt = rw[k].copy() if k < len(rw) else Text()
            lt.rstrip()
            rt.rstrip()
            lt.pad_right(col - lt.cell_len)
            line = Text.assemble(lg if k == 0 else blank_l, lt, sep, rg if k == 0 else blank_r, rt)
            line.rstrip()
            console.print(line, soft_wrap=True)

    head_l = Text(f"--- {name}", STYLE_HEADER)
    head_r = Text(f"+++ {name} (repaired)", STYLE_HEADER)
    emit(head_l, head_r, Text(), Text())
    previous = None
    for i, row in enumerate(rows):
        if not show[i]:
            continue
        if previous is not None and i != previous + 1:
            console.print(Text(" " * num_w + " ⋯", STYLE_GUTTER))
        previous = i
        a = a_lines[row.a] if row.a is not None else ""
        b = b_lines[row.b] if row.b is not None else ""
        if row.changed and row.a is not None and row.b is not None:
            left, right = _word_diff(a, b, color)
        elif row.changed:
            left = Text(a, STYLE_DELETED) if color and a else Text(f"[-{a}-]" if a else "")
            right = Text(b, STYLE_INSERTED) if color and b else Text(f"{{+{b}+}}" if b else "")
        else:
            left, right = Text(a), Text(b)
        flagged = flagged_at.get(row.a, []) if row.a is not None else []
        if flagged and color:  # in colour the left text is the original line, offsets hold
            _flag_style(left, a_starts[row.a], len(a), flagged)
        review = [s for s in flagged if s in to_review]
        emit(left, right, gutter(row.a, "!" if review else " "), gutter(row.b))
        for s in flagged:
            if row.a != max(bisect.bisect_right(a_starts, s.start) - 1, 0):
                continue  # reasons once, on the sentence's first line
            mark = " ! " if s in review else "   "
            note = Text(flag_note(result, s, resolved=s not in to_review), STYLE_REASON)
            for k, part in enumerate(note.wrap(console, console.width - num_w - 3)):
                console.print(Text(" " * num_w + (mark if k == 0 else "   "), STYLE_REASON) + part,
                              soft_wrap=True)
    return console.file.getvalue().rstrip("\n")


def render(result: Result, name: str, *, color: bool = False, width: int | None = None) -> str:
    """The ``side-by-side`` diff format of ``repair fix --diff``: ``width`` columns (default: the
    terminal's, else 100), one line ending each row ('' when nothing changed)."""
    import shutil

    text = side_by_side(result, name, width=width or shutil.get_terminal_size((100, 24)).columns, color=color)
    return text + "\n" if text else ""
