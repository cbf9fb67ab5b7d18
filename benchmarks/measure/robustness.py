"""Robustness: bad inputs, injected faults and load, each with how it was handled and the text lost.

    python benchmarks/measure/robustness.py [--quick] [--json OUT]

Prints three tables:

* **inputs**: every kind of bad input of issue 6 given to ``repair fix`` (binary, invalid UTF-8,
  other encodings, BOM and line endings, control characters, very long lines and sentences,
  other languages, Markdown, HTML, script injection, shell metacharacters, broken rule packs
  and phrasebooks, a catastrophic user regex) and a 10 MB input of real MT sentences
  (MLQE-PE dev, shuffled into articles), repaired in pieces by a separate ``repair fix`` process
  whose peak resident memory, and its LanguageTool JVM's, are sampled;
* **faults**: LanguageTool missing, slow, answering garbage or errors, hanging up mid-answer,
  killed in the middle of a document and between documents; the model missing; Ctrl-C and
  SIGTERM during a batch;
* **load**: the dev ``mt`` sentences as 5,000 documents through one shared Repairer from several
  threads, compared with a serial run (``Result.to_dict()``, exactly).

"text lost" counts characters of the input that are not in the output as it should be: the
output must equal the input with exactly the reported applied edits, rejecting every edit must
give back the input byte for byte, and a refused input or an interrupted run must leave every
file as it was (finished outputs complete, nothing half-written). It must be 0 everywhere; the
script exits 1 otherwise. ``--quick`` uses a 1 MB input and 500 documents.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import os
import random
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
from click.testing import CliRunner

from repair.apply import apply_edits
from repair.backends import languagetool as lt
from repair.cli import main as cli_main
from repair.errors import RepairError
from repair.pipeline import Repairer
from repair.records import Result
from repair.render.html import review_page

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "mlqe-pe" / "dev"


@dataclass
class Row:
    table: str  # inputs | faults | load
    case: str
    tried: str
    handled: str
    exit: str
    lost: int
    seconds: float


def dev_sentences(folder: Path) -> list[str]:
    out = []
    for f in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            out += [json.loads(line)["mt"] for line in fh]
    if not out:
        raise SystemExit(f"no MLQE-PE files in {folder}")
    return out


def articles(sentences: list[str], target_bytes: int, seed: int = 6) -> str:
    """Shuffled real sentences in paragraphs of 1-6 sentences, until ``target_bytes`` of UTF-8."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < target_bytes:
        order = sentences[:]
        rng.shuffle(order)
        i = 0
        while i < len(order) and size < target_bytes:
            n = rng.randint(1, 6)
            para = " ".join(order[i:i + n]) + "\n\n"
            parts.append(para)
            size += len(para.encode("utf-8"))
            i += n
    return "".join(parts)


def text_lost(original: str, output: str, report: dict) -> int:
    """0 when ``output`` is ``original`` with exactly the reported applied edits and rejecting
    them all gives ``original``; otherwise how many characters differ."""
    result = Result.from_dict(report)
    expected = apply_edits(original, result.edits)
    back = apply_edits(original, [e.with_decision(False) for e in result.edits])
    if result.original == original and output == expected and back == original:
        return 0
    lost = 0
    for a, b in ((expected, output), (original, back), (original, result.original)):
        ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        lost += sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return max(lost, 1)


def first_line(text: str, limit: int = 110) -> str:
    """The error line of ``text`` (else its first line), shortened."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln.removeprefix("Error: ") for ln in lines if ln.startswith("Error: ")]
    line = (errors or lines or [""])[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


# --------------------------------------------------------------------------- the command, in this process


class Command:
    """``repair`` through click's CliRunner, every run sharing one LanguageTool server, model and detector."""

    def __init__(self, repairer: Repairer) -> None:
        self.parts = {"lt_url": repairer.checker.base_url(), "_embedder": repairer.embedder,
                      "_detector": repairer.detector}

    def __call__(self, *args) -> tuple[int, str]:
        def build(**kwargs):
            return Repairer(**{**kwargs, **self.parts})

        r = CliRunner().invoke(cli_main, [str(a) for a in args], obj={"repairer_factory": build})
        return r.exit_code, r.stderr


