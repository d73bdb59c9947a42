/* scorm-builder learner runtime: the SCORM 1.2 transport. It turns what the page controller
   (runtime.js) reports into the 1.2 data model (cmi.core.*, cmi.interactions.n.*) over the API
   session of lmsapi.js. scorm2004.js offers the same functions for SCORM 2004. docs/runtime.md,
   "SCORM 1.2 tracking"; docs/moodle.md for what Moodle does with it. */
(function (root, factory) {
  var make = factory();
  if (typeof module === "object" && module.exports) module.exports = make;
  else (root.ScormBuilder = root.ScormBuilder || {}).transport = make(root, root.ScormBuilder.lmsapi);
})(this, function () {
  "use strict";

  var NAMES = { api: "API", init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
    commit: "LMSCommit", error: "LMSGetLastError", text: "LMSGetErrorString" };

  function pad(n, width) { n = String(n); while (n.length < width) n = "0" + n; return n; }

  /* CMITimespan [H]HHH:MM:SS[.SS], as Moodle's pattern wants: at most 9999:59:59.99. */
  function timespan(ms, hourDigits, hundredths) {
    var cs = Math.min(Math.max(0, Math.floor(ms / 10)), 3599999999);
    var out = pad(Math.floor(cs / 360000), hourDigits) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2);
    return hundredths ? out + "." + pad(cs % 100, 2) : out;
  }

  /* CMITime: time of day HH:MM:SS. */
  function clock(d) { return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2); }

  /* A response or correct pattern in 1.2's formats: choice "a,c", true-false "t", matching "1.a,2.b",
     sequencing "a,b,c", fill-in the text (CMIString255), numeric the number; a numeric range has no
     pattern (null). */
  function value(v) {
    if (!Array.isArray(v)) return v.min === v.max ? String(v.min) : null;
    return v.map(function (p) { return [].concat(p).join("."); }).join(",").slice(0, 255);
  }

  return function transport(win, lmsapi) {
    var lms = lmsapi(win, NAMES), status = "", raw = "";

    function setStatus(value) {
      if (!lms.set("cmi.core.lesson_status", value)) return false;
      status = value;
      return true;
    }

    /* LMSInitialize and what the SCO needs to know: {found, live, mode, credit, entry, mastery,
       suspend, location}. In normal mode a status of not attempted/browsed/"" becomes incomplete. */
    function connect() {
      var s = lms.start();
      if (!s.live) return s;
      s.mode = lms.get("cmi.core.lesson_mode") || "normal"; // empty means normal
      s.credit = lms.get("cmi.core.credit") || "credit";
      s.entry = lms.get("cmi.core.entry");
      s.mastery = parseFloat(lms.get("cmi.student_data.mastery_score"));
      s.suspend = lms.get("cmi.suspend_data");
      s.location = lms.get("cmi.core.lesson_location");
      status = lms.get("cmi.core.lesson_status");
      raw = lms.get("cmi.core.score.raw");
      if (s.mode === "normal" && /^(not attempted|browsed|)$/.test(status)) setStatus("incomplete");
      return s;
    }

    /* The bookmark, the state text and cmi.core.exit: "suspend" until the result is final. */
    function saveState(location, text, done) {
      lms.set("cmi.core.lesson_location", location);
      lms.set("cmi.suspend_data", text);
      lms.set("cmi.core.exit", done ? "" : "suspend");
    }

    /* One record per drawn question, n continuing from _count (1.2 interactions are write-only,
       so every attempt appends). records: [{id, type, response, correct, right, weight}], type the
       SCORM interaction type (docs/questions.md, "What the LMS receives"). */
    function interactions(records, startedMs) {
      var n = parseInt(lms.get("cmi.interactions._count"), 10);
      if (isNaN(n)) return;
      var now = new Date(), latency = timespan(now - (startedMs || now), 2, false), time = clock(now);
      records.forEach(function (r, i) {
        var p = "cmi.interactions." + (n + i) + ".", right = value(r.correct);
        lms.set(p + "id", r.id);
        lms.set(p + "type", r.type);
        lms.set(p + "time", time);
        lms.set(p + "weighting", String(r.weight));
        lms.set(p + "student_response", value(r.response));
        if (right !== null) lms.set(p + "correct_responses.0.pattern", right);
        lms.set(p + "result", r.right ? "correct" : "wrong");
        lms.set(p + "latency", latency);
      });
    }

    /* The final result: {completed: true} (a SCO without quiz, or no credit), or {raw, passed}.
       The status is committed before the score: Moodle stores a commit's score first and judges
       completion on the status stored before it. A pass the LMS already holds is never lowered. */
    function report(result) {
      if (result.completed) {
        if (!/^(completed|passed|failed)$/.test(status)) setStatus("completed");
        return;
      }
      if (status === "passed" && (!result.passed || parseFloat(result.raw) < parseFloat(raw))) return;
      if (setStatus(result.passed ? "passed" : "failed")) lms.commit(true);
      lms.set("cmi.core.score.min", "0");
      lms.set("cmi.core.score.max", "100");
      if (lms.set("cmi.core.score.raw", result.raw)) raw = result.raw;
    }

    /* cmi.core.session_time once, then LMSFinish exactly once. ``done`` is unused in 1.2. */
    function finish(sessionMs) {
      lms.finish(function () { lms.set("cmi.core.session_time", timespan(sessionMs, 4, true)); });
    }

    return {
      standard: "scorm12", connect: connect, saveState: saveState, interactions: interactions, report: report,
      commit: lms.commit, finish: finish, timespan: timespan, live: lms.live, finished: lms.finished
    };
  };
});
