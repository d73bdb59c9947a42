"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const codec = require("../../templates/static/codec.js");
const { quizData, stateWith } = require("./fixtures.js");

test("a state survives encoding and decoding", () => {
  const data = quizData();
  const st = stateWith([["a"], ["b", "d"], ["f"]], { used: 2, seed: 987654 });
  const text = codec.encodeState(st, data);
  assert.equal(text, "1|h1|1|" + (987654).toString(36) + "|2.1.a,bd,f");
  const back = codec.decodeState(text, data);
  assert.deepEqual(back, { furthest: 1, seed: 987654, quizKept: true,
    quizzes: [{ used: 2, submitted: true, answers: [["a"], ["b", "d"], ["f"]] }] });
});

test("keys are written in the question's order, unknown keys dropped", () => {
  const data = quizData();
  const text = codec.encodeState(stateWith([["z", "a"], ["d", "b"], []]), data);
  assert.match(text, /\|1\.1\.a,bd,$/);
});

test("a single-answer question keeps one key on decoding", () => {
  const data = quizData();
  const back = codec.decodeState("1|h1|1|0|1.0.ab,,", data);
  assert.deepEqual(back.quizzes[0].answers, [["a"], [], []]);
});

test("another quiz hash drops the quiz state and keeps the furthest page", () => {
  const data = quizData();
  const back = codec.decodeState("1|other|1|9|1.1.a,bd,f", data);
  assert.equal(back.quizKept, false);
  assert.equal(back.furthest, 1);
  assert.deepEqual(back.quizzes, codec.freshQuizzes(data));
});

test("text that is not ours decodes to null", () => {
  const data = quizData();
  for (const text of ["", "garbage", "2|h1|1|0|1.1.a,b,f", "1|h1|-1|0|", "1|h1|1|0"]) {
    assert.equal(codec.decodeState(text, data), null, text);
  }
});

test("limits come from the build: attempts and seeds are clamped", () => {
  const data = quizData({ attempts: 0 });
  data.codec.attemptsMax = 5;
  data.codec.seedLimit = 100;
  const back = codec.decodeState("1|h1|9|" + (250).toString(36) + "|zz.0.,,", data);
  assert.equal(back.quizzes[0].used, 5);
  assert.equal(back.seed, 50);
  assert.equal(back.furthest, 1, "no further than the last page");
});
