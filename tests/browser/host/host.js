/* A minimal LMS for the browser tests: scorm-again's Scorm12API as window.API (or its
   Scorm2004API as window.API_1484_11), every call and its result recorded with the LMS error code,
   optional injected failures, and the SCO in an iframe. The tests drive it with
   hostLaunch(config) and read window.hostLog / hostCmi(). */
(function () {
  "use strict";
  var STANDARDS = {
    scorm12: { global: "API", make: function () { return new window.Scorm12API({ autocommit: false, logLevel: 5, autoCompleteLessonStatus: false }); },
      methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"] },
    scorm2004: { global: "API_1484_11", make: function () { return new window.Scorm2004API({ autocommit: false, logLevel: 5 }); },
      methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"] }
  };
  window.hostLog = [];

  /* config: {sco: url, standard: "scorm12"|"scorm2004", cmi: {...} for loadFromJSON,
     fail: [{fn, key?, times}], api: true} */
  window.hostLaunch = function (config) {
    var old = document.querySelector("iframe");
    if (old) old.remove();
    window.hostLog = [];
    var standard = STANDARDS[config.standard || "scorm12"], METHODS = standard.methods;
    var errorFn = METHODS[5], textFn = METHODS[6];
    delete window.API;
    delete window.API_1484_11;
    var api = standard.make();
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
        if (injected && (m === errorFn || m === textFn)) {
          result = m === errorFn ? injected : "General exception";
          if (m === textFn) injected = null;
          window.hostLog.push({ fn: m, args: args, result: result, error: "0", injected: true, t: Date.now() });
          return result;
        }
        injected = null;
        result = real[m].apply(null, args);
        error = String(real[errorFn]());
        window.hostLog.push({ fn: m, args: args, result: String(result), error: error, t: Date.now() });
        return result;
      };
    });
    window.hostApi = api;
    if (config.api !== false) window[standard.global] = api;
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
