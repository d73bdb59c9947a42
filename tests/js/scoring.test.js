"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const scoring = require("../../templates/static/scoring.js");
const { quizData, stateWith } = require("./fixtures.js");

test("a question is right only with exactly the correct set", () => {
  const q = { correct: ["b", "d"] };
  assert.equal(scoring.isRight(q, ["d", "b"]), true);
  assert.equal(scoring.isRight(q, ["b"]), false);
  assert.equal(scoring.isRight(q, ["b", "d", "a"]), false);
});

test("scores are weighted and written with at most two decimals", () => {
  const data = quizData();
  const t = scoring.tally(data, stateWith([["a"], ["b"], ["f"]]), [0]);
  assert.deepEqual(t, { got: 2, total: 4, right: 2, count: 3, raw: "50" });
  assert.equal(scoring.scoreText(1, 3), "33.33");
  assert.equal(scoring.scoreText(2, 3), "66.67");
  assert.equal(scoring.scoreText(0, 0), "0");
});

test("a failed quiz with attempts left is open to a retry, and the result is not final", () => {
  const data = quizData({ attempts: 3 });
  const st = stateWith([["b"], ["b", "d"], ["f"]], { used: 1 });
  assert.equal(scoring.retryOpen(data, st, 0, 80), true);
  assert.equal(scoring.isDone(data, st, 80), false);
  assert.equal(scoring.attemptsLeft(data, st, 0), 2);
});

test("the last attempt makes a failure final", () => {
  const data = quizData({ attempts: 3 });
  const st = stateWith([["b"], ["b", "d"], ["f"]], { used: 3 });
  assert.equal(scoring.retryOpen(data, st, 0, 80), false);
  assert.equal(scoring.isDone(data, st, 80), true);
  assert.deepEqual(scoring.result(data, st, 80), { raw: "75", passed: false });
});

test("a pass is final, whatever attempts remain; unlimited attempts never run out", () => {
  const data = quizData({ attempts: 0 });
  const passed = stateWith([["a"], ["b", "d"], ["f"]], { used: 1 });
  assert.equal(scoring.isDone(data, passed, 80), true);
  assert.deepEqual(scoring.result(data, passed, 80), { raw: "100", passed: true });
  const failed = stateWith([[], [], []], { used: 1294 });
  assert.equal(scoring.attemptsLeft(data, failed, 0), Infinity);
  assert.equal(scoring.retryOpen(data, failed, 0, 80), true);
});

test("a SCO that passes overall closes the retries of its other quizzes", () => {
  const data = quizData({ attempts: 3 });
  data.quizzes.push({ attempts: 3, questions: [{ id: "x", type: "single", weight: 10, keys: ["a", "b"], correct: ["a"] }] });
  const st = { furthest: 1, seed: 1, quizzes: [
    { used: 1, submitted: true, answers: [["b"], ["b", "d"], ["f"]] }, // 75: below 80 alone
    { used: 1, submitted: true, answers: [["a"]] },
  ] };
  assert.equal(scoring.scoPassed(data, st, 80), true);
  assert.equal(scoring.retryOpen(data, st, 0, 80), false);
  assert.equal(scoring.isDone(data, st, 80), true);
});

test("a SCO without quiz is done on its last page", () => {
  const data = quizData();
  data.quizzes = [];
  assert.equal(scoring.isDone(data, { furthest: 0, quizzes: [] }, 80), false);
  assert.equal(scoring.isDone(data, { furthest: 1, quizzes: [] }, 80), true);
});

test("the shuffle is a permutation, the same for the same seed and attempt", () => {
  const keys = ["a", "b", "c", "d", "e", "f"];
  const one = scoring.shuffled(keys, 42, 0, 0, 1);
  assert.deepEqual([...one].sort(), keys);
  assert.deepEqual(scoring.shuffled(keys, 42, 0, 0, 1), one);
  const others = [1, 2, 3, 4, 5].map((attempt) => scoring.shuffled(keys, 42, 0, attempt, 1).join(""));
  assert.ok(others.some((order) => order !== one.join("")), "a new attempt gives a new order");
});
