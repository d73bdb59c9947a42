/* scorm-builder learner runtime: the SCORM 2004 4th Edition transport. The same functions as
   scorm12.js, over the API_1484_11 session of lmsapi.js: completion and success kept apart
   (cmi.completion_status, cmi.success_status), cmi.score.scaled with raw, min and max, cmi.location,
   cmi.exit, ISO 8601 times and durations, interactions in 2004's formats, adl.nav.request when
   the learner leaves. docs/runtime.md, "SCORM 2004 tracking"; docs/scorm2004.md. */
(function (root, factory) {
  var make = factory();
  if (typeof module === "object" && module.exports) module.exports = make;
  else (root.ScormBuilder = root.ScormBuilder || {}).transport = make(root, root.ScormBuilder.lmsapi);
})(this, function () {
  "use strict";

  var NAMES = { api: "API_1484_11", init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
    commit: "Commit", error: "GetLastError", text: "GetErrorString" };
  var DESCRIPTION_MAX = 250; // RTE 4.1.9: cmi.interactions.n.description, localized_string_type (SPM 250)

  /* RTE 4.1.x timeinterval (second,10,2): an ISO 8601 duration such as PT1H2M3.45S. */
  function duration(ms) {
    var cs = Math.max(0, Math.floor(ms / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    var s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (Math.round(s * 100) / 100) + "S";
  }

  /* RTE time (second,10,0): UTC with hundredths, YYYY-MM-DDThh:mm:ss.ssZ (the zone designator may only
     follow the fractional seconds). */
  function timestamp(d) { return d.toISOString().replace(/(\.\d{2})\dZ$/, "$1Z"); }

  /* A learner response or correct-response pattern in 2004's formats: choice "a[,]c", true-false
     "true"/"false", matching "1[.]a[,]2[.]b", sequencing "a[,]b", fill-in the text (250 characters;
     "{case_matters=true}" before a case-sensitive pattern), numeric the number or "min[:]max". */
  function pattern(type, v, caseMatters) {
    if (type === "true-false") return v[0] === "t" ? "true" : "false";
    if (!Array.isArray(v)) return v.min === v.max ? String(v.min) : v.min + "[:]" + v.max; // numeric
    if (type === "fill-in") return (caseMatters ? "{case_matters=true}" : "") + String(v[0]).split("[,]").join(",").slice(0, 250);
    return v.map(function (p) { return [].concat(p).join("[.]"); }).join("[,]");
  }

  return function transport(win, lmsapi) {
    var lms = lmsapi(win, NAMES), completion = "", success = "", raw = "";

    function set(key, value, then) {
      if (lms.set(key, value) && then) then(value);
    }

    /* Initialize and what the SCO needs: {found, live, mode, credit, entry, mastery, suspend,
       location}. It reads only what the launch can hold (a strict LMS answers 403 for an element
       never set): nothing saved on "ab-initio"; on "resume" the state; on "" (launched before, not
       suspended: a final result) the statuses and score too. The pass mark is
       cmi.scaled_passing_score x 100, read for a SCO with a quiz (``graded``). In normal mode a
       first launch sets completion incomplete. */
    function connect(graded) {
      var s = lms.start();
      if (!s.live) return s;
      s.mode = lms.get("cmi.mode") || "normal";
      s.credit = lms.get("cmi.credit") || "credit";
      s.entry = lms.get("cmi.entry");
      if (graded) {
        var scaled = lms.get("cmi.scaled_passing_score");
        if (scaled !== "" && isFinite(scaled) && scaled >= 0 && scaled <= 1) s.mastery = Math.round(scaled * 10000) / 100;
      }
      if (s.entry !== "ab-initio") {
        s.suspend = lms.get("cmi.suspend_data");
        s.location = lms.get("cmi.location");
        completion = lms.get("cmi.completion_status");
      }
      if (s.entry === "") {
        success = lms.get("cmi.success_status");
        if (success === "passed") raw = lms.get("cmi.score.raw");
      }
      if (s.mode === "normal" && /^(not attempted|unknown|)$/.test(completion)) {
        set("cmi.completion_status", "incomplete", function (v) { completion = v; });
      }
      return s;
    }

    /* The bookmark, the state text and cmi.exit: "suspend" until the result is final, then "normal". */
    function saveState(location, text, done) {
      lms.set("cmi.location", location);
      lms.set("cmi.suspend_data", text);
      lms.set("cmi.exit", done ? "normal" : "suspend");
    }

    /* One record per drawn question, n continuing from _count, in 2004's formats. records: [{id,
       type, response, correct, right, weight, description, caseSensitive}], type the SCORM
       interaction type (docs/questions.md, "What the LMS receives"). */
    function interactions(records, startedMs) {
      var n = parseInt(lms.get("cmi.interactions._count"), 10);
      if (isNaN(n)) return;
      var now = new Date(), latency = duration(now - (startedMs || now)), time = timestamp(now);
      records.forEach(function (r, i) {
        var p = "cmi.interactions." + (n + i) + ".", type = r.type;
        lms.set(p + "id", r.id);
        lms.set(p + "type", type);
        lms.set(p + "timestamp", time);
        lms.set(p + "weighting", String(r.weight));
        lms.set(p + "learner_response", pattern(type, r.response));
        lms.set(p + "correct_responses.0.pattern", pattern(type, r.correct, r.caseSensitive));
        lms.set(p + "result", r.right ? "correct" : "incorrect");
        lms.set(p + "latency", latency);
        if (r.description) lms.set(p + "description", r.description.slice(0, DESCRIPTION_MAX));
      });
    }

    /* The final result: {completed: true}, or {raw, passed}. Completion and success are committed
       before the score, as in 1.2 (Moodle grades when a score arrives, on the statuses stored
       before). A pass the LMS already holds is never lowered. */
    function report(result) {
      if (completion !== "completed") set("cmi.completion_status", "completed", function (v) { completion = v; });
      if (result.completed) return;
      if (success === "passed" && (!result.passed || parseFloat(result.raw) < parseFloat(raw))) return;
      set("cmi.success_status", result.passed ? "passed" : "failed", function (v) { success = v; });
      lms.commit(true);
      lms.set("cmi.score.scaled", String(Math.round(parseFloat(result.raw) * 100) / 10000));
      lms.set("cmi.score.min", "0");
      lms.set("cmi.score.max", "100");
      set("cmi.score.raw", result.raw, function (v) { raw = v; });
    }

    /* cmi.session_time once; when the learner leaves by "Save and exit", the navigation request
       (suspendAll while the result is open, exitAll once it is final); then Terminate once. */
    function finish(sessionMs, leaving) {
      lms.finish(function () {
        lms.set("cmi.session_time", duration(sessionMs));
        if (leaving) lms.set("adl.nav.request", leaving.done ? "exitAll" : "suspendAll");
      });
    }

    return {
      standard: "scorm2004", connect: connect, saveState: saveState, interactions: interactions, report: report,
      commit: lms.commit, finish: finish, duration: duration, timestamp: timestamp, live: lms.live,
      finished: lms.finished
    };
  };
});
