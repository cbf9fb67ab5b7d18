"""The HTML review page in a real headless browser (Debian's Chromium, driven by Playwright).

The page must rebuild exactly the text that :func:`repair.apply.apply_edits` builds from the
same decisions (code-point offsets, although JavaScript strings are UTF-16), export decisions
that ``repair apply`` replays, load nothing from the network, and never run input as code.

Chromium is required: CI installs it with ``apt-get install -y chromium``. When it is missing
these tests fail (they do not skip) and say how to install it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair.apply import apply_edits
from repair.cli import main
from repair.records import Decisions, Edit, Result, Sentence
from repair.render.html import review_page
from repair.review import Review

CHROMIUM = os.environ.get("REPAIR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL = ("install Debian's Chromium with `apt-get update && apt-get install -y chromium` "
           "(or point REPAIR_CHROMIUM at a Chromium binary); never `playwright install`")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Playwright python package is missing: pip install -e '.[test]' (it drives Chromium)")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: the HTML review tests need it; {INSTALL}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """One review page open in the browser, with what it requested and any script errors."""

    def __init__(self, browser, result: Result, tmp_path: Path, name: str = "article.txt"):
        self.path = tmp_path / "review.html"
        self.path.write_text(review_page(result, name), encoding="utf-8")
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1440, "height": 900})
        # a bound on waiting, not a measure: a busy shared machine (load 20 on 2 cores seen) can starve
        # Chromium past Playwright's 30 s default
        self.context.set_default_timeout(180_000)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.path.as_uri())
        self.page.wait_for_selector("#edits .card, #edits:empty", state="attached")

    def accept(self, i: int) -> None:
        self.page.click(f"#edit-{i + 1} button.accept")

    def reject(self, i: int) -> None:
        self.page.click(f"#edit-{i + 1} button.reject")

    def replace(self, i: int, text: str) -> None:
        self.page.fill(f"#edit-{i + 1} input.replacement", text)

    def text(self) -> str:
        return self.page.input_value("#export-text")

    def decisions(self) -> Decisions:
        return Decisions.from_json(self.page.input_value("#export-decisions"), "page")

    def download(self, link: str) -> str:
        with self.page.expect_download() as info:
            self.page.click(link)
        return Path(info.value.path()).read_text(encoding="utf-8")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def opener(result: Result, name: str = "article.txt") -> Page:
        pages.append(Page(browser, result, tmp_path, name))
        return pages[-1]

    yield opener
    for p in pages:
        p.close()


# Astral characters (two UTF-16 units each) before most edits, CJK, combining marks, an edit
# across a line break, insertions at the start and the end, alternatives on one span.
TRICKY = "😀 He was a open man.\n𝔘𝔨 a long -term 🇺🇦 deal\n\nnaïve 東京 plan e\u0301 end"


def _edit(text: str, start: int, end: int, replacement: str, rule: str, conf: float, applied: bool) -> Edit:
    return Edit(start, end, text[start:end], replacement, "artifact" if "artifact" in rule else "grammar",
                rule, conf, f"message for {rule}", applied, "pipeline decided")


def tricky_result() -> Result:
    t = TRICKY
    a = t.index("a open")
    hy = t.index(" -term")
    deal = t.index("deal\n\nnaïve")
    edits = [
        _edit(t, 0, 0, "» ", "artifact.insert.start", 0.5, False),
        _edit(t, 0, 2, "", "artifact.emoji", 0.6, False),
        _edit(t, a, a + 1, "an", "grammar.lt.EN_A_VS_AN", 0.95, True),
        _edit(t, a, a + 1, "the", "grammar.alt", 0.4, False),
        _edit(t, hy, hy + 2, "-", "artifact.spacing.hyphen", 0.95, True),
        _edit(t, t.index("🇺🇦"), t.index("🇺🇦") + 2, "🇫🇷", "grammar.flag", 0.3, False),
        _edit(t, deal, deal + 11, "deal. Naïve", "grammar.join", 0.5, False),
        _edit(t, t.index("東京"), t.index("東京") + 2, "Tokyo", "grammar.city", 0.85, True),
        _edit(t, len(t), len(t), ".", "artifact.insert.end", 0.9, True),
    ]
    edits.sort(key=lambda e: (e.start, e.end, not e.applied, -e.confidence))
    text = apply_edits(t, edits)
    s0 = Sentence(2, t.index("\n"), t[2:t.index("\n")], 0.8, True, ("1 grammar issue",))
    return Result(t, text, (s0,), tuple(edits))


def repair_apply(tmp_path: Path, original: str, decisions_json: str) -> str:
    """What `repair apply INPUT DECISIONS.json` prints for these files (it must succeed)."""
    src, dec = tmp_path / "article.txt", tmp_path / "article.decisions.json"
    src.write_text(original, encoding="utf-8")
    dec.write_text(decisions_json, encoding="utf-8")
    replay = CliRunner().invoke(main, ["apply", str(src), str(dec)])
    assert replay.exit_code == 0, replay.output
    return replay.stdout


def _same_decisions(page_d: Decisions, review: Review) -> None:
    mine = review.decisions()
    assert page_d.input_sha256 == mine.input_sha256
    assert page_d.review == mine.review
    assert page_d.edits == mine.edits


def test_initial_page_matches_the_pipeline(open_page):
    r = tricky_result()
    page = open_page(r)
    assert page.text() == r.text == apply_edits(r.original, r.edits)
    d = page.decisions()
    assert d.review == ("pending",) * len(r.edits) and d.edits == r.edits
    assert page.page.locator("#edits .card").count() == len(r.edits)
    assert page.errors == []


def test_summary_counts_agree_with_their_number(open_page):
    e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "Use 'an'.", True, "applied")
    s = Sentence(0, 18, "He was a open man.", 0.8, True, ("1 grammar issue",))
    page = open_page(Result("He was a open man.", "He was an open man.", (s,), (e,)))
    assert page.page.inner_text("#summary") == "1 edit applied by the pipeline, 0 suggestions, 1 of 1 sentence flagged"


def test_toggling_edits_exports_exactly_what_apply_edits_gives(open_page):
    r = tricky_result()
    page = open_page(r)
    review = Review(r)
    rng = random.Random(5)
    choices = ["x", "😀😀", "", "e\u0301", "東"]
    for step in range(36):
        i = rng.randrange(len(r.edits))
        op = rng.choice(["accept", "accept", "reject", "replace"])
        if op == "accept":
            page.accept(i)
            review.accept(i)
        elif op == "reject":
            page.reject(i)
            review.reject(i)
        else:
            new = rng.choice(choices)
            page.replace(i, new)
            review.replace(i, new)
        if step % 6 == 5:
            expected = apply_edits(r.original, review.decisions().edits)
            assert page.text() == expected == review.text()
            _same_decisions(page.decisions(), review)
    assert page.errors == []


def test_downloads_replay_with_repair_apply(open_page, tmp_path):
    r = tricky_result()
    page = open_page(r)
    page.reject(2)                 # a -> an
    page.accept(3)                 # a -> the (an alternative on the same span)
    page.accept(6)                 # joins the lines across the blank line
    page.replace(0, "« ")          # insertion at the start, edited
    text = page.download("#download-text")
    decisions_json = page.download("#download-decisions")
    assert text == page.text()
    d = Decisions.from_json(decisions_json, "download")
    assert d.review[:4] == ("edited", "pending", "rejected", "accepted")
    assert text == apply_edits(r.original, d.edits) == d.apply(r.original)
    assert text.startswith("« 😀 He was the open man.") and "deal. Naïve" in text
    assert repair_apply(tmp_path, r.original, decisions_json) == text


def test_accepting_an_overlapping_edit_rejects_the_other(open_page):
    r = tricky_result()
    page = open_page(r)
    page.accept(3)
    d = page.decisions()
    assert d.edits[3].applied and not d.edits[2].applied and d.review[2] == "rejected"
    assert "overlaps #4" in page.page.inner_text("#edit-3 .note")


def test_bulk_buttons(open_page):
    r = tricky_result()
    page = open_page(r)
    page.page.click("#reject-all")
    assert page.text() == r.original
    page.page.click("#reset")
    assert page.text() == r.text
    page.page.click("#accept-all")
    d = page.decisions()
    assert page.text() == apply_edits(r.original, d.edits)
    assert all(e.applied or any(o.applied and o.overlaps(e) for o in d.edits) for e in d.edits)


def test_keyboard_review(open_page):
    r = tricky_result()
    page = open_page(r)
    for key in ["j", "j", "j", "r"]:   # to the third edit (a -> an), reject it
        page.page.keyboard.press(key)
    assert page.decisions().review[2] == "rejected"
    assert "He was a open man." in page.text()


def test_flagged_sentences_are_shown_with_reasons(open_page):
    page = open_page(tricky_result())
    assert page.page.locator("#flagged .card").count() == 1
    assert "1 grammar issue" in page.page.inner_text("#flagged")
    assert page.page.locator("#rows .flag").count() >= 2  # both sides of the row


def test_script_injection_is_shown_as_text(open_page):
    evil = ('</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'
            '{{DATA}} <!-- \u2028 " \' & <b>bold</b> a apple')
    a = evil.index("a apple")
    e = Edit(a, a + 1, "a", '<img src=y onerror="window.__pwned=3">', "grammar",
             "grammar.</script><script>window.__pwned=4</script>", 0.9,
             '<svg onload="window.__pwned=5"></svg>', True, "<i>decided</i>")
    s = Sentence(0, len(evil), evil, 0.9, True, ("<script>window.__pwned=6</script>",))
    r = Result(evil, apply_edits(evil, [e]), (s,), (e,), ("<b>notice</b>",))
    page = open_page(r, name='</title><script>window.__pwned=7</script>.txt')
    assert page.page.evaluate("window.__pwned") is None
    assert page.dialogs == [] and page.errors == []
    assert page.page.locator("#rows img, #rows script, #rows b, #rows svg, #edits img, #edits svg").count() == 0
    shown = page.page.evaluate("""() => {
        const cell = document.querySelector('#rows .cell.orig').cloneNode(true);
        cell.querySelectorAll('sup.mark').forEach(s => s.remove());
        return cell.textContent; }""")
    assert shown == evil
    assert page.text() == r.text
    assert "<script>window.__pwned=6</script>" in page.page.inner_text("#flagged")
    assert page.page.title() == "Review: </title><script>window.__pwned=7</script>.txt"


def test_the_page_loads_nothing(open_page):
    page = open_page(tricky_result())
    page.page.click("#download-text")
    assert page.requests and all(u.split(":", 1)[0] in ("file", "blob", "data") for u in page.requests), page.requests
    html = page.path.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "Content-Security-Policy" in html


def test_seed_article_review(open_page, repairer, seed_text, tmp_path):
    """The seed article: the page opens on the pipeline's text, and any choice exports exactly."""
    r = repairer.fix(seed_text)
    page = open_page(r, "seeds/000_b84adcd93273e994.txt")
    assert page.text() == r.text
    page.page.screenshot(path=str(tmp_path / "seed-review.png"))
    review = Review(r)
    for i, e in enumerate(r.edits):
        if i % 2:
            page.reject(i) if e.applied else page.accept(i)
            review.reject(i) if e.applied else review.accept(i)
    assert page.text() == apply_edits(seed_text, review.decisions().edits) == review.text()
    _same_decisions(page.decisions(), review)
    assert page.errors == []
    json.loads(page.page.input_value("#export-decisions"))


