"""Terminal review (``repair review``): the decisions logic without a terminal, then the
command through click's CliRunner (resume, Ctrl-C) and once as a real process sent SIGINT."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.apply import apply_edits
from repair.cli import main
from repair.errors import ExitStatus
from repair.records import Decisions, Edit, Result, Sentence, text_sha256
from repair.review import HELP, Review, run, show

TEXT = "He was a open man. We signed a long -term deal."


def _result() -> Result:
    a = TEXT.index("a open")
    hy = TEXT.index(" -term")
    edits = (
        Edit(a, a + 1, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "Use 'an'.", True, "confident"),
        Edit(a, a + 6, "a open", "an honest", "phrasebook", "phrasebook.x", 0.5, "Closer phrasing.", False, "low"),
        Edit(hy, hy + 2, " -", "-", "artifact", "artifact.spacing.hyphen", 0.95, "Stray space.", True, "confident"),
    )
    sentences = (Sentence(0, 18, TEXT[:18], 0.8, True, ("1 grammar issue",)), Sentence(19, len(TEXT), TEXT[19:]))
    return Result(TEXT, apply_edits(TEXT, edits), sentences, edits)


def _run(answers, result=None):
    said: list[str] = []
    it = iter(answers)
    review = run(result or _result(), "t.txt", ask=lambda prompt: next(it, None), say=said.append)
    return review, "\n".join(said)


def test_accept_reject_and_edit():
    review, said = _run(["n", "y", "e", "—"])
    assert review.states == ["rejected", "accepted", "edited"]
    assert review.text() == "He was an honest man. We signed a long—term deal."
    assert "Reviewed 3 of 3 edits: 1 accepted, 1 rejected, 1 edited" in said


def test_accepting_an_overlapping_edit_rejects_the_accepted_one():
    review, said = _run(["s", "y", "q"])
    assert review.states == ["rejected", "accepted", "pending"]
    assert "accepting this rejects the overlapping accepted edit #1" in said
    assert "(rejected the overlapping edit #1)" in said
    assert review.text() == "He was an honest man. We signed a long-term deal."


def test_skip_quit_and_end_of_input_keep_the_pipeline_choice():
    for answers in ([""], ["s", "s", "s"], ["q"], []):
        review, _ = _run(answers)
        assert review.text() == _result().text
        assert set(review.states) == {"pending"}
        assert review.decisions().apply(TEXT) == _result().text


def test_bulk_accept_and_reject():
    review, _ = _run(["a"])
    assert review.states == ["rejected", "accepted", "accepted"]  # the later overlapping edit wins
    review, _ = _run(["y", "d"])
    assert review.states == ["accepted", "rejected", "rejected"]
    assert review.text() == "He was an open man. We signed a long -term deal."


def test_help_and_unknown_answers_ask_again():
    review, said = _run(["?", "what", "n", "n", "n"])
    assert said.count(HELP) == 2
    assert review.states == ["rejected"] * 3


def test_show_gives_context_rule_and_flag():
    r = _result()
    lines = show(r, Review(r), 0)
    assert lines[0].startswith("── Edit 1/3 · line 1 · grammar.lt.EN_A_VS_AN (grammar, confidence 0.95)")
    assert "- He was [-a-] open man." in lines and "+ He was {+an+} open man." in lines
    assert any("flagged sentence (0.80): 1 grammar issue" in line for line in lines)
    hyphen = show(r, Review(r), 2)
    # only what changes is marked: the space before the hyphen, not the hyphen it keeps
    assert "- We signed a long[-␣-]-term deal." in hyphen and "+ We signed a long-term deal." in hyphen


def test_decisions_round_trip_through_json():
    review, _ = _run(["n", "y", "e", "–"])
    d = review.decisions()
    again = Decisions.from_json(d.to_json())
    assert again == d
    assert again.apply(TEXT) == review.text()


@st.composite
def _ops(draw):
    return draw(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["y", "n", "e"]),
                                   st.text(alphabet="ab -😀\n", max_size=3)), max_size=12))


@settings(max_examples=60, deadline=None)
@given(_ops())
def test_any_review_gives_apply_edits_of_its_decisions(ops):
    r = _result()
    review = Review(r)
    for i, op, text in ops:
        if op == "y":
            review.accept(i)
        elif op == "n":
            review.reject(i)
        else:
            review.replace(i, text)
    d = review.decisions()
    accepted = [e for e in d.edits if e.applied]
    assert not any(a.overlaps(b) for k, a in enumerate(accepted) for b in accepted[k + 1:])
    assert review.text() == apply_edits(TEXT, d.edits)
    assert Decisions.from_json(d.to_json()) == d


def test_decisions_refuse_a_different_input():
    d = Review(_result()).decisions()
    with pytest.raises(Exception, match="different input"):
        d.apply(TEXT + " ")


# --------------------------------------------------------------------------- resuming


def test_resume_keeps_decisions_and_asks_only_the_pending_edits():
    first, _ = _run(["n", "q"])
    assert first.states == ["rejected", "pending", "pending"]
    again = Review.resume(_result(), first.decisions(), "t.txt", source="d.json")
    assert again.states == first.states and again.first_pending() == 1
    assert again.notes[0] == "Resuming from d.json: 1 of 3 edits already decided, edit 2 is the first still pending."
    said: list[str] = []
    answers = iter(["n", "y"])
    asked: list[str] = []
    run(_result(), "t.txt", ask=lambda p: asked.append(p) or next(answers, None), say=said.append, review=again)
    assert len(asked) == 2 and said[0].startswith("── Edit 2/3")
    assert again.states == ["rejected", "rejected", "accepted"]
    assert again.text() == "He was a open man. We signed a long-term deal."


def test_resume_keeps_an_edit_the_pipeline_does_not_propose():
    """A sentence edited on the HTML page is an edit of its own: kept, never asked about."""
    r = _result()
    mine = Edit(19, len(TEXT), TEXT[19:], "We signed a long-term contract.", "review", "review.sentence", 1.0,
                "Sentence edited by the reviewer", True, "edited by reviewer")
    made = Review(r)
    made.reject(2)  # the hyphen edit lies inside the edited sentence
    d = made.decisions()
    d = Decisions(d.input_sha256, d.edits + (mine,), d.review + ("edited",), "t.txt", "repair html review")
    again = Review.resume(r, d, "t.txt")
    assert again.asked == 3 and again.edits[3] == mine and again.states[3] == "edited"
    assert any("Kept 1 decided edit" in n for n in again.notes)
    run(r, ask=lambda prompt: "n", say=lambda line: None, review=again)
    assert again.states == ["rejected", "rejected", "rejected", "edited"]
    assert again.text() == "He was a open man. We signed a long-term contract."
    assert again.text() == apply_edits(TEXT, again.decisions().edits)


def test_resume_refuses_another_input():
    d = Review(_result()).decisions()
    other = Result(TEXT + " ", TEXT + " ", (), ())
    with pytest.raises(Exception, match="different input"):
        Review.resume(other, d)


def test_interrupt_leaves_the_review_with_the_rest_pending():
    review = Review(_result())
    answers = iter(["n"])

    def ask(prompt):
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    with pytest.raises(KeyboardInterrupt):
        run(_result(), ask=ask, say=lambda line: None, review=review)
    assert review.states == ["rejected", "pending", "pending"]
    assert Review.resume(_result(), review.decisions()).first_pending() == 1


# --------------------------------------------------------------------------- the command

CLI_TEXT = "He was a open man.\nWe signed a long -term deal.\nIt was a honest offer.\n"


@pytest.fixture(scope="module")
def factory(repairer):
    """Every command run shares the session's LanguageTool server and model."""
    from repair.pipeline import Repairer

    url = repairer.checker.base_url()
    return lambda **kw: Repairer(**{**kw, "lt_url": url}, _embedder=repairer.embedder,
                                 _detector=repairer.detector)


