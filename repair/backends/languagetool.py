"""LanguageTool: install it, run its HTTP server on localhost, and check text through it.

Three pieces, each usable alone:

* :func:`install` puts LanguageTool into the user cache (``repair setup``): from Maven Central
  with ``mvn`` where Maven is available, otherwise through language-tool-python's own download.
* :class:`LanguageToolServer` owns one ``org.languagetool.server.HTTPServer`` process on a free
  localhost port: started on demand (never at import), restarted when it dies, stopped at exit.
* :class:`GrammarChecker` sends text to a server through language-tool-python
  (``remote_server=...``) and returns :class:`LTMatch` records with code-point offsets.
"""

from __future__ import annotations

import atexit
import bisect
import dataclasses
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..errors import JavaMissingError, LanguageToolError

log = logging.getLogger(__name__)

#: The LanguageTool release ``repair setup`` installs.
LT_VERSION = "6.8"
#: Language modules installed beside ``language-en``. LanguageTool's language identifier
#: refuses to start unless the codes es, ca and pt are known, so their modules come too.
LT_MODULES = ("language-en", "language-es", "language-ca", "language-pt")
JAVA_MIN = 17

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.repair</groupId><artifactId>languagetool-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId><artifactId>languagetool-server</artifactId><version>{v}</version>
      <exclusions><exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion></exclusions>
    </dependency>
{modules}
  </dependencies>
</project>
"""


def cache_home() -> Path:
    """Where ``repair`` keeps LanguageTool: ``$REPAIR_HOME`` or ``$XDG_CACHE_HOME/repair``."""
    if os.environ.get("REPAIR_HOME"):
        return Path(os.environ["REPAIR_HOME"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "repair"


# --------------------------------------------------------------------------- Java


@dataclass(frozen=True)
class JavaInfo:
    path: str
    version: str
    major: int


def find_java() -> JavaInfo:
    """Find a Java 17+ runtime (``$JAVA_HOME/bin/java`` first, then ``java`` on PATH)."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(os.path.join(os.environ["JAVA_HOME"], "bin", "java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    for java in candidates:
        if not os.path.exists(java):
            continue
        try:
            out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        m = re.search(r'version "(\d+)(?:\.(\d+))?[^"]*"', out.stderr + out.stdout)
        if not m:
            continue
        major = int(m.group(1))
        if major == 1 and m.group(2):  # "1.8.0_..." style
            major = int(m.group(2))
        version = m.group(0).split('"')[1]
        if major >= JAVA_MIN:
            return JavaInfo(java, version, major)
        raise JavaMissingError(
            f"Java {version} at {java} is too old: LanguageTool needs Java {JAVA_MIN} or newer. "
            "Install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME."
        )
    raise JavaMissingError(
        f"Java was not found: LanguageTool needs Java {JAVA_MIN} or newer. Install it "
        "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) "
        "or set JAVA_HOME."
    )


# --------------------------------------------------------------------------- install


@dataclass(frozen=True)
class Installation:
    """A LanguageTool installed on disk, and how to start its server."""

    directory: Path
    version: str
    classpath: str
    origin: str  # "maven" or "language-tool-python"

    def to_dict(self) -> dict[str, str]:
        return {"directory": str(self.directory), "version": self.version, "origin": self.origin}


def _maven_dir(version: str = LT_VERSION) -> Path:
    return cache_home() / "languagetool" / version


def find_installation(version: str = LT_VERSION) -> Installation | None:
    """The installed LanguageTool, or ``None``. Looks at ``repair setup``'s cache, then at
    language-tool-python's download directory."""
    d = _maven_dir(version)
    manifest = d / "manifest.json"
    if manifest.is_file() and (d / "lib").is_dir():
        return Installation(d, version, str(d / "lib" / "*"), "maven")
    try:
        from language_tool_python.download_lt import LocalLanguageTool

        local = LocalLanguageTool.get_latest_installed_version()
    except Exception:  # noqa: BLE001 - any failure there simply means "not installed that way"
        local = None
    if local is not None:
        try:
            jar = local.get_jar_path()
        except Exception:  # noqa: BLE001
            jar = None
        if jar is not None and Path(jar).is_file():
            return Installation(Path(jar).parent, local.version_name, str(jar), "language-tool-python")
    return None


def install(version: str = LT_VERSION, *, force: bool = False, echo=print) -> Installation:
    """Install LanguageTool into the cache; quick when it is already there."""
    found = find_installation(version)
    if found is not None and not force:
        echo(f"LanguageTool {found.version} is already installed in {found.directory}")
        return found
    find_java()
    if shutil.which("mvn"):
        return _install_with_maven(version, echo=echo)
    echo("Maven (mvn) not found; using language-tool-python's download instead.")
    return _install_with_ltp(version, echo=echo)