def summary(stderr: str) -> str:
    notices = [ln.split(": ", 2)[-1] for ln in stderr.splitlines() if ln.startswith("notice:")]
    done = [ln.split(": ", 1)[-1].split(";")[0] for ln in stderr.splitlines() if "edits applied" in ln]
    return "; ".join((done[:1] or ["done"]) + [f"notice: {n}" for n in notices])


def run_input(cmd: Command, work: Path, name: str, tried: str, raw: bytes, *extra, encoding: str = "utf-8",
              suffix: str = ".txt") -> Row:
    """``repair fix`` on ``raw``: repaired and lossless, or refused with every file left as it was."""
    return guarded("inputs", name, lambda: _input_case(cmd, work, name, tried, raw, extra, encoding, suffix))


def _input_case(cmd: Command, work: Path, name: str, tried: str, raw: bytes, extra: tuple, encoding: str,
                suffix: str) -> Row:
    case = work / name
    case.mkdir()
    src, out, report = case / f"input{suffix}", case / f"output{suffix}", case / "report.json"
    src.write_bytes(raw)
    t = time.perf_counter()
    code, stderr = cmd("fix", src, "-o", out, "--report", report, "--diff", "none", "--encoding", encoding, *extra)
    seconds = time.perf_counter() - t
    if code != 0:
        untouched = src.read_bytes() == raw and not out.exists() and not report.exists()
        leftovers = [p.name for p in case.iterdir() if p.name.startswith(".")]
        lost = 0 if untouched and not leftovers else len(raw)
        message = first_line(stderr.replace(str(case) + "/", ""))
        return Row("inputs", name, tried, f"refused: {message}", str(code), lost, seconds)
    original = raw.decode(encoding)
    lost = text_lost(original, out.read_bytes().decode(encoding), json.loads(report.read_text(encoding="utf-8")))
    return Row("inputs", name, tried, summary(stderr), str(code), lost, seconds)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
MARKDOWN = """---
title: a apple , here
---
# A heading , here

He was a open man. See [the report](https://example.org/a -b "a  title") and <https://example.org/x>.

> A quote with a error in it.

1. First item , with a apple
   * nested item

Inline `a  code  span` and <span class="a  b">a open door</span>.

```python
the the = a apple  # code
```
"""
HTML = """<!DOCTYPE html>
<html><head><title>a apple , here</title>
<style>p { content: "a apple" ; }</style>
<script>var s = "the the , a apple";</script></head>
<body>
<!-- a comment with a apple , the the -->
<p class="a  b" data-x="a apple">He was a open man . Tom&nbsp;&amp;&nbsp;Jerry &mdash; too.</p>
<a
  href="x.html"
  title="a  apple">We signed a long -term deal.</a>
</body></html>
"""
EVIL = ('<script>alert("x1")</script> He was a open man. <img src=x onerror=alert("x2")>\n'
        '</textarea><svg onload=alert("x3")> {{DATA}} <!-- \u2028 "\' & -->\n')
SHELL = ("He said $(touch {d}/pwned-1) and `touch {d}/pwned-2` ; touch {d}/pwned-3 | sh && rm -rf {d}/keep\n"
         "__import__('os').system('touch {d}/pwned-4') {{7*7}} ${{IFS}} %(x)s <!--#exec cmd=\"id\" -->\n"
         "Then he was a open man.\n")
BAD_RULES = {
    "rules: bad YAML": "rules:\n  - id: user.x\n    pattern: [unclosed\n",
    "rules: bad regex": "rules:\n  - id: user.paren\n    message: m\n    pattern: 'a(b'\n",
    "rules: duplicate id": "rules:\n  - {id: user.twice, message: m, pattern: a}\n"
                           "  - {id: user.twice, message: n, pattern: b}\n",
    "rules: unknown key": "rules:\n  - {id: user.typo, message: m, pattern: a, replace: b}\n",
}
BAD_PHRASEBOOKS = {
    "phrasebook: bad YAML": "domain: test\nentries:\n  - {canonical: open dialogue\n",
    "phrasebook: unknown key": "domain: test\nentries:\n  - {canonical: open dialogue, knd: phrase}\n",
    "phrasebook: duplicate": "domain: test\nentries:\n  - open dialogue\n  - open dialogue\n",
}
SLOW_RULE = ("rules:\n  - id: user.slow\n    message: Backtracks catastrophically\n    pattern: '(a+)+$'\n"
             "    replacement: b\n")
