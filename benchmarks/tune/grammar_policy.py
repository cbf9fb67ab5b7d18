"""Measure the grammar policy and the artifact-rule confidences on data (``rules/generated/``).

For every LanguageTool match of every MLQE-PE ``mt`` sentence (and every firing of every
artifact rule), the edit is applied *alone* to the sentence, the result is Moses-tokenised
like ``mt_tok``, and its sentence TER against the human post-edit ``pe_tok`` is compared with
the TER of the untouched MT. An edit *lowers*, *raises* or leaves TER unchanged; a rule's
precision is lowers / (lowers + raises). TER is case-sensitive here, so that casing rules are
measured too (the benchmark's own TER, like the dataset README's, ignores case).

    python benchmarks/tune/grammar_policy.py                     # print the tables (train)
    python benchmarks/tune/grammar_policy.py --write             # also write rules/generated/grammar_measured.yaml
                                                                 # and rules/generated/artifacts_measured.yaml
    python benchmarks/tune/grammar_policy.py --split dev --only artifacts
    python benchmarks/tune/grammar_policy.py --evaluate          # dev metrics of this part alone

LanguageTool matches come from the cache written by ``benchmarks/mlqe_data.py``
(``.cache/lt/SPLIT/PAIR.jsonl``); a missing pair is checked live and cached.

Decision (see :func:`decide`): a LanguageTool rule with at least ``--min-support`` decided
edits (lowers + raises) and precision >= ``--apply-precision`` is applied with confidence =
its precision; one with precision < ``--ignore-precision`` is ignored (it does harm); anything
else is a suggestion. A rule of a category named in ``ADVICE_CATEGORIES`` (style advice) is
never applied whatever it measures. Rules without support keep the decision written by hand
(``fallbacks`` in the authored ``rules/grammar.yaml``, each with its reason) or fall to their
category; the authored ``overrides`` are decided by hand whatever the data says. The script only
reads the authored file and writes the generated ones; the loader merges them.
"""

from __future__ import annotations

import argparse
import collections
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: mlqe_data, correction_metrics

from correction_metrics import apply_one, sentence_ter, tokenize  # noqa: E402
from mlqe_data import cached_matches, read_pairs  # noqa: E402

from repair.backends.languagetool import LT_VERSION  # noqa: E402
from repair.propose.grammar import ADVICE_CATEGORIES  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "mlqe-pe"


AUTHORED = ROOT / "rules" / "grammar.yaml"
MEASURED = ROOT / "rules" / "generated" / "grammar_measured.yaml"
ARTIFACTS_MEASURED = ROOT / "rules" / "generated" / "artifacts_measured.yaml"


def _authored(section: str) -> dict[str, tuple[str, float, str]]:
    """(action, confidence, reason) per key of one section of the authored policy (rules/grammar.yaml)."""
    data = yaml.safe_load(AUTHORED.read_text(encoding="utf-8")) or {}
    return {k: (v["action"], v.get("confidence", 0.5), v.get("note", "")) for k, v in (data.get(section) or {}).items()}


#: Decisions for rules the data cannot judge (no or too little support), with the reason.
MANUAL = _authored("fallbacks")
#: Rules whose measurement on MLQE-PE does not carry over to articles, decided by hand (reason given).
OVERRIDE = _authored("overrides")
#: Rules of OVERRIDE whose suggestion shapes the data still decides apart (``split_by_shape: true``).
SPLIT_BY_SHAPE = {k for k, v in ((yaml.safe_load(AUTHORED.read_text(encoding="utf-8")) or {}).get("overrides") or {}).items()
                  if v.get("split_by_shape")}
#: Category defaults for rules not listed (the measured category precision caps them).
CATEGORY_PRIOR = _authored("categories")


