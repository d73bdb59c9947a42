/*
 * What the preview's two run-time APIs (scorm12-api.js, scorm2004-api.js) share: the error an API
 * function raises, and the recording of every call (last error and diagnostic, the call log, the
 * page's change hook). SCORM-BUILDER-PREVIEW-LMS-API: served by `scorm-builder preview` only,
 * never written into a package.
 */

/** An API function's failure: the error code it leaves, and the diagnostics that explain it. */
export class ApiError extends Error {
  constructor(code, diagnostic, moodleDiagnostic = "") {
    super(diagnostic);
    this.code = code;
    this.moodleDiagnostic = moodleDiagnostic;
  }
}

/** A line of the LMS's own in the call log (what it did, not what the SCO called). */
export function note(api, text, level = "info") {
  api.onLog({ seq: ++api.seq, ms: api.now() - api.startedAt, fn: "LMS", args: [], result: text, error: "", level });
}

/**
 * Runs ``body`` as the API function ``fn`` of ``api``: on success the last error becomes "0"; an
 * ApiError sets it (any other exception is a 101 of the preview itself) and the function answers
 * "" (``getter``) or "false". ``keepsError``: the error queries, which leave the last error as it
 * was. Every call is logged, and all but the error queries tell the page that values may have changed.
 */
export function recordCall(api, fn, args, body, { keepsError = false, getter = false } = {}) {
  let result;
  if (keepsError) {
    result = body();
  } else {
    const hasMoodle = "lastMoodleDiagnostic" in api;
    try {
      result = body();
      api.lastError = "0";
      api.lastDiagnostic = "";
      if (hasMoodle) api.lastMoodleDiagnostic = "";
    } catch (err) {
      const known = err instanceof ApiError;
      api.lastError = known ? err.code : "101";
      api.lastDiagnostic = known ? err.message : `internal error in the preview LMS: ${err && err.message}`;
      if (hasMoodle) api.lastMoodleDiagnostic = known ? err.moodleDiagnostic : "";
      result = getter ? "" : "false";
    }
  }
  api.onLog({
    seq: ++api.seq, ms: api.now() - api.startedAt, fn, args, result, error: api.lastError,
    diagnostic: keepsError ? "" : api.lastDiagnostic, level: !keepsError && api.lastError !== "0" ? "error" : "call",
  });
  if (!keepsError) api.onChange(api);
  return result;
}
