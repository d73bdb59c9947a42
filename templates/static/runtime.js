/* scorm-builder learner runtime: the page controller (navigation, the quiz on the page, saving
   and leaving). It uses three files loaded before it: codec.js (the saved state), scoring.js
   (scores, retries, option order) and the transport of the package's standard (scorm12.js), which
   alone speaks to the LMS. docs/runtime.md describes the behaviour.

   Question types. Choice types (single, multiple, true-false) are built in; the others come from
   qmatching.js, qordering.js and qtext.js (fill-in, numeric), loaded before the transport when the
   course uses them. Each registers ScormBuilder.qtypes[type] = {
     setup(parts, question, hooks)          once, at start: wire the controls
     read(parts, question) -> answer        the answer the controls hold ([] = unanswered)
     show(parts, question, answer, view)    (re)draw: arrangement, values, locking, feedback
     record(question, answer) -> {type, response, correct[, caseSensitive]}   the interaction
     credit(question, answer, partial, language) -> 0..1   (pure; scoring.credit calls it)
     invalid(question, answer) -> label key or ""   optional: refuses a submit (numeric: "not_a_number")
   }
   parts: {fs (the fieldset), result, why, message, qnum, index (question index), quiz (quiz index)};
   hooks: {changed() (the answer changed: read it and save), say(text) (announce in #sb-status),
     L(key, params)};
   view: {submitted, locked, right (credit 1), shuffle, seed, attempt, L, language}; the seeded orders
     take (seed, parts.quiz, attempt, parts.index).
   The runtime itself shows .sb-feedback[data-when=right|wrong], the question's verdict and the
   rationale, and draws, hides, orders and numbers the units (docs/runtime.md, "The quiz's page data and markup"). */