TEXT = "He was a open man.\r\nWe signed a long -term deal.\r\n"


def guarded(table: str, case: str, fn: Callable[[], Row]) -> Row:
    """``fn()``, or a row that says how the case itself broke (the benchmark goes on)."""
    t = time.perf_counter()
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - any failure is a finding to print
        return Row(table, case, "-", f"BENCHMARK CASE FAILED: {type(exc).__name__}: {first_line(str(exc))}", "-", 1,
                   time.perf_counter() - t)


def input_rows(cmd: Command, work: Path, sentences: list[str]) -> list[Row]:
    rows: list[Row] = []
    add = rows.append
    add(run_input(cmd, work, "empty", "0 bytes", b""))
    add(run_input(cmd, work, "whitespace", "spaces, tabs, CRLF only", b"  \n\t\r\n \n"))
    add(run_input(cmd, work, "binary", "a PNG named .txt", PNG))
    latin = "Café society: he was a open man.\n".encode("latin-1")
    add(run_input(cmd, work, "latin-1 as utf-8", "latin-1 bytes, default encoding", latin))
    add(run_input(cmd, work, "latin-1", "same, --encoding latin-1", latin, encoding="latin-1"))
    add(run_input(cmd, work, "utf-16", "UTF-16 with BOM, --encoding utf-16", TEXT.encode("utf-16"),
                  encoding="utf-16"))
    add(run_input(cmd, work, "unknown encoding", "--encoding klingon", TEXT.encode(), encoding="klingon"))
    add(run_input(cmd, work, "bom-crlf-cr", "BOM, CRLF, lone CR, no final newline",
                  b"\xef\xbb\xbf" + TEXT.encode() + b"Old\rendings , here."))
    add(run_input(cmd, work, "control chars", "BEL, ESC[31m, VT, FF, NUL after 8 KB",
                  ("x" * 8200 + "\nHe was a open man.\x07\x1b[31m Red\x1b[0m\x0b and\x0c more.\x00 End.\n").encode()))
    long_line = " ".join(sentences[:2000])
    add(run_input(cmd, work, "long line", f"one line of {len(long_line):,} characters", long_line.encode()))
    long_sentence = "He was a open man and " + " and ".join(s.rstrip(".") for s in sentences[:800]) + ".\n"
    add(run_input(cmd, work, "long sentence", f"one sentence of {len(long_sentence.split()):,} words",
                  long_sentence.encode()))
    foreign = ("Le comité a approuvé le budget mardi dernier et a annoncé une réforme .\n"
               "Der Ausschuss hat den Haushalt am Dienstag gebilligt , sagte er.\n"
               "Комитет утвердил бюджет во вторник , сказал он.\n委员会周二批准了预算 , 他说。\n"
               "He was a open man.\n")
    add(run_input(cmd, work, "other languages", "fr, de, ru, zh lines and one English", foreign.encode()))
    add(run_input(cmd, work, "markdown", "front matter, links, lists, code", MARKDOWN.encode(), suffix=".md"))
    add(run_input(cmd, work, "html", "script, style, comment, entities, multi-line tag", HTML.encode(),
                  suffix=".html"))
    rows.append(guarded("inputs", "script injection", lambda: html_injection(cmd, work)))
    rows.append(guarded("inputs", "shell text", lambda: shell_text(cmd, work)))
    for name, text in {**BAD_RULES, **BAD_PHRASEBOOKS}.items():
        pack = work / (name.replace(": ", "-").replace(" ", "-") + ".yaml")
        pack.write_text(text, encoding="utf-8")
        option = "--rules" if name.startswith("rules") else "--phrasebook"
        add(run_input(cmd, work, name, f"{option} with a mistake", TEXT.encode(), option, pack))
    return rows


