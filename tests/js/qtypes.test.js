"use strict";
// The draw, credit per question type, normalization and numeric parsing (docs/runtime.md, "The quiz's page data and markup").
const test = require("node:test");
const assert = require("node:assert/strict");
const scoring = require("../../templates/static/scoring.js");
const { typesData } = require("./fixtures.js");
const qtext = require("../../templates/static/qtext.js");
const { initialOrder } = require("../../templates/static/qordering.js");

const quiz = (opts) => typesData(opts).quizzes[0];

test("the draw is stable for a seed and attempt, and changes across attempts", () => {
  const q = quiz();
  const one = scoring.drawn(q, 4242, 0, 0);
  assert.deepEqual(scoring.drawn(q, 4242, 0, 0), one);
  const draws = new Set([0, 1, 2, 3, 4, 5, 6, 7].map((a) => scoring.drawn(q, 4242, 0, a).join(",")));
  assert.ok(draws.size > 1, "another attempt draws other units");
});

test("a draw takes its count of units, in pool order, after the fixed items in document order", () => {
  const q = quiz();
  for (let seed = 1; seed < 60; seed++) {
    const shown = scoring.drawn(q, seed * 7919, 0, seed % 3);
    assert.deepEqual(shown.slice(0, 7), [0, 1, 2, 3, 4, 5, 6], "fixed items all there, in order");
    const pool = shown.slice(7);
    assert.equal(pool.length, 2);
    assert.ok(pool.every((i) => [7, 8, 9].includes(i)));
    assert.ok(pool[0] < pool[1], "in pool order");
  }
  const seen = new Set();
  for (let seed = 1; seed < 60; seed++) seen.add(scoring.drawn(q, seed, 0, 0).slice(7).join(","));
  assert.deepEqual([...seen].sort(), ["7,8", "7,9", "8,9"]);
});

test("shuffled order moves the units, never splitting a case", () => {
  const q = quiz({ order: "shuffled" });
  const orders = new Set();
  for (let seed = 1; seed < 40; seed++) {
    const shown = scoring.drawn(q, seed, 0, 0);
    assert.equal(shown.length, 9);
    assert.equal(new Set(shown).size, 9);
    assert.equal(shown.indexOf(6), shown.indexOf(5) + 1, "the case's questions together, in order");
    orders.add(shown.join(","));
  }
  assert.ok(orders.size > 10);
  const units = scoring.drawnUnits(q, 77, 0, 1);
  assert.equal(units.length, 8);
});

test("without units or groups every question is shown in document order", () => {
  const q = { questions: [{}, {}, {}], order: "fixed" };
  assert.deepEqual(scoring.drawn(q, 1, 0, 0), [0, 1, 2]);
  assert.deepEqual(scoring.drawnUnits(q, 1, 0, 5), [0, 1, 2]);
});

test("credit of choice types, with partial credit for multiple response", () => {
  const [single, , , , , multiple, , tf] = quiz().questions;
  assert.equal(scoring.credit(single, ["a"], true), 1);
  assert.equal(scoring.credit(single, ["b"], true), 0);
  assert.equal(scoring.credit(tf, ["t"], false), 1);
  assert.equal(scoring.credit(multiple, ["a", "b"], false), 1);
  assert.equal(scoring.credit(multiple, ["a"], false), 0);
  assert.equal(scoring.credit(multiple, ["a"], true), 0.5);
  assert.equal(scoring.credit(multiple, ["a", "c"], true), 0, "one right, one wrong");
  assert.equal(scoring.credit(multiple, ["c"], true), 0, "never below 0");
  assert.equal(scoring.credit(multiple, ["a", "b", "c"], true), 0.5);
  assert.equal(scoring.credit(multiple, [], true), 0);
});

test("credit of matching (partial: right items / items) and ordering (exact)", () => {
  const [, m, o] = quiz().questions;
  assert.equal(scoring.credit(m, ["a", "c", "a"], false), 1);
  assert.equal(scoring.credit(m, ["a", "c", "b"], false), 0);
  assert.equal(scoring.credit(m, ["a", "c", "b"], true), 2 / 3);
  assert.equal(scoring.credit(m, ["a", "", ""], true), 1 / 3);
  assert.equal(scoring.credit(m, [], true), 0);
  assert.equal(scoring.credit(o, ["a", "b", "c", "d"], true), 1);
  assert.equal(scoring.credit(o, ["a", "b", "d", "c"], true), 0);
});

test("fill-in: normalized comparison, case sensitive on request", () => {
  const q = quiz().questions;
  const f = q[3], cbt = q[6];
  for (const text of ["working alliance", "  Working   Alliance ", "WORKING\talliance", "alliance"]) {
    assert.equal(scoring.credit(f, [text], false, "en"), 1, text);
  }
  assert.equal(scoring.credit(f, ["working-alliance"], false, "en"), 0);
  assert.equal(scoring.credit(f, ["   "], false, "en"), 0);
  assert.equal(qtext.matchedAnswer(f, ["ALLIANCE"], "en"), 1);
  assert.equal(qtext.matchedAnswer(f, ["nope"], "en"), -1);
  assert.equal(scoring.credit(cbt, ["CBT"], false), 1);
  assert.equal(scoring.credit(cbt, ["cbt"], false), 0);
  assert.equal(scoring.credit(cbt, [" CBT "], false), 1, "trimmed even when case sensitive");
});

