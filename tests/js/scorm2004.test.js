"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const lmsapi = require("../../templates/static/lmsapi.js");
const make2004 = require("../../templates/static/scorm2004.js");

/* A minimal SCORM 2004 LMS that, like a strict one, answers 403 for an element never set. */
function fakeLms(values = {}) {
  const log = [];
  const store = { "cmi.mode": "normal", "cmi.credit": "credit", "cmi.entry": "ab-initio", "cmi.interactions._count": "0",
    "cmi.scaled_passing_score": "0.8", ...values };
  let error = "0";
  const api = {
    Initialize: () => { log.push(["Initialize"]); return "true"; },
    GetValue: (k) => { log.push(["GetValue", k]); error = k in store ? "0" : "403"; return store[k] ?? ""; },
    SetValue: (k, v) => { log.push(["SetValue", k, v]); store[k] = v; error = "0"; return "true"; },
    Commit: () => { log.push(["Commit"]); return "true"; },
    Terminate: () => { log.push(["Terminate"]); return "true"; },
    GetLastError: () => error,
    GetErrorString: () => "",
  };
  const win = { API_1484_11: api, console: { warn() {} } };
  win.parent = win;
  return { win, log, store, reads403: () => log.filter((c) => c[0] === "GetValue" && !(c[1] in store)) };
}

const transport = (lms) => make2004(lms.win, lmsapi);

test("a first launch reads no saved state and marks completion incomplete", () => {
  const lms = fakeLms();
  const s = transport(lms).connect(true);
  assert.equal(s.entry, "ab-initio");
  assert.equal(s.mastery, 80);
  assert.deepEqual(lms.reads403(), []);
  assert.equal(lms.store["cmi.completion_status"], "incomplete");
});

test("a resume reads the state; a relaunch after a final result reads statuses and score", () => {
  const resumed = fakeLms({ "cmi.entry": "resume", "cmi.suspend_data": "1|h|0|0|", "cmi.location": "s/p",
    "cmi.completion_status": "incomplete" });
  const s = transport(resumed).connect(true);
  assert.deepEqual([s.suspend, s.location], ["1|h|0|0|", "s/p"]);
  assert.deepEqual(resumed.reads403(), []);
  const final = fakeLms({ "cmi.entry": "", "cmi.mode": "review", "cmi.suspend_data": "x", "cmi.location": "l",
    "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.raw": "90" });
  const t = transport(final);
  t.connect(true);
  t.report({ raw: "50", passed: false });
  assert.equal(final.store["cmi.success_status"], "passed", "a pass is never lowered");
});

test("the result: completion and success committed before the scaled score", () => {
  const lms = fakeLms();
  const t = transport(lms);
  t.connect(true);
  t.report({ raw: "66.67", passed: false });
  const order = lms.log.filter((c) => c[0] === "Commit" || (c[0] === "SetValue" && /status|score/.test(c[1])))
    .map((c) => (c[0] === "Commit" ? "commit" : `${c[1]}=${c[2]}`));
  assert.deepEqual(order, ["cmi.completion_status=incomplete", "cmi.completion_status=completed",
    "cmi.success_status=failed", "commit", "cmi.score.scaled=0.6667", "cmi.score.min=0", "cmi.score.max=100",
    "cmi.score.raw=66.67"]);
});

test("a SCO without quiz: completed, no success, no pass mark read", () => {
  const lms = fakeLms();
  const t = transport(lms);
  t.connect(false);
  t.report({ completed: true });
  assert.equal(lms.store["cmi.completion_status"], "completed");
  assert.equal("cmi.success_status" in lms.store, false);
  assert.equal(lms.log.some((c) => c[1] === "cmi.scaled_passing_score"), false);
});