def _install_with_maven(version: str, *, echo=print) -> Installation:
    target = _maven_dir(version)
    target.parent.mkdir(parents=True, exist_ok=True)
    modules = "\n".join(
        f"    <dependency><groupId>org.languagetool</groupId><artifactId>{m}</artifactId>"
        f"<version>{version}</version></dependency>"
        for m in LT_MODULES
    )
    with tempfile.TemporaryDirectory(prefix="repair-lt-", dir=target.parent) as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "pom.xml").write_text(_POM.format(v=version, modules=modules), encoding="utf-8")
        lib = tmpdir / "out" / "lib"
        echo(f"Fetching LanguageTool {version} ({', '.join(LT_MODULES)}) from Maven Central with mvn ...")
        cmd = ["mvn", "-q", "-B", "-f", str(tmpdir / "pom.xml"), "dependency:copy-dependencies",
               f"-DoutputDirectory={lib}", "-DincludeScope=runtime"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-15:]
            raise LanguageToolError(
                "mvn could not fetch LanguageTool from Maven Central:\n  " + "\n  ".join(tail)
                + "\nCheck the network or proxy settings of Maven (~/.m2/settings.xml), then run `repair setup` again."
            )
        jars = sorted(p.name for p in lib.glob("*.jar"))
        (tmpdir / "out" / "manifest.json").write_text(
            json.dumps({"version": version, "modules": list(LT_MODULES), "jars": jars,
                        "origin": "maven"}, indent=1),
            encoding="utf-8",
        )
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmpdir / "out", target)  # atomic: a half-finished install is never seen
    echo(f"Installed LanguageTool {version} ({len(jars)} jars) in {target}")
    return Installation(target, version, str(target / "lib" / "*"), "maven")


