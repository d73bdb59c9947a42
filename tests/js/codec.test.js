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

// ---- question types, draws and text answers (docs/runtime.md, "cmi.suspend_data encoding")
const scoring = require("../../templates/static/scoring.js");
const { typesData } = require("./fixtures.js");

/* Answers for the drawn questions of an attempt; [] for the others. */
function typesState(data, { seed = 4242, used = 1, submitted = true, texts = {} } = {}) {
  const q = data.quizzes[0];
  const shown = scoring.drawn(q, seed, 0, submitted ? used - 1 : used);
  const sample = [["b"], ["a", "", "d"], ["d", "a", "c", "b"], [texts.f1 ?? "a|b;c,d:e.f"], [texts.n1 ?? "42,5"],
    ["a", "c"], [texts.cq2 ?? "é😀"], ["f"], ["42"], ["a"]];
  const answers = q.questions.map((_, i) => (shown.includes(i) ? sample[i] : []));
  return { furthest: 1, seed, quizzes: [{ used, submitted, answers }] };
}

test("every question type survives encoding and decoding, text of any character", () => {
  for (const f1 of ["a|b;c,d:e.f", "||||", ";;;", ",", ":", "1:x", "Ünïcödé ñ", "😀😀", "é\u0301", " lead", "3:abc,"]) {
    const data = typesData();
    for (const [seed, used, submitted] of [[4242, 1, true], [7, 2, false], [123456, 3, true]]) {
      const st = typesState(data, { seed, used, submitted, texts: { f1 } });
      const text = codec.encodeState(st, data);
      const back = codec.decodeState(text, data);
      assert.equal(back.quizKept, true, text);
      assert.deepEqual(back.quizzes, st.quizzes, text);
    }
  }
});

test("the encoding: drawn questions in question order, text as <length b36>:<text>, '-' for an unmatched item", () => {
  const data = typesData();
  const seed = [...Array(50).keys()].find((s) => scoring.drawn(data.quizzes[0], s, 0, 0).join() === "0,1,2,3,4,5,6,7,9");
  const st = typesState(data, { seed, used: 1, submitted: true });
  const text = codec.encodeState(st, data);
  assert.equal(text, `1|h1|1|${seed.toString(36)}|1.1.b,a-d,dacb,b:a|b;c,d:e.f,4:42,5,ac,3:é😀,f,a`);
  st.quizzes[0].answers[3] = [];
  st.quizzes[0].answers[1] = [];
  st.quizzes[0].answers[2] = [];
  assert.match(codec.encodeState(st, data), /\|1\.1\.b,,,,4:42,5,ac,/);
  st.quizzes[0].answers[8] = ["99"]; // not drawn: not written
  assert.match(codec.encodeState(st, data), /,f,a$/);
});

test("the draw can be given by the caller", () => {
  const data = typesData();
  const st = typesState(data);
  const everything = (quiz) => quiz.questions.map((_, i) => i);
  const all = { ...st, quizzes: [{ ...st.quizzes[0], answers: data.quizzes[0].questions.map(() => ["a"]) }] };
  const text = codec.encodeState(all, data, everything);
  assert.equal(text.split("|")[4].split(",").length, 10);
  assert.equal(codec.decodeState(text, data, everything).quizKept, true);
  assert.equal(codec.decodeState(text, data).quizKept, false, "another draw does not fit");
});

test("a quiz of choice questions without draws encodes as before", () => {
  const data = quizData();
  data.quizzes[0].units = [[0], [1], [2]];
  data.quizzes[0].groups = [{ count: null, units: [0, 1, 2] }];
  data.quizzes[0].order = "shuffled";
  const st = stateWith([["a"], ["b", "d"], ["f"]], { used: 2, seed: 987654 });
  assert.equal(codec.encodeState(st, data), "1|h1|1|" + (987654).toString(36) + "|2.1.a,bd,f");
  assert.deepEqual(codec.decodeState("1|h1|1|0|1.0.ab,,", data).quizzes[0].answers, [["a"], [], []]);
});

test("a text is clipped to maxLength, never half an emoji: at most maxLength + its prefix", () => {
  const data = typesData();
  const st = typesState(data, { texts: { f1: "x".repeat(60), cq2: "abcdefghi😀z" } });
  const text = codec.encodeState(st, data);
  assert.ok(text.includes(",14:" + "x".repeat(40) + ","), text);
  assert.ok(text.includes(",9:abcdefghi,"), text);
  const back = codec.decodeState(text, data).quizzes[0].answers;
  assert.equal(back[3][0], "x".repeat(40));
  const q = data.quizzes[0].questions;
  for (const [i, a] of back.entries()) {
    if (!a.length || !q[i].maxLength) continue;
    const encoded = a[0].length.toString(36) + ":" + a[0];
    assert.ok(encoded.length <= q[i].maxLength + q[i].maxLength.toString(36).length + 1);
  }
});

test("answers that do not fit the quiz drop its state", () => {
  const data = typesData();
  const st = typesState(data);
  const good = codec.encodeState(st, data);
  const head = good.slice(0, good.indexOf("1.1.") + 4);
  const tail = good.slice(good.indexOf("1.1.") + 4);
  const bad = [
    tail.replace("b:a|b", "z:a|b"), // longer than maxLength
    tail.replace("b:a|b", "c:a|b"), // a length that runs into the next answer
    tail.replace("a-d", "a-"), // too few matching items
    tail.replace("dacb", "dacc"), // not a permutation
    tail + ",a", // an answer too many
    tail.slice(0, tail.lastIndexOf(",")), // one too few
    tail + ";0.0.", // a quiz too many
  ];
  for (const t of bad) assert.equal(codec.decodeState(head + t, data).quizKept, false, t);
  assert.equal(codec.decodeState(head + tail, data).quizKept, true);
});

test("the header is the first four fields: a text with '|' decodes, fewer fields do not", () => {
  const data = typesData();
  const st = typesState(data, { texts: { f1: "|||", cq2: "|" } });
  const text = codec.encodeState(st, data);
  assert.ok(text.split("|").length > 5);
  assert.deepEqual(codec.decodeState(text, data).quizzes, st.quizzes);
  assert.equal(codec.decodeState("1|h1|1", data), null);
});
