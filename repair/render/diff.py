"""Diffs of a result: :func:`unified_diff` as ``diff -u`` prints it (a patch), and the default
``repair fix`` view (:func:`render`): the changed words marked inside each changed line, as
``git diff --word-diff`` shows them, followed by the flagged sentences and the suggestions.

>>> from repair.records import Result
>>> print(unified_diff(Result("a b\\n", "a c\\n", (), ()), "in.txt"), end="")
--- in.txt
+++ in.txt (repaired)
@@ -1 +1 @@
-a b
+a c
"""

from __future__ import annotations

import difflib
import re

from ..records import Result, Sentence


def unified_diff(result: Result, name: str = "input", context: int = 3) -> str:
    """The unified diff between ``result.original`` and ``result.text`` ('' when nothing changed)."""
    a = result.original.splitlines(keepends=True)
    b = result.text.splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, fromfile=name, tofile=f"{name} (repaired)", n=context)
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


#: Words, runs of white space and single other characters: the units a changed line is compared in.
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_ops(a: str, b: str) -> list[tuple[str, str, str]]:
    """(tag, old, new) chunks turning line ``a`` into line ``b`` word by word (tag "equal" or
    "change"; one of old and new may be empty).

    >>> word_ops("He was a open man.", "He was an open man.")
    [('equal', 'He was ', 'He was '), ('change', 'a', 'an'), ('equal', ' open man.', ' open man.')]
    """
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    ops: list[tuple[str, str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        ops.append(("equal" if tag == "equal" else "change", "".join(ta[i1:i2]), "".join(tb[j1:j2])))
    return ops


def visible(chunk: str) -> str:
    """A change of white space only, made visible in plain text (a space as ␣, a tab as →)."""
    return chunk.replace(" ", "␣").replace("\t", "→") if not chunk.strip() else chunk


def _marked(old: str, new: str, color: bool) -> str:
    import click

    out = ""
    if old:
        out += click.style(old, fg="white", bg="red", bold=True) if color else f"[-{visible(old)}-]"
    if new:
        out += click.style(new, fg="black", bg="green", bold=True) if color else f"{{+{visible(new)}+}}"
    return out


def word_diff(result: Result, name: str = "input", context: int = 3, *, color: bool = False) -> str:
    """The changes of ``result`` as ``git diff --word-diff`` shows them: hunks of lines, each
    changed line once, deleted words as ``[-...-]`` and inserted ones as ``{+...+}`` (in colour:
    on red and on green). '' when nothing changed."""
    import click

    a = [line.rstrip("\r\n") for line in result.original.splitlines(keepends=True)]
    b = [line.rstrip("\r\n") for line in result.text.splitlines(keepends=True)]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [click.style(f"--- {name}", bold=True) if color else f"--- {name}",
                    click.style(f"+++ {name} (repaired)", bold=True) if color else f"+++ {name} (repaired)"]
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        head = f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@"
        out.append(click.style(head, fg="cyan") if color else head)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += a[i1:i2]
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                old = a[i1 + k] if i1 + k < i2 else None
                new = b[j1 + k] if j1 + k < j2 else None
                if old is not None and new is not None:
                    out.append("".join(o if t == "equal" else _marked(o, n, color) for t, o, n in word_ops(old, new)))
                else:
                    out.append(_marked(old or "", new or "", color))
    return "".join(line + "\n" for line in out)


def _range(start: int, stop: int) -> str:
    """A hunk range as ``diff -u`` writes it: ``3`` (one line), ``3,4``, or ``2,0`` (none, after line 2)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def flag_note(result: Result, sentence: Sentence, *, resolved: bool | None = None) -> str:
    """A flagged sentence as the notes name it: ``flagged (0.97): reasons`` when it still needs
    review, ``fixed (flagged 0.96): reasons`` when it was flagged only for findings that were all
    applied (:meth:`Result.resolved`; a caller that has :attr:`Result.needs_review` at hand passes
    ``resolved`` instead, so that a long text is not scanned once per sentence).

    >>> from repair.records import Edit
    >>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "", applied=True)
    >>> s = Sentence(0, 18, "He was a open man.", 0.96, True, ("1 grammar issue",), findings_only=True)
    >>> r = Result("He was a open man.", "He was an open man.", (s,), (e,))
    >>> flag_note(r, s), flag_note(r.as_check(), s)
    ('fixed (flagged 0.96): 1 grammar issue', 'flagged (0.96): 1 grammar issue')
    """
    reasons = "; ".join(sentence.reasons) or "garbled"
    if result.resolved(sentence) if resolved is None else resolved:
        return f"fixed (flagged {sentence.score:.2f}): {reasons}"
    return f"flagged ({sentence.score:.2f}): {reasons}"


def notes(result: Result, *, color: bool = False) -> str:
    """What the diff does not show: each flagged sentence (score and reasons) and each suggestion
    (an edit not applied), by line, in text order."""
    import click

    from .findings import line_col

    rows = []
    to_review = set(result.needs_review)
    for s in result.flagged:
        line = line_col(result.original, s.start)[0]
        done = s not in to_review
        rows.append((s.start, 0, f"line {line}: {flag_note(result, s, resolved=done)}",
                     "green" if done else "yellow"))
    for e in result.suggestions:
        line = line_col(result.original, e.start)[0]
        rows.append((e.start, 1, f"line {line}: suggestion {e.rule} ({e.confidence:.2f}): {e.original!r} -> "
                                 f"{e.replacement!r}: {e.message or e.decision}", "magenta"))
    rows.sort(key=lambda r: (r[0], r[1]))
    return "".join((click.style(text, fg=fg) if color else text) + "\n" for _, _, text, fg in rows)


def render(result: Result, name: str, *, color: bool = False, width: int | None = None) -> str:
    """The ``unified`` diff format of ``repair fix --diff`` (the default): the changed lines with
    the changed words marked (:func:`word_diff`), then the flagged sentences and the suggestions
    (:func:`notes`). '' when nothing changed, nothing is flagged and nothing is suggested."""
    import click

    diff = word_diff(result, name, color=color)
    extra = notes(result, color=color)
    if extra and not diff:  # nothing changed: the file names, then what was found
        diff = "".join((click.style(head, bold=True) if color else head) + "\n"
                       for head in (f"--- {name}", f"+++ {name} (repaired)"))
    return diff + extra