class _Answers(io.RawIOBase):
    """Standard input that gives some answers, then is interrupted (Ctrl-C while waiting)."""

    def __init__(self, answers: str) -> None:
        self.data = answers.encode("utf-8")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not len(buffer):
            return 0
        if not self.data:
            raise KeyboardInterrupt
        n = min(len(buffer), len(self.data))
        buffer[:n], self.data = self.data[:n], self.data[n:]
        return n


@pytest.fixture
def review_cli(factory, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(CLI_TEXT, encoding="utf-8")

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["review", str(src), *map(str, args)], input=input,
                                  obj={"repairer_factory": factory})

    invoke.src = src
    return invoke


def test_ctrl_c_saves_the_decisions_and_the_same_command_goes_on(review_cli, tmp_path):
    dec, out = tmp_path / "d.json", tmp_path / "out.txt"
    stopped = review_cli("-o", out, "--decisions", dec, input=_Answers("n\n"))
    assert stopped.exit_code == ExitStatus.INTERRUPTED, stopped.output
    assert "Decisions so far saved in" in stopped.output and f"--decisions {dec}" in stopped.output
    assert not out.exists()  # no text from half a review
    saved = Decisions.from_json(dec.read_text(encoding="utf-8"))
    assert saved.input_sha256 == text_sha256(CLI_TEXT)
    assert saved.review[0] == "rejected" and set(saved.review[1:]) == {"pending"} and len(saved.review) >= 3
    assert not list(tmp_path.glob(".d.json.*"))  # written atomically: no temporary file left
    n = len(saved.review)
    again = review_cli("-o", out, "--decisions", dec, input="y\n" * (n - 1))
    assert again.exit_code == 0, again.output
    assert f"Resuming from {dec}: 1 of {n} edits already decided, edit 2 is the first still pending." in again.output
    assert "── Edit 1/" not in again.output and f"── Edit 2/{n}" in again.output
    final = Decisions.from_json(dec.read_text(encoding="utf-8"))
    assert final.review == ("rejected",) + ("accepted",) * (n - 1)
    assert out.read_text(encoding="utf-8") == final.apply(CLI_TEXT)
    assert out.read_text(encoding="utf-8").startswith("He was a open man.\nWe signed a long-term deal.")


