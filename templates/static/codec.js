/* scorm-builder learner runtime: the saved-state codec (cmi.suspend_data), pure functions.
   Mirrored in src/scorm_builder/suspend.py, which computes the worst case at build time; the build
   passes its limits in the page data (data.codec). docs/runtime.md, "cmi.suspend_data encoding":
     1|<quiz-hash>|<furthest page>|<seed>|<quiz>;<quiz>...   (numbers in base 36)
     <quiz> = <attempts used>.<submitted 0/1>.<chosen keys per question, joined by ","> */
(function (root, factory) {
  var codec = factory();
  if (typeof module === "object" && module.exports) module.exports = codec;
  else (root.ScormBuilder = root.ScormBuilder || {}).codec = codec;
})(this, function () {
  "use strict";

  function b36(n) { return Math.max(0, Math.floor(n)).toString(36); }
  function n36(s) { return /^[0-9a-z]{1,7}$/.test(s) ? parseInt(s, 36) : -1; }

  function freshQuizzes(data) {
    return data.quizzes.map(function (quiz) {
      return { used: 0, submitted: false, answers: quiz.questions.map(function () { return []; }) };
    });
  }

  /* The state as text: only keys the question has, in the question's key order. */
  function encodeState(st, data) {
    var quizzes = data.quizzes.map(function (quiz, qi) {
      var q = st.quizzes[qi] || {};
      var answers = quiz.questions.map(function (question, i) {
        var chosen = (q.answers && q.answers[i]) || [];
        return question.keys.filter(function (k) { return chosen.indexOf(k) >= 0; }).join("");
      });
      return b36(q.used || 0) + "." + (q.submitted ? 1 : 0) + "." + answers.join(",");
    });
    return [data.codec.format, data.quizHash, b36(st.furthest || 0), b36(st.seed || 0), quizzes.join(";")].join("|");
  }

  /* Returns null when the text is not ours; otherwise {furthest, seed, quizzes, quizKept}.
     A different quiz hash (the quiz was edited since) drops the quiz state and keeps the rest. */
  function decodeState(text, data) {
    var f = String(text || "").split("|");
    if (f.length !== 5 || f[0] !== data.codec.format) return null;
    var furthest = n36(f[2]), seed = n36(f[3]);
    if (furthest < 0 || seed < 0) return null;
    var st = { furthest: Math.min(furthest, data.pages.length - 1), seed: seed % data.codec.seedLimit,
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
        used: Math.min(used, quiz.attempts || data.codec.attemptsMax),
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

  return { freshQuizzes: freshQuizzes, encodeState: encodeState, decodeState: decodeState };
});
