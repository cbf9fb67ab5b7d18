"""Progress on stderr: what runs now ("starting LanguageTool", "loading the model", "repairing
3/10 documents"), as a transient bar on a terminal, as plain lines when asked for elsewhere.

>>> import io
>>> err = io.StringIO()
>>> with progress(True, 2, "checking", stream=err) as p:
...     p.stage("loading the model")
...     p()
...     p()
>>> print(err.getvalue(), end="")
repair: loading the model
repair: checking 1/2 documents
repair: checking 2/2 documents
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import TextIO

from . import plural


class Progress:
    """Call it once per finished document; :meth:`stage` names what runs before the first."""

    def __init__(self, total: int | None, verb: str) -> None:
        self.total, self.verb, self.done = total, verb, 0

    def counted(self) -> str:
        if self.total is None:
            return f"{self.verb} {plural(self.done, 'document')}"
        return f"{self.verb} {self.done}/{plural(self.total, 'document')}"

    def stage(self, text: str) -> None:
        pass

    def __call__(self) -> None:
        self.done += 1


class _Lines(Progress):
    """Plain lines (stderr is not a terminal but progress was asked for); at most one a second
    while documents are counted, and always the last."""

    def __init__(self, total: int | None, verb: str, stream: TextIO) -> None:
        super().__init__(total, verb)
        self.stream, self.shown = stream, 0.0

    def stage(self, text: str) -> None:
        print(f"repair: {text}", file=self.stream, flush=True)

    def __call__(self) -> None:
        super().__call__()
        now = time.monotonic()
        if now - self.shown >= 1.0 or self.done == self.total:
            self.shown = now
            print(f"repair: {self.counted()}", file=self.stream, flush=True)


class _Bar(Progress):
    """A transient rich bar on the terminal."""

    def __init__(self, total: int | None, verb: str, bar, task) -> None:
        super().__init__(total, verb)
        self.bar, self.task = bar, task

    def stage(self, text: str) -> None:
        self.bar.update(self.task, description=text, refresh=True)

    def __call__(self) -> None:
        super().__call__()
        self.bar.update(self.task, advance=1, description=self.counted())


@contextlib.contextmanager
def progress(show: bool, total: int | None, verb: str = "repairing", *,
             stream: TextIO | None = None) -> Iterator[Progress]:
    """A :class:`Progress` for a run of ``total`` documents (None: not known): a bar when
    ``show`` and stderr (or ``stream``) is a terminal, lines when ``show`` elsewhere, else nothing."""
    stream = stream or sys.stderr
    if not show:
        yield Progress(total, verb)
        return
    if not getattr(stream, "isatty", lambda: False)():
        yield _Lines(total, verb, stream)
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress as Bar, SpinnerColumn, TextColumn, TimeRemainingColumn

    with Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeRemainingColumn(),
             console=Console(file=stream), transient=True) as bar:
        shown = Progress(total, verb)
        task = bar.add_task(shown.counted(), total=total)
        yield _Bar(total, verb, bar, task)

