/* scorm-builder learner runtime: one session with the LMS's run-time API, whatever the standard.
   It finds the API object (self, up to 7 parents, then the opener's chain, every access guarded:
   cross-origin frames throw), calls it without ever throwing at the learner (on "false": read the
   error, warn, retry once), skips values equal to the last one written, throttles commits, and
   finishes exactly once. The transports (scorm12.js, scorm2004.js) give it their names:
     names = {api: "API", init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue",
              set: "LMSSetValue", commit: "LMSCommit", error: "LMSGetLastError", text: "LMSGetErrorString"} */
(function (root, factory) {
  var open = factory();
  if (typeof module === "object" && module.exports) module.exports = open;
  else (root.ScormBuilder = root.ScormBuilder || {}).lmsapi = open;
})(this, function () {
  "use strict";

  var COMMIT_GAP = 2000; // at most one throttled commit every 2 s, with a trailing one

  return function open(win, names) {
    var lms = { api: null, live: false, finished: false, written: {}, dirty: false, lastCommit: 0, timer: 0 };

    function warn(message) { try { win.console.warn("[scorm-builder] " + message); } catch (e) { /* no console */ } }

    function findIn(w) {
      for (var i = 0; w && i <= 7; i++) {
        try { if (w[names.api] && typeof w[names.api][names.init] !== "undefined") return w[names.api]; } catch (e) { /* cross-origin */ }
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
      var code = call(names.error);
      return "error " + code + " (" + call(names.text, [code]) + ")";
    }

    function attempt(name, args, label) {
      for (var i = 0; i < 2; i++) {
        if (call(name, args) === "true") return true;
        warn(label + " failed: " + lmsError() + (i ? "; giving up" : "; retrying once"));
      }
      return false;
    }

    /* Finds the API and initializes. Returns the launch as a transport fills it in from the LMS,
       with the values of a launch without one: {found, live, mode, credit, entry, mastery,
       suspend, location}. */
    function start() {
      lms.api = findAPI();
      if (lms.api) lms.live = attempt(names.init, [""], names.init);
      return { found: !!lms.api, live: lms.live, mode: "normal", credit: "credit", entry: "", mastery: NaN,
        suspend: "", location: "" };
    }

    function get(key) { return lms.live && !lms.finished ? call(names.get, [key]) : ""; }

    function set(key, value) {
      if (!lms.live || lms.finished) return false;
      value = String(value);
      if (lms.written[key] === value) return true; // unchanged since it was last written
      if (!attempt(names.set, [key, value], names.set + "(" + key + ")")) return false;
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
      if (!attempt(names.commit, [""], names.commit)) lms.dirty = true;
    }

    /* The last writes (``before``), then the finish call exactly once; no call after it. */
    function finish(before) {
      if (!lms.live || lms.finished) return;
      clearTimeout(lms.timer);
      if (before) before();
      lms.finished = true;
      if (call(names.finish, [""]) !== "true") warn(names.finish + " failed");
    }

    return {
      start: start, get: get, set: set, commit: commit, finish: finish, warn: warn,
      live: function () { return lms.live; }, finished: function () { return lms.finished; }
    };
  };
});