# --------------------------------------------------------------------------- keeping, importing, rewriting

LINE1 = TRICKY[2:TRICKY.index("\n")]  # the flagged sentence: "He was a open man."


def _status(page: Page) -> str:
    page.page.wait_for_selector("#page-status:not([hidden])")
    return page.page.inner_text("#page-status")


def test_decisions_survive_a_reload_and_stay_with_their_input(open_page, tmp_path):
    r = tricky_result()
    page = open_page(r)
    page.reject(2)
    page.accept(3)
    page.replace(0, "« ")
    page.page.click("#flagged .rewrite-open")
    page.page.fill("#flagged .rewrite-text", "He was the most open man.")
    before, text = page.decisions(), page.text()
    page.page.reload()
    page.page.wait_for_selector("#edits .card")
    assert "Restored from this browser: 4 decisions, 1 of them your own text" in _status(page)
    assert page.decisions() == before and page.text() == text
    assert page.page.input_value("#flagged .rewrite-text") == "He was the most open man."
    # another article opened in the same browser starts from its own pipeline choices
    other_text = TRICKY.replace("plan", "plans")
    other = Result(other_text, other_text, (), tuple(Edit(e.start, e.end, other_text[e.start:e.end], e.replacement,
                                                          e.source, e.rule, e.confidence, e.message, e.applied,
                                                          e.decision) for e in r.edits if e.end <= TRICKY.index("plan")))
    other_path = tmp_path / "other.html"
    other_path.write_text(review_page(other, "other.txt"), encoding="utf-8")
    second = page.context.new_page()
    second.goto(other_path.as_uri())
    second.wait_for_selector("#edits .card")
    assert set(json.loads(second.input_value("#export-decisions"))["edits"][i]["review"]
               for i in range(len(other.edits))) == {"pending"}
    assert second.locator("#page-status").is_hidden()
    # Reset forgets the kept decisions
    page.page.click("#reset")
    page.page.reload()
    page.page.wait_for_selector("#edits .card")
    assert page.text() == r.text and set(page.decisions().review) == {"pending"}
    assert page.errors == []


