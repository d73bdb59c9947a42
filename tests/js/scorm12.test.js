"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const lmsapi = require("../../templates/static/lmsapi.js");
const make12 = require("../../templates/static/scorm12.js");
const makeTransport = (win) => make12(win, lmsapi);

/* A minimal SCORM 1.2 LMS: values, a call log, and failures on demand. */
function fakeLms(values = {}, { failSet = {} } = {}) {
  const log = [];
  const store = { "cmi.core.lesson_mode": "normal", "cmi.core.credit": "credit", "cmi.core.entry": "ab-initio",
    "cmi.core.lesson_status": "not attempted", "cmi.interactions._count": "0", ...values };
  const api = {
    LMSInitialize: (a) => { log.push(["LMSInitialize", a]); return "true"; },
    LMSGetValue: (k) => { log.push(["LMSGetValue", k]); return store[k] ?? ""; },
    LMSSetValue: (k, v) => {
      log.push(["LMSSetValue", k, v]);
      if (failSet[k] > 0) { failSet[k] -= 1; return "false"; }
      store[k] = v;
      return "true";
    },
    LMSCommit: (a) => { log.push(["LMSCommit", a]); return "true"; },
    LMSFinish: (a) => { log.push(["LMSFinish", a]); return "true"; },
    LMSGetLastError: () => "101",
    LMSGetErrorString: () => "General exception",
  };
  const warnings = [];
  const win = { API: api, parent: null, console: { warn: (m) => warnings.push(m) } };
  win.parent = win;
  return { win, api, log, store, warnings };
}

const sets = (log) => log.filter((c) => c[0] === "LMSSetValue").map((c) => c[1]);

test("connect reads the launch and marks a first launch incomplete", () => {
  const lms = fakeLms({ "cmi.student_data.mastery_score": "80" });
  const t = makeTransport(lms.win);
  const s = t.connect();
  assert.deepEqual({ ...s }, { found: true, live: true, mode: "normal", credit: "credit", entry: "ab-initio",
    mastery: 80, suspend: "", location: "" });
  assert.equal(lms.store["cmi.core.lesson_status"], "incomplete");
});

test("review mode changes no status at connect", () => {
  const lms = fakeLms({ "cmi.core.lesson_mode": "review", "cmi.core.lesson_status": "passed", "cmi.core.entry": "" });
  const s = makeTransport(lms.win).connect();
  assert.equal(s.mode, "review");
  assert.deepEqual(sets(lms.log), []);
});

test("the status is committed before the score is written", () => {
  const lms = fakeLms();
  const t = makeTransport(lms.win);
  t.connect();
  t.commit(true);
  t.report({ raw: "100", passed: true });
  t.commit(true);
  const order = lms.log.filter((c) => c[0] === "LMSCommit" || (c[0] === "LMSSetValue" && c[1].startsWith("cmi.core.")))
    .map((c) => (c[0] === "LMSCommit" ? "commit" : `${c[1]}=${c[2]}`));
  assert.deepEqual(order, ["cmi.core.lesson_status=incomplete", "commit", "cmi.core.lesson_status=passed", "commit",
    "cmi.core.score.min=0", "cmi.core.score.max=100", "cmi.core.score.raw=100", "commit"]);
});

test("a pass the LMS holds is never lowered", () => {
  const lms = fakeLms({ "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90", "cmi.core.entry": "" });
  const t = makeTransport(lms.win);
  t.connect();
  t.report({ raw: "50", passed: false });
  t.report({ raw: "85", passed: true });
  assert.deepEqual(sets(lms.log), []);
  t.report({ raw: "95", passed: true });
  assert.equal(lms.store["cmi.core.score.raw"], "95");
});

test("a SCO without quiz is completed once, never over a final status", () => {
  const lms = fakeLms({ "cmi.core.lesson_status": "failed", "cmi.core.entry": "" });
  const t = makeTransport(lms.win);
  t.connect();
  t.report({ completed: true });
  assert.equal(lms.store["cmi.core.lesson_status"], "failed");
});

test("state, bookmark and exit: suspend until done", () => {
  const lms = fakeLms();
  const t = makeTransport(lms.win);
  t.connect();
  t.saveState("s/p1", "1|h|0|0|", false);
  assert.equal(lms.store["cmi.core.exit"], "suspend");
  t.saveState("s/p1", "1|h|0|0|", true);
  assert.equal(lms.store["cmi.core.exit"], "");
  const writes = sets(lms.log).filter((k) => k === "cmi.core.lesson_location");
  assert.equal(writes.length, 1, "an unchanged value is not written again");
});

