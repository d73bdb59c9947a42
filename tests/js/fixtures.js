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
