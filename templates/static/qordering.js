/* scorm-builder learner runtime: ordering questions (ScormBuilder.qtypes.ordering; the hooks are
   described at the top of runtime.js). The items are a list with "move up" and "move down" buttons;
   focus stays on the moved item's button (its other one once it reaches an end) and #sb-status
   announces the new position. The answer is the keys as arranged, [] until the first move.
   docs/runtime.md, "The quiz's page data and markup". */
(function (root, factory) {
  if (typeof module === "object" && module.exports) { module.exports = factory(function () { return require("./scoring.js"); }); return; }
  var SB = root.ScormBuilder = root.ScormBuilder || {};
  (SB.qtypes = SB.qtypes || {}).ordering = factory(function () { return SB.scoring; }).ordering;
})(this, function (scoring) { // scoring(): scoring.js, once loaded
  "use strict";

  function $(sel, from) { return from.querySelector(sel); }
  function items(list) { return [].slice.call(list.querySelectorAll(".sb-order-item")); }

  /* No way up from the top, nor down from the bottom; nothing at all once locked. */
  function ends(list, locked) {
    var all = items(list);
    all.forEach(function (li, n) {
      $(".sb-up", li).disabled = locked || n === 0;
      $(".sb-down", li).disabled = locked || n === all.length - 1;
    });
  }

  /* The first arrangement: seeded (the quiz, attempt and question index), never the correct order. */
  function initialOrder(question, seed, qi, attempt, questionIndex) {
    var keys = scoring().shuffled(question.keys, seed, qi, attempt, questionIndex);
    return keys.length > 1 && keys.join() === question.correct.join() ? keys.slice(1).concat(keys[0]) : keys;
  }

  function permutation(q, a) {
    return a.length === q.keys.length && q.keys.every(function (k) { return a.indexOf(k) >= 0; });
  }

  var ordering = {
    credit: function (q, a) { return +(a.join() === q.correct.join()); },

    /* The saved state (codec.js): the keys as arranged; only a whole arrangement is kept. */
    encode: function (q, a) { return permutation(q, a) ? a.join("") : ""; },
    decode: function (q, chars) { return permutation(q, chars) ? chars : null; },

    setup: function (parts, question, hooks) {
      var list = $(".sb-order", parts.fs);
      list.addEventListener("click", function (e) {
        var b = e.target.closest && e.target.closest("button"), li = b && b.closest(".sb-order-item");
        if (!li || b.disabled) return;
        var up = b.classList.contains("sb-up"), other = up ? li.previousElementSibling : li.nextElementSibling;
        if (!other) return;
        list.insertBefore(li, up ? other : other.nextSibling);
        ends(list, false);
        var all = items(list), pos = all.indexOf(li);
        var stay = $(up ? ".sb-up" : ".sb-down", li);
        (stay.disabled ? $(up ? ".sb-down" : ".sb-up", li) : stay).focus();
        var text = $(".sb-order-text", li);
        hooks.say(hooks.L("moved", { item: (text || li).textContent.trim(), position: pos + 1, count: all.length }));
        hooks.changed();
      });
    },

    read: function (parts) {
      return items($(".sb-order", parts.fs)).map(function (li) { return li.getAttribute("data-key"); });
    },

    /* The learner's arrangement, or the seeded first one (never already in order); after a wrong
       answer, the solution. */
    show: function (parts, question, answer, view) {
      var list = $(".sb-order", parts.fs), solution = $(".sb-solution", parts.fs);
      var keys = answer.length ? answer : initialOrder(question, view.seed, parts.quiz, view.attempt, parts.index);
      keys.forEach(function (k) {
        var li = $('.sb-order-item[data-key="' + k + '"]', list);
        if (li) list.appendChild(li);
      });
      ends(list, view.locked);
      if (solution) solution.hidden = !view.submitted || view.right;
    },

    record: function (question, answer) {
      return { type: "sequencing", response: answer, correct: question.correct };
    }
  };

  return { ordering: ordering, initialOrder: initialOrder };
});
