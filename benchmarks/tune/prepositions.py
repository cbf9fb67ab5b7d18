"""Prepositions on MLQE-PE train: how many the language model looks at, and which margin to apply from.

    python benchmarks/tune/prepositions.py --data ../shared/mlqe-pe/train [--sample 1500] [--json out.json]
    python benchmarks/tune/prepositions.py --governed --data ../shared/mlqe-pe/train --sample 0
    python benchmarks/tune/prepositions.py --languagetool --data ../shared/mlqe-pe/train --sample 0
    python benchmarks/tune/prepositions.py --agreement --data ../shared/mlqe-pe/train --sample 0
    python benchmarks/tune/prepositions.py --verb-number --data ../shared/mlqe-pe/train --sample 2500

``--governed`` measures the list of governed prepositions (``rules/words/governed_prepositions.yaml``,
:func:`repair.propose.prepositions.governed_candidates`) instead of the surprise trigger, with its
own margins; ``--sample 0`` reads every row (the list's hits are rare). ``--languagetool``
measures LanguageTool's suggestions that put one preposition for another and that the grammar
policy only suggests (``repair.propose.grammar.confirm_prepositions``), from the matches cached by
``benchmarks/mlqe_data.py`` (``--cache``; MT and ``--post-edits``, checked live when missing).

Runs :func:`repair.propose.prepositions.candidates` on a sample of MT sentences (``mt``) and of
their human post-edits (``pe_tok`` detokenised: clean English, where every applied change is a
false positive). For the MT side each preposition's best alternative is applied alone and scored
by TER against the post-edit (lower / raise / neither). Prints, for each apply margin, what would
be applied on each side, then the changes applied at the module's margin, to be read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from correction_metrics import apply_one, sentence_ter, tokenize  # noqa: E402
from mlqe_data import post_edit_rows, read_pairs  # noqa: E402

from repair.propose import prepositions as P  # noqa: E402
from repair.propose.grammar import AGREEMENT_CONFIRM_MARGIN as AGREEMENT_MARGIN  # noqa: E402
from repair.propose.grammar import AGREEMENT_RULES  # noqa: E402
from repair.propose.grammar import PREPOSITION_CONFIRM_MARGIN as CONFIRM_MARGIN  # noqa: E402

MARGINS = (4.0, 5.0, 6.0, 8.0, 10.0, 12.0)
GOVERNED_MARGINS = (1.0, 2.0, 3.0, 4.0, 6.0)


def languagetool_swaps(texts: list[str], matches: list[list], lm, any_change: bool = False,
                       rules: frozenset[str] = frozenset()) -> list[tuple[int, int, int, list[tuple[str, float]]]]:
    """LanguageTool's suggested preposition swaps (or, ``any_change``, every suggestion but the
    speller's and style advice; with ``rules``, only those rules' suggestions), each with the
    language model's margin."""
    from repair.propose.grammar import ADVICE_CATEGORIES, SPELLER_PREFIX, lookup
    from repair.rulepacks import load_grammar_policy
    from repair.text import margin_of, word_swap

    policy = load_grammar_policy()
    spots = []
    for k, (text, ms) in enumerate(zip(texts, matches)):
        for m in ms:
            a, b = m.offset, m.offset + m.length
            if not m.replacements or lookup(policy, m, text[a:b], m.replacements[0]).action != "suggest":
                continue
            if rules and m.rule_id not in rules:
                continue
            swap = word_swap(text[a:b], m.replacements[0])
            if swap is None and (any_change or rules) and not m.rule_id.startswith(SPELLER_PREFIX) \
                    and m.category not in ADVICE_CATEGORIES:
                swap = (text[a:b], m.replacements[0])
            if swap:
                spots.append((k, a, b, m.replacements[0], swap))
    before = lm.logprobs([texts[k] for k, *_ in spots])
    after = lm.logprobs([texts[k][:a] + new + texts[k][b:] for k, a, b, new, _ in spots])
    return [(k, a, b, [(new, margin_of(x.total, y.total, *swap))])
            for (k, a, b, new, swap), x, y in zip(spots, before, after)]