def test_import_a_decisions_file_from_repair_review(open_page, tmp_path):
    r = tricky_result()
    review = Review(r, "article.txt")        # what `repair review --decisions` writes
    review.reject(2)
    review.replace(4, "–")
    review.accept(7)
    path = tmp_path / "article.decisions.json"
    path.write_text(review.decisions().to_json() + "\n", encoding="utf-8")
    page = open_page(r)
    with page.page.expect_file_chooser() as chooser:  # the button opens the file chooser
        page.page.click("#import")
    chooser.value.set_files(str(path))
    assert "Imported article.decisions.json: 3 decisions." in _status(page)
    _same_decisions(page.decisions(), review)
    assert page.text() == review.text() == apply_edits(r.original, review.decisions().edits)
    assert page.page.inner_text("#edit-5 .badge.state") == "edited ✓"
    assert page.errors == []


def test_import_refuses_a_file_made_for_another_input(open_page, tmp_path):
    r = tricky_result()
    page = open_page(r)
    page.reject(4)
    before = page.decisions()
    other = TRICKY.replace("man", "woman")
    d = Review(Result(other, other, (), ()), "other.txt").decisions()
    path = tmp_path / "other.decisions.json"
    path.write_text(d.to_json(), encoding="utf-8")
    page.page.set_input_files("#import-file", str(path))
    message = _status(page)
    assert "Not imported: other.decisions.json: these decisions were made for another input" in message
    assert 'named "other.txt"' in message and "Nothing changed." in message
    assert page.page.get_attribute("#page-status", "role") == "alert"
    assert page.page.locator("#page-status.error").is_visible()
    assert page.decisions() == before
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    page.page.set_input_files("#import-file", str(junk))
    # the page's CSP forbids eval, so wait through a locator rather than wait_for_function
    from playwright.sync_api import expect
    expect(page.page.locator("#page-status")).to_contain_text("junk.json", timeout=180_000)
    assert "is not valid JSON" in _status(page) and page.decisions() == before


