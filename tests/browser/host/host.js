/* A minimal LMS for the browser tests: scorm-again's Scorm12API as window.API, every call and
   its result recorded with the LMS error code, optional injected failures, and the SCO in an
   iframe. The tests drive it with hostLaunch(config) and read window.hostLog / hostCmi(). */
(function () {
  "use strict";
  var METHODS = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
    "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
  window.hostLog = [];

  /* config: {sco: url, cmi: {...} for loadFromJSON, fail: [{fn, key?, times}], api: true} */
  window.hostLaunch = function (config) {
    var old = document.querySelector("iframe");
    if (old) old.remove();
    window.hostLog = [];
    var api = new window.Scorm12API({ autocommit: false, logLevel: 5, autoCompleteLessonStatus: false });
    if (config.cmi) api.loadFromJSON(config.cmi, "cmi");
    var real = {};
    METHODS.forEach(function (m) { real[m] = api[m].bind(api); });
    var injected = null; // an error code we reported for an injected failure
    var fails = (config.fail || []).map(function (f) { return { fn: f.fn, key: f.key, left: f.times || 1 }; });
    METHODS.forEach(function (m) {
      api[m] = function () {
        var args = [].slice.call(arguments), result, error;
        var rule = fails.filter(function (f) {
          return f.fn === m && f.left > 0 && (!f.key || f.key === args[0]);
        })[0];
        if (rule) {
          rule.left -= 1;
          result = "false";
          injected = "101";
          error = injected;
          window.hostLog.push({ fn: m, args: args, result: result, error: error, injected: true, t: Date.now() });
          return result;
        }
        if (injected && (m === "LMSGetLastError" || m === "LMSGetErrorString")) {
          result = m === "LMSGetLastError" ? injected : "General exception";
          if (m === "LMSGetErrorString") injected = null;
          window.hostLog.push({ fn: m, args: args, result: result, error: "0", injected: true, t: Date.now() });
          return result;
        }
        injected = null;
        result = real[m].apply(null, args);
        error = String(real.LMSGetLastError());
        window.hostLog.push({ fn: m, args: args, result: String(result), error: error, t: Date.now() });
        return result;
      };
    });
    window.hostApi = api;
    if (config.api !== false) window.API = api;
    var frame = document.createElement("iframe");
    frame.title = "Course";
    frame.src = config.sco;
    document.body.appendChild(frame);
  };

  /* The LMS's view of the data: the flattened cmi as scorm-again holds it. */
  window.hostCmi = function () {
    return JSON.parse(JSON.stringify(window.hostApi.renderCMIToJSONObject()));
  };

  window.hostClose = function () {
    var f = document.querySelector("iframe");
    if (f) f.remove();
  };
})();
