"""A warm local server (``repair serve``) and the client that ``repair fix`` and ``repair check`` use.

Starting LanguageTool and loading the model takes tens of seconds; ``repair serve`` pays that
once and keeps one :class:`~repair.pipeline.Repairer` per distinct settings (rule files,
phrasebooks, references, language, LanguageTool URL) warm. The commands find it at
:func:`default_address` (or ``$REPAIR_SERVER``), send each document and get the same
:class:`~repair.records.Result` they would have computed themselves; when no server answers
they work in-process.

The protocol is JSON lines over a Unix socket (mode 0600), or over TCP on 127.0.0.1 only.
A request is one line ``{"protocol": 1, "command": ..., "code": ..., ...}``:

* ``fix``: ``text``, ``options`` (min_confidence, threshold, disable, grammar) and
  ``settings`` (the Repairer's keyword arguments; paths absolute) -> ``{"ok": true,
  "result": <the JSON report>}``;
* ``status`` -> ``{"ok": true, "status": {...}}``; ``stop`` -> ``{"ok": true}``, then the
  server exits.

A failure is ``{"ok": false, "error": {"class": "RuleError", "exit_status": 5, "message": ...}}``;
the client raises the same :class:`~repair.errors.RepairError` class, so the command exits with
the same status as in-process. ``code`` identifies the installed ``repair`` (its files): a
server started before an upgrade is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import socketserver
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import errors
from .batch import in_order
from .errors import RepairError, SetupError, UsageError
from .records import Result

PROTOCOL = 1
#: Seconds a client waits to connect (a live server accepts at once).
CONNECT_TIMEOUT = 5.0

Address = str | tuple[str, int]


class ServerError(SetupError):
    """The repair server failed or could not be reached during a request."""


# --------------------------------------------------------------------------- where


def default_address() -> str:
    """The socket ``repair serve`` uses by default: ``$REPAIR_HOME/serve.sock``, else
    ``$XDG_RUNTIME_DIR/repair/serve.sock``, else ``/tmp/repair-UID/serve.sock``."""
    if os.environ.get("REPAIR_HOME"):
        return str(Path(os.environ["REPAIR_HOME"]).expanduser() / "serve.sock")
    if os.environ.get("XDG_RUNTIME_DIR"):
        return str(Path(os.environ["XDG_RUNTIME_DIR"]) / "repair" / "serve.sock")
    return f"/tmp/repair-{os.getuid()}/serve.sock"


def parse_address(spec: str) -> Address:
    """A socket path, or ``PORT`` / ``localhost:PORT`` / ``127.0.0.1:PORT`` for TCP on 127.0.0.1.

    >>> parse_address("8765"), parse_address("localhost:8765"), parse_address("/run/r.sock")
    (('127.0.0.1', 8765), ('127.0.0.1', 8765), '/run/r.sock')
    """
    host, _, port = spec.rpartition(":")
    if port.isdigit() and host in ("", "localhost", "127.0.0.1"):
        return ("127.0.0.1", int(port))
    if "/" not in spec:
        raise UsageError(f"repair server address {spec!r}: give a socket path or a localhost port "
                         "(PORT or localhost:PORT); the server listens on this machine only")
    return spec


def address(socket_path: str | None = None, port: int | None = None) -> Address:
    """The address named by ``--socket`` / ``--port``, else ``$REPAIR_SERVER``, else the default."""
    if socket_path and port:
        raise UsageError("give --socket PATH or --port N, not both")
    if port:
        return ("127.0.0.1", port)
    if socket_path:
        return os.path.abspath(socket_path)
    spec = os.environ.get("REPAIR_SERVER")
    return parse_address(spec) if spec else default_address()


def describe(addr: Address) -> str:
    return addr if isinstance(addr, str) else f"{addr[0]}:{addr[1]}"


def code_stamp() -> str:
    """A digest of the installed ``repair`` files (names, sizes, modification times): a server
    whose code or shipped data differ from the client's would not give the same results."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                st = os.stat(path)
                digest.update(f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- wire


def _send(sock: socket.socket, message: dict[str, Any]) -> None:
    # ensure_ascii: a lone surrogate (possible in a JSON Lines input) survives the trip
    sock.sendall(json.dumps(message).encode("ascii") + b"\n")


def _connect(addr: Address, timeout: float = CONNECT_TIMEOUT) -> socket.socket:
    family = socket.AF_UNIX if isinstance(addr, str) else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(addr)
        sock.settimeout(None)  # a long document may take a while
    except BaseException:
        sock.close()
        raise
    return sock


def request(addr: Address, message: dict[str, Any], *, timeout: float = CONNECT_TIMEOUT,
            answer_timeout: float | None = None) -> dict[str, Any]:
    """Send one request and return its answer (``OSError`` when no server answers, or none
    within ``answer_timeout`` seconds; None waits as long as the work takes)."""
    with _connect(addr, timeout) as sock:
        sock.settimeout(answer_timeout)
        _send(sock, {"protocol": PROTOCOL, **message})
        with sock.makefile("rb") as f:
            line = f.readline()
    if not line:
        raise ConnectionError("the server closed the connection without answering")
    return json.loads(line)


def _raise(error: dict[str, Any]) -> None:
    """Raise the RepairError the server reported, as the same class when repair has it."""
    cls = getattr(errors, str(error.get("class")), None)
    message = str(error.get("message", "the repair server failed"))
    if isinstance(cls, type) and issubclass(cls, errors.RuleError):
        raise errors.RuleError(message)
    if isinstance(cls, type) and issubclass(cls, RepairError):
        raise cls(message)
    exc = ServerError(message)
    exc.exit_status = errors.ExitStatus(int(error.get("exit_status", errors.ExitStatus.SETUP)))
    raise exc


# --------------------------------------------------------------------------- client


def _absolute(settings: dict[str, Any]) -> dict[str, Any]:
    """Settings as the server needs them: no empty values, file lists as absolute paths."""
    out: dict[str, Any] = {}
    for key, value in settings.items():
        if value is None or value == () or value == []:
            continue
        out[key] = [os.path.abspath(v) for v in value] if key.endswith("_files") else value
    return out


class RemoteRepairer:
    """A :class:`~repair.pipeline.Repairer` stand-in that sends each text to a ``repair serve``:
    :meth:`fix`, :meth:`check`, :meth:`fix_many` and ``with`` behave the same."""

    def __init__(self, addr: Address, settings: dict[str, Any], code: str | None = None) -> None:
        self.address = addr
        self.settings = _absolute(settings)
        self.code = code or code_stamp()

    def fix(self, text: str, **options) -> Result:
        if not isinstance(text, str):
            raise errors.InputError(f"repair works on str, got {type(text).__name__}; decode bytes first")
        message = {"command": "fix", "code": self.code, "text": text,
                   "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
                   "settings": self.settings}
        try:
            answer = request(self.address, message)
        except (OSError, ValueError) as exc:
            raise ServerError(f"the repair server at {describe(self.address)} failed during a request ({exc}); "
                              "run again with --no-server, or restart it: repair serve --stop; repair serve") from exc
        if not answer.get("ok"):
            _raise(answer.get("error") or {})
        return Result.from_dict(answer["result"])

    def check(self, text: str, **options) -> Result:
        return self.fix(text, **options).as_check()

    def fix_many(self, texts: Iterable[str], *, workers: int = 2, **options) -> Iterator[Result]:
        return in_order(lambda t: self.fix(t, **options), texts, workers)

    def close(self) -> None:
        pass

    def __enter__(self) -> RemoteRepairer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def status(addr: Address) -> dict[str, Any] | None:
    """The status of the server at ``addr``, or None when none answers (no socket, a stale one)."""
    try:
        # a server still warming up answers once it is warm
        answer = request(addr, {"command": "status"}, timeout=2.0, answer_timeout=300.0)
    except (OSError, ValueError):
        return None
    return answer.get("status") if answer.get("ok") else None


def connect(settings: dict[str, Any], addr: Address | None = None,
            notice: Callable[[str], None] = lambda _: None) -> RemoteRepairer | None:
    """A client of the running server (``addr``, else :func:`address`), or None when none runs
    or it runs other code (``notice`` then says so)."""
    if addr is None:
        addr = address()
    if isinstance(addr, str) and not os.path.exists(addr):
        return None
    found = status(addr)
    if found is None:
        return None
    code = code_stamp()
    if found.get("code") != code:
        notice(f"the repair server at {describe(addr)} runs other repair code (started before an update?); "
               "working in this process. Restart it: repair serve --stop; repair serve")
        return None
    return RemoteRepairer(addr, settings, code)


def stop(addr: Address, timeout: float = 60.0) -> dict[str, Any] | None:
    """Ask the server at ``addr`` to stop and wait until it has; its status, or None if none ran."""
    found = status(addr)
    if found is None:
        if isinstance(addr, str) and os.path.exists(addr) and _stale(addr):
            os.unlink(addr)
        return None
    with contextlib.suppress(OSError, ValueError):
        request(addr, {"command": "stop"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and status(addr) is not None:
        time.sleep(0.1)
    pid = found.get("pid")
    while pid and time.monotonic() < deadline and _alive(int(pid)):
        time.sleep(0.1)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(path: str) -> bool:
    """Is ``path`` a socket that nobody listens on (a server that died)?"""
    try:
        if not stat.S_ISSOCK(os.stat(path).st_mode):
            return False
    except OSError:
        return False
    try:
        with _connect(path, timeout=2.0):
            return False
    except (ConnectionRefusedError, FileNotFoundError):
        return True
    except OSError:
        return False


# --------------------------------------------------------------------------- server


def _settings_key(settings: dict[str, Any]) -> str:
    """The cache key of ``settings``: the settings and the size and time of each file they name
    (a rule file edited since gets a fresh Repairer)."""
    stamps = {}
    for key, value in settings.items():
        if key.endswith("_files"):
            for p in value:
                with contextlib.suppress(OSError):
                    st = os.stat(p)
                    stamps[p] = [st.st_size, st.st_mtime_ns]
    return json.dumps([settings, stamps], sort_keys=True)


class Service:
    """What the server does: one warm Repairer per distinct settings, sharing one LanguageTool
    server and one model. Thread-safe: each connection runs in its own thread."""

    #: The Repairer keyword arguments a request may set.
    SETTINGS = ("lt_url", "language", "rule_files", "phrasebook_files", "reference_files")

    def __init__(self, addr: Address, log: Callable[[str], None] = lambda _: None) -> None:
        from .backends.languagetool import LanguageToolServer

        self.address = addr
        self.log = log
        self.code = code_stamp()
        self.started = time.time()
        self.requests = 0
        self._lt = LanguageToolServer()
        self._repairers: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()

    def repairer(self, settings: dict[str, Any]):
        """The warm Repairer for ``settings`` (built on first use)."""
        from .pipeline import Repairer

        unknown = sorted(set(settings) - set(self.SETTINGS))
        if unknown:
            raise UsageError(f"this repair server does not know the setting(s) {unknown}; "
                             "run with --no-server or restart it with the same repair version")
        key = _settings_key(settings)
        with self._lock:
            found = self._repairers.get(key)
            if found is not None:
                return found
            base = self._repairers.get(_settings_key({}))
            kwargs = {k: tuple(v) if k.endswith("_files") else v for k, v in settings.items()}
            if not settings.get("lt_url"):
                kwargs["lt_server"] = self._lt
            if base is not None:
                kwargs.update(_embedder=base.embedder, _detector=base.detector)
            made = Repairer(**kwargs)
            self._repairers[key] = made
            return made

    def warm(self) -> None:
        """Start LanguageTool and load the model and the rule packs now, not on the first request."""
        r = self.repairer({})
        r.warm(self.log)
        r.fix("He was a open man.")

    def status(self) -> dict[str, Any]:
        return {"pid": os.getpid(), "address": describe(self.address), "code": self.code,
                "uptime_s": round(time.time() - self.started, 1), "requests": self.requests,
                "settings": len(self._repairers), "protocol": PROTOCOL}

    def handle(self, message: dict[str, Any]) -> dict[str, Any]:
        if message.get("protocol") != PROTOCOL:
            raise UsageError(f"protocol {message.get('protocol')!r} is not this server's ({PROTOCOL}); "
                             "restart it with the installed repair")
        command = message.get("command")
        if command == "status":
            return {"ok": True, "status": self.status()}
        if command == "stop":
            self.stopping.set()
            return {"ok": True}
        if command == "fix":
            if message.get("code") != self.code:
                raise UsageError("this repair server runs other repair code; restart it: "
                                 "repair serve --stop; repair serve")
            text, options = message.get("text"), message.get("options") or {}
            if not isinstance(text, str) or not isinstance(options, dict):
                raise UsageError("a fix request needs a text (string) and options (object)")
            result = self.repairer(message.get("settings") or {}).fix(text, **options)
            with self._lock:
                self.requests += 1
            return {"ok": True, "result": result.to_dict()}
        raise UsageError(f"unknown command {command!r} (known: fix, status, stop)")

    def answer(self, line: bytes) -> dict[str, Any]:
        """The response to one request line; every failure becomes an error response."""
        try:
            message = json.loads(line)
            if not isinstance(message, dict):
                raise UsageError("a request is a JSON object")
            return self.handle(message)
        except RepairError as exc:
            return {"ok": False, "error": {"class": type(exc).__name__, "exit_status": int(exc.exit_status),
                                           "message": str(exc)}}
        except (ValueError, TypeError) as exc:  # a malformed request or unknown option
            return {"ok": False, "error": {"class": "UsageError", "exit_status": int(errors.ExitStatus.USAGE),
                                           "message": f"bad request: {exc}"}}
        except Exception as exc:  # noqa: BLE001 - the server stays up; the client shows the failure
            self.log(f"request failed: {type(exc).__name__}: {exc}")
            return {"ok": False, "error": {"class": "ServerError", "exit_status": int(errors.ExitStatus.SETUP),
                                           "message": f"the repair server failed: {type(exc).__name__}: {exc}"}}

    def close(self) -> None:
        with self._lock:
            for r in self._repairers.values():
                r.close()
            self._repairers.clear()
        self._lt.stop()


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        service: Service = self.server.service  # type: ignore[attr-defined]
        for line in self.rfile:
            if not line.strip():
                continue
            response = service.answer(line)
            try:
                self.wfile.write(json.dumps(response).encode("ascii") + b"\n")
                self.wfile.flush()
            except OSError:  # the client went away; its result is dropped
                return
            if service.stopping.is_set():
                threading.Thread(target=self.server.shutdown, daemon=True).start()
                return


class _UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class _TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _prepare_socket(path: str) -> None:
    """Make the socket's folder (0700 when we create it) and clear a stale socket; refuse to
    start beside a live server, or in a default folder that another user owns."""
    if len(os.fsencode(path)) > 100:
        raise UsageError(f"socket path {path} is too long for a Unix socket; give a shorter --socket")
    folder = Path(path).parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
    if path == default_address() and folder.stat().st_uid != os.getuid():
        raise UsageError(f"{folder} belongs to another user; give --socket PATH in a folder of yours")
    if os.path.lexists(path):
        if status(path) is not None:
            raise UsageError(f"a repair server already runs at {path}; stop it first: repair serve --stop")
        if not _stale(path):
            raise UsageError(f"{path} exists and is not a dead repair server's socket; choose another --socket")
        os.unlink(path)  # a server that died left it


def serve(addr: Address, log: Callable[[str], None] = print, ready: Callable[[str], None] | None = None) -> None:
    """Run the server at ``addr`` until ``stop``, SIGTERM or Ctrl-C; the socket is removed at the end."""
    if isinstance(addr, str):
        _prepare_socket(addr)
        old = os.umask(0o177)  # the socket is created 0600: only this user may connect
        try:
            server: socketserver.BaseServer = _UnixServer(addr, _Handler)
        finally:
            os.umask(old)
        os.chmod(addr, 0o600)
        inode = os.stat(addr).st_ino
    else:
        try:
            server = _TCPServer(addr, _Handler)
        except OSError as exc:
            raise UsageError(f"cannot listen on {describe(addr)}: {exc.strerror}") from exc
    service = Service(addr, log)
    server.service = service  # type: ignore[attr-defined]
    serving = threading.Event()

    def on_sigterm(signum, frame) -> None:  # a clean stop, as `repair serve --stop` does
        threading.Thread(target=server.shutdown, daemon=True).start()
        if not serving.is_set():
            # still warming up: stop now (the finally below cleans up); should the exception land
            # where Python ignores it, the shutdown above stops the server once it is warm
            raise SystemExit(0)

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, on_sigterm) if main_thread else None
    try:
        with server:
            log(f"repair serve: {describe(addr)} (pid {os.getpid()}): warming up")
            service.warm()
            serving.set()
            (ready or log)(f"repair serve: ready on {describe(addr)}; stop with: repair serve --stop"
                           + (f" --port {addr[1]}" if isinstance(addr, tuple) else ""))
            server.serve_forever(poll_interval=0.2)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        service.close()
        if isinstance(addr, str):
            with contextlib.suppress(OSError):
                if os.stat(addr).st_ino == inode:  # still ours, not a newer server's
                    os.unlink(addr)
        log("repair serve: stopped")
