/* scorm-builder learner runtime: quiz scoring, retries and option order, as pure functions of the
   page data (data) and the learner's state (st). docs/runtime.md, "The quiz" and "Retries". */
(function (root, factory) {
  var scoring = factory();
  if (typeof module === "object" && module.exports) module.exports = scoring;
  else (root.ScormBuilder = root.ScormBuilder || {}).scoring = scoring;
})(this, function () {
  "use strict";

  /* A question is right only when the chosen set equals the correct set (no partial credit). */
  function isRight(question, chosen) {
    return chosen.length === question.correct.length &&
      question.correct.every(function (k) { return chosen.indexOf(k) >= 0; });
  }

  /* A score in 0..100 with at most two decimals, as the text reported to the LMS. */
  function scoreText(got, total) { return String(total ? Math.round(got * 10000 / total) / 100 : 0); }

  function allIndexes(data) { return data.quizzes.map(function (_, qi) { return qi; }); }

  /* Weighted score of some quizzes: {got, total, right, count, raw}. */
  function tally(data, st, list) {
    var t = { got: 0, total: 0, right: 0, count: 0 };
    list.forEach(function (qi) {
      data.quizzes[qi].questions.forEach(function (question, i) {
        var ok = isRight(question, st.quizzes[qi].answers[i]);
        t.total += question.weight;
        t.count += 1;
        if (ok) { t.got += question.weight; t.right += 1; }
      });
    });
    t.raw = scoreText(t.got, t.total);
    return t;
  }

  function reaches(raw, passMark) { return parseFloat(raw) >= passMark; }

  function quizPassed(data, st, qi, passMark) { return reaches(tally(data, st, [qi]).raw, passMark); }

  /* Every quiz submitted and the SCO's overall score reaches the pass mark: a pass is final. */
  function scoPassed(data, st, passMark) {
    if (!st.quizzes.every(function (q) { return q.submitted; })) return false;
    return reaches(tally(data, st, allIndexes(data)).raw, passMark);
  }

  function attemptsLeft(data, st, qi) {
    var max = data.quizzes[qi].attempts;
    return max ? max - st.quizzes[qi].used : Infinity;
  }

  /* The quiz may be attempted again: submitted, not passed, attempts left, the SCO not passed. */
  function retryOpen(data, st, qi, passMark) {
    return st.quizzes[qi].submitted && attemptsLeft(data, st, qi) > 0 && !quizPassed(data, st, qi, passMark) &&
      !scoPassed(data, st, passMark);
  }

  /* The result is final: every quiz submitted and none open to a retry; a SCO without a quiz is
     done once its last page has been shown. */
  function isDone(data, st, passMark) {
    if (!data.quizzes.length) return st.furthest >= data.pages.length - 1;
    return st.quizzes.every(function (q, qi) { return q.submitted && !retryOpen(data, st, qi, passMark); });
  }

  /* The SCO's result once final: {raw, passed} over every question of every quiz. */
  function result(data, st, passMark) {
    var raw = tally(data, st, allIndexes(data)).raw;
    return { raw: raw, passed: reaches(raw, passMark) };
  }

  /* Option order: seeded shuffle (mulberry32), the same on resume, new for each attempt. */
  function shuffled(keys, seed, quizIndex, attempt, questionIndex) {
    var a = seed;
    a = Math.imul(a ^ (quizIndex + 1), 0x9e3779b1);
    a = Math.imul(a ^ (attempt + 1), 0x85ebca6b);
    a = Math.imul(a ^ (questionIndex + 1), 0xc2b2ae35) ^ (a >>> 16);
    function next() {
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

  return {
    isRight: isRight, scoreText: scoreText, allIndexes: allIndexes, tally: tally, quizPassed: quizPassed,
    scoPassed: scoPassed, attemptsLeft: attemptsLeft, retryOpen: retryOpen, isDone: isDone, result: result,
    shuffled: shuffled
  };
});
