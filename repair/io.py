"""Reading and writing documents: decoding with clear errors, atomic writes, backups.

Nothing here repairs text; these are the file operations the command line and the batch
helpers (:mod:`repair.batch`) share with library callers.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(d / "a.txt", "Hi.\\n")
>>> read_input(str(d / "a.txt"))
'Hi.\\n'
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, OutputError


def known_encoding(encoding: str) -> bool:
    """Does Python know ``encoding`` (utf-8, latin-1, cp1252, utf-16, ...)?"""
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def wide_encoding(encoding: str) -> bool:
    """Is this an encoding whose text is full of NUL bytes (UTF-16, UTF-32)?"""
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def read_input(path: str, encoding: str = "utf-8") -> str:
    """The text of ``path`` ('-' for stdin), with a clear error for binary or undecodable input."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path} is a directory; give a file (or use `repair fix DIR/*.txt`)")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}") from exc
        name = path
    if b"\x00" in data[:8192] and not wide_encoding(encoding):
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes); repair reads text files "
                         "(for UTF-16 or UTF-32 text give --encoding utf-16 or utf-32)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid {encoding} (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "give the right one with --encoding, e.g. --encoding latin-1"
        ) from exc
    return text


def decoded_lines(raw_lines: Iterable[bytes], name: str, encoding: str) -> Iterator[str]:
    """Each line of ``raw_lines`` decoded, or an InputError naming the line."""
    for n, raw in enumerate(raw_lines, 1):
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}:{n} is not valid {encoding} (byte {exc.start} of the line: "
                             f"{raw[exc.start:exc.start + 1]!r}); give the right one with --encoding") from exc


def encodable(text: str, encoding: str, name: str) -> str:
    """``text``, or an InputError when ``encoding`` cannot hold a character of it (an edit may add one)."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"{name}: the repaired text holds {text[exc.start]!r} (character {exc.start}), which "
                         f"{encoding} cannot encode; write UTF-8 (--encoding utf-8) or --disable the rule "
                         "that adds it") from None
    return text


def write_stdout(text: str, encoding: str) -> None:
    """``text`` on stdout in ``encoding``, byte for byte (no newline translation)."""
    sys.stdout.flush()  # what was echoed before comes first
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (an embedding program's): it has its own encoding
        sys.stdout.write(text)
        return
    stream.write(text.encode(encoding))
    stream.flush()


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], encoding: str = "utf-8") -> Iterator:
    """A text file to write that appears at ``path`` only once complete (temporary file + rename).

    The file gets the mode a plain ``open(path, "w")`` would give it: an existing file keeps its
    mode, a new one gets ``0o666`` less the umask (not the ``0o600`` of a temporary file).
    A write that fails (a full disk, no permission) raises :class:`OutputError` and leaves
    whatever was at ``path`` as it was.
    """
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            yield f
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~current_umask())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        what = exc.strerror or str(exc)
        raise OutputError(f"cannot write {path}: {what}; nothing was written there (an existing file is "
                          "unchanged). Free some space or choose another place with -o / --output-dir") from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux's
    /proc/self/status), else set and put back at once under a lock."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    with open_atomic(path, encoding) as f:
        f.write(text)


def backup(path: Path) -> None:
    """Copy ``path`` to ``path.bak`` (through a temporary file, so the backup is never half-written)."""
    target = path.with_name(path.name + ".bak")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
