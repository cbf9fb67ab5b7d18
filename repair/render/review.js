/* The review page of `repair fix --html`: accept or reject each edit, rewrite a flagged
 * sentence, export the result; decisions are kept in this browser across reloads and can be
 * imported from a decisions file.
 *
 * Offsets in the data are Python code-point offsets into the original text. JavaScript
 * strings are UTF-16, so the original is held as an array of code points (Array.from) and
 * every slice is taken from that array. Rebuilding the text follows repair/apply.py exactly:
 * the accepted edits, sorted by (start, end), each checked against the text and against
 * overlap with the previous one, replace their spans; everything else is copied as is.
 * All text from the data goes into the page through textContent, never as HTML.
 *
 * A sentence the reviewer rewrites becomes an edit of its own over the sentence's span
 * (source "review", rule "review.sentence", review "edited"), after the pipeline's edits: it
 * overlaps the edits inside the sentence, which it replaces, so `repair apply` replays it.
 * The state is saved in localStorage under the sha256 of the input, in the decisions format,
 * and restored through the same path as an imported file.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("repair-data").textContent);
  var CPS = Array.from(DATA.original);
  var N = CPS.length;

  function slice(a, b) { return CPS.slice(a, b).join(""); }

  function overlaps(a, b) {  // repair.records.Edit.overlaps
    if (a.start < b.end && b.start < a.end) return true;
    return a.start === a.end && a.end === b.start && b.start === b.end;
  }

  function applyEdits(chosen) {  // repair.apply.apply_edits, only_applied=True
    var ordered = chosen.filter(function (e) { return e.applied; }).slice().sort(function (x, y) {
      return x.start - y.start || x.end - y.end;
    });
    var parts = [], pos = 0, prev = null;
    ordered.forEach(function (e) {
      if (e.end > N) throw new Error("edit " + e.rule + " at " + e.start + ".." + e.end + " lies beyond the text");
      if (slice(e.start, e.end) !== e.original) throw new Error("edit " + e.rule + " does not match the text");
      if (prev !== null && overlaps(prev, e)) throw new Error("edits " + prev.rule + " and " + e.rule + " overlap");
      parts.push(slice(pos, e.start), e.replacement);
      pos = e.end;
      prev = e;
    });
    parts.push(slice(pos, N));
    return parts.join("");
  }

  var FIELDS = ["start", "end", "original", "replacement", "source", "rule", "confidence", "message"];
  // carried through to the decisions as the pipeline wrote them (other readings, other replacements)
  var LISTS = ["readings", "alternatives"];
  var edits = DATA.edits.map(function (raw, i) {
    var e = {};
    FIELDS.forEach(function (f) { e[f] = raw[f]; });
    LISTS.forEach(function (f) { e[f] = (raw[f] || []).slice(); });
    e.id = i;
    e.applied = !!raw.applied;
    e.pipelineApplied = !!raw.applied;
    e.pipelineReplacement = raw.replacement;
    e.pipelineDecision = raw.decision || "";
    e.review = "pending";
    e.note = "";
    return e;
  });
  var NP = edits.length;  // the pipeline's edits; the reviewer's own edits come after them
  var flagged = DATA.sentences.filter(function (s) { return s.flagged; });
  var SENTENCE_RULE = "review.sentence";

  function ownEdit(start, end, replacement) {
    var e = { start: start, end: end, original: slice(start, end), replacement: replacement, source: "review",
              rule: SENTENCE_RULE, confidence: 1, message: "Sentence rewritten by the reviewer",
              applied: true, review: "edited", note: "", own: true, id: edits.length };
    e.pipelineApplied = false;
    e.pipelineReplacement = replacement;
    e.pipelineDecision = "";
    e.sentence = flagged.filter(function (s) { return s.start === start && s.end === end; })[0] || null;
    if (e.sentence) e.sentence.edit = e;
    edits.push(e);
    return e;
  }

  function label(e) {
    return e.own ? "your edit of the sentence on line " + (lineOf(e.start) + 1) : "#" + (e.id + 1);
  }

  // ---------------------------------------------------------------- decisions

  function setAccepted(e, accepted, review) {
    e.applied = accepted;
    e.review = review;
    e.note = "";
    if (!accepted) return;
    edits.forEach(function (o) {
      if (o !== e && o.applied && overlaps(o, e)) {
        o.applied = false;
        o.review = "rejected";
        o.note = "Rejected because it overlaps " + label(e) + ".";
      }
    });
  }

  function decisionText(e) {
    if (e.review === "pending") return e.pipelineDecision;
    return e.review + " by reviewer";
  }

  function decisions() {
    return {
      schema: DATA.decisions_schema,
      input_sha256: DATA.input_sha256,
      input_name: DATA.name,
      tool: "repair html review",
      edits: edits.map(function (e) {
        var d = {};
        FIELDS.forEach(function (f) { d[f] = e[f]; });
        LISTS.forEach(function (f) { d[f] = (e[f] || []).slice(); });
        d.applied = e.applied;
        d.decision = e.own ? "edited by reviewer" : decisionText(e);
        d.review = e.review;
        return d;
      })
    };
  }

  // ---------------------------------------------------------------- layout

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Rows: lines of the original; an edit or flagged sentence that crosses a line end joins lines.
  var lineStarts = [0];
  for (var i = 0; i < N; i++) if (CPS[i] === "\n" && i + 1 < N) lineStarts.push(i + 1);
  function lineOf(pos) {
    var lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= pos) lo = mid; else hi = mid - 1; }
    return lo;
  }
  var rows = [];
  function rowOf(pos) {
    var line = lineOf(pos), r = 0;
    while (r + 1 < rows.length && rows[r + 1].start <= lineStarts[line]) r++;
    return r;
  }
  function layout() {  // again whenever an edit is added (it may cross a line end)
    var joined = new Array(lineStarts.length).fill(false);  // joined[k]: line k continues into k+1
    edits.forEach(function (e) {
      for (var k = lineOf(e.start); k < lineOf(Math.max(e.end - 1, e.start)); k++) joined[k] = true;
    });
    rows = [];
    for (var k = 0; k < lineStarts.length; k++) {
      var first = k;
      while (joined[k]) k++;
      rows.push({ start: lineStarts[first], end: k + 1 < lineStarts.length ? lineStarts[k + 1] : N, line: first + 1 });
    }
    edits.forEach(function (e) { e.row = rowOf(e.start); });
    flagged.forEach(function (s) { s.row = rowOf(s.start); });
  }
  layout();

  function flagsAt(a, b) {
    return flagged.filter(function (s) { return s.start < b && a < s.end; });
  }

  function mark(e) {
    var sup = el("sup", "mark" + (e.applied ? " on" : ""), String(e.id + 1));
    sup.dataset.edit = e.id;
    return sup;
  }

  // Unchanged text [a, b), with flagged sentences highlighted.
  function plain(parent, a, b) {
    if (a >= b) return;
    var cuts = [a, b];
    flagsAt(a, b).forEach(function (s) { cuts.push(Math.max(a, s.start), Math.min(b, s.end)); });
    cuts = Array.from(new Set(cuts)).sort(function (x, y) { return x - y; });
    for (var c = 0; c + 1 < cuts.length; c++) {
      var x = cuts[c], y = cuts[c + 1], fl = flagsAt(x, y);
      if (fl.length) {
        var span = el("span", "flag", slice(x, y));
        span.title = "Flagged: " + fl[0].reasons.join("; ");
        parent.appendChild(span);
      } else {
        parent.appendChild(document.createTextNode(slice(x, y)));
      }
    }
  }

  function renderOriginal(cell, row, rowEdits) {
    var cuts = [row.start, row.end];
    rowEdits.forEach(function (e) { cuts.push(e.start, e.end); });
    cuts = Array.from(new Set(cuts)).sort(function (x, y) { return x - y; });
    function insertionsAt(p) {
      rowEdits.forEach(function (e) { if (e.start === e.end && e.start === p) cell.appendChild(mark(e)); });
    }
    for (var c = 0; c + 1 < cuts.length; c++) {
      var x = cuts[c], y = cuts[c + 1];
      insertionsAt(x);
      var covering = rowEdits.filter(function (e) { return e.start <= x && y <= e.end && e.start < e.end; });
      if (!covering.length) { plain(cell, x, y); continue; }
      var on = covering.some(function (e) { return e.applied; });
      var span = el("span", "del " + (on ? "on" : "off"));
      plain(span, x, y);
      span.dataset.edit = covering[0].id;
      span.title = covering.map(function (e) { return "#" + (e.id + 1) + " " + e.rule; }).join(", ");
      cell.appendChild(span);
      rowEdits.forEach(function (e) { if (e.end === y && e.start < e.end) cell.appendChild(mark(e)); });
    }
    if (row.end === N) insertionsAt(N);
  }

  function renderRepaired(cell, row, rowEdits) {
    var pos = row.start;
    rowEdits.filter(function (e) { return e.applied; })
      .sort(function (x, y) { return x.start - y.start || x.end - y.end; })
      .forEach(function (e) {
        plain(cell, pos, e.start);
        var ins = el("ins", "rep", e.replacement);
        ins.dataset.edit = e.id;
        ins.title = "#" + (e.id + 1) + " " + e.rule;
        cell.appendChild(ins);
        cell.appendChild(mark(e));
        pos = e.end;
      });
    plain(cell, pos, row.end);
  }

  var rowNodes = [];
  function renderRows() {
    var box = document.getElementById("rows");
    box.textContent = "";
    rowNodes = rows.map(function (row, r) {
      var rowEdits = edits.filter(function (e) { return e.row === r; });
      var node = el("div", "row");
      node.id = "row-" + r;
      if (!slice(row.start, row.end).trim() && !rowEdits.length) node.classList.add("blank");
      if (rowEdits.some(function (e) { return e.applied; })) node.classList.add("changed");
      if (flagsAt(row.start, row.end).length) node.classList.add("has-flag");
      node.appendChild(el("div", "ln", String(row.line)));
      var orig = el("div", "cell orig"), fixed = el("div", "cell fixed");
      renderOriginal(orig, row, rowEdits);
      renderRepaired(fixed, row, rowEdits);
      node.appendChild(orig);
      node.appendChild(fixed);
      box.appendChild(node);
      return node;
    });
  }

  function visibleSpaces(s) {
    return s === "" ? "∅" : s.replace(/ /g, "·");
  }

  function context(e) {
    var before = slice(Math.max(rows[e.row].start, e.start - 50), e.start);
    var after = slice(e.end, Math.min(rows[e.row].end, e.end + 50));
    var p = el("div", "ctx");
    p.appendChild(document.createTextNode("…" + before.replace(/\n/g, " ")));
    p.appendChild(el("b", "", slice(e.start, e.end) || "‸"));
    p.appendChild(document.createTextNode(after.replace(/\n/g, " ") + "…"));
    return p;
  }

  var cards = [];
  function buildCards() {
    var box = document.getElementById("edits");
    cards = edits.map(function (e) {
      var card = el("div", "card");
      card.id = "edit-" + (e.id + 1);
      card.tabIndex = -1;
      var head = el("div", "card-head");
      head.appendChild(el("span", "num", "#" + (e.id + 1)));
      head.appendChild(el("span", "badge source", e.source));
      head.appendChild(el("span", "badge state"));
      head.appendChild(el("code", "rule", e.rule));
      head.appendChild(el("span", "conf", "confidence " + Math.round(e.confidence * 100) + "%"));
      card.appendChild(head);
      var change = el("div", "change");
      change.appendChild(el("del", "", visibleSpaces(e.original)));
      change.appendChild(document.createTextNode(" → "));
      change.appendChild(el("ins", "", ""));
      card.appendChild(change);
      card.appendChild(context(e));
      card.appendChild(el("div", "msg", e.message));
      card.appendChild(el("div", "why", "Pipeline: " + (e.pipelineApplied ? "applied" : "suggested") +
        (e.pipelineDecision ? " (" + e.pipelineDecision + ")" : "")));
      var controls = el("div", "controls");
      var acc = el("button", "accept", "Accept"), rej = el("button", "reject", "Reject");
      acc.type = rej.type = "button";
      var input = el("input", "replacement");
      input.type = "text";
      input.value = e.replacement;
      input.setAttribute("aria-label", "Replacement for edit " + (e.id + 1));
      input.title = "Edit the replacement (accepts the edit)";
      controls.appendChild(acc);
      controls.appendChild(rej);
      controls.appendChild(input);
      card.appendChild(controls);
      card.appendChild(el("div", "note"));
      acc.addEventListener("click", function () { setAccepted(e, true, e.replacement === e.pipelineReplacement ? "accepted" : "edited"); focus(e.id, false); update(); });
      rej.addEventListener("click", function () { setAccepted(e, false, "rejected"); focus(e.id, false); update(); });
      input.addEventListener("input", function () {
        e.replacement = input.value;
        setAccepted(e, true, e.replacement === e.pipelineReplacement ? "accepted" : "edited");
        update(e.id);
      });
      card.addEventListener("click", function (ev) { if (ev.target === card || ev.target.closest(".ctx,.change,.msg")) focus(e.id, true); });
      box.appendChild(card);
      return card;
    });
  }

  function buildFlagged() {
    var box = document.getElementById("flagged");
    document.getElementById("flagged-count").textContent = "(" + flagged.length + ")";
    if (!flagged.length) box.appendChild(el("p", "hint", "None."));
    flagged.forEach(function (s) {
      var card = el("div", "card flagcard");
      var head = el("div", "card-head");
      head.appendChild(el("span", "num", "Line " + rows[s.row].line));
      head.appendChild(el("span", "conf", "garble score " + Number(s.score).toFixed(2) +
        (s.needs_review === false ? " · fixed by the pipeline's edits" : "")));
      card.appendChild(head);
      card.appendChild(el("div", "sentence", s.text));
      var ul = el("ul", "reasons");
      (s.reasons.length ? s.reasons : ["garbled"]).forEach(function (r) { ul.appendChild(el("li", "", r)); });
      (s.spans || []).forEach(function (sp) { ul.appendChild(el("li", "", "“" + sp.text + "”: " + sp.reason)); });
      card.appendChild(ul);
      card.addEventListener("click", function (ev) { if (!ev.target.closest(".rewrite")) scrollToRow(s.row); });
      card.appendChild(rewriteBox(s));
      s.card = card;
      box.appendChild(card);
    });
  }

  // The sentence as it reads now: the accepted edits that lie inside it applied.
  function currentSentence(s) {
    var parts = [], pos = s.start;
    edits.filter(function (e) { return e.applied && !e.own && s.start <= e.start && e.end <= s.end; })
      .sort(function (x, y) { return x.start - y.start || x.end - y.end; })
      .forEach(function (e) { parts.push(slice(pos, e.start), e.replacement); pos = e.end; });
    parts.push(slice(pos, s.end));
    return parts.join("");
  }

  function rewriteBox(s) {
    var box = el("div", "rewrite");
    var open = el("button", "rewrite-open", "Edit this sentence");
    open.type = "button";
    var area = el("textarea", "rewrite-text");
    area.rows = 3;
    area.spellcheck = true;
    area.setAttribute("aria-label", "Your text for the flagged sentence on line " + rows[s.row].line);
    var controls = el("div", "controls");
    var again = el("button", "rewrite-apply", "Use my text");
    var drop = el("button", "rewrite-discard", "Discard my text");
    again.type = drop.type = "button";
    controls.appendChild(again);
    controls.appendChild(drop);
    var note = el("div", "note");
    [area, controls, note].forEach(function (n) { box.appendChild(n); });
    open.addEventListener("click", function () {
      area.value = s.edit ? s.edit.replacement : currentSentence(s);
      s.editing = true;
      update();
      area.focus();
    });
    area.addEventListener("input", function () { rewrite(s, area.value); update(); });
    again.addEventListener("click", function () { if (s.edit) { setAccepted(s.edit, true, "edited"); update(); } });
    drop.addEventListener("click", function () { discard(s); update(); });
    box.insertBefore(open, area);
    return box;
  }

  // The reviewer's text for flagged sentence s: one edit over the sentence's span, which
  // rejects the accepted edits inside it (its text already holds them).
  function rewrite(s, text) {
    if (!s.edit) {
      ownEdit(s.start, s.end, text);
      layout();
    }
    s.edit.replacement = text;
    setAccepted(s.edit, true, "edited");
  }

  function discard(s) {
    var e = s.edit;
    if (!e) return;
    edits.forEach(function (o) {  // what it displaced goes back to the pipeline's choice
      if (o.review === "rejected" && o.note === "Rejected because it overlaps " + label(e) + ".") {
        o.replacement = o.pipelineReplacement; o.review = "pending"; o.note = "";
        o.applied = o.pipelineApplied && !edits.some(function (x) { return x !== e && x.applied && overlaps(x, o); });
      }
    });
    removeOwn(e);
    s.editing = false;
  }

  function removeOwn(e) {
    edits.splice(edits.indexOf(e), 1);
    edits.forEach(function (o, i) { o.id = i; });
    if (e.sentence) e.sentence.edit = null;
    layout();
  }

  function updateFlagged() {
    flagged.forEach(function (s) {
      var box = s.card.querySelector(".rewrite"), e = s.edit;
      var shown = !!(e || s.editing);
      box.querySelector(".rewrite-open").hidden = shown;
      box.querySelector(".rewrite-text").hidden = !shown;
      box.querySelector(".controls").hidden = !e;
      box.querySelector(".rewrite-apply").hidden = !e || e.applied;
      var area = box.querySelector(".rewrite-text");
      if (e && document.activeElement !== area) area.value = e.replacement;
      box.querySelector(".note").className = e && e.applied ? "note ok" : "note";
      box.querySelector(".note").textContent = !e ? "" : e.applied
        ? "Your text replaces the sentence (an edited edit in the export)."
        : "Your text is not used: " + (e.note || "rejected.");
      s.card.dataset.state = e ? (e.applied ? "edited" : "rejected") : "";
    });
  }

  // ---------------------------------------------------------------- interaction

  var current = -1;
  function scrollToRow(r) {
    rowNodes.forEach(function (n) { n.classList.remove("current"); });
    rowNodes[r].classList.add("current");
    rowNodes[r].scrollIntoView({ block: "center" });
  }
  function focus(id, scrollDoc) {
    if (id >= NP) {  // the reviewer's own edit: its flagged sentence
      var s = edits[id] && edits[id].sentence;
      if (s) s.card.scrollIntoView({ block: "nearest" });
      return;
    }
    current = id;
    cards.forEach(function (c, i) { c.classList.toggle("focus", i === id); });
    cards[id].scrollIntoView({ block: "nearest" });
    document.querySelectorAll(".del.focus, .rep.focus").forEach(function (n) { n.classList.remove("focus"); });
    document.querySelectorAll('[data-edit="' + id + '"]').forEach(function (n) {
      if (n.classList.contains("del") || n.classList.contains("rep")) n.classList.add("focus");
    });
    if (scrollDoc) scrollToRow(edits[id].row);
  }

  document.getElementById("rows").addEventListener("click", function (ev) {
    var t = ev.target.closest("[data-edit]");
    if (t) focus(Number(t.dataset.edit), false);
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.target.closest("input, textarea, select") || ev.ctrlKey || ev.metaKey || ev.altKey || !NP) return;
    if (ev.key === "j" || ev.key === "k") {
      var next = current < 0 ? 0 : current + (ev.key === "j" ? 1 : -1);
      focus(Math.max(0, Math.min(NP - 1, next)), true);
    } else if ((ev.key === "a" || ev.key === "r") && current >= 0) {
      var e = edits[current];
      setAccepted(e, ev.key === "a", ev.key === "r" ? "rejected" : (e.replacement === e.pipelineReplacement ? "accepted" : "edited"));
      update();
      focus(current, false);
    } else {
      return;
    }
    ev.preventDefault();
  });

  document.getElementById("accept-all").addEventListener("click", function () {
    edits.slice(0, NP).forEach(function (e) {
      if (!e.applied && !edits.some(function (o) { return o !== e && o.applied && overlaps(o, e); })) {
        setAccepted(e, true, e.replacement === e.pipelineReplacement ? "accepted" : "edited");
      }
    });
    update();
  });
  document.getElementById("reject-all").addEventListener("click", function () {
    edits.forEach(function (e) { setAccepted(e, false, "rejected"); });
    update();
  });
  document.getElementById("reset").addEventListener("click", function () {
    resetAll();
    update();
    showStatus("Back to the pipeline's choices; nothing of this review is kept in this browser any more.");
  });

  function resetAll() {
    edits.slice(NP).forEach(removeOwn);
    flagged.forEach(function (s) { s.editing = false; });
    edits.forEach(function (e) {
      e.applied = e.pipelineApplied; e.replacement = e.pipelineReplacement; e.review = "pending"; e.note = "";
    });
  }
  document.getElementById("filter").addEventListener("change", function () { update(); });

  function copy(id) {
    var area = document.getElementById(id), status = document.getElementById("export-status");
    function done() { status.className = "status"; status.textContent = "Copied."; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(area.value).then(done, function () { area.select(); document.execCommand("copy"); done(); });
    } else {
      area.select();
      document.execCommand("copy");
      done();
    }
  }
  document.getElementById("copy-text").addEventListener("click", function () { copy("export-text"); });
  document.getElementById("copy-decisions").addEventListener("click", function () { copy("export-decisions"); });

  var urls = {};
  function setDownload(id, content, type, name) {
    if (urls[id]) URL.revokeObjectURL(urls[id]);
    urls[id] = URL.createObjectURL(new Blob([content], { type: type }));
    var a = document.getElementById(id);
    a.href = urls[id];
    a.download = name;
  }

  var base = (DATA.name || "text").replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "") || "text";

  function update(keepInput) {
    var filter = document.getElementById("filter").value;
    edits.slice(0, NP).forEach(function (e, i) {
      var card = cards[i], state = e.applied ? (e.review === "edited" ? "edited" : "accepted") : "rejected";
      card.dataset.state = state;
      var badge = card.querySelector(".badge.state");
      badge.textContent = state + (e.review === "pending" ? "" : " ✓");
      badge.className = "badge state state-" + state;
      card.querySelector(".change ins").textContent = visibleSpaces(e.replacement);
      card.querySelector(".accept").setAttribute("aria-pressed", String(e.applied));
      card.querySelector(".reject").setAttribute("aria-pressed", String(!e.applied));
      if (keepInput !== i) card.querySelector("input.replacement").value = e.replacement;
      card.querySelector(".note").textContent = e.note;
      card.hidden = !(filter === "all" || filter === state || (filter === "accepted" && state === "edited") ||
                      (filter === "reviewed" && e.review !== "pending"));
    });
    updateFlagged();
    renderRows();
    if (current >= 0) focus(current, false);
    var accepted = edits.slice(0, NP).filter(function (e) { return e.applied; }).length;
    var reviewed = edits.slice(0, NP).filter(function (e) { return e.review !== "pending"; }).length;
    document.getElementById("edit-count").textContent = "(" + accepted + " of " + NP + " accepted, " + reviewed + " reviewed)";
    var status = document.getElementById("export-status");
    try {
      var text = applyEdits(edits);
      var json = JSON.stringify(decisions(), null, 1) + "\n";
      document.getElementById("export-text").value = text;
      document.getElementById("export-decisions").value = json;
      setDownload("download-text", text, "text/plain;charset=utf-8", base + ".reviewed.txt");
      setDownload("download-decisions", json, "application/json", base + ".decisions.json");
      if (status.classList.contains("error")) { status.className = "status"; status.textContent = ""; }
      save();
    } catch (err) {
      status.className = "status error";
      status.textContent = "Cannot export: " + err.message;
    }
  }

  // ---------------------------------------------------------------- keeping and importing decisions

  function showStatus(message, isError) {
    var box = document.getElementById("page-status");
    box.hidden = false;
    box.className = "page-status" + (isError ? " error" : "");
    box.setAttribute("role", isError ? "alert" : "status");
    document.getElementById("page-status-text").textContent = message;
  }
  document.getElementById("page-status-close").addEventListener("click", function () {
    document.getElementById("page-status").hidden = true;
  });

  // Keyed by the input's sha256: two articles never share decisions, whatever their pages are called.
  var STORE_KEY = "repair.review.decisions:" + DATA.input_sha256;
  var storeNote = "";

  function save() {
    var touched = edits.some(function (e) { return e.review !== "pending"; });
    try {
      if (touched) window.localStorage.setItem(STORE_KEY, JSON.stringify(decisions()));
      else window.localStorage.removeItem(STORE_KEY);
      storeNote = "";
    } catch (err) {  // storage off or full: the page still works, the reviewer is told once
      if (!storeNote) {
        storeNote = "This browser does not keep the decisions (" + err.message + "): download them before closing.";
        showStatus(storeNote, true);
      }
    }
  }

  var STATES = ["accepted", "rejected", "edited", "pending"];

  // Check a decisions object against this page; returns the error message, or "" when it fits.
  function problem(obj) {
    if (!obj || typeof obj !== "object" || obj.schema !== DATA.decisions_schema) {
      return "not a repair decisions file (schema " + JSON.stringify(obj && obj.schema) + ", expected " +
        JSON.stringify(DATA.decisions_schema) + ")";
    }
    if (obj.input_sha256 !== DATA.input_sha256) {
      return "these decisions were made for another input (sha256 " + String(obj.input_sha256).slice(0, 12) +
        "…; this page's input has " + DATA.input_sha256.slice(0, 12) + "…)" +
        (obj.input_name ? ", named " + JSON.stringify(String(obj.input_name)) : "");
    }
    if (!Array.isArray(obj.edits)) return "it has no list of edits";
    for (var k = 0; k < obj.edits.length; k++) {
      var d = obj.edits[k];
      var bad = !d || typeof d !== "object" ? "not an object"
        : !(Number.isInteger(d.start) && Number.isInteger(d.end) && 0 <= d.start && d.start <= d.end && d.end <= N)
          ? "its span does not lie in the text"
        : typeof d.original !== "string" || slice(d.start, d.end) !== d.original ? "its original text is not the text at its span"
        : typeof d.replacement !== "string" ? "no replacement"
        : typeof d.applied !== "boolean" ? "no applied flag"
        : STATES.indexOf(d.review === undefined ? "pending" : d.review) < 0 ? "unknown review " + JSON.stringify(d.review)
        : "";
      if (bad) return "edit " + k + ": " + bad;
    }
    return "";
  }

  // Take over the decisions in obj (already checked): each matched to the pipeline's edit with the
  // same span, text, rule and source; a decided edit the page does not have (a rewritten
  // sentence) is added; a pending one left out. Nothing changes when the result cannot be applied.
  function adopt(obj) {
    var before = { edits: edits.slice(), state: edits.map(function (e) {
      return [e.applied, e.replacement, e.review, e.note]; }) };
    resetAll();
    var used = {}, added = 0, left = 0;
    obj.edits.forEach(function (d) {
      var review = d.review === undefined ? "pending" : d.review;
      var same = edits.slice(0, NP).filter(function (e) {
        return !used[e.id] && e.start === d.start && e.end === d.end && e.original === d.original &&
          e.rule === d.rule && e.source === d.source;
      });
      var e = same.filter(function (x) { return x.pipelineReplacement === d.replacement; })[0] || same[0];
      if (e) {
        used[e.id] = true;
        e.applied = d.applied; e.replacement = d.replacement; e.review = review;
      } else if (review !== "pending") {
        e = ownEdit(d.start, d.end, d.replacement);
        e.applied = d.applied; e.review = review;
        if (d.rule !== SENTENCE_RULE) { e.rule = String(d.rule); e.source = String(d.source); e.message = String(d.message || ""); }
        added++;
      } else {
        left++;
      }
    });
    edits.slice(0, NP).forEach(function (e) {  // the pipeline's choice must not overlap a decision taken over
      if (!used[e.id] && e.applied && edits.some(function (o) { return o !== e && o.applied && overlaps(o, e); })) {
        e.applied = false;
      }
    });
    layout();
    try {
      applyEdits(edits);
    } catch (err) {
      edits.length = 0;
      before.edits.forEach(function (e, i) {
        edits.push(e);
        e.applied = before.state[i][0]; e.replacement = before.state[i][1]; e.review = before.state[i][2]; e.note = before.state[i][3];
        if (e.sentence) e.sentence.edit = e;
      });
      edits.forEach(function (e, i) { e.id = i; });
      flagged.forEach(function (s) { if (s.edit && edits.indexOf(s.edit) < 0) s.edit = null; });
      layout();
      return { error: "its decisions cannot be applied to this text: " + err.message };
    }
    var reviewed = edits.filter(function (e) { return e.review !== "pending"; }).length;
    return { reviewed: reviewed, added: added, left: left };
  }

  function describe(outcome) {
    return outcome.reviewed + " decision" + (outcome.reviewed === 1 ? "" : "s") +
      (outcome.added ? ", " + outcome.added + " of them your own text" : "") +
      (outcome.left ? "; " + outcome.left + " pending edit(s) this page does not have were left out" : "");
  }

  function importFile(file) {
    file.text().then(function (raw) {
      var obj;
      try { obj = JSON.parse(raw); } catch (err) {
        showStatus("Not imported: " + file.name + " is not valid JSON (" + err.message + "). Nothing changed.", true);
        return;
      }
      var why = problem(obj);
      var outcome = why ? null : adopt(obj);
      if (why || outcome.error) {
        showStatus("Not imported: " + file.name + ": " + (why || outcome.error) + ". Nothing changed.", true);
        return;
      }
      update();
      showStatus("Imported " + file.name + ": " + describe(outcome) + ".");
    }, function (err) {
      showStatus("Not imported: " + file.name + " could not be read (" + err.message + ").", true);
    });
  }

  document.getElementById("import").addEventListener("click", function () {
    document.getElementById("import-file").click();
  });
  document.getElementById("import-file").addEventListener("change", function (ev) {
    var file = ev.target.files && ev.target.files[0];
    if (file) importFile(file);
    ev.target.value = "";  // the same file can be chosen again
  });

  function restore() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE_KEY); } catch (err) { return; }
    if (!raw) return;
    var obj = null;
    try { obj = JSON.parse(raw); } catch (err) { /* reported below */ }
    var why = problem(obj);
    var outcome = why ? null : adopt(obj);
    if (why || outcome.error) {
      showStatus("The decisions this browser kept for this text could not be restored (" + (why || outcome.error) +
        "); the page starts from the pipeline's choices.", true);
      return;
    }
    showStatus("Restored from this browser: " + describe(outcome) + ". Reset starts over.");
  }

  // ---------------------------------------------------------------- start

  document.getElementById("doc-name").textContent = DATA.name;
  var sum = DATA.summary;
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  document.getElementById("summary").textContent = plural(sum.applied, "edit") + " applied by the pipeline, " +
    plural(sum.suggestions, "suggestion") + ", " + sum.flagged + " of " + plural(sum.sentences, "sentence") + " flagged" +
    (sum.needs_review !== undefined && sum.needs_review !== sum.flagged ? " (" + sum.needs_review + " to review)" : "");
  if (DATA.notices.length) {
    var box = document.getElementById("notices");
    box.hidden = false;
    DATA.notices.forEach(function (n) { box.appendChild(el("div", "", n)); });
  }
  buildFlagged();
  buildCards();
  restore();
  update();

  // For scripts and tests: the current state, the exported text and decisions.
  window.repairReview = {
    exportText: function () { return applyEdits(edits); },
    exportDecisions: function () { return decisions(); },
    setAccepted: function (id, accepted) { setAccepted(edits[id], accepted, accepted ? "accepted" : "rejected"); update(); },
    storageKey: STORE_KEY
  };
})();
