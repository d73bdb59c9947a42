// Page data shaped like render.runtime_data() output, for the unit tests of the runtime's pure parts.
"use strict";

function quizData({ attempts = 3, questions } = {}) {
  return {
    codec: { format: "1", seedLimit: 2176782336, attemptsMax: 1295 },
    quizHash: "h1",
    passMark: 80,
    pages: [{ id: "s/p1", quiz: null }, { id: "s/quiz", quiz: 0 }],
    quizzes: [{
      attempts,
      shuffle: true,
      questions: questions || [
        { id: "q1", type: "single", weight: 1, keys: ["a", "b", "c"], correct: ["a"] },
        { id: "q2", type: "multiple", weight: 2, keys: ["a", "b", "c", "d"], correct: ["b", "d"] },
        { id: "q3", type: "true-false", weight: 1, keys: ["t", "f"], correct: ["f"] },
      ],
    }],
  };
}

function stateWith(answers, { used = 1, submitted = true, furthest = 1, seed = 12345 } = {}) {
  return { furthest, seed, quizzes: [{ used, submitted, answers }] };
}

module.exports = { quizData, stateWith };

/* A quiz with every question type, a case (units 5: questions 5 and 6) and a draw of 2 of 3
   pool units, as render.runtime_data() writes it (docs/runtime.md, "The quiz's page data and markup"). */
function typesData({ order = "fixed", partial = false, shuffle = true } = {}) {
  const data = quizData();
  data.language = "en";
  data.quizzes = [{
    attempts: 3, shuffle, order, partial,
    questions: [
      { id: "q1", type: "single", weight: 1, keys: ["a", "b", "c"], correct: ["a"] },
      { id: "m1", type: "matching", weight: 2, items: ["1", "2", "3"], targets: ["a", "b", "c", "d"], correct: ["a", "c", "a"] },
      { id: "o1", type: "ordering", weight: 1, keys: ["a", "b", "c", "d"], correct: ["a", "b", "c", "d"] },
      { id: "f1", type: "fill-in", weight: 1, answers: ["Working alliance", "alliance"], caseSensitive: false, maxLength: 40 },
      { id: "n1", type: "numeric", weight: 1, min: 40, max: 45, maxLength: 20 },
      { id: "c-q1", type: "multiple", weight: 1, keys: ["a", "b", "c"], correct: ["a", "b"] },
      { id: "c-q2", type: "fill-in", weight: 1, answers: ["CBT"], caseSensitive: true, maxLength: 10 },
      { id: "p-q1", type: "true-false", weight: 1, keys: ["t", "f"], correct: ["t"] },
      { id: "p-q2", type: "numeric", weight: 1, min: 42, max: 42, maxLength: 20 },
      { id: "p-q3", type: "single", weight: 1, keys: ["a", "b"], correct: ["b"] },
    ],
    units: [[0], [1], [2], [3], [4], [5, 6], [7], [8], [9]],
    groups: [{ count: null, units: [0, 1, 2, 3, 4, 5] }, { count: 2, units: [6, 7, 8] }],
  }];
  return data;
}

module.exports.typesData = typesData;
