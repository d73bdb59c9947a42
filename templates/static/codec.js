/* scorm-builder learner runtime: the saved-state codec (cmi.suspend_data), pure functions.
   Mirrored in src/scorm_builder/suspend.py, which computes the worst case at build time; the build
   passes its limits in the page data (data.codec). docs/runtime.md, "cmi.suspend_data encoding":
     1|<quiz-hash>|<furthest page>|<seed>|<quiz>;<quiz>...   (numbers in base 36)
     <quiz> = <attempts used>.<submitted 0/1>.<answers of the drawn questions, in question order, joined by ",">
   An answer: choice keys; matching one target key or "-" per item; ordering the keys; fill-in and
   numeric "<length b36>:<text>". "" is unanswered. The header is the first four "|" fields; the rest
   is read left to right, since a text may hold any character. The draw (scoring.drawn) comes from
   scoring.js, or from the caller (``drawn``, for tests). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(function () { return require("./scoring.js").drawn; });
  } else {
    var SB = root.ScormBuilder = root.ScormBuilder || {};
    SB.codec = factory(function () { return SB.scoring.drawn; }); // scoring.js loads after this file
  }
})(this, function (defaultDrawn) {
  "use strict";

  function b36(n) { return Math.max(0, Math.floor(n)).toString(36); }
  function n36(s) { return /^[0-9a-z]{1,7}$/.test(s) ? parseInt(s, 36) : -1; }
  function isText(question) { return question.type === "fill-in" || question.type === "numeric"; }

  function freshQuizzes(data) {
    return data.quizzes.map(function (quiz) {
      return { used: 0, submitted: false, answers: quiz.questions.map(function () { return []; }) };
    });
  }

  function attemptOf(used, submitted) { return Math.max(0, submitted ? used - 1 : used); }

  /* One answer as text; never longer than the question's worst case (suspend.py). */
  function encodeAnswer(question, a) {
    var t = question.type;
    if (!a.length) return "";
    if (isText(question)) {
      var text = String(a[0]).slice(0, question.maxLength);
      if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1); // never half an emoji
      return text ? b36(text.length) + ":" + text : "";
    }
    if (t === "matching") {
      return question.items.map(function (_, i) { return question.targets.indexOf(a[i]) >= 0 ? a[i] : "-"; }).join("");
    }
    if (t === "ordering") return a.length === question.keys.length && question.keys.every(function (k) { return a.indexOf(k) >= 0; }) ? a.join("") : "";
    return question.keys.filter(function (k) { return a.indexOf(k) >= 0; }).join("");
  }

  /* The state as text: the drawn questions' answers only, in question order. */
  function encodeState(st, data, drawn) {
    drawn = drawn || defaultDrawn();
    var quizzes = data.quizzes.map(function (quiz, qi) {
      var q = st.quizzes[qi] || {}, used = q.used || 0;
      var shown = drawn(quiz, st.seed || 0, qi, attemptOf(used, q.submitted)).slice().sort(function (x, y) { return x - y; });
      var answers = shown.map(function (i) { return encodeAnswer(quiz.questions[i], (q.answers && q.answers[i]) || []); });
      return b36(used) + "." + (q.submitted ? 1 : 0) + "." + answers.join(",");
    });
    return [data.codec.format, data.quizHash, b36(st.furthest || 0), b36(st.seed || 0), quizzes.join(";")].join("|");
  }

  /* A left-to-right reader of the quizzes part; each read returns null on a mismatch. */
  function reader(text) {
    var pos = 0;
    return {
      end: function () { return pos >= text.length; },
      peek: function () { return text.charAt(pos); },
      take: function (c) { if (text.charAt(pos) !== c) return false; pos += 1; return true; },
      until: function (re) { // the run of characters not matching re
        var from = pos;
        while (pos < text.length && !re.test(text.charAt(pos))) pos += 1;
        return text.slice(from, pos);
      },
      chars: function (n) {
        if (pos + n > text.length) return null;
        pos += n;
        return text.slice(pos - n, pos);
      }
    };
  }

  /* One answer read from r, or null when it does not fit the question. */
  function decodeAnswer(question, r) {
    var t = question.type, s, n;
    if (isText(question)) {
      if (r.end() || /[,;]/.test(r.peek())) return [];
      n = n36(r.until(/:/));
      if (n < 1 || n > question.maxLength || !r.take(":")) return null;
      s = r.chars(n);
      return s === null ? null : [s];
    }
    s = r.until(/[,;]/);
    if (!s) return [];
    if (t === "matching") {
      if (s.length !== question.items.length) return null;
      return s.split("").map(function (k) { return question.targets.indexOf(k) >= 0 ? k : ""; });
    }
    if (t === "ordering") {
      var keys = s.split("");
      return keys.length === question.keys.length && question.keys.every(function (k) { return keys.indexOf(k) >= 0; }) ? keys : null;
    }
    var chosen = question.keys.filter(function (k) { return s.indexOf(k) >= 0; });
    return t === "multiple" ? chosen : chosen.slice(0, 1);
  }

  function decodeQuizzes(text, data, seed, drawn) {
    var r = reader(text), quizzes = [];
    for (var qi = 0; qi < data.quizzes.length; qi++) {
      var quiz = data.quizzes[qi], used = n36(r.until(/\./)), flag = r.take(".") && r.chars(1);
      if (used < 0 || (flag !== "0" && flag !== "1") || !r.take(".")) return null;
      var q = { used: Math.min(used, quiz.attempts || data.codec.attemptsMax), submitted: flag === "1",
        answers: quiz.questions.map(function () { return []; }) };
      var shown = drawn(quiz, seed, qi, attemptOf(q.used, q.submitted)).slice().sort(function (x, y) { return x - y; });
      for (var n = 0; n < shown.length; n++) {
        if (n && !r.take(",")) return null;
        var a = decodeAnswer(quiz.questions[shown[n]], r);
        if (!a) return null;
        q.answers[shown[n]] = a;
      }
      if (qi < data.quizzes.length - 1 ? !r.take(";") : !r.end()) return null;
      quizzes.push(q);
    }
    return r.end() ? quizzes : null;
  }

  /* Returns null when the text is not ours; otherwise {furthest, seed, quizzes, quizKept}.
     A different quiz hash (the quiz was edited since), or answers that do not fit the quiz, drop
     the quiz state and keep the rest. */
  function decodeState(text, data, drawn) {
    text = String(text || "");
    var f = [], from = 0;
    for (var i = 0; i < 4; i++) {
      var at = text.indexOf("|", from);
      if (at < 0) return null;
      f.push(text.slice(from, at));
      from = at + 1;
    }
    if (f[0] !== data.codec.format) return null;
    var furthest = n36(f[2]), seed = n36(f[3]);
    if (furthest < 0 || seed < 0) return null;
    var st = { furthest: Math.min(furthest, data.pages.length - 1), seed: seed % data.codec.seedLimit,
      quizzes: freshQuizzes(data), quizKept: false };
    if (f[1] !== data.quizHash) return st;
    var quizzes = decodeQuizzes(text.slice(from), data, st.seed, drawn || defaultDrawn());
    if (quizzes) {
      st.quizzes = quizzes;
      st.quizKept = true;
    }
    return st;
  }

  return { freshQuizzes: freshQuizzes, encodeState: encodeState, decodeState: decodeState };
});
