"""The library as a pipeline author uses it: Result.diff/to_json, fix_many, check, Decisions."""

from __future__ import annotations

import itertools
import json
from importlib import resources

import pytest

import repair
from repair.errors import InputError
from repair.records import Decisions, Result, text_sha256
from repair.render.diff import unified_diff

TEXT = "He was a open man.\nWe signed a long -term deal.\n"


def test_public_names_and_py_typed():
    for name in repair.__all__:
        assert getattr(repair, name) is not None
    assert resources.files("repair").joinpath("py.typed").is_file()


def test_result_diff_and_to_json(repairer):
    r = repairer.fix(TEXT)
    assert r.diff("x.txt") == unified_diff(r, "x.txt") and "+He was an open man." in r.diff()
    data = json.loads(r.to_json())
    assert data == r.to_dict() and Result.from_dict(data) == r
    assert r.to_json() == json.dumps(r.to_dict(), ensure_ascii=False, indent=1)


def test_check_changes_nothing(repairer):
    r = repairer.check(TEXT)
    assert r.text == r.original == TEXT and r.edits and not r.applied


def test_fix_many_streams_in_order_without_restarting_languagetool(repairer):
    server = repairer.checker.server
    starts = server.starts if server is not None else None
    consumed = []

    def endless():
        for n in itertools.count():
            consumed.append(n)
            yield f"Text {n} was a open question." if n % 2 else f"Text {n} is a long -term plan."

    for workers in (1, 2):
        consumed.clear()
        got = list(itertools.islice(repairer.fix_many(endless(), workers=workers), 6))
        assert [g.original.split()[1] for g in got] == [str(n) for n in range(6)]
        assert all(g.changed for g in got)
        assert len(consumed) <= 6 + workers * 4  # streamed: the endless input is read only a little ahead
    if server is not None:
        assert server.starts == starts


def test_decisions_from_a_result_replay_the_result(repairer):
    r = repairer.fix(TEXT)
    d = Decisions.from_result(r, input_name="t.txt")
    assert d.input_sha256 == text_sha256(TEXT)
    assert d.apply(TEXT) == r.text
    assert Decisions.from_json(d.to_json()) == d
    with pytest.raises(InputError, match="different input"):
        d.apply(TEXT.upper())
    with pytest.raises(InputError, match="not a repair decisions file"):
        Decisions.from_json(r.to_json())
    broken = json.loads(d.to_json())
    broken["edits"][0]["review"] = "maybe"
    with pytest.raises(InputError, match="edit 0"):
        Decisions.from_dict(broken)
