/* scorm-builder learner runtime: quiz scoring, retries, the draw and the seeded orders, as pure
   functions of the page data (data) and the learner's state (st). docs/runtime.md, "The quiz" and
   "Retries", and "The quiz's page data and markup" (draws, credit per type).
   The credit of matching, ordering, fill-in and numeric answers comes from their type's script
   (ScormBuilder.qtypes[type].credit; in node, the q*.js modules), so that courses without them do
   not ship it. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(function () {
      return Object.assign({}, require("./qmatching.js"), require("./qordering.js"), require("./qtext.js"));
    });
  } else {
    var SB = root.ScormBuilder = root.ScormBuilder || {};
    SB.scoring = factory(function () { return SB.qtypes || {}; });
  }
})(this, function (types) {
  "use strict";

  /* The credit of answer a to question q, 0..1 (1: right). ``partial``: multiple response (and
     matching) score the right fraction. ``language``: the course's (fill-in answers' lower case). */
  function credit(q, a, partial, language) {
    var c = q.correct, h = types()[q.type], n;
    if (!a || !a.length) return 0;
    if (h) return h.credit(q, a, partial, language);
    n = a.filter(function (k) { return c.indexOf(k) >= 0; }).length;
    if (n === c.length && a.length === n) return 1;
    return partial && q.type === "multiple" ? Math.max(0, (2 * n - a.length) / c.length) : 0;
  }

  /* A question is right only when the chosen set equals the correct set (no partial credit). */
  function isRight(question, chosen) { return credit(question, chosen, false) === 1; }

  /* Answered enough to be submitted: every matching item matched; a text not blank (a numeric
     answer that is not a number is refused apart, with its own message). */
  function answered(q, a) {
    return !!(a && a.length) && (q.items ? a.every(Boolean) : !q.maxLength || /\S/.test(a[0]));
  }

  /* A score in 0..100 with at most two decimals, as the text reported to the LMS. */
  function scoreText(got, total) { return String(total ? Math.round(got * 10000 / total) / 100 : 0); }

  function allIndexes(data) { return data.quizzes.map(function (_, qi) { return qi; }); }

  /* The attempt whose draw and orders are shown: the one submitted, else the one under way. */
  function attemptOf(q) { return Math.max(0, q.submitted ? q.used - 1 : q.used); }

  /* Weighted score of some quizzes over their drawn questions: {got, total, right, count, raw}. */
  function tally(data, st, list) {
    var t = { got: 0, total: 0, right: 0, count: 0 };
    list.forEach(function (qi) {
      var quiz = data.quizzes[qi], q = st.quizzes[qi];
      drawn(quiz, st.seed, qi, attemptOf(q)).forEach(function (i) {
        var question = quiz.questions[i], c = credit(question, q.answers[i], quiz.partial, data.language);
        t.total += question.weight;
        t.count += 1;
        t.got += question.weight * c;
        if (c === 1) t.right += 1;
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

  /* The units shown in an attempt, in display order (docs/runtime.md, "The quiz's page data and markup"): each group's units,
     or ``count`` of them drawn (then in pool order); the whole list shuffled when order is
     "shuffled". Page data without units: every question is its own unit. */
  function drawnUnits(quiz, seed, qi, attempt) {
    var list = [];
    if (!quiz.groups) return quiz.questions.map(function (_, i) { return i; });
    quiz.groups.forEach(function (g, gi) {
      var pick = g.count == null ? g.units : shuffled(g.units, seed, qi, attempt, 1000 + gi).slice(0, g.count);
      list = list.concat(g.units.filter(function (u) { return pick.indexOf(u) >= 0; }));
    });
    return quiz.order === "shuffled" ? shuffled(list, seed, qi, attempt, 999) : list;
  }

  /* The question indexes shown in an attempt, in display order. */
  function drawn(quiz, seed, qi, attempt) {
    var units = quiz.units || [];
    return [].concat.apply([], drawnUnits(quiz, seed, qi, attempt).map(function (u) { return units[u] || [u]; }));
  }

  return {
    isRight: isRight, credit: credit, answered: answered, scoreText: scoreText, allIndexes: allIndexes, tally: tally,
    quizPassed: quizPassed, scoPassed: scoPassed, attemptsLeft: attemptsLeft, retryOpen: retryOpen, isDone: isDone,
    result: result, shuffled: shuffled, types: types, attemptOf: attemptOf, drawnUnits: drawnUnits, drawn: drawn
  };
});
