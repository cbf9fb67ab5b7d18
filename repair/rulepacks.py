"""Rule packs: MT-artifact rules and the grammar policy, loaded from YAML and validated.

Rule data is data: it lives in ``rules/`` (shipped in the wheel as ``repair.rules`` and found
with :mod:`importlib.resources`); user packs are added with ``--rules FILE``. Every problem
in a file is reported with the file, the entry and what is wrong (:class:`RuleError`).

An artifact rule (see ``rules/README.md`` for the whole schema)::

    - id: artifact.spacing.hyphen
      message: "Stray space before a hyphen in a compound"
      pattern: '(?<=\\w) -(?=\\w)'
      replacement: '-'
      confidence: 0.95
      examples:
        fire: [{text: "a 40 -month war", fixed: "a 40-month war"}]
        pass: ["a 40-month war", "pages 3 - 5"]
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import fnmatch
import functools
import importlib.resources
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .errors import RuleError
from .ruledata import builtin_files, parse_yaml  # noqa: F401  (part of this module's API)
from .rulehooks import HOOKS, Context

log = logging.getLogger(__name__)

_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$")
# Rule patterns are compiled with the `regex` module: same syntax as `re`, plus a time budget.
_FLAGS = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE, "DOTALL": regex.DOTALL,
          "VERBOSE": regex.VERBOSE}
#: Seconds of matching one rule may spend on one sentence; past that the rule is skipped
#: for that sentence, with a warning (a user's pattern cannot hang the tool).
REGEX_TIMEOUT = 1.0


@dataclass(frozen=True)
class Example:
    text: str
    fixed: str | None = None  # for "fire" examples: the text after the rule


@dataclass(frozen=True)
class ArtifactRule:
    """A regular-expression rule for one recurring MT artifact."""

    id: str
    message: str
    pattern: regex.Pattern[str]
    replacement: str | None  # None: flag only, no fix
    confidence: float
    path: str
    fire: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()
    #: Optional Python hook (name in repair.propose.artifacts.HOOKS) that builds the replacement.
    hook: str | None = None
    #: Words (lower-case) that, when the match is exactly one of them, do not fire the rule.
    exceptions: frozenset[str] = frozenset()

    @property
    def flag_only(self) -> bool:
        """A rule with neither replacement nor hook: it reports where it matches and changes nothing."""
        return self.replacement is None and self.hook is None

    def expand(self, m: regex.Match[str]) -> str | None:
        if self.replacement is None:
            return None
        return m.expand(self.replacement)


@dataclass(frozen=True)
class GrammarPolicy:
    """How each LanguageTool rule or category is used: apply, suggest or ignore, with what confidence."""

    @dataclass(frozen=True)
    class Entry:
        action: str  # apply | suggest | ignore
        confidence: float
        note: str = ""

    rules: dict[str, Entry] = field(default_factory=dict)  # rule id (fnmatch patterns allowed)
    categories: dict[str, Entry] = field(default_factory=dict)
    default: Entry = Entry("suggest", 0.5)

    def lookup(self, rule_id: str, category: str) -> Entry:
        if rule_id in self.rules:
            return self.rules[rule_id]
        for pat, entry in self.rules.items():
            if any(ch in pat for ch in "*?[") and fnmatch.fnmatchcase(rule_id, pat):
                return entry
        return self.categories.get(category, self.default)


@dataclass(frozen=True)
class RuleSet:
    artifacts: tuple[ArtifactRule, ...]
    grammar: GrammarPolicy
    sources: tuple[str, ...]

    def enabled(self, disabled: Iterable[str] = ()) -> RuleSet:
        """A copy without the rules whose id starts with any of the given prefixes."""
        prefixes = tuple(disabled)
        if not prefixes:
            return self
        keep = tuple(r for r in self.artifacts if not has_prefix(r.id, prefixes))
        return RuleSet(keep, self.grammar, self.sources)


def has_prefix(rule_id: str, prefixes: tuple[str, ...]) -> bool:
    """True when ``rule_id`` is, or lies under, one of the dotted ``prefixes``."""
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in prefixes)


#: Rule families whose ids cannot be listed offline: LanguageTool's rules (any id under it counts).
OPEN_FAMILIES = ("grammar.lt.",)


def unknown_prefixes(prefixes: Iterable[str], known_ids: Iterable[str]) -> list[str]:
    """The ``--disable`` prefixes that switch off no rule: none of ``known_ids`` is or lies under
    them, and they are not in (or above) an :data:`OPEN_FAMILIES` family.

    >>> unknown_prefixes(["artifact.case", "grammar.lt.EN_A_VS_AN", "grammar", "artefact"],
    ...                  ["artifact.case.shouting", "phrasebook.idiom.variant"])
    ['artefact']
    """
    ids = tuple(known_ids)
    out = []
    for p in prefixes:
        dotted = p.rstrip(".") + "."
        if any(dotted.startswith(f) or f.startswith(dotted) for f in OPEN_FAMILIES):
            continue
        if not any(has_prefix(i, (p,)) for i in ids):
            out.append(p)
    return out


# --------------------------------------------------------------------------- matching with a time budget


@dataclass(frozen=True)
class RegexTimeout:
    """One rule skipped on one sentence because its pattern ran past :data:`REGEX_TIMEOUT`."""

    rule: str
    path: str
    #: The sentence the rule was skipped on (the very string object it was given).
    text: str


_timeouts: contextvars.ContextVar[list[RegexTimeout] | None] = contextvars.ContextVar("repair_regex_timeouts",
                                                                                      default=None)


@contextlib.contextmanager
def collect_timeouts() -> Iterator[list[RegexTimeout]]:
    """Collect the rule timeouts of the block (in this thread), to report them as notices.

    >>> rule = parse_artifact_pack({"rules": [{"id": "user.slow", "message": "m", "pattern": "(a+)+$"}]}, "u.yaml")[0]
    >>> with collect_timeouts() as skipped:
    ...     found = list(finditer(rule, "a" * 5000 + "b", timeout=0.05))
    >>> found, [t.rule for t in skipped]
    ([], ['user.slow'])
    """
    found: list[RegexTimeout] = []
    token = _timeouts.set(found)
    try:
        yield found
    finally:
        _timeouts.reset(token)


def finditer(rule: ArtifactRule, text: str, *, timeout: float | None = None) -> Iterator[regex.Match[str]]:
    """The matches of ``rule`` in ``text``, giving up (with a warning) once matching has taken
    ``timeout`` seconds (default :data:`REGEX_TIMEOUT`). Matches found before that are kept;
    the skip is logged and recorded for :func:`collect_timeouts`."""
    budget = REGEX_TIMEOUT if timeout is None else timeout
    try:
        yield from rule.pattern.finditer(text, timeout=budget)
    except TimeoutError:
        log.warning("rule %s (%s) took more than %gs on a sentence of %d characters and was skipped there",
                    rule.id, rule.path, budget, len(text))
        found = _timeouts.get()
        if found is not None:
            found.append(RegexTimeout(rule.id, rule.path, text))


def timeout_notices(skipped: Iterable[RegexTimeout], sentences: Sequence[str]) -> list[str]:
    """One notice per timeout: "rule X timed out on sentence N and was skipped" (N counts from 1).

    >>> timeout_notices([RegexTimeout("user.slow", "u.yaml", "B b.")], ["A a.", "B b."])
    ['rule user.slow (u.yaml) timed out on sentence 2 and was skipped there']
    """
    out = []
    for t in skipped:
        n = next((i for i, s in enumerate(sentences, 1) if s is t.text), None)
        if n is None:
            n = next((i for i, s in enumerate(sentences, 1) if s == t.text), None)
        where = f"sentence {n}" if n is not None else f"a sentence of {len(t.text)} characters"
        notice = f"rule {t.rule} ({t.path}) timed out on {where} and was skipped there"
        if notice not in out:
            out.append(notice)
    return out


def run_rule(rule, sentence: str, context: Context | None = None) -> Iterable[tuple[int, int, str | None]]:
    """(start, end, replacement) for each place ``rule`` fires in ``sentence``; the replacement
    is None for a rule that only flags (neither ``replacement`` nor ``hook``).

    ``context`` is the whole text (default: the sentence alone).

    >>> rule = parse_artifact_pack({"rules": [{"id": "house.flag", "message": "m", "pattern": "utilise"}]}, "u.yaml")[0]
    >>> list(run_rule(rule, "We utilise it."))
    [(3, 10, None)]
    """
    ctx = context if context is not None else Context(sentence)
    for m in finditer(rule, sentence):
        if rule.exceptions and m.group(0).lower() in rule.exceptions:
            continue
        if rule.flag_only:
            yield m.start(), m.end(), None
            continue
        if rule.hook:
            repl = HOOKS[rule.hook](m, sentence, ctx)
        else:
            repl = rule.expand(m)
        if repl is None or repl == m.group(0):
            continue
        yield from _around_inner(m, repl)


def _around_inner(m: regex.Match[str], repl: str) -> Iterator[tuple[int, int, str]]:
    """A replacement that keeps the match's ``inner`` group as it is (a quotation whose marks
    change: ``« X »`` -> ``“X”``) becomes two edits, one each side of it, so that an edit inside
    the quotation can still be made; any other replacement is one edit.

    >>> rule = parse_artifact_pack({"rules": [{"id": "u.q", "message": "m", "pattern": "« (?P<inner>[^»]*) »",
    ...                                         "replacement": "“\\\\g<inner>”"}]}, "u.yaml")[0]
    >>> list(run_rule(rule, "He said « no ». "))
    [(8, 10, '“'), (12, 14, '”')]
    """
    inner = m.group("inner") if "inner" in m.re.groupindex else None
    at = repl.find(inner) if inner else -1
    if at < 0 or repl.find(inner, at + 1) >= 0:
        yield m.start(), m.end(), repl
        return
    left, right = repl[:at], repl[at + len(inner):]
    (a, b), (c, d) = (m.start(), m.start("inner")), (m.end("inner"), m.end())
    if m.string[a:b] != left:
        yield a, b, left
    if m.string[c:d] != right:
        yield c, d, right


def apply_rule(rule, sentence: str, context: Context | None = None) -> str:
    """``sentence`` with every firing of ``rule`` applied (used by rule examples and tests)."""
    out, pos = [], 0
    for s, e, r in run_rule(rule, sentence, context):
        if s < pos or r is None:
            continue
        out.append(sentence[pos:s])
        out.append(r)
        pos = e
    out.append(sentence[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- loading


def _compile(pattern: Any, flags: Any, path: str, rid: str) -> regex.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise RuleError("'pattern' must be a non-empty string", path=path, entry=rid)
    f = 0
    for name in flags or ():
        if name not in _FLAGS:
            raise RuleError(f"unknown regex flag {name!r} (known: {', '.join(_FLAGS)})", path=path, entry=rid)
        f |= _FLAGS[name]
    try:
        return regex.compile(pattern, f)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise RuleError(f"bad regex {pattern!r}: {exc}", path=path, entry=rid) from exc


def _check_replacement(pattern: regex.Pattern[str], repl: str, path: str, rid: str) -> None:
    """Expand ``repl`` once against a stand-in pattern with the same groups (which matches the
    empty string), so that bad escapes and unknown group references are reported on load."""
    names = {i: n for n, i in pattern.groupindex.items()}
    stand_in = "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, pattern.groups + 1))
    try:
        regex.compile(stand_in).sub(repl, "", count=1)
    except (regex.error, IndexError) as exc:
        raise RuleError(f"bad replacement {repl!r}: {exc}", path=path, entry=rid) from exc


def _examples(raw: Any, path: str, rid: str, kind: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RuleError(f"examples.{kind} must be a list", path=path, entry=rid)
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            fixed = item.get("fixed")
            if fixed is not None and not isinstance(fixed, str):
                raise RuleError(f"examples.{kind}: 'fixed' must be a string", path=path, entry=rid)
            out.append(Example(item["text"], fixed))
        else:
            raise RuleError(f"examples.{kind}: each example is a string or {{text, fixed}}", path=path, entry=rid)
    return tuple(out)


def parse_artifact_pack(data: Any, path: str) -> list[ArtifactRule]:
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError("a rule pack is a mapping with a 'rules' list", path=path)
    rules = []
    for i, raw in enumerate(data["rules"]):
        if not isinstance(raw, dict):
            raise RuleError(f"rule #{i + 1} is not a mapping", path=path)
        rid = raw.get("id")
        if not isinstance(rid, str) or not _ID.match(rid):
            raise RuleError(f"rule #{i + 1}: 'id' must be a dotted lower-case id like artifact.spacing.hyphen, got {rid!r}",
                            path=path)
        unknown = set(raw) - {"id", "message", "pattern", "replacement", "confidence", "flags", "examples",
                              "hook", "exceptions", "note"}
        if unknown:
            raise RuleError(f"unknown keys {sorted(unknown)}", path=path, entry=rid)
        msg = raw.get("message")
        if not isinstance(msg, str) or not msg.strip():
            raise RuleError("'message' is required", path=path, entry=rid)
        conf = raw.get("confidence", 0.9)
        if not isinstance(conf, (int, float)) or not 0.0 <= conf <= 1.0:
            raise RuleError(f"'confidence' must be a number from 0 to 1, got {conf!r}", path=path, entry=rid)
        repl = raw.get("replacement")
        if repl is not None and not isinstance(repl, str):
            raise RuleError("'replacement' must be a string", path=path, entry=rid)
        hook = raw.get("hook")
        if hook is not None and hook not in HOOKS:
            raise RuleError(f"unknown hook {hook!r} (known: {', '.join(sorted(HOOKS))})", path=path, entry=rid)
        pattern = _compile(raw.get("pattern"), raw.get("flags"), path, rid)
        if repl is not None:
            _check_replacement(pattern, repl, path, rid)
        ex = raw.get("examples") or {}
        if not isinstance(ex, dict):
            raise RuleError("'examples' must map 'fire' and 'pass' to lists", path=path, entry=rid)
        exceptions = raw.get("exceptions") or []
        if not isinstance(exceptions, list) or not all(isinstance(x, str) for x in exceptions):
            raise RuleError("'exceptions' must be a list of strings", path=path, entry=rid)
        rules.append(ArtifactRule(
            id=rid, message=msg.strip(), pattern=pattern, replacement=repl, confidence=float(conf), path=path,
            fire=_examples(ex.get("fire"), path, rid, "fire"), passes=_examples(ex.get("pass"), path, rid, "pass"),
            hook=hook, exceptions=frozenset(x.lower() for x in exceptions),
        ))
    return rules


def parse_grammar_policy(data: Any, path: str) -> GrammarPolicy:
    if not isinstance(data, dict):
        raise RuleError("the grammar policy is a mapping with 'rules', 'categories' and 'default'", path=path)

    def entry(raw: Any, name: str) -> GrammarPolicy.Entry:
        if not isinstance(raw, dict):
            raise RuleError("must be a mapping with 'action' and 'confidence'", path=path, entry=name)
        action = raw.get("action")
        if action not in ("apply", "suggest", "ignore"):
            raise RuleError(f"'action' must be apply, suggest or ignore, got {action!r}", path=path, entry=name)
        conf = raw.get("confidence", 0.5)
        if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            raise RuleError(f"'confidence' must be a number from 0 to 1, got {conf!r}", path=path, entry=name)
        return GrammarPolicy.Entry(action, float(conf), str(raw.get("note", "")))

    rules = {k: entry(v, k) for k, v in (data.get("rules") or {}).items()}
    cats = {k: entry(v, k) for k, v in (data.get("categories") or {}).items()}
    default = entry(data.get("default", {"action": "suggest", "confidence": 0.5}), "default")
    return GrammarPolicy(rules, cats, default)


def load_rules(extra: Iterable[str | Path] = (), *, builtin: bool = True) -> RuleSet:
    """The shipped rule packs (unless ``builtin=False``) plus the given YAML files."""
    files: list[tuple[str, str]] = []
    if builtin:
        files.extend(builtin_files("artifacts"))
    for p in extra:
        p = Path(p)
        try:
            files.append((str(p), p.read_text(encoding="utf-8")))
        except UnicodeDecodeError as exc:
            raise RuleError(f"not UTF-8 text (byte {exc.start}); save the rule file as UTF-8", path=str(p)) from exc
        except OSError as exc:
            raise RuleError(f"cannot read the rule file: {exc.strerror}", path=str(p)) from exc
    artifacts: list[ArtifactRule] = []
    seen: dict[str, str] = {}
    measured = measured_confidences() if builtin else {}
    for path, text in files:
        for rule in parse_artifact_pack(parse_yaml(text, path), path):
            if rule.id in measured and path.startswith("rules/"):
                rule = dataclasses.replace(rule, confidence=measured[rule.id])
            if rule.id in seen:
                raise RuleError(f"duplicate rule id (also defined in {seen[rule.id]})", path=path, entry=rule.id)
            seen[rule.id] = path
            artifacts.append(rule)
    grammar = load_grammar_policy()
    return RuleSet(tuple(artifacts), grammar, tuple(p for p, _ in files) + GRAMMAR_POLICY_FILES)


#: Measurements of the shipped artifact rules (written by benchmarks/tune/grammar_policy.py).
ARTIFACTS_MEASURED = "rules/generated/artifacts_measured.yaml"


def measured_confidences() -> dict[str, float]:
    """Rule id -> the confidence measured for it (:data:`ARTIFACTS_MEASURED`), for the rules with
    enough support; :func:`load_rules` gives a shipped rule this one in place of its pack's."""
    text = importlib.resources.files("repair.rules").joinpath("generated", "artifacts_measured.yaml").read_text(
        encoding="utf-8")
    data = parse_yaml(text, ARTIFACTS_MEASURED)
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, dict):
        raise RuleError("a mapping with a 'rules' mapping (rule id -> {confidence, measured})", path=ARTIFACTS_MEASURED)
    out = {}
    for rid, raw in rules.items():
        conf = raw.get("confidence") if isinstance(raw, dict) else None
        if conf is None:
            continue
        if not isinstance(conf, (int, float)) or not 0.0 <= conf <= 1.0:
            raise RuleError(f"'confidence' must be a number from 0 to 1, got {conf!r}", path=ARTIFACTS_MEASURED, entry=rid)
        out[rid] = float(conf)
    return out


