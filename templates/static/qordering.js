/* scorm-builder learner runtime: ordering questions (ScormBuilder.qtypes.ordering; the hooks are
   described at the top of runtime.js). The items are a list with "move up" and "move down" buttons;
   focus stays on the moved item's button (its other one once it reaches an end) and #sb-status
   announces the new position. The answer is the keys as arranged, [] until the first move.
   Contract 14, section 7. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) { module.exports = factory(require("./scoring.js")); return; }
  var SB = root.ScormBuilder = root.ScormBuilder || {};
  (SB.qtypes = SB.qtypes || {}).ordering = factory(SB.scoring).ordering;
})(this, function (scoring) {
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

  var ordering = {
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
      var keys = answer.length ? answer : scoring.initialOrder(question, view.seed, view.quiz, view.attempt, view.index);
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

  return { ordering: ordering };
});