@dataclass
class Stats:
    fired: int = 0
    lower: int = 0
    raise_: int = 0
    neutral: int = 0
    category: str = ""
    examples: list = field(default_factory=list)

    @property
    def decided(self) -> int:
        return self.lower + self.raise_

    @property
    def precision(self) -> float | None:
        return self.lower / self.decided if self.decided else None

    def wilson_low(self, z: float = 1.64) -> float:
        n = self.decided
        if not n:
            return 0.0
        p = self.lower / n
        d = 1 + z * z / n
        c = p + z * z / (2 * n)
        return (c - z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / d

    def add(self, outcome: int, example=None) -> None:
        self.fired += 1
        if outcome < 0:
            self.lower += 1
        elif outcome > 0:
            self.raise_ += 1
        else:
            self.neutral += 1
        if example is not None and len(self.examples) < 6 and outcome != 0:
            self.examples.append((outcome, example))


def outcome(mt: str, mt_tok: str, t0: float, ref: str, start: int, end: int, repl: str) -> int:
    """-1 when the edit alone lowers case-sensitive TER, +1 when it raises it, 0 otherwise."""
    alone = tokenize(apply_one(mt, start, end, repl))
    if alone == mt_tok:
        return 0
    t = sentence_ter(alone, ref, case_sensitive=True)
    return (t > t0) - (t < t0)


def measure_lt(pairs: dict[str, list[dict]], matches: dict[str, list[list]]) -> dict[str, Stats]:
    """Stats per LanguageTool rule id, and per ``RULE/shape`` (see repair.propose.grammar.suggestion_shape)."""
    from repair.propose.grammar import suggestion_shape

    stats: dict[str, Stats] = collections.defaultdict(Stats)
    for pair, rows in pairs.items():
        for row, ms in zip(rows, matches[pair]):
            mt, ref = row["mt"], row["pe_tok"]
            mt_tok = tokenize(mt)
            t0 = sentence_ter(mt_tok, ref, case_sensitive=True)
            for m in ms:
                if not m.replacements:
                    continue
                repl = m.replacements[0]
                orig = mt[m.offset:m.offset + m.length]
                if repl == orig:
                    continue
                o = outcome(mt, mt_tok, t0, ref, m.offset, m.offset + m.length, repl)
                for key in (m.rule_id, f"{m.rule_id}/{suggestion_shape(orig, repl)}"):
                    st = stats[key]
                    st.category = m.category
                    st.add(o, (row["id"], orig, repl))
    return stats


def measure_artifacts(pairs: dict[str, list[dict]], rules) -> dict[str, Stats]:
    from repair.rulepacks import run_rule

    stats: dict[str, Stats] = {r.id: Stats(category="artifact") for r in rules}
    for rows in pairs.values():
        for row in rows:
            mt, ref = row["mt"], row["pe_tok"]
            mt_tok = t0 = None
            for rule in rules:
                for s, e, repl in run_rule(rule, mt):
                    if mt_tok is None:
                        mt_tok = tokenize(mt)
                        t0 = sentence_ter(mt_tok, ref, case_sensitive=True)
                    stats[rule.id].add(outcome(mt, mt_tok, t0, ref, s, e, repl), (row["id"], mt[s:e], repl))
    return stats


def decide(rule_id: str, s: Stats, args) -> tuple[str, float, str]:
    """(action, confidence, note) for one LanguageTool rule (or ``RULE/shape``)."""
    measured = f"train: {s.lower} lower / {s.raise_} raise / {s.neutral} neutral"
    if s.precision is not None:
        measured += f", precision {s.precision:.2f}"
    advice = s.category in ADVICE_CATEGORIES
    if rule_id in OVERRIDE:
        action, conf, why = OVERRIDE[rule_id]
        return action, conf, f"{why}; {measured}"
    if s.decided >= args.min_support:
        p = s.precision
        if p >= args.apply_precision and not advice:
            return "apply", round(p, 3), measured
        if p < args.ignore_precision:
            return "ignore", round(p, 3), measured + " (harmful)"
        return "suggest", round(p, 3), measured + (" (style advice)" if advice else "")
    if rule_id in MANUAL:
        action, conf, why = MANUAL[rule_id]
        if action == "apply" and s.decided >= 5 and s.precision < args.apply_precision - 0.2:
            return "suggest", round(min(conf, s.precision), 3), f"{why}; {measured} (too few to judge, but against)"
        return action, conf, f"{why}; {measured}"
    action, conf, why = CATEGORY_PRIOR.get(s.category, ("suggest", 0.4, ""))
    return "suggest", conf, f"{measured}; too little support"


def policy_yaml(stats: dict[str, Stats], args) -> str:
    lines = [
        "# GENERATED by benchmarks/tune/grammar_policy.py --write: do not edit by hand (a rerun overwrites it).",
        "# The grammar policy measured on MLQE-PE: how LanguageTool matches are used, decided from data.",
        "# The loader (repair.rulepacks.load_grammar_policy) merges it with the authored rules/grammar.yaml:",
        "# the authored `overrides` win over these entries, these win over the authored `fallbacks`, and",
        "# these categories win over the authored category priors.",
        "# action: apply (an edit applied when its confidence is at least --min-confidence), suggest",
        "# (reported, never applied by default), ignore (dropped). Keys under `rules` are LanguageTool",
        "# rule ids (shell-style patterns allowed); `categories` are LanguageTool category ids;",
        "# `default` covers the rest. Confidence of a measured rule = its precision on MLQE-PE train:",
        "# of its first suggestions that change TER against the human post-edit when applied alone,",
        "# the share that lowers it.",
        f"# Thresholds: support >= {args.min_support} decided edits; apply at precision >= "
        f"{args.apply_precision}; ignore below {args.ignore_precision}.",
        f"# Measured with LanguageTool {LT_VERSION} on MLQE-PE {args.split}; TER is case-sensitive here.",
        "categories:",
    ]
    by_cat: dict[str, Stats] = collections.defaultdict(Stats)
    for s in stats.values():
        c = by_cat[s.category]
        c.lower += s.lower
        c.raise_ += s.raise_
        c.neutral += s.neutral
    cats = sorted(set(CATEGORY_PRIOR) | set(by_cat))
    for cat in cats:
        action, conf, why = CATEGORY_PRIOR.get(cat, ("suggest", 0.4, ""))
        c = by_cat.get(cat)
        note = why
        if c is not None and c.decided:
            note = (why + "; " if why else "") + f"train: precision {c.precision:.2f} over {c.decided} decided edits"
            conf = min(conf, round(c.precision, 3)) if c.decided >= args.min_support else conf
        lines.append(f"  {cat}: {{action: {action}, confidence: {conf}, note: {_q(note)}}}")
    lines.append("rules:")
    names = sorted({k for k in stats if "/" not in k} | set(MANUAL) | set(OVERRIDE))
    for rid in names:
        s = stats.get(rid, Stats())
        action, conf, note = decide(rid, s, args)
        cat_action = CATEGORY_PRIOR.get(s.category, ("suggest",))[0]
        if (rid not in MANUAL and rid not in OVERRIDE and action == "suggest" and s.decided < args.min_support
                and cat_action == "suggest"):
            pass  # the category decides
        else:
            lines.append(f"  {rid}: {{action: {action}, confidence: {conf}, note: {_q(note)}}}")
        # a suggestion shape of this rule that the data judges differently from the rule itself
        for key in sorted(k for k in stats if k.startswith(rid + "/")):
            ks = stats[key]
            if ks.decided < args.min_support or ks.decided == s.decided:
                continue
            if rid in OVERRIDE and rid not in SPLIT_BY_SHAPE:
                continue  # decided by hand as a whole
            k_action, k_conf, k_note = decide(key, ks, args)
            if k_action != action:
                lines.append(f"  {key}: {{action: {k_action}, confidence: {k_conf}, note: {_q(k_note)}}}")
    return "\n".join(lines) + "\n"


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def print_table(title: str, stats: dict[str, Stats], limit: int, min_fired: int = 1) -> None:
    print(f"\n## {title}\n")
    print(f"| {'rule':44s} | {'category':16s} | fired | lower | raise | neutral | precision | wilson90 |")
    print("|" + "-" * 46 + "|" + "-" * 18 + "|-------|-------|-------|---------|-----------|----------|")
    rows = sorted(stats.items(), key=lambda kv: (-kv[1].decided, -kv[1].fired))
    rows = [(k, s) for k, s in rows if "/" not in k or stats[k.split("/")[0]].fired != s.fired]
    for rid, s in rows[:limit]:
        if s.fired < min_fired:
            continue
        p = f"{s.precision:.3f}" if s.precision is not None else "-"
        print(f"| {rid:44s} | {s.category:16s} | {s.fired:5d} | {s.lower:5d} | {s.raise_:5d} | {s.neutral:7d} "
              f"| {p:>9s} | {s.wilson_low():8.3f} |")


def artifacts_yaml(stats: dict[str, Stats], rules, args) -> str:
    """The measured artifact-rule file (rules/generated/artifacts_measured.yaml): per rule that fired,
    its measurement and, where it has support, the confidence the loader gives it (its precision,
    capped at ``--artifact-cap``) in place of the rule pack's own."""
    lines = [
        "# GENERATED by benchmarks/tune/grammar_policy.py --only artifacts --write: do not edit by hand.",
        "# Each artifact rule measured on MLQE-PE (each firing applied alone, TER against the post-edit).",
        "# repair.rulepacks.load_rules gives a shipped rule the `confidence` listed here in place of its",
        "# pack's; a rule without one keeps the confidence its author chose (too little support).",
        f"# Support needed: {args.min_support} TER-changing edits; confidences capped at {args.artifact_cap}.",
        "rules:",
    ]
    for r in sorted(rules, key=lambda r: r.id):
        s = stats[r.id]
        if not s.fired:
            continue
        measured = f"{args.split}: {s.lower} lower / {s.raise_} raise / {s.neutral} neutral"
        if s.precision is not None:
            measured += f", precision {s.precision:.2f}"
        if not s.decided:
            measured += " (TER-neutral: Moses tokenisation undoes it)"
        elif s.decided < args.min_support:
            measured += " (too few to set the confidence)"
        conf = f"confidence: {round(min(s.precision, args.artifact_cap), 3)}, " if s.decided >= args.min_support else ""
        lines.append(f"  {r.id}: {{{conf}measured: {_q(measured)}}}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA), help="the MLQE-PE folder (holding train/ and dev/)")
    ap.add_argument("--split", default="train")
    ap.add_argument("--cache", default=str(ROOT / ".cache" / "lt"))
    ap.add_argument("--pairs", default="", help="comma-separated pairs (default: all)")
    ap.add_argument("--only", choices=["lt", "artifacts"], default=None)
    ap.add_argument("--min-support", type=int, default=20, help="decided edits a rule needs to be judged")
    ap.add_argument("--apply-precision", type=float, default=0.8)
    ap.add_argument("--ignore-precision", type=float, default=0.3)
    ap.add_argument("--artifact-cap", type=float, default=0.99, help="highest confidence given to an artifact rule")
    ap.add_argument("--limit", type=int, default=60, help="rows of each table")
    ap.add_argument("--examples", action="store_true", help="print examples of each rule's TER-changing edits")
    ap.add_argument("--write", action="store_true",
                    help="write the measurements to rules/generated/ (the authored rules/grammar.yaml is only read)")
    ap.add_argument("--evaluate", action="store_true",
                    help="instead: score grammar policy + artifact rules alone on --split (default dev)")
    ap.add_argument("--min-confidence", type=float, default=0.8)
    args = ap.parse_args()
    if args.evaluate:
        split = args.split if args.split != "train" else "dev"
        pairs = read_pairs(Path(args.data) / split)
        if args.pairs:
            pairs = {k: v for k, v in pairs.items() if k in set(args.pairs.split(","))}
        evaluate(pairs, cached_matches(pairs, args.cache, split), args.min_confidence)
        return

    pairs = read_pairs(Path(args.data) / args.split)
    if args.pairs:
        keep = set(args.pairs.split(","))
        pairs = {k: v for k, v in pairs.items() if k in keep}
    n = sum(len(v) for v in pairs.values())
    print(f"{n} sentences of {args.split}: {', '.join(pairs)}")

    if args.only != "artifacts":
        matches = cached_matches(pairs, args.cache, args.split)
        lt = measure_lt(pairs, matches)
        print_table("LanguageTool rules (first suggestion applied alone)", lt, args.limit)
        if args.examples:
            _print_examples(lt, args.limit)
        if args.write:
            MEASURED.write_text(policy_yaml(lt, args), encoding="utf-8")
            print(f"\nwrote {MEASURED.relative_to(ROOT)}")
    if args.only != "lt":
        from repair.rulepacks import load_rules

        rules = load_rules().artifacts
        art = measure_artifacts(pairs, rules)
        print_table("Artifact rules (each firing applied alone)", art, 10_000)
        if args.examples:
            _print_examples(art, 10_000)
        if args.write:
            ARTIFACTS_MEASURED.write_text(artifacts_yaml(art, rules, args), encoding="utf-8")
            print(f"\nwrote {ARTIFACTS_MEASURED.relative_to(ROOT)}")


def evaluate(pairs: dict[str, list[dict]], matches: dict[str, list[list]], min_confidence: float = 0.8) -> None:
    """The correction metrics of grammar policy + artifact rules alone (cached LanguageTool
    matches, no phrasebook, no recheck): a quick check of this part against issue 4's targets."""
    from types import SimpleNamespace

    from correction_metrics import correction_metrics
    from repair.apply import apply_edits
    from repair.decide import decide as decide_edits
    from repair.propose import artifacts, grammar
    from repair.rulepacks import load_rules
    from repair.segment import segment

    rules = load_rules()
    print(f"\n## Grammar policy + artifact rules alone (min confidence {min_confidence})\n")
    cols = ["ter_before", "ter_after", "lt_apply_ter_after", "improved", "worsened", "worsened_share",
            "applied_edits", "edits_lower", "edits_raise", "edit_precision"]
    print("| pair | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    by_rule: dict[str, Stats] = collections.defaultdict(Stats)
    for pair, rows in pairs.items():
        results = []
        for row, ms in zip(rows, matches[pair]):
            mt = row["mt"]
            cands = grammar.propose(mt, ms, rules.grammar) + artifacts.propose(mt, segment(mt), rules.artifacts)
            edits = decide_edits(cands, min_confidence=min_confidence)
            results.append(SimpleNamespace(text=apply_edits(mt, edits), edits=edits))
            t0 = None
            for e in edits:
                if e.applied:
                    if t0 is None:
                        mt_tok = tokenize(mt)
                        t0 = sentence_ter(mt_tok, row["pe_tok"])
                    alone = tokenize(apply_one(mt, e.start, e.end, e.replacement))
                    t = sentence_ter(alone, row["pe_tok"]) if alone != mt_tok else t0
                    by_rule[e.rule].add((t > t0) - (t < t0), (row["id"], e.original, e.replacement))
        m = correction_metrics(rows, results, matches[pair])
        print(f"| {pair} | " + " | ".join(str(m[c]) for c in cols) + " |")
    print_table("Applied edits by rule (case-insensitive TER, as the benchmark)", by_rule, 60)


def _print_examples(stats: dict[str, Stats], limit: int) -> None:
    rows = sorted(stats.items(), key=lambda kv: -kv[1].decided)[:limit]
    for rid, s in rows:
        if s.examples:
            print(f"\n{rid}:")
            for o, (i, a, b) in s.examples:
                print(f"   {'LOWER' if o < 0 else 'RAISE'} {i}: {a!r} -> {b!r}")


if __name__ == "__main__":
    main()