test("interactions continue from _count in the 1.2 vocabulary", () => {
  const lms = fakeLms({ "cmi.interactions._count": "3" });
  const t = makeTransport(lms.win);
  t.connect();
  t.interactions([{ id: "q1", type: "choice", response: ["a"], correct: ["b"], right: false, weight: 2 },
    { id: "q2", type: "true-false", response: ["t"], correct: ["t"], right: true, weight: 1 }], Date.now() - 65000);
  assert.equal(lms.store["cmi.interactions.3.id"], "q1");
  assert.equal(lms.store["cmi.interactions.3.type"], "choice");
  assert.equal(lms.store["cmi.interactions.3.result"], "wrong");
  assert.equal(lms.store["cmi.interactions.4.type"], "true-false");
  assert.equal(lms.store["cmi.interactions.4.result"], "correct");
  assert.match(lms.store["cmi.interactions.4.latency"], /^00:01:0[45]$/);
  assert.match(lms.store["cmi.interactions.4.time"], /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
});

test("a refused value is retried once, with a warning, and never throws", () => {
  const lms = fakeLms({}, { failSet: { "cmi.suspend_data": 5 } });
  const t = makeTransport(lms.win);
  t.connect();
  t.saveState("s/p1", "x", false);
  assert.equal(lms.log.filter((c) => c[0] === "LMSSetValue" && c[1] === "cmi.suspend_data").length, 2);
  assert.equal(lms.warnings.length, 2);
});

test("finish writes session_time once and calls LMSFinish exactly once, nothing after", () => {
  const lms = fakeLms();
  const t = makeTransport(lms.win);
  t.connect();
  t.finish(3723450);
  t.finish(10);
  t.saveState("s/p1", "x", false);
  t.commit(true);
  const tail = lms.log.slice(-2);
  assert.deepEqual(tail, [["LMSSetValue", "cmi.core.session_time", "0001:02:03.45"], ["LMSFinish", ""]]);
  assert.equal(t.finished(), true);
});

test("commits are throttled with a trailing commit", async () => {
  const lms = fakeLms();
  const t = makeTransport(lms.win);
  t.connect();
  t.commit(true);
  t.saveState("a", "1", false);
  t.commit(false);
  t.saveState("b", "2", false);
  t.commit(false);
  const commits = () => lms.log.filter((c) => c[0] === "LMSCommit").length;
  assert.equal(commits(), 1);
  await new Promise((r) => setTimeout(r, 2100));
  assert.equal(commits(), 2);
});

test("without an API the transport is not live and writes nothing", () => {
  const win = { console: { warn() {} } };
  win.parent = win;
  const t = makeTransport(win);
  const s = t.connect();
  assert.equal(s.found, false);
  assert.equal(s.live, false);
  t.report({ raw: "100", passed: true });
  t.finish(1);
});

test("timespans follow Moodle's CMITimespan pattern", () => {
  const t = makeTransport({});
  assert.equal(t.timespan(0, 4, true), "0000:00:00.00");
  assert.equal(t.timespan(59999, 2, false), "00:00:59");
  assert.equal(t.timespan(1e15, 4, true), "9999:59:59.99");
});

test("interactions of every question type in 1.2's formats", () => {
  const { matching } = require("../../templates/static/qmatching.js");
  const { ordering } = require("../../templates/static/qordering.js");
  const text = require("../../templates/static/qtext.js");
  const { typesData } = require("./fixtures.js");
  const q = typesData().quizzes[0].questions;
  const lms = fakeLms();
  const t = makeTransport(lms.win);
  t.connect();
  const rec = (r, id) => ({ id, right: false, weight: 1, ...r });
  t.interactions([
    rec({ type: "choice", response: ["a", "c"], correct: ["a", "b"] }, "c"),
    rec({ type: "true-false", response: ["f"], correct: ["t"] }, "tf"),
    rec(matching.record(q[1], ["a", "", "d"]), "m"),
    rec(ordering.record(q[2], ["d", "a", "c", "b"]), "o"),
    rec(text["fill-in"].record(q[3], ["a|b;c,d " + "x".repeat(300)]), "f"),
    rec(text.numeric.record(q[4], [" 42,5 "]), "n"),
    rec(text.numeric.record(q[8], ["42"]), "e"),
  ], Date.now());
  const v = (n, k) => lms.store[`cmi.interactions.${n}.${k}`];
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => v(n, "type")),
    ["choice", "true-false", "matching", "sequencing", "fill-in", "numeric", "numeric"]);
  assert.deepEqual([v(0, "student_response"), v(0, "correct_responses.0.pattern")], ["a,c", "a,b"]);
  assert.deepEqual([v(1, "student_response"), v(1, "correct_responses.0.pattern")], ["f", "t"]);
  assert.deepEqual([v(2, "student_response"), v(2, "correct_responses.0.pattern")], ["1.a,3.d", "1.a,2.c,3.a"]);
  assert.deepEqual([v(3, "student_response"), v(3, "correct_responses.0.pattern")], ["d,a,c,b", "a,b,c,d"]);
  assert.equal(v(4, "student_response").length, 255);
  assert.ok(v(4, "student_response").startsWith("a|b;c,d x"));
  assert.equal(v(4, "correct_responses.0.pattern"), "Working alliance");
  assert.equal(v(5, "student_response"), "42.5");
  assert.equal(v(5, "correct_responses.0.pattern"), undefined, "a range has no 1.2 pattern");
  assert.equal(v(6, "correct_responses.0.pattern"), "42");
  assert.equal(v(6, "result"), "wrong");
});