def test_resume_option_and_interrupt_without_a_decisions_file(review_cli, tmp_path):
    out = tmp_path / "out.txt"
    stopped = review_cli("-o", out, input=_Answers("y\n"))
    assert stopped.exit_code == ExitStatus.INTERRUPTED
    saved = tmp_path / "in.decisions.json"  # beside the input, the name the HTML page downloads
    assert f"saved in {saved}" in stopped.output
    assert Decisions.from_json(saved.read_text(encoding="utf-8")).review[0] == "accepted"
    done = review_cli("-o", out, "--resume", saved, input="q\n")
    assert done.exit_code == 0 and "Resuming from" in done.output
    assert out.read_text(encoding="utf-8").startswith("He was an open man.")
    assert Decisions.from_json(saved.read_text(encoding="utf-8")).review[0] == "accepted"


def test_decisions_of_another_input_are_refused_not_overwritten(review_cli, tmp_path):
    dec = tmp_path / "d.json"
    other = Review(_result()).decisions()
    dec.write_text(other.to_json(), encoding="utf-8")
    for args in (["--decisions", dec], ["-o", tmp_path / "o.txt", "--resume", dec]):
        refused = review_cli(*args, input="y\n")
        assert refused.exit_code == ExitStatus.INPUT
        assert "decisions for another input" in refused.output and "Edit 1/" not in refused.output
    assert dec.read_text(encoding="utf-8") == other.to_json()


def test_sigint_to_a_real_review_process(repairer, tmp_path):
    """A real `repair review` process, interrupted by SIGINT while it waits for an answer."""
    src, dec = tmp_path / "in.txt", tmp_path / "d.json"
    src.write_text(CLI_TEXT, encoding="utf-8")
    env = {**os.environ, "REPAIR_LT_URL": repairer.checker.base_url(), "NO_COLOR": "1"}
    # a shell that runs the tests as a background job (`.ci/run &`) hands SIGINT down ignored, and
    # Python then never turns it into KeyboardInterrupt: the child gets the default back
    proc = subprocess.Popen([sys.executable, "-m", "repair.cli", "review", str(src), "--decisions", str(dec)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=Path(__file__).resolve().parent.parent,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    seen: list[bytes] = []
    second = threading.Event()

    def read() -> None:
        buf = b""
        while chunk := proc.stdout.read1(4096):
            buf += chunk
            seen.append(chunk)
            if buf.count(b"Apply this edit") >= 2:
                second.set()
        second.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc.stdin.write(b"n\n")
    proc.stdin.flush()
    assert second.wait(timeout=600), "the process never asked about the second edit"
    proc.send_signal(signal.SIGINT)
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == ExitStatus.INTERRUPTED, err
    reader.join(timeout=10)
    assert "Decisions so far saved in" in err, err
    saved = Decisions.from_json(dec.read_text(encoding="utf-8"))
    assert saved.review[0] == "rejected" and set(saved.review[1:]) == {"pending"}
