/* scorm-builder learner runtime: matching questions (ScormBuilder.qtypes.matching; the hooks are
   described at the top of runtime.js). Each item has a <select> of the targets; the answer is the
   target key per item, "" for an item not matched yet, [] when none is. docs/runtime.md, "The quiz's page data and markup". */
(function (root, factory) {
  if (typeof module === "object" && module.exports) { module.exports = factory(function () { return require("./scoring.js"); }); return; }
  var SB = root.ScormBuilder = root.ScormBuilder || {};
  (SB.qtypes = SB.qtypes || {}).matching = factory(function () { return SB.scoring; }).matching;
})(this, function (scoring) { // scoring(): scoring.js, once loaded
  "use strict";

  function $(sel, from) { return from.querySelector(sel); }
  function row(parts, k) { return $('.sb-match[data-item="' + k + '"]', parts.fs); }
  function select(parts, k) { var r = row(parts, k); return r && $("select", r); }

  var matching = {
    /* All items right; partial credit: the right items' fraction. */
    credit: function (q, a, partial) {
      var n = q.correct.filter(function (k, i) { return a[i] === k; }).length;
      return n === q.correct.length ? 1 : partial ? n / q.correct.length : 0;
    },

    /* The saved state (codec.js): one character per item, its target key or "-"; chars: the
       characters read (none: not called), null when they do not fit. */
    encode: function (q, a) {
      return q.items.map(function (_, i) { return q.targets.indexOf(a[i]) < 0 ? "-" : a[i]; }).join("");
    },
    decode: function (q, chars) {
      return chars.length === q.items.length ? chars.map(function (k) { return q.targets.indexOf(k) < 0 ? "" : k; }) : null;
    },

    setup: function () { /* the selects' change events reach the form's listener */ },

    read: function (parts, question) {
      var a = question.items.map(function (k) { var s = select(parts, k); return s ? s.value : ""; });
      return a.some(Boolean) ? a : [];
    },

    /* Targets in the seeded order when the quiz shuffles (the same in every select); after submit,
       each item's verdict, with the right target when the learner's is not. */
    show: function (parts, question, answer, view) {
      question.items.forEach(function (k, i) {
        var r = row(parts, k), sel = r && $("select", r);
        if (!sel) return;
        if (view.shuffle) {
          scoring().shuffled(question.targets, view.seed, parts.quiz, view.attempt, parts.index).forEach(function (t) {
            var o = $('option[value="' + t + '"]', sel);
            if (o) sel.appendChild(o);
          });
        }
        sel.value = answer[i] || "";
        sel.disabled = view.locked;
        var ok = answer[i] === question.correct[i], right = $('option[value="' + question.correct[i] + '"]', sel);
        r.className = "sb-match" + (view.submitted ? (ok ? " sb-item-right" : " sb-item-wrong") : "");
        var fb = $('.sb-feedback[data-item="' + k + '"]', parts.fs), verdict = fb && $(".sb-verdict", fb);
        if (verdict) {
          verdict.textContent = ok ? view.L("verdict_item_right")
            : view.L("verdict_item_wrong", { target: right ? right.textContent.trim() : "" });
        }
        if (fb) fb.hidden = !view.submitted;
      });
    },

    /* The interaction: [item, target] pairs, unmatched items left out. */
    record: function (question, answer) {
      function pairs(keys) {
        return question.items.map(function (k, i) { return [k, keys[i]]; }).filter(function (p) { return p[1]; });
      }
      return { type: "matching", response: pairs(answer), correct: pairs(question.correct) };
    }
  };

  return { matching: matching };
});