def html_injection(cmd: Command, work: Path) -> Row:
    case = work / "script injection"
    case.mkdir()
    src, page = case / '<img src=x onerror=alert("x4")>.txt', case / "review.html"
    src.write_text(EVIL, encoding="utf-8")
    t = time.perf_counter()
    code, stderr = cmd("fix", src, "--html", page, "--diff", "none")
    html = page.read_text(encoding="utf-8").lower()
    plain = review_page(Result("x", "x", (), ()), "x.txt").lower()
    extra = {tag: html.count(tag) - plain.count(tag) for tag in ("<script", "<img", "<svg", "</textarea", "<!--")}
    ok = not any(extra.values()) and src.read_text(encoding="utf-8") == EVIL
    handled = "escaped: no tag from the input in the page" if ok else f"NOT ESCAPED: {extra}"
    return Row("inputs", "script injection", "<script>, onerror, </textarea> in text and file name (--html)",
               handled, str(code), 0 if ok else len(EVIL), time.perf_counter() - t)


def shell_text(cmd: Command, work: Path) -> Row:
    case = work / "shell"
    case.mkdir()
    (case / "keep").write_text("keep\n", encoding="utf-8")
    text = SHELL.format(d=case)
    src, out, report = case / "$(touch pwned-5);.txt", case / "out.txt", case / "report.json"
    src.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    code, stderr = cmd("fix", src, "-o", out, "--report", report, "--diff", "none")
    pwned = sorted(p.name for p in case.iterdir() if p.name.startswith("pwned")) + \
        sorted(p.name for p in Path.cwd().glob("pwned-*"))
    lost = text_lost(text, out.read_text(encoding="utf-8"), json.loads(report.read_text(encoding="utf-8")))
    kept = (case / "keep").exists()
    handled = "plain text: nothing ran" if not pwned and kept else f"RAN: {pwned} keep={kept}"
    return Row("inputs", "shell text", "$(...), backticks, ; | &&, __import__, {7*7}, SSI", handled, str(code),
               lost, time.perf_counter() - t)


# --------------------------------------------------------------------------- separate processes