def found(texts: list[str], lm, mode: str, matches=None) -> list[tuple[int, int, int, list[tuple[str, float]], float | None]]:
    """(sentence index, start, end, margins best first, the entry's own apply margin or None) of
    each preposition tried."""
    if mode == "governed":
        return [(k, a, b, margins, entry.apply_margin) for k, a, b, _, margins, entry in P.governed_candidates(texts, lm)]
    if mode in ("languagetool", "languagetool-any", "agreement"):
        rules = AGREEMENT_RULES if mode == "agreement" else frozenset()
        return [(*spot, None) for spot in languagetool_swaps(texts, matches, lm, mode == "languagetool-any", rules)]
    trigger = {"confusables": P.CONFUSABLE, "verb-number": P.VERB_NUMBER, "false-friends": P.false_friends(), "bare-nouns": P.BARE_NOUN,
               "missing-articles": P.MISSING_ARTICLE}.get(mode)
    return [(k, m.start(), m.end(), margins, dict(trigger.word_apply).get(m.group(0).lower()))
            for k, m, margins in P.candidates(texts, lm, trigger)]


def side(texts: list[str], lm, refs: list[str] | None, mode: str = "surprise", matches=None) -> list[dict]:
    out = []
    for k, a, b, margins, apply_at in found(texts, lm, mode, matches):
        alt, gain = margins[0]
        r = {"text": texts[k], "original": texts[k][a:b], "replacement": alt, "margin": gain, "apply_at": apply_at,
             "second": margins[1][1] if len(margins) > 1 else None}
        if refs is not None:
            t0 = sentence_ter(tokenize(texts[k]), refs[k], case_sensitive=True)
            t1 = sentence_ter(tokenize(apply_one(texts[k], a, b, alt)), refs[k], case_sensitive=True)
            r["outcome"] = (t1 > t0) - (t1 < t0)
        out.append(r)
    return out


