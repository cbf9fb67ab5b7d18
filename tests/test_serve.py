"""`repair serve`: a real server subprocess (real LanguageTool, real model), real `repair fix`
and `repair check` processes through it, compared byte for byte with in-process runs.

The server uses the session's LanguageTool server (REPAIR_LT_URL) so that only the model
loads twice; everything else is the code a user runs.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair import server
from repair.cli import main
from repair.errors import ExitStatus, RuleError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b84adcd93273e994.txt"
TEXT = "He was a open man.\nWe signed a long -term deal.\n"


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A `repair serve` process, returned once it says it is ready."""
    proc = subprocess.Popen([sys.executable, "-m", "repair.cli", "serve", *args], env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    said = []
    for line in proc.stderr:
        said.append(line)
        if "ready on" in line:
            break
    else:
        proc.wait(timeout=60)
        pytest.fail("repair serve did not start:\n" + "".join(said))
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep its stderr drained
    return proc


def _repair(*args, env, input=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "repair.cli", *map(str, args)], env=env, input=input,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def served(tmp_path_factory, repairer):
    """(socket path, client environment, server process); a stale socket was in the way."""
    folder = tmp_path_factory.mktemp("serve")
    sock = folder / "s.sock"
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # what a server that died leaves
    dead.bind(str(sock))
    dead.close()
    env = {**os.environ, "REPAIR_LT_URL": repairer.checker.base_url(), "REPAIR_SERVER": str(sock),
           "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    proc = _start(["--socket", str(sock)], env)
    yield sock, env, proc
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=60)


@pytest.fixture
def in_process(repairer):
    """run(*args) -> click result of an in-process run, with the session's LanguageTool and model."""
    from repair.pipeline import Repairer

    url = repairer.checker.base_url()

    def make(**kwargs):
        kwargs["lt_url"] = url
        return Repairer(**kwargs, _embedder=repairer.embedder, _detector=repairer.detector)

    def run(*args):
        return CliRunner().invoke(main, [str(a) for a in args], obj={"repairer_factory": make})

    return run


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _requests(sock) -> int:
    return server.status(str(sock))["requests"]


def test_socket_is_private_and_status_answers(served):
    sock, env, proc = served
    assert (sock.stat().st_mode & 0o777) == 0o600
    shown = _repair("serve", "--status", env=env)
    assert shown.returncode == 0, shown.stderr
    assert f"repair server at {sock} (pid {proc.pid}) up" in shown.stdout


def test_fix_through_the_server_is_byte_identical(served, in_process, tmp_path):
    sock, env, _ = served
    book = _write(tmp_path / "book.yaml", "domain: test\nentries:\n  - {canonical: open dialogue, kind: collocation}\n")
    short = _write(tmp_path / "short.txt", TEXT)
    for src, extra in ((SEED, []), (short, ["--phrasebook", book])):
        before = _requests(sock)
        remote = _repair("fix", src, "-o", tmp_path / "r.txt", "--report", tmp_path / "r.json", *extra, env=env)
        assert remote.returncode == 0, remote.stderr
        assert _requests(sock) == before + 1  # the server did the work
        local = in_process("fix", src, "-o", tmp_path / "l.txt", "--report", tmp_path / "l.json", *extra)
        assert local.exit_code == 0, local.output
        assert (tmp_path / "r.json").read_bytes() == (tmp_path / "l.json").read_bytes()
        assert (tmp_path / "r.txt").read_bytes() == (tmp_path / "l.txt").read_bytes()
        assert remote.stdout == local.stdout
        assert remote.stderr.replace("r.txt", "X") == local.stderr.replace("l.txt", "X")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["text"] != TEXT


def test_check_through_the_server_keeps_output_and_exit_status(served, in_process, tmp_path):
    sock, env, _ = served
    src = _write(tmp_path / "in.txt", TEXT)
    remote = _repair("check", src, "--format", "json", env=env)
    local = in_process("check", src, "--format", "json")
    assert remote.returncode == local.exit_code == ExitStatus.FINDINGS
    assert remote.stdout == local.stdout and remote.stderr == local.stderr


def test_errors_come_back_with_their_exit_status(served, in_process, tmp_path):
    sock, env, _ = served
    bad = _write(tmp_path / "bad.yaml", "rules:\n  - id: artifact.x\n    pattern: '('\n")
    src = _write(tmp_path / "in.txt", TEXT)
    remote = _repair("fix", src, "--rules", bad, env=env)
    local = in_process("fix", src, "--rules", bad)
    assert remote.returncode == local.exit_code == ExitStatus.RULES
    assert remote.stderr.strip() == local.output.strip()
    with pytest.raises(RuleError):
        server.RemoteRepairer(str(sock), {"rule_files": (str(bad),)}).fix(TEXT)


def test_concurrent_clients_and_one_that_hangs_up(served, repairer):
    sock, _, _ = served
    texts = [TEXT, "The meeting ended on Friday.\n", "Prices rose 5 % in 2019.\n", SEED.read_text(encoding="utf-8")]
    client = server.RemoteRepairer(str(sock), {"lt_url": repairer.checker.base_url()})
    gone = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    gone.connect(str(sock))
    gone.sendall(json.dumps({"protocol": server.PROTOCOL, "command": "fix", "code": client.code,
                             "text": texts[3], "options": {}, "settings": client.settings}).encode() + b"\n")
    gone.close()  # hangs up before the answer
    got = list(client.fix_many(texts * 2, workers=4))
    assert [r.to_json() for r in got] == [repairer.fix(t).to_json() for t in texts * 2]
    assert server.status(str(sock)) is not None  # still serving


def test_no_server_and_no_running_server_work_in_process(served, repairer, tmp_path):
    sock, env, _ = served
    src = _write(tmp_path / "in.txt", TEXT)
    before = _requests(sock)
    forced = CliRunner().invoke(main, ["fix", str(src), "--no-server", "--lt-url", repairer.checker.base_url(),
                                       "--diff", "none"], env={"REPAIR_SERVER": str(sock)})
    assert forced.exit_code == 0, forced.output
    assert _requests(sock) == before
    stale = tmp_path / "stale.sock"
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(stale))
    dead.close()
    assert server.connect({}, str(stale)) is None and server.connect({}, str(tmp_path / "none.sock")) is None
    missing = _repair("serve", "--status", "--socket", tmp_path / "none.sock", env=env)
    assert missing.returncode == 1 and "no repair server runs" in missing.stdout
    other = _write(tmp_path / "other.sock", "not a socket")
    refused = _repair("serve", "--socket", other, env=env)
    assert refused.returncode == ExitStatus.USAGE and "not a dead repair server's socket" in refused.stderr
    assert other.read_text(encoding="utf-8") == "not a socket"


def test_a_second_server_is_refused_then_stop(served):
    sock, env, proc = served
    twice = _repair("serve", "--socket", sock, env=env)
    assert twice.returncode == ExitStatus.USAGE and "already runs" in twice.stderr
    stopped = _repair("serve", "--stop", env=env)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout, stopped.stderr
    assert proc.wait(timeout=60) == 0
    assert not sock.exists()


def test_tcp_server_stops_cleanly_on_sigterm(repairer, tmp_path):
    port = _free_port()
    env = {**os.environ, "REPAIR_LT_URL": repairer.checker.base_url(), "REPAIR_SERVER": f"localhost:{port}",
           "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    proc = _start(["--port", str(port)], env)
    try:
        src = _write(tmp_path / "in.txt", TEXT)
        done = _repair("fix", src, "-o", "-", env=env)
        assert done.returncode == 0 and done.stdout == "He was an open man.\nWe signed a long-term deal.\n"
        assert server.status(("127.0.0.1", port))["requests"] == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    assert server.status(("127.0.0.1", port)) is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