#: The authored grammar policy and the measured one (written by benchmarks/tune/grammar_policy.py).
GRAMMAR_POLICY_FILES = ("rules/grammar.yaml", "rules/generated/grammar_measured.yaml")


def merge_grammar_policy(authored: Any, measured: Any) -> dict[str, Any]:
    """One policy mapping from the authored policy and the measured one: for rules, the authored
    ``fallbacks`` < the measured ``rules`` < the authored ``overrides``; for categories, the
    authored priors < the measured categories; the authored ``default``.

    >>> merged = merge_grammar_policy(
    ...     {"default": {"action": "suggest"}, "overrides": {"A": {"action": "apply"}},
    ...      "fallbacks": {"B": {"action": "ignore"}, "C": {"action": "ignore"}}},
    ...     {"rules": {"A": {"action": "suggest"}, "C": {"action": "suggest"}}})
    >>> {k: v["action"] for k, v in merged["rules"].items()}
    {'B': 'ignore', 'C': 'suggest', 'A': 'apply'}
    """
    for data, path in ((authored, GRAMMAR_POLICY_FILES[0]), (measured, GRAMMAR_POLICY_FILES[1])):
        if not isinstance(data, dict):
            raise RuleError("the grammar policy is a mapping", path=path)
    out: dict[str, Any] = {"rules": {}, "categories": {}}
    for data, key, into in ((authored, "fallbacks", "rules"), (measured, "rules", "rules"),
                            (authored, "overrides", "rules"), (authored, "categories", "categories"),
                            (measured, "categories", "categories")):
        part = data.get(key) or {}
        if not isinstance(part, dict):
            raise RuleError(f"'{key}' must be a mapping", path=GRAMMAR_POLICY_FILES[data is measured])
        out[into].update(part)
    if "default" in authored:
        out["default"] = authored["default"]
    return out


def load_grammar_policy() -> GrammarPolicy:
    """The shipped grammar policy: ``rules/grammar.yaml`` (authored) merged with
    ``rules/generated/grammar_measured.yaml`` (measured); see :func:`merge_grammar_policy`."""
    root = importlib.resources.files("repair.rules")
    authored, measured = (parse_yaml(root.joinpath(*path.split("/")[1:]).read_text(encoding="utf-8"), path)
                          for path in GRAMMAR_POLICY_FILES)
    return parse_grammar_policy(merge_grammar_policy(authored, measured), " + ".join(GRAMMAR_POLICY_FILES))


@functools.lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    return load_rules()
