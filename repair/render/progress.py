"""A progress bar on stderr for runs over many documents (rich), or nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress_bar(show: bool, total: int | None) -> Iterator[Callable[[], None]]:
    """A function to call once per finished document: it advances a transient bar when ``show``."""
    if not show:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("repairing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("repair", total=total)
        yield lambda: bar.advance(task)