def test_rewriting_a_flagged_sentence_exports_an_edit_repair_apply_replays(open_page, tmp_path):
    r = tricky_result()
    page = open_page(r)
    page.page.click("#flagged .rewrite-open")
    # the box starts from the sentence as it reads now, with the accepted a -> an
    assert page.page.input_value("#flagged .rewrite-text") == "He was an open man."
    page.page.fill("#flagged .rewrite-text", "He was an honest man, 😀 they said.")
    text = page.download("#download-text")
    decisions_json = page.download("#download-decisions")
    d = Decisions.from_json(decisions_json, "download")
    mine = d.edits[-1]
    assert (mine.start, mine.end, mine.original) == (2, 2 + len(LINE1), LINE1)
    assert mine.replacement == "He was an honest man, 😀 they said." and mine.applied and d.review[-1] == "edited"
    assert mine.source == "review" and mine.rule == "review.sentence"
    assert not d.edits[2].applied and d.review[2] == "rejected"  # a -> an lies inside: replaced by the sentence
    assert d.edits[:2] + d.edits[3:-1] == r.edits[:2] + r.edits[3:]  # nothing else moved
    assert text == apply_edits(r.original, d.edits) == d.apply(r.original)
    assert text.startswith("😀 He was an honest man, 😀 they said.\n𝔘𝔨 a long-term")
    assert repair_apply(tmp_path, r.original, decisions_json) == text
    # accepting an edit inside the sentence sets the rewrite aside; discarding it brings a -> an back
    page.accept(3)
    assert "Your text is not used: Rejected because it overlaps #4." in page.page.inner_text("#flagged")
    assert page.text().startswith("😀 He was the open man.")
    page.page.click("#flagged .rewrite-apply")
    assert page.text() == text
    page.page.click("#flagged .rewrite-discard")
    assert page.text() == r.text and len(page.decisions().edits) == len(r.edits)
    assert page.errors == []


def test_seed_article_rewrite_a_flagged_sentence(open_page, repairer, seed_text, tmp_path):
    """The real pipeline's flagged sentence on the seed: rewritten on the page, replayed by repair apply."""
    r = repairer.fix(seed_text)
    assert r.flagged, "the seed article has flagged sentences"
    s = r.flagged[0]
    page = open_page(r, "seed.txt")
    page.page.locator("#flagged .rewrite-open").first.click()
    page.page.locator("#flagged .rewrite-text").first.fill("A sentence the reviewer wrote instead.")
    decisions_json = page.download("#download-decisions")
    d = Decisions.from_json(decisions_json)
    assert d.edits[-1].span == (s.start, s.end) and d.review[-1] == "edited"
    replayed = repair_apply(tmp_path, seed_text, decisions_json)
    assert replayed == page.text() == apply_edits(seed_text, d.edits)
    assert replayed[:s.start] == apply_edits(seed_text[:s.start], [e for e in r.edits if e.end <= s.start])
    assert "A sentence the reviewer wrote instead." in replayed and s.text not in replayed
    assert page.errors == []