(function (win, doc) {
  "use strict";
  var root = doc.documentElement;
  // Before the first paint: style.css then shows one page at a time (without JS, all of them).
  root.className += " sb-js";

  var SB = win.ScormBuilder || {}, codec = SB.codec, scoring = SB.scoring, lmsLink = SB.transport;
  function handler(question) { return (SB.qtypes || {})[question.type]; } // none: a choice type

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

  /* ---- the runtime */
  var data, pages, links, ui = {}, quizzes = [], state, session, lms;

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
    if (!session.live) notices.push(L(session.found ? "lms_silent" : "no_lms"));
    else if (session.mode !== "normal") notices.push(L(session.mode === "review" ? "mode_review" : "mode_browse"));
    else if (!session.graded) notices.push(L("no_credit"));
    if (notices.length) { ui.notice.textContent = notices.join(" "); show(ui.notice, true); }
    show(ui.exit, session.live);
    setupContents();
    goTo(state.page, false);
    if (state.resumed) say(L("welcome_back"));
  }

  /* The LMS's view of this launch; without an LMS, what this browser saved. */
  function connect() {
    lms = lmsLink;
    var s = lms.connect(data.quizzes.length > 0);
    if (!s.live) {
      var saved = loadLocal();
      if (saved) { s.suspend = String(saved.suspend || ""); s.location = String(saved.location || ""); }
    }
    s.tracking = s.live && s.mode === "normal"; // browse and review change no status, score or data
    s.review = s.live && s.mode === "review"; // a finished attempt, shown read-only
    s.graded = s.tracking && s.credit !== "no-credit";
    s.passMark = isFinite(s.mastery) && s.mastery >= 0 && s.mastery <= 100 ? s.mastery : data.passMark;
    s.started = Date.now();
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
    var st = { page: 0, furthest: 0, seed: Math.floor(Math.random() * data.codec.seedLimit),
      quizzes: codec.freshQuizzes(data), resumed: false };
    if (s.live && s.entry === "ab-initio") {
      if (s.suspend || s.location) warn("cmi.core.entry is ab-initio: starting fresh, ignoring the saved data the LMS sent");
      return st;
    }
    var saved = codec.decodeState(s.suspend, data);
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

  function isDone() { return scoring.isDone(data, state, session.passMark); }

  /* Write the state where it belongs (the LMS, or localStorage when there is none). */
  function writeState() {
    var location = data.pages[state.page].id, text = codec.encodeState(state, data);
    if (!session.live) { saveLocal(location, text); return; }
    if (session.tracking) lms.saveState(location, text, isDone());
  }

  /* Write, then commit throttled (or now). */
  function save(now) {
    writeState();
    lms.commit(now);
  }

  /* The last save, then the session's end; ``leaving`` when the learner chose "Save and exit". */
  function finish(leaving) {
    if (!session.live || lms.finished()) return;
    writeState();
    lms.finish(Date.now() - session.started, leaving ? { done: isDone() } : null);
  }

  function say(text) { if (ui.status) ui.status.textContent = text; }

  /* Numbers as the course language writes them (Intl.NumberFormat), up to data.scoreDecimals
     decimals (course.yml score_decimals; 0: whole percentages). */
  function number(value, decimals) {
    try {
      return new Intl.NumberFormat(data.language, { maximumFractionDigits: decimals || 0 }).format(value);
    } catch (e) { return String(value); }
  }

  /* A score as shown: rounded to the course's decimals, except that a score below the pass mark is
     never shown as reaching it (79.6 with a pass mark of 80 shows 79, not 80). The LMS gets the
     exact value (scoring.scoreText). */
  function percent(raw, passed) {
    var decimals = data.scoreDecimals || 0, scale = Math.pow(10, decimals), value = parseFloat(raw);
    var shown = Math.round(value * scale) / scale;
    if (!passed && shown >= session.passMark) shown = Math.floor(value * scale) / scale;
    return number(shown, decimals);
  }

  /* Labels (templates/labels/en.yml, overridable per course; shared/labels.js sets sbLabels, one copy
     for every SCO): L("key", {name: value}) fills {name};
     a key with plural forms (key_one, key_other, ...) takes the form of params.count by the course
     language's plural rules. */
  function L(key, params) {
    var labels = typeof sbLabels === "object" && sbLabels ? sbLabels : {}, p = params || {}, text = labels[key];
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
      var quiz = data.quizzes[qi], q = {
        form: form, started: 0, result: $(".sb-result", form), submit: $(".sb-submit", form),
        retry: $(".sb-retry", form), actions: $(".sb-quiz-actions", form), note: $(".sb-attempt-note", form),
        count: $(".sb-quiz-count", pages[p]), order: [],
        questions: quiz.questions.map(function (question, i) {
          var fs = $('fieldset[data-question="' + question.id + '"]', form);
          return { fs: fs, box: $(".sb-options", fs), result: $(".sb-qresult", fs), why: $(".sb-rationale", fs),
            message: $(".sb-qmessage", fs), qnum: $(".sb-qnum", fs), index: i, quiz: qi };
        })
      };
      q.units = (quiz.units || []).map(function (_, u) { return $('[data-unit="' + u + '"]', form); });
      quizzes[qi] = q;
      quiz.questions.forEach(function (question, i) {
        var h = handler(question), parts = q.questions[i];
        if (h) h.setup(parts, question, { L: L, say: say, changed: function () { answerChanged(qi, parts.fs); } });
      });
      show(q.actions, true);
      form.addEventListener("change", function (e) { answerChanged(qi, e.target); });
      form.addEventListener("input", function (e) { answerChanged(qi, e.target); });
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
      var parts = quizzes[qi].questions[i], h = handler(question);
      if (!parts.fs.contains(input)) return;
      st.answers[i] = h ? h.read(parts, question) : question.keys.filter(function (k) {
        var o = option(qi, i, k), box = o && $("input", o);
        return box && box.checked;
      });
      if (scoring.answered(question, st.answers[i])) markUnanswered(parts, "");
    });
    save(false);
  }

  /* An unanswered question after Submit: its message next to it, tied to the group by
     aria-describedby, the group marked aria-invalid; "" clears both. */
  function markUnanswered(parts, message) {
    var fs = parts.fs, msg = parts.message;
    if (!msg) return;
    var ids = (fs.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== msg.id; });
    msg.textContent = message;
    show(msg, !!message);
    if (message) {
      fs.setAttribute("aria-invalid", "true");
      ids.unshift(msg.id);
    } else {
      fs.removeAttribute("aria-invalid");
    }
    if (ids.length) fs.setAttribute("aria-describedby", ids.join(" "));
    else fs.removeAttribute("aria-describedby");
  }

  /* The attempt line at the top of the quiz, where focus lands after Try again; "" removes it. */
  function attemptNote(q, text) {
    if (!q.note) return;
    q.note.textContent = text;
    q.note.classList.toggle("sb-shown", !!text);
  }

  /* The question's prompt as plain text (SCORM 2004 interactions carry it as their description). */
  function promptText(parts) {
    var prompt = $(".sb-prompt", parts.fs);
    return prompt ? prompt.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* The learner can retry here: the quiz is open to a retry, not after LMSFinish, not in review. */
  function canRetry(qi) { return scoring.retryOpen(data, state, qi, session.passMark) && !lms.finished() && !session.review; }

  function locked(st) { return st.submitted || lms.finished() || session.review; }

  /* The first control of a question that takes focus. */
  function firstControl(parts) { return $("input:enabled,select,button:enabled", parts.fs); }

  /* The draw of the attempt shown: units not drawn hidden, the others in display order, numbered. */
  function drawQuiz(qi) {
    var quiz = data.quizzes[qi], q = quizzes[qi], attempt = scoring.attemptOf(state.quizzes[qi]);
    var units = scoring.drawnUnits(quiz, state.seed, qi, attempt), count = { count: 0 };
    q.order = scoring.drawn(quiz, state.seed, qi, attempt);
    if (!quiz.units) return;
    q.units.forEach(function (e, u) { show(e, units.indexOf(u) >= 0); });
    units.forEach(function (u) { q.result.parentNode.insertBefore(q.units[u], q.result); });
    count.count = q.order.length;
    q.order.forEach(function (i, n) {
      count.number = n + 1;
      q.questions[i].qnum.textContent = L("question_number", count) + (quiz.questions[i].type === "multiple" ? " " + L("select_all") : "");
    });
    if (q.count) q.count.textContent = L("quiz_questions", count);
  }

  function renderQuiz(qi) {
    var quiz = data.quizzes[qi], st = state.quizzes[qi], q = quizzes[qi];
    var attemptIndex = scoring.attemptOf(st);
    drawQuiz(qi);
    quiz.questions.forEach(function (question, i) {
      var parts = q.questions[i], chosen = st.answers[i], h = handler(question);
      var right = scoring.credit(question, chosen, quiz.partial, data.language) === 1;
      if (h) {
        h.show(parts, question, chosen, { submitted: st.submitted, locked: locked(st), right: right, shuffle: quiz.shuffle,
          seed: state.seed, attempt: attemptIndex, L: L, language: data.language });
      } else { // a choice type
        if (quiz.shuffle && question.type !== "true-false") {
          scoring.shuffled(question.keys, state.seed, qi, attemptIndex, i).forEach(function (k) {
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
          input.disabled = locked(st);
          o.className = "sb-option" + (st.submitted ? (picked ? " sb-picked" : "") + (correct ? " sb-correct" : "") : "");
          if (verdict) {
            verdict.textContent = L(picked ? (correct ? "verdict_picked_right" : "verdict_picked_wrong")
              : question.type === "multiple" ? "verdict_missed" : "verdict_correct");
          }
          show(fb, st.submitted && (picked || correct));
        });
      }
      $$(".sb-feedback[data-when]", parts.fs).forEach(function (fb) {
        show(fb, st.submitted && fb.getAttribute("data-when") === (right ? "right" : "wrong"));
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
    if (q.submit) q.submit.disabled = lms.finished();
    q.result.textContent = "";
    q.result.classList.remove("sb-pass", "sb-fail");
    if (st.submitted) writeResult(qi);
  }

  function writeResult(qi) {
    var q = quizzes[qi], t = scoring.tally(data, state, [qi]), passed = scoring.quizPassed(data, state, qi, session.passMark);
    var left = scoring.attemptsLeft(data, state, qi), lines = [];
    q.result.classList.add(passed ? "sb-pass" : "sb-fail");
    q.result.appendChild(el("p", "sb-result-head", L(passed ? "result_passed" : "result_failed")));
    lines.push(L("score", { score: percent(t.raw, passed), right: t.right, count: t.count, pass_mark: number(session.passMark) }));
    if (!passed && canRetry(qi)) lines.push(left === Infinity ? L("can_try_again") : L("attempts_left", { count: left }));
    else if (!passed && left <= 0) lines.push(L("no_attempts_left"));
    if (data.quizzes.length > 1 && state.quizzes.every(function (s) { return s.submitted; })) {
      var overall = scoring.result(data, state, session.passMark);
      lines.push(L("overall_score", { score: percent(overall.raw, overall.passed) }));
    }
    lines.push(L("feedback_above"));
    lines.forEach(function (line) { q.result.appendChild(el("p", "", line)); });
  }

  function submitQuiz(qi) {
    var quiz = data.quizzes[qi], st = state.quizzes[qi], q = quizzes[qi];
    if (locked(st)) return;
    var missing = null;
    q.order.forEach(function (i, n) {
      var question = quiz.questions[i], parts = q.questions[i], h = handler(question), msg = "";
      if (h && !st.answers[i].length) st.answers[i] = h.read(parts, question); // ordering: the order shown
      var a = st.answers[i], bad = scoring.answered(question, a) ? h && h.invalid && h.invalid(question, a) : "unanswered";
      if (bad) msg = L(bad, { number: n + 1 });
      markUnanswered(parts, msg);
      if (msg && missing === null) missing = parts;
    });
    if (missing) {
      var first = firstControl(missing);
      if (first) first.focus({ preventScroll: true });
      missing.fs.scrollIntoView({ block: "start" });
      return;
    }
    attemptNote(q, "");
    st.submitted = true;
    st.used = Math.min(st.used + 1, quiz.attempts || data.codec.attemptsMax);
    if (session.tracking) {
      lms.interactions(q.order.map(function (i) {
        var question = quiz.questions[i], answer = st.answers[i], h = handler(question);
        var r = h ? h.record(question, answer)
          : { type: question.type === "true-false" ? "true-false" : "choice", response: answer, correct: question.correct };
        r.id = question.id;
        r.right = scoring.credit(question, answer, quiz.partial, data.language) === 1;
        r.weight = question.weight;
        r.description = promptText(q.questions[i]);
        return r;
      }), q.started);
    }
    renderQuiz(qi);
    writeState();
    report();
    lms.commit(true); // commit immediately after a submit
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
    var left = scoring.attemptsLeft(data, state, qi), n = st.used + 1;
    attemptNote(q, left === Infinity ? L("new_attempt", { number: n }) : L("new_attempt_of", { number: n, count: st.used + left }));
    var first = q.order.length && firstControl(q.questions[q.order[0]]);
    if (first) first.focus({ preventScroll: true });
    q.note.scrollIntoView({ block: "start" });
  }

  /* The result, normal mode only (docs/runtime.md, "Status and score" and "Retries"): once it is
     final (passed, or failed with no attempt left; a SCO without quiz read to its last page). Before
     that nothing is reported, so that neither the LMS's mastery override nor its review mode on
     relaunch can take the learner's remaining attempts away. No credit: completed, no score. */
  function report() {
    if (!session.tracking || !isDone()) return;
    if (!data.quizzes.length || !session.graded) { lms.report({ completed: true }); return; }
    lms.report(scoring.result(data, state, session.passMark));
  }

  /* ---- page lifecycle: commit on hide, finish once on pagehide or "Save and exit"
     Never unload/beforeunload (docs/moodle.md, "Saving while leaving"). */
  function setupLifecycle() {
    doc.addEventListener("visibilitychange", function () {
      if (doc.visibilityState === "hidden") save(true);
    });
    win.addEventListener("pagehide", function () {
      if (session.live) finish();
      else save(true);
    });
    win.addEventListener("pageshow", function (e) {
      if (e.persisted && lms.finished()) ended(L("session_ended"));
    });
    if (ui.exit) {
      ui.exit.addEventListener("click", function () {
        finish(true);
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

  // For tests and the curious, beside codec, scoring and transport.
  SB.state = function () { return JSON.parse(JSON.stringify(state)); };
  SB.data = function () { return data; };

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
