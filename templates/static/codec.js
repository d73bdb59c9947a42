/* scorm-builder learner runtime: the saved-state codec (cmi.suspend_data), pure functions.
   Mirrored in src/scorm_builder/suspend.py, which computes the worst case at build time; the build
   passes its limits in the page data (data.codec). docs/runtime.md, "cmi.suspend_data encoding":
     1|<quiz-hash>|<furthest page>|<seed>|<quiz>;<quiz>...   (numbers in base 36)
     <quiz> = <attempts used>.<submitted 0/1>.<answers of the drawn questions, in question order, joined by ",">
   An answer: choice keys; matching one target key or "-" per item; ordering the keys; fill-in and
   numeric "<length b36>:<text>". "" is unanswered. The header is the first four "|" fields; the rest
   is read left to right, since a text may hold any character. The draw (scoring.drawn) comes from
   scoring.js, or from the caller (``drawn``, for tests); matching and ordering answers are written
   and read by their type's script (ScormBuilder.qtypes[type].encode/decode). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(function () { return require("./scoring.js"); });
  } else {
    var SB = root.ScormBuilder = root.ScormBuilder || {};
    SB.codec = factory(function () { return SB.scoring; }); // scoring.js loads after this file
  }
})(this, function (scoring) {
  "use strict";

  function b36(n) { return Math.max(0, Math.floor(n)).toString(36); }
  function n36(s) { return /^[0-9a-z]{1,7}$/.test(s) ? parseInt(s, 36) : -1; }
  function has(list, k) { return list.indexOf(k) >= 0; }
  function type(q) { return scoring().types()[q.type]; }

  function freshQuizzes(data) {
    return data.quizzes.map(function (quiz) {
      return { used: 0, submitted: false, answers: quiz.questions.map(function () { return []; }) };
    });
  }

  /* The drawn questions of a quiz's state, in question order. */
  function shown(drawn, quiz, seed, qi, q) {
    return drawn(quiz, seed, qi, scoring().attemptOf(q)).slice().sort(function (x, y) { return x - y; });
  }

  /* One answer as text (q: the question, a: the answer); never longer than its worst case
     (suspend.py): a text is cut at maxLength, never in the middle of a surrogate pair. */
  function encodeAnswer(q, a) {
    if (!a.length) return "";
    if (q.maxLength) { // fill-in, numeric
      var s = String(a[0]).slice(0, q.maxLength).replace(/[\ud800-\udbff]$/, "");
      return s && b36(s.length) + ":" + s;
    }
    return type(q) ? type(q).encode(q, a) : q.keys.filter(function (k) { return has(a, k); }).join("");
  }

  /* The state as text: the drawn questions' answers only, in question order. */
  function encodeState(st, data, drawn) {
    drawn = drawn || scoring().drawn;
    var quizzes = data.quizzes.map(function (quiz, qi) {
      var q = st.quizzes[qi] || {}, used = q.used || 0;
      return b36(used) + "." + (q.submitted ? 1 : 0) + "." + shown(drawn, quiz, st.seed || 0, qi, { used: used, submitted: q.submitted })
        .map(function (i) { return encodeAnswer(quiz.questions[i], (q.answers && q.answers[i]) || []); }).join(",");
    });
    return [data.codec.format, data.quizHash, b36(st.furthest || 0), b36(st.seed || 0), quizzes.join(";")].join("|");
  }

  /* The quizzes part, read left to right; null when it does not fit the quizzes. */
  function decodeQuizzes(t, data, seed, drawn) {
    var pos = 0, out = [];
    function read(re) { var m = re.exec(t.slice(pos)); if (m) pos += m[0].length; return m; }
    for (var qi = 0; qi < data.quizzes.length; qi++) {
      var quiz = data.quizzes[qi], m = read(qi ? /^;([0-9a-z]{1,7})\.([01])\./ : /^([0-9a-z]{1,7})\.([01])\./);
      if (!m) return null;
      var st = { used: Math.min(parseInt(m[1], 36), quiz.attempts || data.codec.attemptsMax), submitted: m[2] === "1",
        answers: quiz.questions.map(function () { return []; }) };
      var list = shown(drawn, quiz, seed, qi, st);
      for (var n = 0; n < list.length; n++) {
        var q = quiz.questions[list[n]], a;
        if (n && !read(/^,/)) return null;
        if (q.maxLength) { // "<length>:<text>" or nothing
          m = read(/^([0-9a-z]{1,7}):/);
          var len = m ? parseInt(m[1], 36) : 0;
          if (m && (!len || len > q.maxLength || pos + len > t.length)) return null;
          a = m ? [t.substr(pos, len)] : [];
          pos += len;
        } else {
          a = read(/^[^,;]*/)[0].split("");
          if (type(q)) {
            a = a.length ? type(q).decode(q, a) : [];
            if (!a) return null;
          } else {
            a = q.keys.filter(function (k) { return has(a, k); }).slice(0, q.type === "multiple" ? 99 : 1);
          }
        }
        st.answers[list[n]] = a;
      }
      out.push(st);
    }
    return pos === t.length ? out : null;
  }

  /* Returns null when the text is not ours; otherwise {furthest, seed, quizzes, quizKept}.
     A different quiz hash (the quiz was edited since), or answers that do not fit the quiz, drop
     the quiz state and keep the rest. */
  function decodeState(text, data, drawn) {
    var m = /^([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|/.exec(String(text || ""));
    if (!m || m[1] !== data.codec.format) return null;
    var furthest = n36(m[3]), seed = n36(m[4]);
    if (furthest < 0 || seed < 0) return null;
    var st = { furthest: Math.min(furthest, data.pages.length - 1), seed: seed % data.codec.seedLimit,
      quizzes: freshQuizzes(data), quizKept: false };
    var quizzes = m[2] === data.quizHash && decodeQuizzes(String(text).slice(m[0].length), data, st.seed, drawn || scoring().drawn);
    if (quizzes) {
      st.quizzes = quizzes;
      st.quizKept = true;
    }
    return st;
  }

  return { freshQuizzes: freshQuizzes, encodeState: encodeState, decodeState: decodeState };
});
