"""Propose: candidate edits from every source.

One module per source, each with ``propose(doc, ...) -> list[Edit]``:

* :mod:`.grammar`: LanguageTool matches, filtered and scored by the grammar policy;
* :mod:`.artifacts`: the regular-expression MT-artifact rules of ``rules/artifacts``;
* :mod:`.phrasebook`: near-misses of canonical phrasings (rapidfuzz and embeddings);
* :mod:`.consistency`: one name spelled several ways in one text;
* :mod:`.reference`: sentences of trusted reference texts that a garbled sentence is close to.
"""