def _install_with_ltp(version: str, *, echo=print) -> Installation:
    try:
        from language_tool_python.download_lt import LocalLanguageTool

        local = LocalLanguageTool.from_version_name(version)
        local.download()
    except Exception as exc:  # noqa: BLE001
        raise LanguageToolError(
            f"language-tool-python could not download LanguageTool {version}: {exc}. "
            "Install Maven (apt-get install maven) so `repair setup` can fetch it from Maven Central, "
            "or point REPAIR_LT_URL at a running LanguageTool server."
        ) from exc
    found = find_installation(version)
    if found is None:
        raise LanguageToolError("LanguageTool was downloaded but its server jar was not found.")
    echo(f"Installed LanguageTool {found.version} in {found.directory}")
    return found


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LanguageToolServer:
    """One LanguageTool HTTP server process on localhost, owned by this object.

    Nothing starts until :meth:`start` (or :attr:`url`) is first used. The process is
    stopped by :meth:`stop`, by ``with``, or at interpreter exit.
    """

    def __init__(
        self,
        installation: Installation | None = None,
        *,
        threads: int | None = None,
        heap: str = "1g",
        start_timeout: float = 120.0,
        cache_size: int = 5000,
    ) -> None:
        self._installation = installation
        self.threads = threads or max(2, os.cpu_count() or 2)
        self.heap = heap
        self.start_timeout = start_timeout
        self.cache_size = cache_size
        self._proc: subprocess.Popen[bytes] | None = None
        self._port: int | None = None
        self._lock = threading.RLock()
        self._config_path: Path | None = None
        self._log_path: Path | None = None
        self.starts = 0  # how many times a process was started (restarts included)

    # -- lifecycle

    @property
    def url(self) -> str:
        """The server's base URL, starting the server if it is not running."""
        self.ensure_running()
        return f"http://127.0.0.1:{self._port}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def ensure_running(self) -> None:
        with self._lock:
            if not self.alive():
                if self._proc is not None:
                    log.warning("LanguageTool server (pid %s) died; restarting it", self._proc.pid)
                self.start()

    def start(self) -> None:
        with self._lock:
            if self.alive():
                return
            java = find_java()
            inst = self._installation or find_installation()
            if inst is None:
                raise LanguageToolError(
                    "LanguageTool is not installed. Run `repair setup` (it fetches LanguageTool "
                    f"{LT_VERSION} from Maven Central), or set REPAIR_LT_URL to a running server."
                )
            self._installation = inst
            workdir = Path(tempfile.mkdtemp(prefix="repair-lt-run-"))
            self._config_path = workdir / "server.properties"
            self._config_path.write_text(
                f"maxCheckThreads={self.threads}\n"
                f"cacheSize={self.cache_size}\n"
                "cacheTTLSeconds=3600\n"
                "pipelineCaching=true\n"
                "maxTextLength=2000000\n"
                "maxCheckTimeMillis=120000\n",
                encoding="utf-8",
            )
            self._log_path = workdir / "server.log"
            self._port = free_port()
            cmd = [java.path, f"-Xmx{self.heap}", "-XX:+UseSerialGC", "-Xss4m",
                   "-cp", inst.classpath, "org.languagetool.server.HTTPServer",
                   "--port", str(self._port), "--config", str(self._config_path)]
            # no --public: the server binds to localhost only
            with open(self._log_path, "wb") as logf:
                self._proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT,
                                              stdin=subprocess.DEVNULL, cwd=workdir)
            self.starts += 1
            _RUNNING.add(self)
            self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        url = f"http://127.0.0.1:{self._port}/v2/languages"
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                raise LanguageToolError(
                    f"The LanguageTool server exited while starting (code {self._proc.returncode if self._proc else '?'}). "
                    f"Its log says:\n{self.log_tail()}\nRun `repair doctor` to check the installation."
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise LanguageToolError(
            f"The LanguageTool server did not answer within {self.start_timeout:.0f}s. "
            f"Its log says:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 12) -> str:
        if self._log_path and self._log_path.exists():
            return "\n".join(self._log_path.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"

    def stop(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
            _RUNNING.discard(self)
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
            if self._config_path is not None:
                shutil.rmtree(self._config_path.parent, ignore_errors=True)
                self._config_path = None

    def __enter__(self) -> LanguageToolServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


_RUNNING: set[LanguageToolServer] = set()


@atexit.register
def _stop_all() -> None:
    for server in list(_RUNNING):
        server.stop()


# --------------------------------------------------------------------------- client


@dataclass(frozen=True, slots=True)
class LTMatch:
    """One LanguageTool match, with code-point offsets into the checked text."""

    offset: int
    length: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"offset": self.offset, "length": self.length, "rule_id": self.rule_id,
                "category": self.category, "issue_type": self.issue_type,
                "message": self.message, "replacements": list(self.replacements)}

    @classmethod
    def from_dict(cls, d: dict) -> LTMatch:
        return cls(d["offset"], d["length"], d["rule_id"], d["category"], d["issue_type"],
                   d["message"], tuple(d["replacements"]))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: Stands in for characters outside the BMP while LanguageTool checks the text, so that its
#: UTF-16 offsets equal Python's code-point offsets (one stand-in per character).
_ASTRAL_STANDIN = "\ufffc"


#: LanguageTool categories switched off for one English variant: in British text Oxford spelling
#: (organization for organisation) is a house choice, LanguageTool itself calls both correct.
DISABLED_CATEGORIES: dict[str, tuple[str, ...]] = {"en-GB": ("BRE_STYLE_OXFORD_SPELLING",)}


class GrammarChecker:
    """Checks English text with LanguageTool, through language-tool-python.

    ``url`` names an existing server (or ``$REPAIR_LT_URL``); otherwise a
    :class:`LanguageToolServer` is started on first use and owned by this checker.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        language: str = "en-US",
        server: LanguageToolServer | None = None,
        disabled_rules: tuple[str, ...] = (),
        timeout: float = 120.0,
        retries: int = 2,
    ) -> None:
        self._url = url or os.environ.get("REPAIR_LT_URL") or None
        self._server = server if self._url is None else None
        self.language = language
        self.disabled_rules = tuple(disabled_rules)
        self.timeout = timeout
        self.retries = retries
        self._tools: dict = {}
        self._tool_url: str | None = None
        self._lock = threading.Lock()

    @property
    def server(self) -> LanguageToolServer | None:
        return self._server

    @property
    def owns_server(self) -> bool:
        return self._url is None

    def base_url(self) -> str:
        if self._url is not None:
            return self._url.rstrip("/")
        if self._server is None:
            self._server = LanguageToolServer()
        return self._server.url

    def _client(self, language: str | None = None):
        """The language-tool-python client for ``language`` (default :attr:`language`), one per variant."""
        url = self.base_url()
        language = language or self.language
        with self._lock:
            if self._tool_url != url:
                self._tools = {}
                self._tool_url = url
            if language not in self._tools:
                import language_tool_python

                # every request, the first one included, times out after self.timeout seconds
                client_class = type("TimedLanguageTool", (language_tool_python.LanguageTool,),
                                    {"_TIMEOUT": self.timeout})
                tool = client_class(language, remote_server=url)
                if self.disabled_rules:
                    tool.disabled_rules = set(self.disabled_rules)
                if language in DISABLED_CATEGORIES:
                    tool.disabled_categories = set(DISABLED_CATEGORIES[language])
                self._tools[language] = tool
            return self._tools[language]

    def check(self, text: str, language: str | None = None) -> list[LTMatch]:
        """All LanguageTool matches in ``text`` (checked as ``language``, default :attr:`language`:
        en-US, en-GB ...); restarts an owned server that died.

        Long texts go in several requests cut at line breaks, and a line longer than
        :data:`MAX_LINE_CHARS` is cut at white space (LanguageTool runs out of memory on one
        sentence of tens of thousands of characters).
        """
        if not text.strip():
            return []
        spans = request_spans(text)
        if len(spans) == 1:
            return self._request(text, language)
        out: list[LTMatch] = []
        for a, b in spans:
            if text[a:b].strip():
                out += [dataclasses.replace(m, offset=m.offset + a) for m in self._request(text[a:b], language)]
        return out

    def _request(self, text: str, language: str | None = None) -> list[LTMatch]:
        sent = _ASTRAL.sub(_ASTRAL_STANDIN, text)
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                raw = self._client(language).check(sent)
                return [_convert(m, text) for m in raw]
            except Exception as exc:  # noqa: BLE001 - language-tool-python raises several kinds
                last = exc
                tail = self._server.log_tail(6) if self._server is not None else "(no log)"
                if tail != "(no log)":
                    log.warning("LanguageTool check failed (attempt %d): %s; the server's log ends with:\n%s",
                                attempt + 1, exc, tail)
                else:
                    log.warning("LanguageTool check failed (attempt %d): %s", attempt + 1, exc)
                if self._server is not None:
                    self._server.ensure_running()
                time.sleep(min(0.5 * 2**attempt, 4.0))
        raise LanguageToolError(
            f"LanguageTool did not answer after {self.retries + 1} attempts: {last}"
        ) from last

    def check_many(self, texts: list[str], *, separator: str = "\n\n",
                   language: str | None = None) -> list[list[LTMatch]]:
        """Matches for each of ``texts`` (offsets relative to each text), in one request.

        The texts are joined by blank lines, so LanguageTool sees separate paragraphs.
        """
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + len(separator)
        per: list[list[LTMatch]] = [[] for _ in texts]
        if not texts:
            return per
        for m in self.check(separator.join(texts), language):
            i = bisect.bisect_right(starts, m.offset) - 1
            if 0 <= i < len(texts) and m.offset + m.length <= starts[i] + len(texts[i]):
                per[i].append(dataclasses.replace(m, offset=m.offset - starts[i]))
        return per

    def version(self) -> str:
        """The server's LanguageTool version (a live request)."""
        base = self.base_url()
        req = urllib.request.Request(
            f"{base}/v2/check", data=b"language=en-US&text=ok", method="POST"
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            data = json.load(r)
        return str(data.get("software", {}).get("version", "?"))

    def close(self) -> None:
        for tool in self._tools.values():
            try:
                tool.close()
            except Exception:  # noqa: BLE001
                pass
        self._tools = {}
        if self._server is not None and self.owns_server:
            self._server.stop()


#: Longest text sent in one request, and longest line (cut at white space beyond this).
MAX_REQUEST_CHARS = 50_000
MAX_LINE_CHARS = 5_000


def request_spans(text: str, max_request: int = MAX_REQUEST_CHARS,
                  max_line: int = MAX_LINE_CHARS) -> list[tuple[int, int]]:
    r"""(start, end) spans covering ``text`` exactly, each at most ``max_request`` characters,
    cut after line breaks; a line longer than ``max_line`` is cut at white space.

    >>> request_spans("ab\ncd\n", max_request=4)
    [(0, 3), (3, 6)]
    >>> request_spans("aaa bbb ccc", max_line=5)
    [(0, 4), (4, 8), (8, 11)]
    """
    spans: list[tuple[int, int]] = []
    start = pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if len(line) > max_line:
            if pos > start:
                spans.append((start, pos))
            a = pos
            while end - a > max_line:
                cut = text.rfind(" ", a + 1, a + max_line)
                b = cut + 1 if cut > a else a + max_line
                spans.append((a, b))
                a = b
            spans.append((a, end))
            start = end
        elif end - start > max_request and pos > start:
            spans.append((start, pos))
            start = pos
        pos = end
    if pos > start or not spans:
        spans.append((start, pos))
    return spans


def _convert(m, text: str) -> LTMatch:
    offset, length = int(m.offset), int(m.error_length)
    offset = max(0, min(offset, len(text)))
    length = max(0, min(length, len(text) - offset))
    return LTMatch(
        offset=offset,
        length=length,
        rule_id=str(m.rule_id),
        category=str(m.category),
        issue_type=str(getattr(m, "rule_issue_type", "") or ""),
        message=str(m.message),
        replacements=tuple(str(r) for r in (m.replacements or ())),
    )