class PeakRSS:
    """Peak resident memory of a process and, separately, of its children (the JVM), sampled;
    ``own_before`` is the process's peak before the file ``marker`` appeared."""

    def __init__(self, pid: int, marker: Path | None = None, every: float = 0.2) -> None:
        self.proc = psutil.Process(pid)
        self.marker = marker
        self.own = self.own_before = self.children = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                rss = self.proc.memory_info().rss
                self.own = max(self.own, rss)
                if self.marker is None or not self.marker.exists():
                    self.own_before = self.own
                kids = 0
                for c in self.proc.children(recursive=True):
                    try:
                        kids += c.memory_info().rss
                    except psutil.Error:
                        pass
                self.children = max(self.children, kids)
            except psutil.Error:
                pass
            time.sleep(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def repair_process(args: list[str], env: dict[str, str | None] | None = None) -> subprocess.Popen:
    """``repair ARGS`` as a separate process; ``env`` values of None remove the variable."""
    full = {**os.environ, "NO_COLOR": "1", **(env or {})}
    # SIGINT as a terminal sends it: a benchmark started in the background (`... &`) inherits an
    # ignored SIGINT, and the child would then never see the Ctrl-C this file simulates
    return subprocess.Popen([sys.executable, "-m", "repair.cli", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env={k: v for k, v in full.items() if v is not None},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def big_input(work: Path, text: str, label: str) -> Row:
    """A large input through a fresh ``repair fix`` process with its own LanguageTool server."""
    case = work / f"big-{label}"
    case.mkdir()
    src, out, report = case / "big.txt", case / "big.fixed.txt", case / "big.json"
    src.write_text(text, encoding="utf-8")
    env = {"REPAIR_LT_URL": None}  # its own server: a child process, measured
    t = time.perf_counter()
    proc = repair_process(["fix", src, "-o", out, "--report", report, "--diff", "none"], env)
    rss = PeakRSS(proc.pid, marker=out)  # the text is written before the JSON report is built
    _, stderr = proc.communicate()
    rss.stop()
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        return Row("inputs", f"{label} input", f"{len(text):,} characters", f"FAILED: {first_line(stderr)}",
                   str(proc.returncode), len(text), seconds)
    data = json.loads(report.read_text(encoding="utf-8"))
    lost = text_lost(text, out.read_text(encoding="utf-8"), data)
    pieces = -(-len(text) // Repairer.piece_chars)
    sentences = len(data["sentences"])
    handled = (f"{pieces} pieces, {sentences:,} sentences, {sum(e['applied'] for e in data['edits']):,} edits "
               f"applied; peak RSS python {rss.own_before / 2**20:,.0f} MB repairing, {rss.own / 2**20:,.0f} MB "
               f"with the --report JSON; JVM {rss.children / 2**20:,.0f} MB; {sentences / seconds:,.0f} sentences/s")
    return Row("inputs", f"{label} input", f"{len(text.encode()):,} bytes of MLQE-PE dev MT, shuffled",
               handled, str(proc.returncode), lost, seconds)


def slow_regex(work: Path, lt_url: str) -> Row:
    case = work / "slow-regex"
    case.mkdir()
    pack, src, out, report = case / "slow.yaml", case / "in.txt", case / "out.txt", case / "report.json"
    pack.write_text(SLOW_RULE, encoding="utf-8")
    text = "He was a open man.\n" + "a" * 4000 + "b\n"  # one sentence (the segmenter cuts at 5,000)
    src.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    proc = repair_process(["fix", src, "--rules", pack, "-o", out, "--report", report, "--diff", "none"],
                          {"REPAIR_LT_URL": lt_url})
    try:
        _, stderr = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return Row("inputs", "catastrophic regex", "user rule '(a+)+$' on 4,000 a's then b",
                   "HUNG: killed after 300 s", "killed", 0, time.perf_counter() - t)
    seconds = time.perf_counter() - t
    said = [ln for ln in stderr.splitlines() if "user.slow" in ln]
    lost = text_lost(text, out.read_text(encoding="utf-8"), json.loads(report.read_text(encoding="utf-8")))
    handled = f"skipped: {first_line(said[0].split(': ', 1)[-1], 90)}" if said else "finished, no skip reported"
    return Row("inputs", "catastrophic regex", "user rule '(a+)+$' on 4,000 a's then b", handled,
               str(proc.returncode), lost, seconds)


def interrupted_batch(work: Path, docs: list[str], repairer: Repairer, sig: int, workers: int) -> Row:
    """``repair fix DIR --output-dir OUT --workers N`` sent ``sig`` once two outputs are finished."""
    name = signal.Signals(sig).name
    case = work / f"batch-{name}-{workers}"
    src, out = case / "in", case / "out"
    src.mkdir(parents=True)
    for i, d in enumerate(docs):
        (src / f"doc{i:02d}.txt").write_text(d, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    t = time.perf_counter()
    proc = repair_process(["fix", src, "--output-dir", out, "--diff", "none", "--workers", workers],
                          {"REPAIR_LT_URL": repairer.checker.base_url()})
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and len([p for p in out.iterdir() if not p.name.startswith(".")]) >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    signalled = time.perf_counter()
    _, stderr = proc.communicate(timeout=600)
    to_exit = time.perf_counter() - signalled
    seconds = time.perf_counter() - t
    finished = sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) if out.is_dir() else []
    partial = sorted(p.name for p in out.iterdir() if p.name.startswith(".")) if out.is_dir() else []
    wrong = [n for n in finished
             if (out / n).read_text(encoding="utf-8") != repairer.fix(before[n].decode("utf-8")).text]
    inputs_ok = {p.name: p.read_bytes() for p in src.iterdir()} == before
    lost = sum(len(before[n]) for n in wrong) + sum(len(b) for b in before.values()) * (not inputs_ok)
    handled = (f"exit {to_exit:.1f} s after the signal, {len(finished)} of {len(docs)} documents written; outputs "
               f"{'complete' if not wrong else 'WRONG: ' + ', '.join(wrong)}; "
               f"{'no temporary file left' if not partial else 'LEFT: ' + ', '.join(partial)}; "
               f"inputs {'untouched' if inputs_ok else 'CHANGED'}")
    if partial:
        lost = max(lost, 1)
    return Row("faults", f"{name} during a batch", f"{len(docs)} files to --output-dir, --workers {workers}, "
               f"{name} after 2 finished", handled, str(proc.returncode), lost, seconds)


# --------------------------------------------------------------------------- LanguageTool faults


class Misbehaving(socketserver.ThreadingTCPServer):
    """A local "LanguageTool" that answers every request in one broken way."""

    daemon_threads = True
    allow_reuse_address = True
    ANSWERS = {
        "garbage": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n"
                   b"<html>certainly not json",
        "error": b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\n\r\noops!",
        "hangup": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"soft",
        "slow": None,
    }

    def __init__(self, mode: str) -> None:
        answer = self.ANSWERS[mode]

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                try:
                    self.request.recv(65536)
                    if answer is None:
                        time.sleep(5)
                        return
                    self.wfile.write(answer)
                except OSError:
                    pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


def fault_row(case: str, tried: str, run: Callable[[], tuple[str, str, int]]) -> Row:
    t = time.perf_counter()
    try:
        handled, code, lost = run()
    except RepairError as exc:
        handled, code, lost = f"{type(exc).__name__}: {first_line(str(exc))}", str(int(exc.exit_status)), 0
    except Exception as exc:  # noqa: BLE001 - an unexpected failure is a finding to print
        handled, code, lost = f"UNEXPECTED {type(exc).__name__}: {first_line(str(exc))}", "-", 1
    return Row("faults", case, tried, handled, code, lost, time.perf_counter() - t)


def fix_and_judge(repairer: Repairer, text: str, reference: Result | None = None) -> tuple[str, str, int]:
    result = repairer.fix(text)
    lost = text_lost(text, result.text, result.to_dict())
    notices = "; ".join(first_line(n, 90) for n in result.notices) or "no notice"
    same = "" if reference is None else (" identical to an undisturbed run;" if result.to_dict() == reference.to_dict()
                                         else " DIFFERS from an undisturbed run;")
    return f"{len(result.applied)} edits applied;{same} {notices}", "0", lost


def misbehaving(mode: str, text: str) -> tuple[str, str, int]:
    fake = Misbehaving(mode)
    host, port = fake.server_address[:2]
    try:
        with Repairer(lt_url=f"http://{host}:{port}", lt_timeout=1.0) as r:
            handled, code, lost = fix_and_judge(r, text)
    finally:
        fake.shutdown()
        fake.server_close()
    return "retried with backoff, then " + handled, code, lost


def missing_languagetool(text: str) -> tuple[str, str, int]:
    real = lt.find_installation
    lt.find_installation = lambda version=lt.LT_VERSION: None
    try:
        with Repairer(lt_server=lt.LanguageToolServer()) as r:
            return fix_and_judge(r, text)
    finally:
        lt.find_installation = real


def killed_mid_document(text: str, reference: Result, detector) -> tuple[str, str, int]:
    """The JVM is killed half a second into the check of a long document (no result cache, so it is busy)."""
    server = lt.LanguageToolServer(cache_size=0)
    in_flight, killed_in_flight = threading.Event(), threading.Event()
    with Repairer(lt_server=server, _detector=detector) as r:
        r.checker.check("Warm up.")
        client = r.checker._client()  # after a restart the checker builds a new client: this one is used once
        real_check = client.check

        def kill() -> None:
            if in_flight.is_set():
                killed_in_flight.set()
            psutil.Process(server.pid).kill()

        def check_and_die(sent: str):
            timer = threading.Timer(0.5, kill)
            timer.start()
            in_flight.set()
            try:
                return real_check(sent)
            finally:
                in_flight.clear()
                timer.cancel()

        client.check = check_and_die
        handled, code, lost = fix_and_judge(r, text, reference)
        starts = server.starts
    what = "killed while checking it" if killed_in_flight.is_set() else "NOT killed in flight"
    return f"{what}; restarted ({starts} starts), retried;{handled.split(';', 1)[1]}", code, lost


def killed_between_documents(docs: list[str], reference: list[Result], detector) -> tuple[str, str, int]:
    server = lt.LanguageToolServer()
    lost, same = 0, 0
    with Repairer(lt_server=server, _detector=detector) as r:
        for i, (d, res) in enumerate(zip(docs, r.fix_many(docs, workers=1))):
            lost += text_lost(d, res.text, res.to_dict())
            same += res.to_dict() == reference[i].to_dict()
            if i == len(docs) // 3:
                psutil.Process(server.pid).kill()
        starts = server.starts
    return (f"restarted ({starts} starts); {same} of {len(docs)} results identical to an undisturbed run",
            "0", lost)


def missing_model(lt_url: str) -> tuple[str, str, int]:
    old = os.environ.get("REPAIR_MODEL_PATH")
    os.environ["REPAIR_MODEL_PATH"] = str(Path(tempfile.gettempdir()) / "repair-no-model-here")
    try:
        with Repairer(lt_url=lt_url) as r:
            r.fix("He was a open man.")
        return "NO ERROR", "0", 0
    finally:
        if old is None:
            os.environ.pop("REPAIR_MODEL_PATH")
        else:
            os.environ["REPAIR_MODEL_PATH"] = old


def fault_rows(work: Path, repairer: Repairer, sentences: list[str]) -> list[Row]:
    text = " ".join(sentences[:12]) + "\nHe was a open man. We signed a long -term deal.\n"
    long_doc = "\n\n".join(" ".join(sentences[i:i + 5]) for i in range(0, 1500, 5)) + "\n"
    batch = [" ".join(sentences[i:i + 3]) + " He was a open man." for i in range(0, 90, 3)]
    rows = [
        fault_row("LanguageTool missing", "no installation found", lambda: missing_languagetool(text)),
        fault_row("LanguageTool slow", "answers after 5 s; timeout 1 s", lambda: misbehaving("slow", text)),
        fault_row("LanguageTool garbage", "HTML instead of JSON", lambda: misbehaving("garbage", text)),
        fault_row("LanguageTool 500", "HTTP 500 to every check", lambda: misbehaving("error", text)),
        fault_row("LanguageTool hangs up", "closes the connection mid-answer", lambda: misbehaving("hangup", text)),
        fault_row("LanguageTool killed mid-document", f"JVM killed while checking {len(long_doc):,} characters",
                  lambda: killed_mid_document(long_doc, repairer.fix(long_doc), repairer.detector)),
        fault_row("LanguageTool killed mid-batch", f"JVM killed after document {len(batch) // 3 + 1} of {len(batch)}",
                  lambda: killed_between_documents(batch, [repairer.fix(d) for d in batch], repairer.detector)),
        fault_row("model missing", "REPAIR_MODEL_PATH points nowhere",
                  lambda: missing_model(repairer.checker.base_url())),
    ]
    docs = ["\n".join(sentences[i:i + 25]) + "\n" for i in range(0, 25 * 12, 25)]
    for sig, workers in ((signal.SIGINT, 1), (signal.SIGINT, 2), (signal.SIGTERM, 1)):
        rows.append(guarded("faults", f"{sig.name} during a batch",
                            lambda: interrupted_batch(work, docs, repairer, sig, workers)))  # noqa: B023 (called now)
    return rows


# --------------------------------------------------------------------------- load


def load_rows(sentences: list[str], n: int, threads: int, detector) -> list[Row]:
    """Serial, then threads, then fix_many, each with a fresh Repairer (fresh caches; the detector's
    weights are shared) on one warmed LanguageTool server whose result cache is off, so that no run
    profits from another."""
    docs = [sentences[i % len(sentences)] for i in range(n)]
    with lt.LanguageToolServer(cache_size=0) as server:
        warm = lt.GrammarChecker(server.url)
        for i in range(0, min(n, 400), 40):  # the JVM's code is compiled on the first checks: not timed
            warm.check("\n\n".join(docs[i:i + 40]))
        return _load_rows(docs, server.url, threads, detector)


def _fresh(url: str, detector) -> Repairer:
    r = Repairer(lt_url=url, _detector=detector)
    r.fix("Warm up: the model loads here, not in the timing.")
    return r


def _load_rows(docs: list[str], url: str, threads: int, detector) -> list[Row]:
    n = len(docs)
    rows = []
    with _fresh(url, detector) as serial_r:
        t = time.perf_counter()
        serial = [serial_r.fix(d).to_dict() for d in docs]
        serial_s = time.perf_counter() - t
    lost = sum(text_lost(d, s["text"], s) for d, s in zip(docs, serial))
    rows.append(Row("load", "serial", f"{n:,} dev MT sentences, one fresh Repairer", f"{n / serial_s:,.1f} docs/s",
                    "0", lost, serial_s))
    with _fresh(url, detector) as shared:  # fresh caches: nothing is reused from the serial run
        t = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            threaded = [r.to_dict() for r in pool.map(shared.fix, docs)]
        threaded_s = time.perf_counter() - t
    with _fresh(url, detector) as shared:
        t = time.perf_counter()
        streamed = [r.to_dict() for r in shared.fix_many(docs, workers=threads)]
        streamed_s = time.perf_counter() - t
    for label, got, seconds in ((f"{threads} threads", threaded, threaded_s),
                                (f"fix_many(workers={threads})", streamed, streamed_s)):
        diff = sum(a != b for a, b in zip(got, serial)) + abs(len(got) - len(serial))
        lost = sum(text_lost(d, g["text"], g) for d, g in zip(docs, got))
        same = "identical to serial" if not diff else f"{diff} DIFFER from serial"
        rows.append(Row("load", label, f"the same {n:,} documents, one shared Repairer",
                        f"{same}; {n / seconds:,.1f} docs/s", "0", lost, seconds))
    return rows


# --------------------------------------------------------------------------- main


def weights_stamp() -> list[tuple[str, int]]:
    data = ROOT / "repair" / "data"
    return sorted((p.name, p.stat().st_mtime_ns) for p in data.glob("detector*"))


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}\n")
    print("| case | tried | handled how | exit | text lost | s |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        cells = [r.case, r.tried, r.handled, r.exit, str(r.lost), f"{r.seconds:.1f}"]
        print("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEV), help="MLQE-PE dev folder (PAIR.jsonl.gz files)")
    ap.add_argument("--quick", action="store_true", help="a 1 MB input and 500 documents instead of 10 MB and 5,000")
    ap.add_argument("--big-mb", type=float, default=None, help="size of the large input in MB (default 10; quick 1)")
    ap.add_argument("--docs", type=int, default=None, help="documents for the load check (default 5000; quick 500)")
    ap.add_argument("--threads", type=int, default=4, help="threads for the load check")
    ap.add_argument("--json", help="write every row here")
    args = ap.parse_args()
    big_mb = args.big_mb or (1.0 if args.quick else 10.0)
    n_docs = args.docs or (500 if args.quick else 5000)
    sentences = dev_sentences(Path(args.data))
    started = time.perf_counter()
    weights = weights_stamp()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="repair-robustness-") as tmp, Repairer() as repairer:
        work = Path(tmp)
        repairer.fix("Warm up: he was a open man.")
        cmd = Command(repairer)
        rows += input_rows(cmd, work, sentences)
        rows.append(guarded("inputs", "catastrophic regex", lambda: slow_regex(work, repairer.checker.base_url())))
        big = articles(sentences, int(big_mb * 2**20))
        rows.append(guarded("inputs", f"{big_mb:g} MB input", lambda: big_input(work, big, f"{big_mb:g} MB")))
        rows += fault_rows(work, repairer, sentences)
        rows += load_rows(sentences, n_docs, args.threads, repairer.detector)
    command = "python benchmarks/measure/robustness.py" + (" --quick" if args.quick else "")
    print(f"`{command}` ({time.perf_counter() - started:,.0f} s, {os.cpu_count()} CPUs)")
    print_table("Inputs tried", [r for r in rows if r.table == "inputs"])
    print_table("Faults injected", [r for r in rows if r.table == "faults"])
    print_table("Load", [r for r in rows if r.table == "load"])
    total = sum(r.lost for r in rows)
    print(f"\ntext lost, all cases: {total}")
    if weights_stamp() != weights:
        print("warning: the detector weights changed during the run; comparisons of a separate process with "
              "this one may differ for that reason alone")
    if args.json:
        Path(args.json).write_text(json.dumps({"command": command, "rows": [asdict(r) for r in rows],
                                               "text_lost": total}, indent=1, ensure_ascii=False), encoding="utf-8")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
