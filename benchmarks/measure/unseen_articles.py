"""Machine-translated articles written for testing, not the seed: how many of their surface errors
does ``repair fix`` put right, and does it touch anything else?

    python benchmarks/measure/unseen_articles.py [--json out.json] [--data DIR]

Every ``tests/data/mt_news*.txt`` that ``tests/data/fixes.json`` lists is repaired with the real
pipeline (LanguageTool and the language model included). An error counts as fixed when the repaired
text has the editor's version of its span (``fixed``, or one of ``also``) and no longer the span as the
MT wrote it (:func:`is_fixed`); a line with no listed error must come out
byte for byte; an applied edit on such a line is a wrong edit. Per article it prints the errors,
how many are fixed, the share, the wrong edits and changed clean lines, then every miss with what
repair did there (a suggestion, a flag, nothing). Measurement only: the articles are not tuned on.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from repair.pipeline import Repairer

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def is_fixed(f: dict, repaired: str) -> bool:
    """The repaired text has the editor's version of the span, and the span as the MT wrote it is
    gone (unless the version contains it): an accepted form that is part of the MT's span ("Desta
    Lemma, the chairman" for "Ato Desta Lemma, the chairman") proves nothing while the span stands.

    >>> f = {"mt": "Ato Desta Lemma, said", "fixed": "Mr Desta Lemma, said", "also": ["Desta Lemma, said"]}
    >>> is_fixed(f, "Ato Desta Lemma, said it"), is_fixed(f, "Desta Lemma, said it")
    (False, True)
    """
    gone = f["mt"] not in repaired
    return any(v in repaired and (gone or f["mt"] in v) for v in (f["fixed"], *f.get("also", ())))


def measure(repairer: Repairer, name: str, fixes: list[dict], data: Path = DATA) -> dict:
    text = (data / name).read_text(encoding="utf-8")
    result = repairer.fix(text)
    fixed = [f for f in fixes if is_fixed(f, result.text)]
    missed = []
    for f in fixes:
        if f in fixed:
            continue
        at = text.index(f["mt"])
        near = [e for e in result.edits if e.start < at + len(f["mt"]) and at < e.end]
        what = "; ".join(f"{'applied' if e.applied else 'suggested'} {e.original!r} -> {e.replacement!r} ({e.rule})"
                         for e in near) or "nothing proposed"
        missed.append({**f, "repair": what})
    lines, out = text.splitlines(keepends=True), result.text.splitlines(keepends=True)
    clean = [i for i, line in enumerate(lines) if not any(f["mt"] in line for f in fixes)]
    changed = [i for i in clean if len(out) != len(lines) or out[i] != lines[i]]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    wrong = [e for e in result.edits if e.applied
             and any(starts[i] <= e.start < starts[i + 1] for i in clean)]
    return {"article": name, "errors": len(fixes), "fixed": len(fixed), "share": len(fixed) / len(fixes),
            "clean_lines": len(clean), "clean_lines_changed": len(changed),
            "wrong_edits": [f"{e.original!r} -> {e.replacement!r} ({e.rule})" for e in wrong], "missed": missed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--data", default=str(DATA),
                    help="a folder of articles and their fixes.json (default tests/data): held-out articles "
                         "are measured from outside the repository before they are read")
    args = ap.parse_args()
    data = Path(args.data)
    listed = json.loads((data / "fixes.json").read_text(encoding="utf-8"))
    with Repairer() as repairer:
        rows = [measure(repairer, name, fixes, data) for name, fixes in listed.items()]
    print("| article | errors | fixed | share | clean lines | clean lines changed | wrong edits |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['article']} | {r['errors']} | {r['fixed']} | {r['share']:.0%} | {r['clean_lines']} "
              f"| {r['clean_lines_changed']} | {len(r['wrong_edits'])} |")
    for r in rows:
        for m in r["missed"]:
            print(f"{r['article']}: missed {m['mt']!r} -> {m['fixed']!r} ({m['note']}): {m['repair']}")
        for w in r["wrong_edits"]:
            print(f"{r['article']}: wrong edit {w}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
