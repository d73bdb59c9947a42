/* scorm-builder learner runtime: fill-in and numeric questions (ScormBuilder.qtypes["fill-in"] and
   .numeric; the hooks are described at the top of runtime.js). One text input; the answer is
   [text as typed], [] when empty. After submit: the solution, and for fill-in the feedback of the
   accepted answer matched. docs/runtime.md, "The quiz's page data and markup". */
(function (root, factory) {
  if (typeof module === "object" && module.exports) { module.exports = factory(); return; }
  var SB = root.ScormBuilder = root.ScormBuilder || {}, types = factory();
  SB.qtypes = SB.qtypes || {};
  SB.qtypes["fill-in"] = types["fill-in"];
  SB.qtypes.numeric = types.numeric;
})(this, function () {
  "use strict";

  /* Fill-in answers compare as NFC, trimmed, white space runs as one space, lower case (the course
     language's rules) unless case sensitive. */
  function normalizeText(text, caseSensitive, language) {
    var s = String(text).normalize("NFC").replace(/\s+/g, " ").trim();
    try { return caseSensitive ? s : s.toLocaleLowerCase(language || undefined); } catch (e) { return s.toLowerCase(); }
  }

  /* The accepted fill-in answer that the text (a[0]) matches: its index, or -1. */
  function matchedAnswer(q, a, language) {
    var norm = function (t) { return normalizeText(t, q.caseSensitive, language); }, t = norm(a[0] || "");
    return t ? q.answers.map(norm).indexOf(t) : -1;
  }

  /* A typed number: spaces removed, one "," accepted as the decimal point, "\u2212" as minus; NaN
     when it is not a plain decimal number. */
  function parseNumber(text) {
    var s = String(text).replace(/\s+/g, "").replace(/^\u2212/, "-");
    if (!/\./.test(s)) s = s.replace(/^([^,]*),([^,]*)$/, "$1.$2");
    return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? +s : NaN;
  }

  /* A number as plain decimal text (never an exponent), as the LMS gets it. */
  function numberText(x) {
    var s = String(x);
    return /e/.test(s) ? x.toFixed(20).replace(/\.?0+$/, "") : s;
  }

  function input(parts) { return parts.fs.querySelector("input.sb-text"); }

  function make(credit, record, invalid) {
    return {
      credit: credit,
      invalid: invalid,

      /* Enter in the input does not submit the whole quiz. */
      setup: function (parts) {
        var i = input(parts);
        if (i) i.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
      },

      read: function (parts, question) {
        var i = input(parts), text = i ? i.value.slice(0, question.maxLength) : "";
        return text ? [text] : [];
      },

      show: function (parts, question, answer, view) {
        var i = input(parts), solution = parts.fs.querySelector(".sb-solution");
        if (i) {
          i.value = answer[0] || "";
          i.disabled = view.locked;
        }
        if (solution) solution.hidden = !view.submitted;
        var matched = question.type === "fill-in" && view.submitted ? matchedAnswer(question, answer, view.language) : -1;
        [].forEach.call(parts.fs.querySelectorAll(".sb-feedback[data-answer]"), function (fb) {
          fb.hidden = +fb.getAttribute("data-answer") !== matched;
        });
      },

      record: record
    };
  }

  return {
    "fill-in": make(function (q, a, partial, language) { return +(matchedAnswer(q, a, language) >= 0); },
      function (question, answer) {
        return { type: "fill-in", response: [answer[0] || ""], correct: [question.answers[0]], caseSensitive: !!question.caseSensitive };
      }),
    numeric: make(function (q, a) {
      var x = parseNumber(a[0]), e = 1e-9 * Math.max(1, Math.abs(q.min), Math.abs(q.max)); // float noise only
      return +(x >= q.min - e && x <= q.max + e);
    }, function (question, answer) {
      var x = parseNumber(answer[0] || "");
      return { type: "numeric", response: [isNaN(x) ? "" : numberText(x)], correct: { min: question.min, max: question.max } };
    }, function (question, answer) { return isNaN(parseNumber(answer[0])) ? "not_a_number" : ""; }),
    numberText: numberText, normalizeText: normalizeText, parseNumber: parseNumber, matchedAnswer: matchedAnswer
  };
});
