"""The HTML review page: one self-contained file to accept or reject each edit and export.

The page holds its CSS, its script and the data inline and loads nothing (a Content
Security Policy forbids any network access and any script but its own). Every piece of the
input reaches the page as JSON inside a ``<script type="application/json">`` element, with
``<``, ``>`` and ``&`` escaped, and is put into the document with ``textContent`` only.

The page exports the text with only the accepted edits (rebuilt exactly as
:func:`repair.apply.apply_edits` does) and the decisions as JSON in the format of
:class:`repair.records.Decisions`, which ``repair apply`` replays. A flagged sentence the
reviewer rewrites is exported as one more edit over its span (source ``review``, rule
``review.sentence``, review ``edited``). The browser keeps the decisions in localStorage under
the input's sha256 (``input_sha256`` below), so a reload keeps them and two articles never mix;
a decisions file made for the same input can be imported, one made for another is refused.

>>> from repair.records import Result
>>> page = review_page(Result("<script>alert(1)</script>", "<script>alert(1)</script>", (), ()), "x.txt")
>>> "<script>alert" in page, "\\\\u003cscript>alert" in page.replace("\\\\u003e", ">")
(False, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from ..records import DECISIONS_SCHEMA, Result, text_sha256

_PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``).

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page_data(result: Result, name: str) -> dict[str, Any]:
    """What the page's script works from."""
    to_review = set(result.needs_review)
    return {
        "name": name,
        "decisions_schema": DECISIONS_SCHEMA,
        "input_sha256": text_sha256(result.original),
        "original": result.original,
        "edits": [e.to_dict() for e in result.edits],
        "sentences": [{**s.to_dict(), "needs_review": s in to_review} for s in result.flagged],
        "notices": list(result.notices),
        "summary": {"applied": len(result.applied), "suggestions": len(result.suggestions),
                    "flagged": len(result.flagged), "needs_review": len(result.needs_review),
                    "sentences": len(result.sentences)},
    }


def review_page(result: Result, name: str = "input") -> str:
    """The review page for ``result`` as one HTML document (a str to write with UTF-8)."""
    from .. import __version__

    css, js = _asset("review.css"), _asset("review.js")
    if "</" in css or "</script" in js.lower():
        raise ValueError("review assets must not contain '</' (they are inlined into the page)")
    csp = ("default-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'none'; img-src data:; "
           f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}")
    values = {
        "CSP": html.escape(csp, quote=True),
        "VERSION": html.escape(__version__),
        "TITLE": html.escape(f"Review: {name}"),
        "CSS": css,
        "JS": js,
        "DATA": script_json(page_data(result, name)),
    }
    # One pass: nothing substituted is scanned again, so input text can never fill a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("review.html"))