test("interactions in 2004's formats", () => {
  const lms = fakeLms({ "cmi.interactions._count": "2" });
  const t = transport(lms);
  t.connect(true);
  t.interactions([{ id: "q1", type: "choice", response: ["a", "c"], correct: ["a", "b"], right: false, weight: 2,
    description: "x".repeat(300) }, { id: "q2", type: "true-false", response: ["f"], correct: ["f"], right: true, weight: 1 }],
  Date.now() - 61500);
  assert.equal(lms.store["cmi.interactions.2.type"], "choice");
  assert.equal(lms.store["cmi.interactions.2.learner_response"], "a[,]c");
  assert.equal(lms.store["cmi.interactions.2.correct_responses.0.pattern"], "a[,]b");
  assert.equal(lms.store["cmi.interactions.2.result"], "incorrect");
  assert.equal(lms.store["cmi.interactions.2.description"].length, 250);
  assert.equal(lms.store["cmi.interactions.3.learner_response"], "false");
  assert.equal(lms.store["cmi.interactions.3.result"], "correct");
  assert.match(lms.store["cmi.interactions.3.latency"], /^PT1M1\.5\d?S$/);
  assert.match(lms.store["cmi.interactions.3.timestamp"], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/);
  assert.equal("cmi.interactions.3.description" in lms.store, false);
});

test("exit suspend until done, then normal; Save and exit sends the navigation request", () => {
  const lms = fakeLms();
  const t = transport(lms);
  t.connect(true);
  t.saveState("s/p", "1", false);
  assert.equal(lms.store["cmi.exit"], "suspend");
  t.saveState("s/p", "1", true);
  assert.equal(lms.store["cmi.exit"], "normal");
  t.finish(3723450, { done: false });
  assert.deepEqual(lms.log.slice(-3), [["SetValue", "cmi.session_time", "PT1H2M3.45S"],
    ["SetValue", "adl.nav.request", "suspendAll"], ["Terminate"]]);
});

test("durations are ISO 8601", () => {
  const t = transport(fakeLms());
  assert.equal(t.duration(0), "PT0S");
  assert.equal(t.duration(59990), "PT59.99S");
  assert.equal(t.duration(3600000), "PT1H0S");
});

test("interactions of every question type in 2004's formats", () => {
  const { matching } = require("../../templates/static/qmatching.js");
  const { ordering } = require("../../templates/static/qordering.js");
  const text = require("../../templates/static/qtext.js");
  const { typesData } = require("./fixtures.js");
  const q = typesData().quizzes[0].questions;
  const lms = fakeLms();
  const t = transport(lms);
  t.connect(true);
  const rec = (r, id) => ({ id, right: true, weight: 1, ...r });
  t.interactions([
    rec(matching.record(q[1], ["a", "c", "a"]), "m"),
    rec(ordering.record(q[2], ["a", "b", "c", "d"]), "o"),
    rec(text["fill-in"].record(q[3], ["x[,]y " + "é".repeat(300)]), "f"),
    rec(text["fill-in"].record(q[6], ["CBT"]), "cs"),
    rec(text.numeric.record(q[4], ["44"]), "n"),
    rec(text.numeric.record(q[8], ["\u221242"]), "e"),
    rec({ type: "true-false", response: ["t"], correct: ["t"] }, "tf"),
  ], Date.now());
  const v = (n, k) => lms.store[`cmi.interactions.${n}.${k}`];
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => v(n, "type")),
    ["matching", "sequencing", "fill-in", "fill-in", "numeric", "numeric", "true-false"]);
  assert.deepEqual([v(0, "learner_response"), v(0, "correct_responses.0.pattern")], ["1[.]a[,]2[.]c[,]3[.]a", "1[.]a[,]2[.]c[,]3[.]a"]);
  assert.deepEqual([v(1, "learner_response"), v(1, "correct_responses.0.pattern")], ["a[,]b[,]c[,]d", "a[,]b[,]c[,]d"]);
  assert.equal(v(2, "learner_response").length, 250);
  assert.ok(v(2, "learner_response").startsWith("x,y é"), "one string: no [,] inside");
  assert.equal(v(2, "correct_responses.0.pattern"), "Working alliance");
  assert.deepEqual([v(3, "learner_response"), v(3, "correct_responses.0.pattern")], ["CBT", "{case_matters=true}CBT"]);
  assert.deepEqual([v(4, "learner_response"), v(4, "correct_responses.0.pattern")], ["44", "40[:]45"]);
  assert.deepEqual([v(5, "learner_response"), v(5, "correct_responses.0.pattern")], ["-42", "42"]);
  assert.deepEqual([v(6, "learner_response"), v(6, "result")], ["true", "correct"]);
});
