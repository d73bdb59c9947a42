/* scorm-builder learner runtime: page navigation, the quiz and SCORM 1.2 tracking, in one file
   without dependencies. docs/runtime.md describes the behaviour; "field notes" below means
   shared/docs/scorm12-field-notes.md, where each SCORM rule comes from. */
(function (win, doc) {
  "use strict";
  var root = doc.documentElement;
  // Before the first paint: style.css then shows one page at a time (without JS, all of them).
  root.className += " sb-js";

  /* ---- cmi.suspend_data encoding: mirrored in src/scorm_builder/suspend.py
     1|<quiz-hash>|<furthest page>|<seed>|<quiz>;<quiz>...  (numbers in base 36), <quiz> =
     <attempts used>.<submitted 0/1>.<chosen keys per question, joined by ",">. Compact: 1.2 keeps
     4,096 characters and the build checks the worst case (field notes, "Learner data and resume"). */
  var FORMAT = "1";
  var SEED_LIMIT = 2176782336; // 36^6: seeds are below this (suspend.SEED_MAX + 1)
  var ATTEMPTS_MAX = 1295; // "zz": unlimited attempts are counted up to here (suspend.ATTEMPTS_COUNTER_MAX)

  function b36(n) { return Math.max(0, Math.floor(n)).toString(36); }
  function n36(s) { return /^[0-9a-z]{1,7}$/.test(s) ? parseInt(s, 36) : -1; }

  function freshQuizzes(data) {
    return data.quizzes.map(function (quiz) {
      return { used: 0, submitted: false, answers: quiz.questions.map(function () { return []; }) };
    });
  }

  function encodeState(st, data) {
    var quizzes = data.quizzes.map(function (quiz, qi) {
      var q = st.quizzes[qi] || {};
      var answers = quiz.questions.map(function (question, i) {
        var chosen = (q.answers && q.answers[i]) || [];
        return question.keys.filter(function (k) { return chosen.indexOf(k) >= 0; }).join("");
      });
      return b36(q.used || 0) + "." + (q.submitted ? 1 : 0) + "." + answers.join(",");
    });
    return [FORMAT, data.quizHash, b36(st.furthest || 0), b36(st.seed || 0), quizzes.join(";")].join("|");
  }

  /* Returns null when the text is not ours; otherwise {furthest, seed, quizzes, quizKept}.
     A different quiz hash (the quiz was edited since) drops the quiz state and keeps the rest. */
  function decodeState(text, data) {
    var f = String(text || "").split("|");
    if (f.length !== 5 || f[0] !== FORMAT) return null;
    var furthest = n36(f[2]), seed = n36(f[3]);
    if (furthest < 0 || seed < 0) return null;
    var st = { furthest: Math.min(furthest, data.pages.length - 1), seed: seed % SEED_LIMIT,
      quizzes: freshQuizzes(data), quizKept: false };
    var parts = f[4] ? f[4].split(";") : [];
    if (f[1] !== data.quizHash || parts.length !== data.quizzes.length) return st;
    var quizzes = [];
    for (var i = 0; i < parts.length; i++) {
      var quiz = data.quizzes[i], p = parts[i].split(".");
      var used = p.length === 3 ? n36(p[0]) : -1;
      var answers = used >= 0 ? p[2].split(",") : [];
      if (used < 0 || (p[1] !== "0" && p[1] !== "1") || answers.length !== quiz.questions.length) return st;
      quizzes.push({
        used: Math.min(used, quiz.attempts || ATTEMPTS_MAX),
        submitted: p[1] === "1",
        answers: answers.map(function (a, j) {
          var question = quiz.questions[j];
          var chosen = question.keys.filter(function (k) { return a.indexOf(k) >= 0; });
          return question.type === "multiple" ? chosen : chosen.slice(0, 1);
        })
      });
    }
    st.quizzes = quizzes;
    st.quizKept = true;
    return st;
  }

  /* ---- small helpers */
  function pad(n, width) { n = String(n); while (n.length < width) n = "0" + n; return n; }

  /* CMITimespan [H]HHH:MM:SS[.SS], as Moodle's regex wants (field notes, "Time"). */
  function timespan(ms, hourDigits, hundredths) {
    var cs = Math.min(Math.max(0, Math.floor(ms / 10)), 3599999999); // at most 9999:59:59.99
    var out = pad(Math.floor(cs / 360000), hourDigits) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2);
    return hundredths ? out + "." + pad(cs % 100, 2) : out;
  }

  /* CMITime: time of day HH:MM:SS. */
  function clock(d) { return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2); }

  /* A score in 0..100 with at most two decimals, as the text written to cmi.core.score.raw. */
  function scoreText(got, total) { return String(total ? Math.round(got * 10000 / total) / 100 : 0); }

  /* Option order: seeded shuffle, the same on resume, new for each attempt. */
  function shuffled(keys, seed, quizIndex, attempt, questionIndex) {
    var a = seed;
    a = Math.imul(a ^ (quizIndex + 1), 0x9e3779b1);
    a = Math.imul(a ^ (attempt + 1), 0x85ebca6b);
    a = Math.imul(a ^ (questionIndex + 1), 0xc2b2ae35) ^ (a >>> 16);
    function next() { // mulberry32
      a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    var out = keys.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1)), k = out[i];
      out[i] = out[j];
      out[j] = k;
    }
    return out;
  }

  function warn(message) { try { win.console.warn("[scorm-builder] " + message); } catch (e) { /* no console */ } }
  function $(sel, from) { return (from || doc).querySelector(sel); }
  function $$(sel, from) { return [].slice.call((from || doc).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function show(e, visible) { if (e) e.hidden = !visible; }

  /* ---- the SCORM 1.2 API: found as ADL's algorithm and pipwerks do (self, up to 7 parents, then the
     opener's chain), every access guarded (field notes, "Launch and API discovery"). */
  function findIn(w) {
    for (var i = 0; w && i <= 7; i++) {
      try { if (w.API && typeof w.API.LMSInitialize !== "undefined") return w.API; } catch (e) { /* cross-origin */ }
      var up = null;
      try { up = w.parent; } catch (e) { /* detached */ }
      if (!up || up === w) break;
      w = up;
    }
    return null;
  }

  function findAPI() {
    var api = findIn(win);
    try { if (!api && win.opener) api = findIn(win.opener); } catch (e) { /* no opener */ }
    try { if (!api && win.top && win.top.opener) api = findIn(win.top.opener); } catch (e) { /* no opener */ }
    return api;
  }

  var COMMIT_GAP = 2000; // at most one throttled commit every 2 s, with a trailing one
  var lms = { api: null, live: false, finished: false, written: {}, dirty: false, lastCommit: 0, timer: 0 };

  function call(name, args) {
    try {
      var r = lms.api[name].apply(lms.api, args || []);
      return r === undefined || r === null ? "" : String(r);
    } catch (e) {
      warn(name + " threw: " + e);
      return "false";
    }
  }

  function lmsError() {
    var code = call("LMSGetLastError");
    return "error " + code + " (" + call("LMSGetErrorString", [code]) + ")";
  }

  /* On "false": read the error, warn, retry once. Never throws at the learner. */
  function attempt(name, args, label) {
    for (var i = 0; i < 2; i++) {
      if (call(name, args) === "true") return true;
      warn(label + " failed: " + lmsError() + (i ? "; giving up" : "; retrying once"));
    }
    return false;
  }

  function getValue(key) { return lms.live && !lms.finished ? call("LMSGetValue", [key]) : ""; }

  function setValue(key, value) {
    if (!lms.live || lms.finished) return false;
    value = String(value);
    if (lms.written[key] === value) return true; // unchanged since it was last written
    if (!attempt("LMSSetValue", [key, value], "LMSSetValue(" + key + ")")) return false;
    lms.written[key] = value;
    lms.dirty = true;
    return true;
  }

  /* Commit now, or (throttled) at most every COMMIT_GAP ms with a trailing commit. */
  function commit(now) {
    if (!lms.live || lms.finished || !lms.dirty) return;
    var wait = lms.lastCommit + COMMIT_GAP - Date.now();
    if (!now && wait > 0) {
      if (!lms.timer) lms.timer = setTimeout(function () { lms.timer = 0; commit(true); }, wait);
      return;
    }
    clearTimeout(lms.timer);
    lms.timer = 0;
    lms.lastCommit = Date.now();
    lms.dirty = false;
    if (!attempt("LMSCommit", [""], "LMSCommit")) lms.dirty = true;
  }

  /* ---- the runtime */
  var data, pages, links, ui = {}, quizzes = [], state, session;

  function start() {
    data = JSON.parse($("#sb-data").textContent);
    pages = $$(".sb-page").slice(0, data.pages.length);
    links = $$("#sb-toc a[data-goto]");
    ui = {
      prev: $("#sb-prev"), next: $("#sb-next"), progress: $("#sb-progress"), pager: $("#sb-pager"),
      status: $("#sb-status"), notice: $("#sb-notice"), exit: $("#sb-exit"), toc: $("#sb-toc-details")
    };
    session = connect();
    state = restore(session);
    pages.forEach(function (p) {
      var h = $("h2", p);
      if (h && !h.hasAttribute("tabindex")) h.setAttribute("tabindex", "-1");
    });
    stackTables();
    setupQuizzes();
    setupNavigation();
    setupLifecycle();
    var notices = [];
    if (!lms.live) {
      notices.push(L(lms.api ? "lms_silent" : "no_lms"));
    }
    else if (session.mode !== "normal") notices.push(L(session.mode === "review" ? "mode_review" : "mode_browse"));
    else if (!session.graded) notices.push(L("no_credit"));
    if (notices.length) { ui.notice.textContent = notices.join(" "); show(ui.notice, true); }
    show(ui.exit, lms.live);
    setupContents();
    goTo(state.page, false);
    if (state.resumed) say(L("welcome_back"));
  }

  function connect() {
    var s = { mode: "normal", credit: "credit", status: "", entry: "", mastery: NaN, suspend: "", location: "", raw: "" };
    lms.api = findAPI();
    if (lms.api) {
      lms.live = true;
      if (!attempt("LMSInitialize", [""], "LMSInitialize")) lms.live = false;
    }
    if (lms.live) {
      s.mode = getValue("cmi.core.lesson_mode") || "normal"; // empty means normal (field notes, "Score and status")
      s.credit = getValue("cmi.core.credit") || "credit";
      s.status = getValue("cmi.core.lesson_status");
      s.entry = getValue("cmi.core.entry");
      s.raw = getValue("cmi.core.score.raw");
      s.mastery = parseFloat(getValue("cmi.student_data.mastery_score"));
      s.suspend = getValue("cmi.suspend_data");
      s.location = getValue("cmi.core.lesson_location");
    } else {
      var saved = loadLocal();
      if (saved) { s.suspend = String(saved.suspend || ""); s.location = String(saved.location || ""); }
    }
    s.tracking = lms.live && s.mode === "normal"; // browse and review change no status, score or data
    s.review = lms.live && s.mode === "review"; // a finished attempt, shown read-only
    s.graded = s.tracking && s.credit !== "no-credit";
    s.passMark = isFinite(s.mastery) && s.mastery >= 0 && s.mastery <= 100 ? s.mastery : data.passMark;
    s.started = Date.now();
    if (s.tracking && /^(not attempted|browsed|)$/.test(s.status)) {
      if (setValue("cmi.core.lesson_status", "incomplete")) s.status = "incomplete";
    }
    return s;
  }

  function storageKey() { return "scorm-builder:" + data.course + ":" + data.sco; }

  function loadLocal() {
    try {
      var v = JSON.parse(win.localStorage.getItem(storageKey()) || "null");
      return v && typeof v === "object" ? v : null;
    } catch (e) { return null; }
  }

  function saveLocal(location, suspend) {
    try { win.localStorage.setItem(storageKey(), JSON.stringify({ location: location, suspend: suspend })); } catch (e) { /* storage off */ }
  }

  /* cmi.core.entry (docs/runtime.md, "Resume"): "ab-initio" starts fresh even when the LMS sends stale
     data; "resume" restores; "" (launched before, not suspended) restores too, so that a finished
     attempt shows what was recorded. Without an LMS, what this browser saved comes back. */
  function restore(s) {
    var st = { page: 0, furthest: 0, seed: Math.floor(Math.random() * SEED_LIMIT), quizzes: freshQuizzes(data), resumed: false };
    if (lms.live && s.entry === "ab-initio") {
      if (s.suspend || s.location) warn("cmi.core.entry is ab-initio: starting fresh, ignoring the saved data the LMS sent");
      return st;
    }
    var saved = decodeState(s.suspend, data);
    if (saved) {
      st.furthest = saved.furthest;
      if (saved.quizKept) { st.seed = saved.seed; st.quizzes = saved.quizzes; }
      st.resumed = true;
    } else if (s.suspend) {
      warn("cmi.suspend_data is not in this runtime's format; starting fresh");
    }
    for (var i = 0; i < data.pages.length; i++) {
      if (data.pages[i].id === s.location) { st.page = i; st.resumed = true; }
    }
    st.furthest = Math.max(st.furthest, st.page);
    return st;
  }

  /* Write the state where it belongs (the LMS, or localStorage when there is none). */
  function writeState() {
    var location = data.pages[state.page].id, text = encodeState(state, data);
    if (!lms.live) { saveLocal(location, text); return; }
    if (session.tracking) {
      setValue("cmi.core.lesson_location", location);
      setValue("cmi.suspend_data", text);
      setValue("cmi.core.exit", isDone() ? "" : "suspend"); // field notes: exit suspend while incomplete
    }
  }

  /* Write, then commit throttled (or now). */
  function save(now) {
    writeState();
    commit(now);
  }

  function finish() {
    if (!lms.live || lms.finished) return;
    writeState();
    clearTimeout(lms.timer);
    setValue("cmi.core.session_time", timespan(Date.now() - session.started, 4, true));
    lms.finished = true; // LMSFinish exactly once; no call after it
    if (call("LMSFinish", [""]) !== "true") warn("LMSFinish failed");
  }

  function say(text) { if (ui.status) ui.status.textContent = text; }

  /* Labels (templates/labels/en.yml, overridable per course): L("key", {name: value}) fills {name};
     a key with plural forms (key_one, key_other, ...) takes the form of params.count by the course
     language's plural rules. */
  function L(key, params) {
    var labels = data.labels || {}, p = params || {}, text = labels[key];
    if (text === undefined) {
      var form = "other";
      try { form = new Intl.PluralRules(data.language).select(p.count); } catch (e) { form = p.count === 1 ? "one" : "other"; }
      text = labels[key + "_" + form];
      if (text === undefined) text = labels[key + "_other"];
    }
    return String(text === undefined ? key : text).replace(/\{(\w+)\}/g, function (m, name) {
      return p[name] === undefined ? m : String(p[name]);
    });
  }

  /* ---- navigation */
  /* The contents list starts collapsed on narrow screens and is always open beside the page on wide ones. */
  var narrow = win.matchMedia ? win.matchMedia("(max-width: 47.99em)") : null;
  function setupContents() {
    if (!ui.toc || !narrow) return;
    if (narrow.matches) ui.toc.open = false;
    var reopen = function () { if (!narrow.matches) ui.toc.open = true; };
    if (narrow.addEventListener) narrow.addEventListener("change", reopen);
  }

  function setupNavigation() {
    show(ui.pager, pages.length > 1);
    ui.prev.addEventListener("click", function () { goTo(state.page - 1, true); });
    ui.next.addEventListener("click", function () { goTo(state.page + 1, true); });
    links.forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        if (ui.toc && narrow && narrow.matches) ui.toc.open = false;
        goTo(+a.getAttribute("data-goto"), true);
      });
    });
    // links between pages inside the content ("see [the frame](02-frame.md)")
    $("#sb-main").addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[data-goto]");
      if (a) { e.preventDefault(); goTo(+a.getAttribute("data-goto"), true); }
    });
  }

  function goTo(i, moveFocus) {
    var last = pages.length - 1;
    i = Math.max(0, Math.min(last, i || 0));
    state.page = i;
    state.furthest = Math.max(state.furthest, i);
    pages.forEach(function (p, j) { p.classList.toggle("sb-current", j === i); });
    links.forEach(function (a, j) {
      if (j === i) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    ui.prev.disabled = i === 0;
    ui.next.disabled = i === last;
    ui.progress.textContent = L("progress", { page: i + 1, count: pages.length });
    var qi = data.pages[i].quiz;
    if (qi !== null && quizzes[qi] && !state.quizzes[qi].submitted && !quizzes[qi].started) quizzes[qi].started = Date.now();
    if (moveFocus) {
      say("");
      win.scrollTo(0, 0);
      var h = $("h2", pages[i]) || $("#sb-main");
      h.focus({ preventScroll: true });
    }
    if (!data.quizzes.length) {
      if (i === last) say(L("end_of_section"));
      report();
    }
    save(false);
  }

  /* Narrow screens stack table rows (style.css); explicit roles keep them announced as a table. */
  function stackTables() {
    $$(".sb-page table").forEach(function (t) {
      if (!$("td[data-label]", t)) return;
      t.classList.add("sb-stack");
      t.setAttribute("role", "table");
      $$("thead, tbody, tfoot", t).forEach(function (g) { g.setAttribute("role", "rowgroup"); });
      $$("tr", t).forEach(function (r) { r.setAttribute("role", "row"); });
      $$("th", t).forEach(function (h) { h.setAttribute("role", h.getAttribute("scope") === "row" ? "rowheader" : "columnheader"); });
      $$("td", t).forEach(function (d) { d.setAttribute("role", "cell"); });
    });
  }

  /* ---- the quiz */
  function setupQuizzes() {
    $$(".sb-passmark").forEach(function (s) { s.textContent = String(session.passMark); });
    $$(".sb-js-only").forEach(function (e) { show(e, true); });
    data.pages.forEach(function (page, p) {
      if (page.quiz === null) return;
      var qi = page.quiz, form = $("form", pages[p]);
      if (!form) return;
      var q = {
        form: form, started: 0, result: $(".sb-result", form), submit: $(".sb-submit", form),
        retry: $(".sb-retry", form), actions: $(".sb-quiz-actions", form),
        questions: data.quizzes[qi].questions.map(function (question) {
          var fs = $('fieldset[data-question="' + question.id + '"]', form);
          return { fs: fs, box: $(".sb-options", fs), result: $(".sb-qresult", fs), why: $(".sb-rationale", fs) };
        })
      };
      quizzes[qi] = q;
      show(q.actions, true);
      form.addEventListener("change", function (e) { answerChanged(qi, e.target); });
      form.addEventListener("submit", function (e) { e.preventDefault(); submitQuiz(qi); });
      if (q.retry) q.retry.addEventListener("click", function () { retryQuiz(qi); });
      renderQuiz(qi);
    });
  }

  function option(qi, i, key) { return $('.sb-option[data-key="' + key + '"]', quizzes[qi].questions[i].fs); }

  function answerChanged(qi, input) {
    var quiz = data.quizzes[qi], st = state.quizzes[qi];
    if (st.submitted) return;
    quiz.questions.forEach(function (question, i) {
      if (!quizzes[qi].questions[i].fs.contains(input)) return;
      st.answers[i] = question.keys.filter(function (k) {
        var o = option(qi, i, k), box = o && $("input", o);
        return box && box.checked;
      });
    });
    save(false);
  }

  function isRight(question, chosen) {
    return chosen.length === question.correct.length &&
      question.correct.every(function (k) { return chosen.indexOf(k) >= 0; });
  }

  /* Weighted score of some quizzes: {got, total, right, count}. */
  function tally(list) {
    var t = { got: 0, total: 0, right: 0, count: 0 };
    list.forEach(function (qi) {
      data.quizzes[qi].questions.forEach(function (question, i) {
        var ok = isRight(question, state.quizzes[qi].answers[i]);
        t.total += question.weight;
        t.count += 1;
        if (ok) { t.got += question.weight; t.right += 1; }
      });
    });
    return t;
  }

  function quizPassed(qi) {
    var t = tally([qi]);
    return parseFloat(scoreText(t.got, t.total)) >= session.passMark;
  }

  function attemptsLeft(qi) {
    var max = data.quizzes[qi].attempts;
    return max ? max - state.quizzes[qi].used : Infinity;
  }

  /* Every quiz submitted and the SCO's overall score reaches the pass mark: a pass is final. */
  function scoPassed() {
    if (!state.quizzes.every(function (st) { return st.submitted; })) return false;
    var t = tally(allIndexes());
    return parseFloat(scoreText(t.got, t.total)) >= session.passMark;
  }

  /* The quiz may be attempted again: submitted, not passed, attempts left, the SCO not passed. */
  function retryOpen(qi) {
    return state.quizzes[qi].submitted && attemptsLeft(qi) > 0 && !quizPassed(qi) && !scoPassed();
  }

  /* ... and the learner can do it here: not after LMSFinish, not in review mode. */
  function canRetry(qi) { return retryOpen(qi) && !lms.finished && !session.review; }

  /* Done: the result is final (passed, or no attempt left; content read to the end), so it is
     reported and cmi.core.exit is "" rather than "suspend". */
  function isDone() {
    if (!data.quizzes.length) return state.furthest >= pages.length - 1;
    return state.quizzes.every(function (st, qi) { return st.submitted && !retryOpen(qi); });
  }

  function allIndexes() { return data.quizzes.map(function (_, qi) { return qi; }); }

  function renderQuiz(qi) {
    var quiz = data.quizzes[qi], st = state.quizzes[qi], q = quizzes[qi];
    var attemptIndex = Math.max(0, st.submitted ? st.used - 1 : st.used);
    quiz.questions.forEach(function (question, i) {
      var parts = q.questions[i], chosen = st.answers[i], right = isRight(question, chosen);
      if (quiz.shuffle && question.type !== "true-false") {
        shuffled(question.keys, state.seed, qi, attemptIndex, i).forEach(function (k) {
          var o = option(qi, i, k);
          if (o) parts.box.appendChild(o);
        });
      }
      question.keys.forEach(function (k) {
        var o = option(qi, i, k);
        if (!o) return;
        var input = $("input", o), fb = $(".sb-feedback", o), verdict = fb && $(".sb-verdict", fb);
        var picked = chosen.indexOf(k) >= 0, correct = question.correct.indexOf(k) >= 0;
        input.checked = picked;
        input.disabled = st.submitted || lms.finished || session.review;
        o.className = "sb-option" + (st.submitted ? (picked ? " sb-picked" : "") + (correct ? " sb-correct" : "") : "");
        if (verdict) {
          verdict.textContent = L(picked ? (correct ? "verdict_picked_right" : "verdict_picked_wrong")
            : question.type === "multiple" ? "verdict_missed" : "verdict_correct");
        }
        show(fb, st.submitted && (picked || correct));
      });
      if (parts.result) {
        parts.result.textContent = L(right ? "question_right" : "question_wrong");
        parts.result.className = "sb-qresult " + (right ? "sb-right" : "sb-wrong");
        show(parts.result, st.submitted);
      }
      show(parts.why, st.submitted);
    });
    show(q.submit, !st.submitted && !session.review);
    show(q.retry, canRetry(qi));
    if (q.submit) q.submit.disabled = lms.finished;
    q.result.textContent = "";
    q.result.classList.remove("sb-pass", "sb-fail");
    if (st.submitted) writeResult(qi);
  }

  function writeResult(qi) {
    var q = quizzes[qi], t = tally([qi]), pct = scoreText(t.got, t.total), passed = quizPassed(qi);
    var left = attemptsLeft(qi), lines = [];
    q.result.classList.add(passed ? "sb-pass" : "sb-fail");
    q.result.appendChild(el("p", "sb-result-head", L(passed ? "result_passed" : "result_failed")));
    lines.push(L("score", { score: pct, right: t.right, count: t.count, pass_mark: session.passMark }));
    if (!passed && canRetry(qi)) lines.push(left === Infinity ? L("can_try_again") : L("attempts_left", { count: left }));
    else if (!passed && left <= 0) lines.push(L("no_attempts_left"));
    if (data.quizzes.length > 1 && state.quizzes.every(function (s) { return s.submitted; })) {
      var all = tally(allIndexes());
      lines.push(L("overall_score", { score: scoreText(all.got, all.total) }));
    }
    lines.push(L("feedback_above"));
    lines.forEach(function (line) { q.result.appendChild(el("p", "", line)); });
  }

  function submitQuiz(qi) {
    var quiz = data.quizzes[qi], st = state.quizzes[qi], q = quizzes[qi];
    if (st.submitted || lms.finished || session.review) return;
    for (var i = 0; i < quiz.questions.length; i++) {
      if (!st.answers[i].length) {
        q.result.textContent = L("unanswered", { number: i + 1 });
        var first = $("input", q.questions[i].fs);
        if (first) first.focus();
        return;
      }
    }
    st.submitted = true;
    st.used = Math.min(st.used + 1, quiz.attempts || ATTEMPTS_MAX);
    if (session.tracking) interactions(qi);
    renderQuiz(qi);
    writeState();
    report();
    commit(true); // commit immediately after a submit
    q.result.focus();
  }

  function retryQuiz(qi) {
    var st = state.quizzes[qi], q = quizzes[qi];
    if (!canRetry(qi)) return;
    st.submitted = false;
    st.answers = data.quizzes[qi].questions.map(function () { return []; });
    q.started = Date.now();
    renderQuiz(qi);
    save(false);
    var left = attemptsLeft(qi), n = st.used + 1;
    say(left === Infinity ? L("new_attempt", { number: n }) : L("new_attempt_of", { number: n, count: st.used + left }));
    var first = $("input", q.form);
    if (first) first.focus();
  }

  /* cmi.interactions.n.* for each question of a submitted attempt; n continues from _count
     (1.2 interactions are write-only, so every attempt appends new records). */
  function interactions(qi) {
    var n = parseInt(getValue("cmi.interactions._count"), 10);
    if (isNaN(n)) return;
    var quiz = data.quizzes[qi], st = state.quizzes[qi], now = new Date();
    var latency = timespan(now - (quizzes[qi].started || now), 2, false), time = clock(now);
    quiz.questions.forEach(function (question, i) {
      var p = "cmi.interactions." + (n + i) + ".", chosen = st.answers[i];
      setValue(p + "id", question.id);
      setValue(p + "type", question.type === "true-false" ? "true-false" : "choice");
      setValue(p + "time", time);
      setValue(p + "weighting", String(question.weight));
      setValue(p + "student_response", chosen.join(","));
      setValue(p + "correct_responses.0.pattern", question.correct.join(","));
      setValue(p + "result", isRight(question, chosen) ? "correct" : "wrong");
      setValue(p + "latency", latency);
    });
  }

  /* Status and score, normal mode only (docs/runtime.md, "Status and score" and "Retries").
     A SCO with quizzes reports once its result is final: passed, or failed with no attempt left.
     Before that it stays "incomplete" with no score, so that neither the LMS's mastery override
     nor its review mode on relaunch can take the learner's remaining attempts away. The status
     is committed before the score: Moodle stores a commit's score first and judges completion on
     the status stored before it. A pass the LMS already holds is never lowered. A SCO without
     quizzes is completed on its last page. No credit: completed, no score. */
  function report() {
    if (!session.tracking) return;
    if (!data.quizzes.length) {
      if (state.furthest >= pages.length - 1 && !/^(completed|passed|failed)$/.test(session.status)) setStatus("completed");
      return;
    }
    if (!isDone()) return;
    if (!session.graded) { setStatus("completed"); return; }
    var t = tally(allIndexes()), raw = scoreText(t.got, t.total);
    var status = parseFloat(raw) >= session.passMark ? "passed" : "failed";
    if (session.status === "passed" && (status !== "passed" || parseFloat(raw) < parseFloat(session.raw))) return;
    if (setStatus(status)) commit(true);
    setValue("cmi.core.score.min", "0");
    setValue("cmi.core.score.max", "100");
    if (setValue("cmi.core.score.raw", raw)) session.raw = raw;
  }

  function setStatus(status) {
    if (!setValue("cmi.core.lesson_status", status)) return false;
    session.status = status;
    return true;
  }

  /* ---- page lifecycle: commit on hide, finish once on pagehide or "Save and exit"
     Never unload/beforeunload (field notes, "Page lifecycle"). */
  function setupLifecycle() {
    doc.addEventListener("visibilitychange", function () {
      if (doc.visibilityState === "hidden") save(true);
    });
    win.addEventListener("pagehide", function () {
      if (lms.live) finish();
      else save(true);
    });
    win.addEventListener("pageshow", function (e) {
      if (e.persisted && lms.finished) ended(L("session_ended"));
    });
    if (ui.exit) {
      ui.exit.addEventListener("click", function () {
        finish();
        ended(L("progress_saved"));
      });
    }
  }

  function ended(message) {
    show(ui.exit, false);
    ui.notice.textContent = message;
    show(ui.notice, true);
    quizzes.forEach(function (q, qi) { if (q) renderQuiz(qi); });
    ui.notice.setAttribute("tabindex", "-1");
    ui.notice.focus();
  }

  win.ScormBuilder = {
    encodeState: encodeState,
    decodeState: decodeState,
    timespan: timespan,
    scoreText: scoreText,
    shuffled: shuffled,
    state: function () { return JSON.parse(JSON.stringify(state)); },
    data: function () { return data; },
    live: function () { return lms.live; },
    finished: function () { return lms.finished; }
  };

  function boot() {
    try {
      start();
    } catch (e) {
      root.className = root.className.replace(/(^| )sb-js\b/, ""); // show everything rather than nothing
      warn("the runtime stopped: " + (e && e.stack || e));
    }
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window, document);
