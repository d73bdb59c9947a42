/* scorm-builder learner runtime: the SCORM 1.2 transport. It finds the LMS's API, speaks the 1.2
   data model, and turns what the page controller (runtime.js) reports into cmi.core.* values and
   commits. The SCORM 2004 transport offers the same functions (connect, saveState, interactions,
   report, commit, finish). docs/runtime.md, "SCORM 1.2 tracking"; docs/moodle.md for Moodle. */
(function (root, factory) {
  var make = factory();
  if (typeof module === "object" && module.exports) module.exports = make;
  else (root.ScormBuilder = root.ScormBuilder || {}).transport = make(root);
})(this, function () {
  "use strict";

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

  var COMMIT_GAP = 2000; // at most one throttled commit every 2 s, with a trailing one

  return function transport(win) {
    var lms = { api: null, live: false, finished: false, written: {}, dirty: false, lastCommit: 0, timer: 0 };
    var status = "", raw = "";

    function warn(message) { try { win.console.warn("[scorm-builder] " + message); } catch (e) { /* no console */ } }

    /* The API as ADL's algorithm and pipwerks find it: self, up to 7 parents, then the opener's
       chain; every access guarded (cross-origin frames throw). */
    function findIn(w) {
      for (var i = 0; w && i <= 7; i++) {
        try { if (w.API && typeof w.API.LMSInitialize !== "undefined") return w.API; } catch (e) { /* cross-origin */ }
        var up = null;
        try { up = w.parent; } catch (e) { /* detached */ }
        if (!up || up === w) break;
        w = up;
      }
      return null;
    }

    function findAPI() {
      var api = findIn(win);
      try { if (!api && win.opener) api = findIn(win.opener); } catch (e) { /* no opener */ }
      try { if (!api && win.top && win.top.opener) api = findIn(win.top.opener); } catch (e) { /* no opener */ }
      return api;
    }

    function call(name, args) {
      try {
        var r = lms.api[name].apply(lms.api, args || []);
        return r === undefined || r === null ? "" : String(r);
      } catch (e) {
        warn(name + " threw: " + e);
        return "false";
      }
    }

    function lmsError() {
      var code = call("LMSGetLastError");
      return "error " + code + " (" + call("LMSGetErrorString", [code]) + ")";
    }

    /* On "false": read the error, warn, retry once. Never throws at the learner. */
    function attempt(name, args, label) {
      for (var i = 0; i < 2; i++) {
        if (call(name, args) === "true") return true;
        warn(label + " failed: " + lmsError() + (i ? "; giving up" : "; retrying once"));
      }
      return false;
    }

    function getValue(key) { return lms.live && !lms.finished ? call("LMSGetValue", [key]) : ""; }

    function setValue(key, value) {
      if (!lms.live || lms.finished) return false;
      value = String(value);
      if (lms.written[key] === value) return true; // unchanged since it was last written
      if (!attempt("LMSSetValue", [key, value], "LMSSetValue(" + key + ")")) return false;
      lms.written[key] = value;
      lms.dirty = true;
      return true;
    }

    /* Commit now, or (throttled) at most every COMMIT_GAP ms with a trailing commit. */
    function commit(now) {
      if (!lms.live || lms.finished || !lms.dirty) return;
      var wait = lms.lastCommit + COMMIT_GAP - Date.now();
      if (!now && wait > 0) {
        if (!lms.timer) lms.timer = setTimeout(function () { lms.timer = 0; commit(true); }, wait);
        return;
      }
      clearTimeout(lms.timer);
      lms.timer = 0;
      lms.lastCommit = Date.now();
      lms.dirty = false;
      if (!attempt("LMSCommit", [""], "LMSCommit")) lms.dirty = true;
    }

    function setStatus(value) {
      if (!setValue("cmi.core.lesson_status", value)) return false;
      status = value;
      return true;
    }

    /* LMSInitialize and what the SCO needs to know: {found, live, mode, credit, entry, mastery,
       suspend, location}. In normal mode a status of not attempted/browsed/"" becomes incomplete. */
    function connect() {
      var s = { found: false, live: false, mode: "normal", credit: "credit", entry: "", mastery: NaN, suspend: "", location: "" };
      lms.api = findAPI();
      s.found = !!lms.api;
      if (lms.api) lms.live = attempt("LMSInitialize", [""], "LMSInitialize");
      s.live = lms.live;
      if (!lms.live) return s;
      s.mode = getValue("cmi.core.lesson_mode") || "normal"; // empty means normal
      s.credit = getValue("cmi.core.credit") || "credit";
      s.entry = getValue("cmi.core.entry");
      s.mastery = parseFloat(getValue("cmi.student_data.mastery_score"));
      s.suspend = getValue("cmi.suspend_data");
      s.location = getValue("cmi.core.lesson_location");
      status = getValue("cmi.core.lesson_status");
      raw = getValue("cmi.core.score.raw");
      if (s.mode === "normal" && /^(not attempted|browsed|)$/.test(status)) setStatus("incomplete");
      return s;
    }

    /* The bookmark, the state text and cmi.core.exit: "suspend" until the result is final. */
    function saveState(location, text, done) {
      setValue("cmi.core.lesson_location", location);
      setValue("cmi.suspend_data", text);
      setValue("cmi.core.exit", done ? "" : "suspend");
    }

    /* One record per answered question, n continuing from _count (1.2 interactions are write-only,
       so every attempt appends). records: [{id, type, chosen, correct, right, weight}]. */
    function interactions(records, startedMs) {
      var n = parseInt(getValue("cmi.interactions._count"), 10);
      if (isNaN(n)) return;
      var now = new Date(), latency = timespan(now - (startedMs || now), 2, false), time = clock(now);
      records.forEach(function (r, i) {
        var p = "cmi.interactions." + (n + i) + ".";
        setValue(p + "id", r.id);
        setValue(p + "type", r.type === "true-false" ? "true-false" : "choice");
        setValue(p + "time", time);
        setValue(p + "weighting", String(r.weight));
        setValue(p + "student_response", r.chosen.join(","));
        setValue(p + "correct_responses.0.pattern", r.correct.join(","));
        setValue(p + "result", r.right ? "correct" : "wrong");
        setValue(p + "latency", latency);
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
      if (setStatus(result.passed ? "passed" : "failed")) commit(true);
      setValue("cmi.core.score.min", "0");
      setValue("cmi.core.score.max", "100");
      if (setValue("cmi.core.score.raw", result.raw)) raw = result.raw;
    }

    /* cmi.core.session_time once, then LMSFinish exactly once; no call after it. */
    function finish(sessionMs) {
      if (!lms.live || lms.finished) return;
      clearTimeout(lms.timer);
      setValue("cmi.core.session_time", timespan(sessionMs, 4, true));
      lms.finished = true;
      if (call("LMSFinish", [""]) !== "true") warn("LMSFinish failed");
    }

    return {
      standard: "scorm12", connect: connect, saveState: saveState, interactions: interactions, report: report,
      commit: commit, finish: finish, timespan: timespan,
      live: function () { return lms.live; }, finished: function () { return lms.finished; }
    };
  };
});