test("normalizeText: NFC, white space, the language's lower case", () => {
  assert.equal(qtext.normalizeText("Caf\u0065\u0301  au\u00a0lait\n", false, "fr"), "caf\u00e9 au lait");
  assert.equal(qtext.normalizeText("ÉTÉ", true, "fr"), "ÉTÉ");
  assert.equal(qtext.normalizeText("I", false, "tr"), "\u0131");
  assert.equal(qtext.normalizeText("I", false, "en"), "i");
  assert.equal(qtext.normalizeText("😀 Ok", false, "not a language!"), "😀 ok");
});

test("parseNumber: spaces removed, one comma as decimal point, NaN otherwise", () => {
  const cases = { "42": 42, " 4 2 ": 42, "3,5": 3.5, "-2.25": -2.25, "\u22122": -2, "+7": 7, ".5": 0.5, "5.": 5,
    "1\u202f000,5": 1000.5, "0": 0 };
  for (const [text, value] of Object.entries(cases)) assert.equal(qtext.parseNumber(text), value, text);
  for (const text of ["", "abc", "1,2,3", "1,000.5", "1e5", "4-2", "--1", ",", ".", "0x10", "Infinity"]) {
    assert.ok(Number.isNaN(qtext.parseNumber(text)), text);
  }
  assert.equal(qtext.numberText(1e-7), "0.0000001");
  assert.equal(qtext.numberText(42.5), "42.5");
});

test("numeric: in the range (bounds included); exact; not a number scores 0", () => {
  const q = quiz().questions;
  const range = q[4], exact = q[8];
  for (const t of ["40", "45", "42,5", " 44.999 "]) assert.equal(scoring.credit(range, [t]), 1, t);
  for (const t of ["39.99", "45.01", "forty"]) assert.equal(scoring.credit(range, [t]), 0, t);
  assert.equal(scoring.credit(exact, ["42"]), 1);
  assert.equal(scoring.credit(exact, ["42.0000001"]), 0);
  const tol = { type: "numeric", min: 0.1 + 0.2 - 0.1, max: 0.1 + 0.2 + 0.1 };
  assert.equal(scoring.credit(tol, ["0.4"]), 1, "float noise does not reject a bound");
});

test("answered: every matching item, text not blank, ordering always", () => {
  const q = quiz().questions;
  assert.equal(scoring.answered(q[1], ["a", "", "a"]), false);
  assert.equal(scoring.answered(q[1], ["a", "b", "a"]), true);
  assert.equal(scoring.answered(q[2], ["d", "c", "b", "a"]), true);
  assert.equal(scoring.answered(q[3], [" "]), false);
  assert.equal(scoring.answered(q[4], ["x"]), true, "a text that is not a number is refused apart");
  assert.equal(scoring.answered(q[0], []), false);
});

test("the tally counts drawn questions only, weighted, with partial credit", () => {
  const data = typesData({ partial: true });
  const q = data.quizzes[0];
  const seed = 99;
  const shown = scoring.drawn(q, seed, 0, 0);
  const answers = q.questions.map(() => []);
  answers[0] = ["a"]; // 1 x 1
  answers[1] = ["a", "c", "b"]; // 2 x 2/3
  answers[2] = ["a", "b", "c", "d"]; // 1
  answers[3] = ["alliance"]; // 1
  answers[4] = ["50"]; // 0
  answers[5] = ["a"]; // 0.5
  answers[6] = ["CBT"]; // 1
  for (const i of [7, 8, 9]) if (shown.includes(i)) answers[i] = i === 7 ? ["t"] : i === 8 ? ["42"] : ["b"];
  const st = { seed, furthest: 1, quizzes: [{ used: 1, submitted: true, answers }] };
  const t = scoring.tally(data, st, [0]);
  assert.equal(t.count, 9);
  assert.equal(t.total, 10);
  assert.equal(t.right, 6);
  assert.equal(t.raw, scoring.scoreText(1 + 4 / 3 + 1 + 1 + 0 + 0.5 + 1 + 2, 10));
  const plain = typesData({ partial: false });
  assert.equal(scoring.tally(plain, st, [0]).got, 1 + 0 + 1 + 1 + 0 + 0 + 1 + 2);
  // an answer to a question not drawn does not count
  const notShown = [7, 8, 9].find((i) => !shown.includes(i));
  answers[notShown] = ["t"];
  assert.equal(scoring.tally(data, st, [0]).count, 9);
});

test("the first arrangement of an ordering question is seeded and never the correct order", () => {
  const o = quiz().questions[2];
  const two = { keys: ["a", "b"], correct: ["a", "b"] };
  for (let seed = 0; seed < 200; seed++) {
    const keys = initialOrder(o, seed, 0, seed % 4, 2);
    assert.deepEqual([...keys].sort(), o.keys);
    assert.notDeepEqual(keys, o.correct);
    assert.deepEqual(initialOrder(two, seed, 0, 0, 1), ["b", "a"]);
    assert.deepEqual(initialOrder(o, seed, 0, seed % 4, 2), keys, "the same on resume");
  }
  assert.deepEqual(initialOrder({ keys: ["a"], correct: ["a"] }, 5, 0, 0, 0), ["a"]);
});