def applied(rows: list[dict], margin: float, suggest_margin: float) -> list[dict]:
    return [r for r in rows if P.decision([(r["replacement"], r["margin"])]
                                          + ([("x", r["second"])] if r["second"] is not None else []),
                                          apply_margin=margin, suggest_margin=suggest_margin) == "apply"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "mlqe-pe" / "train"))
    ap.add_argument("--sample", type=int, default=1500, help="sentences (each side)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--json", help="write every preposition looked at here")
    how = ap.add_mutually_exclusive_group()
    how.add_argument("--governed", action="store_true", help="measure the governed-preposition list instead")
    how.add_argument("--languagetool", action="store_true",
                     help="measure LanguageTool's suggested preposition swaps instead")
    how.add_argument("--confusables", action="store_true",
                     help="measure the confusable words (there/their, was/were ...) instead")
    how.add_argument("--verb-number", action="store_true",
                     help="measure a lexical verb's number after its subject ('Sensors in the arms detects') instead")
    how.add_argument("--false-friends", action="store_true",
                     help="measure the false friends (rules/words/false_friends.yaml) instead")
    how.add_argument("--bare-nouns", action="store_true",
                     help="measure 'The' before a sentence's bare first noun ('Situation is ...') instead")
    how.add_argument("--missing-articles", action="store_true",
                     help="measure 'a' or 'the' before a countable noun right after a preposition instead")
    how.add_argument("--languagetool-any", action="store_true",
                     help="measure every LanguageTool suggestion but the speller's and style advice")
    how.add_argument("--agreement", action="store_true",
                     help="measure LanguageTool's agreement suggestions (repair.propose.grammar.AGREEMENT_RULES)")
    ap.add_argument("--cache", default=str(ROOT / ".cache" / "lt"), help="LanguageTool match cache (--languagetool)")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)  # the machine is shared: one intra-op thread per job

    from repair.backends.lm import LanguageModel

    mode = ("governed" if args.governed else "languagetool" if args.languagetool
            else "languagetool-any" if args.languagetool_any else "agreement" if args.agreement
            else "confusables" if args.confusables else "verb-number" if args.verb_number
            else "false-friends" if args.false_friends else "bare-nouns" if args.bare_nouns
            else "missing-articles" if args.missing_articles else "surprise")
    pairs = read_pairs(args.data)
    rows = [r for rs in pairs.values() for r in rs]
    pe_texts = [r["mt"] for rs in pairs.values() for r in post_edit_rows(rs)]
    mt_matches = pe_matches = [None] * len(rows)
    if mode.startswith("languagetool") or mode == "agreement":
        from mlqe_data import cached_matches

        split = Path(args.data).name
        mt_matches = [ms for p in pairs for ms in cached_matches({p: pairs[p]}, args.cache, split)[p]]
        pe_matches = [ms for p in pairs
                      for ms in cached_matches({p: post_edit_rows(pairs[p])}, args.cache, split + "-pe")[p]]
    order = list(range(len(rows)))
    random.Random(args.seed).shuffle(order)
    order = order[:args.sample or None]
    lm = LanguageModel()
    mt = side([rows[i]["mt"] for i in order], lm, [rows[i]["pe_tok"] for i in order], mode,
              [mt_matches[i] for i in order])
    pe = side([pe_texts[i] for i in order], lm, None, mode, [pe_matches[i] for i in order])
    apply_at, suggest_at = {"governed": (P.GOVERNED_APPLY_MARGIN, P.GOVERNED_SUGGEST_MARGIN),
                            "languagetool": (CONFIRM_MARGIN, CONFIRM_MARGIN),
                            "languagetool-any": (CONFIRM_MARGIN, CONFIRM_MARGIN),
                            "agreement": (AGREEMENT_MARGIN, AGREEMENT_MARGIN),
                            "confusables": (P.CONFUSABLE_APPLY_MARGIN, P.CONFUSABLE_SUGGEST_MARGIN),
                            "verb-number": (P.VERB_NUMBER_APPLY_MARGIN, P.VERB_NUMBER_SUGGEST_MARGIN),
                            "false-friends": (P.FALSE_FRIEND_APPLY_MARGIN, P.FALSE_FRIEND_SUGGEST_MARGIN),
                            "bare-nouns": (P.BARE_NOUN_APPLY_MARGIN, P.BARE_NOUN_SUGGEST_MARGIN),
                            "missing-articles": (P.MISSING_ARTICLE_APPLY_MARGIN, P.MISSING_ARTICLE_SUGGEST_MARGIN),
                            "surprise": (P.APPLY_MARGIN, P.SUGGEST_MARGIN)}[mode]
    trigger = {"governed": "the governed-preposition list", "languagetool": "LanguageTool's suggested swaps",
               "languagetool-any": "LanguageTool's suggestions",
               "agreement": "LanguageTool's agreement suggestions",
               "confusables": f"confusable words, trigger {P.CONFUSABLE_TRIGGER}",
               "verb-number": f"a verb's number after its subject, trigger {P.VERB_NUMBER_TRIGGER}",
               "false-friends": f"false friends, trigger {P.FALSE_FRIEND_TRIGGER}",
               "bare-nouns": "a bare noun starting the sentence",
               "missing-articles": "a bare countable noun after a preposition",
               "surprise": f"trigger {P.TRIGGER}"}[mode]
    print(f"{args.data}: {len(order)} sentences per side, seed {args.seed}; looked at: {len(mt)} MT, "
          f"{len(pe)} post-edit prepositions ({trigger})\n")
    print("| apply margin | applied MT | lower TER | raise TER | neither | applied post-edits |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for m in (MARGINS if mode in ("surprise", "languagetool-any", "agreement", "confusables", "verb-number", "false-friends", "bare-nouns",
                                "missing-articles")
              else GOVERNED_MARGINS):
        a, b = applied(mt, m, min(m, suggest_at)), applied(pe, m, min(m, suggest_at))
        print(f"| {m} | {len(a)} | {sum(r['outcome'] < 0 for r in a)} | {sum(r['outcome'] > 0 for r in a)} "
              f"| {sum(r['outcome'] == 0 for r in a)} | {len(b)} |")
    for name, rs in (("MT", mt), ("post-edits", pe)):
        print(f"\nApplied to {name} at {apply_at} (or the list entry's own 'apply'):")
        for r in [r for r in rs if applied([r], r["apply_at"] or apply_at, suggest_at)]:
            print(f"  {r['margin']:5.1f} {r['original']!r} -> {r['replacement']!r} "
                  f"[{r.get('outcome', '')}] {r['text'][:110]}")
    if args.json:
        Path(args.json).write_text(json.dumps({"MT": mt, "post-edits": pe}, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
