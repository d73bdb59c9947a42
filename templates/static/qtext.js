/* scorm-builder learner runtime: fill-in and numeric questions (ScormBuilder.qtypes["fill-in"] and
   .numeric; the hooks are described at the top of runtime.js). One text input; the answer is
   [text as typed], [] when empty. After submit: the solution, and for fill-in the feedback of the
   accepted answer matched. Contract 14, section 7. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) { module.exports = factory(require("./scoring.js")); return; }
  var SB = root.ScormBuilder = root.ScormBuilder || {}, types = factory(SB.scoring);
  SB.qtypes = SB.qtypes || {};
  SB.qtypes["fill-in"] = types["fill-in"];
  SB.qtypes.numeric = types.numeric;
})(this, function (scoring) {
  "use strict";

  /* A number as plain decimal text (never an exponent), as the LMS gets it. */
  function numberText(x) {
    var s = String(x);
    return /e/.test(s) ? x.toFixed(20).replace(/\.?0+$/, "") : s;
  }

  function input(parts) { return parts.fs.querySelector("input.sb-text"); }

  function make(record) {
    return {
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
        var matched = question.type === "fill-in" && view.submitted ? scoring.matchedAnswer(question, answer, view.language) : -1;
        [].forEach.call(parts.fs.querySelectorAll(".sb-feedback[data-answer]"), function (fb) {
          fb.hidden = +fb.getAttribute("data-answer") !== matched;
        });
      },

      record: record
    };
  }

  return {
    "fill-in": make(function (question, answer) {
      return { type: "fill-in", response: [answer[0] || ""], correct: [question.answers[0]], caseSensitive: !!question.caseSensitive };
    }),
    numeric: make(function (question, answer) {
      var x = scoring.parseNumber(answer[0] || "");
      return { type: "numeric", response: [isNaN(x) ? "" : numberText(x)], correct: { min: question.min, max: question.max } };
    }),
    numberText: numberText
  };
});
