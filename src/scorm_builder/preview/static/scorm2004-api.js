/*
 * The SCORM 2004 4th Edition run-time API, LMS side, for the scorm-builder preview.
 * SCORM-BUILDER-PREVIEW-LMS-API: served by `scorm-builder preview` only, never written into a
 * package (a test builds a course and checks that this marker is in no file of the zip).
 *
 * Written from the SCORM 2004 4th Edition Run-Time Environment (ADL, 2009), "RTE" below:
 *   RTE 3.1    the API: Initialize, Terminate, GetValue, SetValue, Commit, GetLastError,
 *              GetErrorString, GetDiagnostic; RTE 3.1.7 the error codes (Table 3.1.7a);
 *   RTE 4.1.1  the data types: characterstring (SPM), localized_string_type, language_type,
 *              long_identifier_type, short_identifier_type, real(10,7), time(second,10,0),
 *              timeinterval(second,10,2), state (vocabularies);
 *   RTE 4.2    the data model (one subsection per element, cited in DATA_MODEL below), and
 *   RTE 4.2.9.1 the correct response patterns and learner_response formats per interaction type;
 *   SN 4.4.2 / RTE 4.4  the navigation requests of adl.nav.request.
 * Cross-checked with scorm-again's Scorm2004API data-model constants (node_modules/scorm-again).
 *
 * The "moodle" profile follows Moodle 4.3's mod_scorm 2004 player (mod/scorm/datamodels/scorm_13.js
 * and scorm_13lib.php, read for behaviour only) and what ../shared/moodle/README.md measured; where it
 * differs from the standard, PROFILES.moodle says so, element by element.
 *
 * One Scorm2004API object is one launch of one SCO: the LMS page creates a new one per launch.
 * It holds the live values, persists them only on Commit/Terminate (through onCommit), and reports
 * every call (onLog) and every change (onChange) to the page. Same shape as Scorm12API.
 */

import { ApiError, note, recordCall } from "./api-calls.js";

// RTE 3.1.7, Table 3.1.7a: the error codes and their strings (GetErrorString).
export const ERROR_STRINGS = Object.freeze({
  "0": "No Error",
  "101": "General Exception",
  "102": "General Initialization Failure",
  "103": "Already Initialized",
  "104": "Content Instance Terminated",
  "111": "General Termination Failure",
  "112": "Termination Before Initialization",
  "113": "Termination After Termination",
  "122": "Retrieve Data Before Initialization",
  "123": "Retrieve Data After Termination",
  "132": "Store Data Before Initialization",
  "133": "Store Data After Termination",
  "142": "Commit Before Initialization",
  "143": "Commit After Termination",
  "201": "General Argument Error",
  "301": "General Get Failure",
  "351": "General Set Failure",
  "391": "General Commit Failure",
  "401": "Undefined Data Model Element",
  "402": "Unimplemented Data Model Element",
  "403": "Data Model Element Value Not Initialized",
  "404": "Data Model Element Is Read Only",
  "405": "Data Model Element Is Write Only",
  "406": "Data Model Element Type Mismatch",
  "407": "Data Model Element Value Out Of Range",
  "408": "Data Model Dependency Not Established",
});

// Moodle's GetErrorString answers these with its own spelling (scorm_13.js, GetErrorString).
const MOODLE_ERROR_STRINGS = Object.freeze({
  ...ERROR_STRINGS,
  "0": "No error",
  "101": "General exception",
  "102": "General Inizialization Failure",
  "112": "Termination Before Inizialization",
  "132": "Store Data Before Inizialization",
  "142": "Commit Before Inizialization",
  "401": "Undefinited Data Model",
});

// RTE 4.2: the state (vocabulary) data types.
export const VOCABULARY = Object.freeze({
  completion: ["completed", "incomplete", "not attempted", "unknown"], // RTE 4.2.4
  success: ["passed", "failed", "unknown"], // RTE 4.2.22
  exit: ["time-out", "suspend", "logout", "normal", ""], // RTE 4.2.10
  entry: ["ab-initio", "resume", ""], // RTE 4.2.9
  mode: ["browse", "normal", "review"], // RTE 4.2.15
  credit: ["credit", "no-credit"], // RTE 4.2.7
  interactionType: ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing",
    "likert", "numeric", "other"], // RTE 4.2.9 (cmi.interactions.n.type)
  result: ["correct", "incorrect", "unanticipated", "neutral"], // RTE 4.2.9, or a real(10,7)
  timeLimitAction: ["exit,message", "continue,message", "exit,no message", "continue,no message"], // RTE 4.2.27
  navRequest: ["continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"], // RTE 4.4.2
});

// RTE 4.1.1: the data types as each profile checks them.
// time(second,10,0): YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]], years 1970-2038, the zone only after a fraction
const time = (fraction) => new RegExp("^(19[7-9]\\d|20[0-2]\\d|203[0-8])(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01])"
  + "(T([01]\\d|2[0-3])(:[0-5]\\d(:[0-5]\\d"
  + `(\\.\\d{${fraction}}(Z|[+-]([01]\\d|2[0-3])(:[0-5]\\d)?)?)?)?)?)?)?)?$`);
export const FORMATS = Object.freeze({
  strict: {
    // real(10,7): a decimal number, at most 10 integer digits and a leading digit (as scorm-again); RTE 4.1.1.7
    real: /^-?\d{1,10}(\.\d{1,18})?$/,
    // RTE 4.1.1.6; fractions of a second up to 6 digits, as scorm-again accepts (toISOString() gives 3)
    time: time("1,6"),
    // timeinterval(second,10,2): P[yY][mM][dD][T[hH][nM][s[.s]S]], at least one part; RTE 4.1.1.5
    timeinterval: /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/,
    // long_identifier_type (SPM 4000): a URI, which has no white space; RTE 4.1.1.3
    longId: /^(?!urn:)\S{1,4000}$|^urn:[A-Za-z0-9-]{1,31}:\S{1,4000}$/,
    // short_identifier_type (SPM 250): URI characters; RTE 4.1.1.4
    shortId: /^[\w\-().:=@;$!*'%/#+~&?]{1,250}$/,
    // language_type: "" or a language code with subtags (RFC 3066); RTE 4.1.1.2
    lang: /^$|^([a-zA-Z]{1,8}|i|x)(-[a-zA-Z0-9]{1,8})*$/,
    langPrefix: /^\{lang=(([a-zA-Z]{1,8}|i|x)(-[a-zA-Z0-9]{1,8})*)\}/,
    resultReal: /^-?\d{1,10}(\.\d{1,18})?$/,
    navRequest: /^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|\{target=[^\s}]+\}(choice|jump))$/,
  },
  // Moodle's own patterns (scorm_13.js, "Standard Data Type Definition").
  moodle: {
    real: /^-?\d{1,5}(\.\d{1,18})?$/, // CMIDecimal: at most 5 integer digits, a leading digit required
    time: time("1,2"), // CMITime: at most 2 digits of a second: toISOString()'s ".123Z" is refused
    timeinterval: /^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|(\d+(\.\d{1,2})?S)))?$/, // "P" alone passes
    longId: /^(?!urn:)\S{1,4000}$|^urn:[A-Za-z0-9-]{1,31}:\S{1,4000}$/,
    shortId: /^[\w.]{1,250}$/, // CMIShortIdentifier: letters, digits, "_" and "." only: "choice-a" is refused
    lang: /^([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?$|^$/,
    langPrefix: /^\{lang=(([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?)\}/,
    resultReal: /^-?\d{1,4}(\.\d{1,18})?$/,
    // NAVEvent: no "_none_"; and its last branch, "jump$", takes any text ending in "jump"
    navRequest: /^previous$|^continue$|^exit$|^exitAll$|^abandon$|^abandonAll$|^suspendAll$|^\{target=\S{0,200}[a-zA-Z0-9]\}choice|jump$/,
  },
});

// RTE 4.2.9.1 (Table 4.2.9.1a): learner_response and correct_responses.n.pattern per interaction type.
//   node: what one item is ("shortId", "longId", "lang250", "lang4000", "real", "string4000", "boolean");
//   sep: the separator between items, max: how many; pair: the separator inside one item (matching,
//   performance); unique: items may not repeat; patterns: at most this many correct_responses;
//   prefixes: the {case_matters=}/{order_matters=} delimiters a correct response pattern may start with.
export const RESPONSES = Object.freeze({
  "true-false": { node: "boolean", max: 1, patterns: 1 },
  choice: { node: "shortId", sep: "[,]", max: 36, unique: true },
  "fill-in": { node: "lang250", sep: "[,]", max: 10, prefixes: ["case_matters", "order_matters"] },
  "long-fill-in": { node: "lang4000", max: 1, prefixes: ["case_matters"] },
  matching: { node: "shortId", pair: "[.]", sep: "[,]", max: 36 },
  performance: { node: "performanceStep", pair: "[.]", sep: "[,]", max: 250, prefixes: ["order_matters"] },
  sequencing: { node: "shortId", sep: "[,]", max: 36 },
  likert: { node: "shortId", max: 1, patterns: 1 },
  numeric: { node: "real", max: 1, range: "[:]", patterns: 1 },
  other: { node: "string4000", max: 1, patterns: 1 },
});

const RO = "ro", RW = "rw", WO = "wo";
const REAL = { access: RW, type: "real" };
const SCALED = { access: RW, type: "real", range: [-1, 1] };
const PROGRESS = { access: RW, type: "real", range: [0, 1] };
const LANG250 = { access: RW, type: "localized", limit: 250 };

// RTE 4.2: the data model. access: ro (SetValue -> 404), wo (GetValue -> 405), rw.
// keyword: _version/_children/_count (SetValue -> 404). launch: the value comes from the LMS at launch.
// initial: the value before the SCO sets one (none: GetValue -> 403 "not initialized" in the strict profile).
// needs: the element of the same record that must be set first (SetValue -> 408).
export const DATA_MODEL = Object.freeze({
  "cmi._version": { access: RO, keyword: true, value: "1.0" }, // RTE 4.2.1
  "cmi.comments_from_learner._children": { access: RO, keyword: true, value: "comment,location,timestamp" }, // RTE 4.2.2
  "cmi.comments_from_learner._count": { access: RO, keyword: true, count: true },
  "cmi.comments_from_learner.n.comment": { access: RW, type: "localized", limit: 4000, empty: true },
  "cmi.comments_from_learner.n.location": { access: RW, type: "characterstring", limit: 250, empty: true },
  "cmi.comments_from_learner.n.timestamp": { access: RW, type: "time" },
  "cmi.comments_from_lms._children": { access: RO, keyword: true, value: "comment,location,timestamp" }, // RTE 4.2.3
  "cmi.comments_from_lms._count": { access: RO, keyword: true, count: true },
  "cmi.comments_from_lms.n.comment": { access: RO },
  "cmi.comments_from_lms.n.location": { access: RO },
  "cmi.comments_from_lms.n.timestamp": { access: RO },
  "cmi.completion_status": { access: RW, type: "vocabulary", vocabulary: "completion", initial: "unknown" }, // RTE 4.2.4
  "cmi.completion_threshold": { access: RO, launch: "completion_threshold" }, // RTE 4.2.5, adlcp:completionThreshold
  "cmi.credit": { access: RO, launch: "credit" }, // RTE 4.2.6
  "cmi.entry": { access: RO, launch: "entry" }, // RTE 4.2.7
  "cmi.exit": { access: WO, type: "vocabulary", vocabulary: "exit" }, // RTE 4.2.8
  "cmi.interactions._children": { access: RO, keyword: true, // RTE 4.2.9
    value: "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description" },
  "cmi.interactions._count": { access: RO, keyword: true, count: true },
  "cmi.interactions.n.id": { access: RW, type: "longId" },
  "cmi.interactions.n.type": { access: RW, type: "vocabulary", vocabulary: "interactionType", needs: "id" },
  "cmi.interactions.n.objectives._count": { access: RO, keyword: true, count: true },
  "cmi.interactions.n.objectives.n.id": { access: RW, type: "longId", needs: "id", unique: true },
  "cmi.interactions.n.timestamp": { access: RW, type: "time", needs: "id" },
  "cmi.interactions.n.correct_responses._count": { access: RO, keyword: true, count: true },
  "cmi.interactions.n.correct_responses.n.pattern": { access: RW, type: "pattern", needs: "type" },
  "cmi.interactions.n.weighting": { access: RW, type: "real", needs: "id" },
  "cmi.interactions.n.learner_response": { access: RW, type: "response", needs: "type" },
  "cmi.interactions.n.result": { access: RW, type: "result", needs: "id" },
  "cmi.interactions.n.latency": { access: RW, type: "timeinterval", needs: "id" },
  "cmi.interactions.n.description": { ...LANG250, needs: "id" },
  "cmi.launch_data": { access: RO, launch: "launch_data" }, // RTE 4.2.10, adlcp:dataFromLMS
  "cmi.learner_id": { access: RO, launch: "learner_id" }, // RTE 4.2.11
  "cmi.learner_name": { access: RO, launch: "learner_name" }, // RTE 4.2.12
  "cmi.learner_preference._children": { access: RO, keyword: true, // RTE 4.2.13
    value: "audio_level,language,delivery_speed,audio_captioning" },
  "cmi.learner_preference.audio_level": { access: RW, type: "real", range: [0, Infinity], initial: "1" },
  "cmi.learner_preference.language": { access: RW, type: "lang", initial: "" },
  "cmi.learner_preference.delivery_speed": { access: RW, type: "real", range: [0, Infinity], initial: "1" },
  "cmi.learner_preference.audio_captioning": { access: RW, type: "vocabulary", vocabulary: "captioning", initial: "0" },
  "cmi.location": { access: RW, type: "characterstring", limit: 1000 }, // RTE 4.2.14
  "cmi.max_time_allowed": { access: RO, launch: "max_time_allowed" }, // RTE 4.2.15, imsss:attemptAbsoluteDurationLimit
  "cmi.mode": { access: RO, launch: "mode" }, // RTE 4.2.16
  "cmi.objectives._children": { access: RO, keyword: true, // RTE 4.2.17
    value: "id,score,success_status,completion_status,progress_measure,description" },
  "cmi.objectives._count": { access: RO, keyword: true, count: true },
  "cmi.objectives.n.id": { access: RW, type: "longId", unique: true, writeOnce: true },
  "cmi.objectives.n.score._children": { access: RO, keyword: true, value: "scaled,raw,min,max" },
  "cmi.objectives.n.score.scaled": { ...SCALED, needs: "id" },
  "cmi.objectives.n.score.raw": { ...REAL, needs: "id" },
  "cmi.objectives.n.score.min": { ...REAL, needs: "id" },
  "cmi.objectives.n.score.max": { ...REAL, needs: "id" },
  "cmi.objectives.n.success_status": { access: RW, type: "vocabulary", vocabulary: "success", needs: "id", initial: "unknown" },
  "cmi.objectives.n.completion_status": { access: RW, type: "vocabulary", vocabulary: "completion", needs: "id",
    initial: "unknown" },
  "cmi.objectives.n.progress_measure": { ...PROGRESS, needs: "id" },
  "cmi.objectives.n.description": { ...LANG250, needs: "id" },
  "cmi.progress_measure": PROGRESS, // RTE 4.2.18
  "cmi.scaled_passing_score": { access: RO, launch: "scaled_passing_score" }, // RTE 4.2.19, imsss:minNormalizedMeasure
  "cmi.score._children": { access: RO, keyword: true, value: "scaled,raw,min,max" }, // RTE 4.2.20
  "cmi.score.scaled": SCALED,
  "cmi.score.raw": REAL,
  "cmi.score.min": REAL,
  "cmi.score.max": REAL,
  "cmi.session_time": { access: WO, type: "timeinterval" }, // RTE 4.2.21
  "cmi.success_status": { access: RW, type: "vocabulary", vocabulary: "success", initial: "unknown" }, // RTE 4.2.22
  "cmi.suspend_data": { access: RW, type: "characterstring", limit: 64000 }, // RTE 4.2.23
  "cmi.time_limit_action": { access: RO, launch: "time_limit_action" }, // RTE 4.2.24
  "cmi.total_time": { access: RO }, // RTE 4.2.25
  "adl.nav.request": { access: RW, type: "navRequest", initial: "_none_" }, // RTE 4.4.2
});

// adl.nav.request_valid.* (RTE 4.4.3): read-only, "true", "false" or "unknown".
const REQUEST_VALID = /^adl\.nav\.request_valid\.(continue|previous|choice\.\{target=[^\s}]+\}|jump\.\{target=[^\s}]+\})$/;

// Every prefix of an element name is a category ("cmi.score", "cmi.interactions.n"), not an element.
const CATEGORIES = new Set();
for (const name of Object.keys(DATA_MODEL)) {
  const parts = name.split(".");
  for (let i = 1; i < parts.length; i++) CATEGORIES.add(parts.slice(0, i).join("."));
}
const CAPTIONING = ["-1", "0", "1"];

// Values kept for one session only (never stored by the strict LMS).
const SESSION_ONLY = new Set(["cmi.session_time", "adl.nav.request"]);

// ---- ISO 8601 durations (timeinterval), as hundredths of a second ----

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Hundredths of a second in an ISO 8601 duration (years as 365 days, months as 30: RTE 4.1.1.5 leaves them open). */
export function durationToCs(text) {
  const m = DURATION.exec(text || "");
  if (!m) return 0;
  const [y, mo, d, h, mi] = m.slice(1, 6).map((v) => Number(v || 0));
  return Math.round((((((y * 365 + mo * 30 + d) * 24 + h) * 60 + mi) * 60) + Number(m[6] || 0)) * 100);
}

/** The strict LMS's total_time: PT#H#M#S (hours unbounded), e.g. PT1H2M3.5S, PT0H0M0S. */
export function csToDuration(cs) {
  const h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
  return `PT${h}H${m}M${Number(s.toFixed(2))}S`;
}

/** Moodle's total_time (scorm_13.js AddTime): zero parts left out, days folded from hours, "P" when zero. */
export function csToMoodleDuration(cs) {
  const days = Math.floor(cs / 8640000), h = Math.floor(cs / 360000) % 24, m = Math.floor(cs / 6000) % 60;
  const s = Number(((cs % 6000) / 100).toFixed(2));
  let text = "P" + (days ? `${days}D` : "");
  if (h || m || s) text += "T" + (h ? `${h}H` : "") + (m ? `${m}M` : "") + (s ? `${s}S` : "");
  return text;
}

// ---- the two profiles ----

export const PROFILES = Object.freeze({
  strict: {
    name: "strict",
    label: "Strict SCORM 2004",
    formats: FORMATS.strict,
    errorStrings: ERROR_STRINGS,
    // RTE 4.2: an element the SCO has not set and that has no initial value answers "" with 403.
    uninitialized: "403",
    // Elements the LMS gives a value at launch even when the manifest has none (RTE 4.2.10: launch_data
    // is "" without an error; the others without a value answer 403, as scorm-again's NO_DEFAULT list).
    launchBlanks: ["cmi.launch_data"],
    // RTE 3.1.7.6: _children of an element that has none, _count of an element that is not a list: 301
    childrenOfUnknown: "401",
    storeNumbers: false,
    timeLimitActionDefault: "continue,no message", // RTE 4.2.24
    totalTime: csToDuration,
    // a correct response pattern may not repeat one already set for a choice interaction (as scorm-again)
    duplicatePattern: (type) => type === "choice",
    prefixesPerNode: false,
    resetPatternsOnType: false,
    evaluateOnGet: true, // RTE 4.2.4.1 and 4.2.22.1: the LMS answers the evaluated status
    storesChangesOnly: false,
    storesSessionTime: false,
    // RTE 4.2.7 (cmi.entry) with SN 4.2.1: only an attempt suspended (exit "suspend") is resumed, with its
    // data; any other exit ends the learner attempt, and the next launch is a new one: "ab-initio", no data.
    resumes: (stored) => stored["cmi.exit"] === "suspend",
  },
  moodle: {
    name: "moodle",
    label: "Moodle (mod_scorm, 2004)",
    formats: FORMATS.moodle,
    errorStrings: MOODLE_ERROR_STRINGS,
    // get_scorm_default() (scorm_13lib.php) gives these "" (scorm_isset's default) rather than leaving
    // them unset: GetValue answers "" with no error where the standard says 403.
    uninitialized: "403",
    launchBlanks: ["cmi.location", "cmi.suspend_data", "cmi.progress_measure", "cmi.score.scaled", "cmi.score.raw",
      "cmi.score.min", "cmi.score.max", "cmi.scaled_passing_score", "cmi.completion_threshold", "cmi.max_time_allowed",
      "cmi.launch_data", "cmi.time_limit_action", "cmi.learner_preference.delivery_speed"],
    childrenOfUnknown: "301", // GetValue: "x._children" of any name outside the model is 301 (a string compared to undefined)
    storeNumbers: true, // elements with a range are stored as value*1.0: "0.80" reads back "0.8"
    timeLimitActionDefault: "",
    totalTime: csToMoodleDuration,
    // SetValue refuses a repeated pattern only for choice (and long-fill-in, its "duplicate: true")
    duplicatePattern: (type) => type === "choice" || type === "long-fill-in",
    prefixesPerNode: true, // CRremovePrefixes: {lang=}/{case_matters=}/{order_matters=} on each item of 5 types
    resetPatternsOnType: true, // setting cmi.interactions.n.type again empties its correct_responses
    // StoreData() evaluates completion_status at Terminate only; it derives success_status from
    // "cmi.scaled_passed_score", a name that does not exist: Moodle never sets success_status from the
    // passing score (../shared/moodle/README.md). See _evaluate().
    evaluateOnGet: false,
    storesChangesOnly: true, // CollectData(): only values that differ from the launch values are sent
    storesSessionTime: true, // cmi.session_time is stored as a track
    // get_scorm_default(): the stored tracks are loaded only when the stored cmi.exit is "suspend"
    resumes: (stored) => stored["cmi.exit"] === "suspend",
  },
});

// ---- element names ----

function genericName(key) {
  return key.split(".").map((p) => (/^\d+$/.test(p) ? "n" : p)).join(".");
}

const ELEMENT_RE = /^(cmi|adl)(\.([A-Za-z_]+|\d+|\{target=[^\s}]+\}))*$/;

function parseElement(element) {
  if (typeof element !== "string" || !ELEMENT_RE.test(element)) return null;
  const parts = element.split(".");
  const lists = [];
  parts.forEach((p, i) => {
    if (/^\d+$/.test(p)) lists.push({ path: parts.slice(0, i).join("."), index: Number(p), raw: p, record: parts.slice(0, i + 1).join(".") });
  });
  return { key: element, generic: genericName(element), lists };
}


const NOT_INITIALIZED = "not initialized", RUNNING = "running", TERMINATED = "terminated";

export class Scorm2004API {
  /**
   * @param {object} options
   *   profile: "strict" | "moodle"
   *   launch: { learner_id, learner_name, credit, mode, scaled_passing_score, completion_threshold,
   *             launch_data, max_time_allowed, time_limit_action, nav: {continue, previous} }
   *   record: what onCommit gave last time for this SCO ({values, counts, launches}) or null
   *   onLog(entry), onChange(api), onCommit(record), onTerminate(navRequest): the page's hooks
   *   stale: the page's API was terminated by an earlier SCO of the same player page (Moodle 4.3 keeps
   *     one API object per player page, so Initialize answers 104: docs/moodle.md, "Several SCOs")
   */
  constructor({ profile = "strict", launch = {}, record = null, onLog, onChange, onCommit, onTerminate, now,
    stale = false } = {}) {
    this.profile = PROFILES[profile] || PROFILES.strict;
    this.standard = "scorm2004";
    this.now = now || (() => Date.now());
    this.onLog = onLog || (() => {});
    this.onChange = onChange || (() => {});
    this.onCommit = onCommit || (() => {});
    this.onTerminate = onTerminate || (() => {});
    this.state = NOT_INITIALIZED;
    this.stale = stale;
    this.lastError = "0";
    this.lastDiagnostic = "";
    this.lastMoodleDiagnostic = "";
    this.seq = 0;
    this.startedAt = this.now();
    const stored = (record && record.values) || {};
    this.record = { values: {}, counts: {}, ...(record || {}), launches: ((record && record.launches) || 0) + 1 };
    const resume = Boolean(record && record.launches) && this.profile.resumes(stored);
    this.resumed = resume;
    this.launch = {
      learner_id: "preview-learner", learner_name: "Learner, Preview", credit: "credit", mode: "normal",
      scaled_passing_score: "", completion_threshold: "", launch_data: "", max_time_allowed: "",
      time_limit_action: "", ...launch,
    };
    if (this.launch.entry === undefined) this.launch.entry = resume ? "resume" : "ab-initio";
    if (!this.launch.time_limit_action) this.launch.time_limit_action = this.profile.timeLimitActionDefault;
    this.launch.nav = { continue: "unknown", previous: "unknown", ...(launch.nav || {}) };
    this.values = this._initialValues(resume ? stored : {});
    this.counts = { ...((resume && record.counts) || {}) };
    this.launchValues = { ...this.values };
    this.committed = this._persistable();
    for (const name of ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString",
      "GetDiagnostic"]) {
      this[name] = this[name].bind(this);
    }
  }

  _initialValues(stored) {
    const v = {};
    for (const [key, def] of Object.entries(DATA_MODEL)) {
      if (def.initial !== undefined && !key.includes(".n.")) v[key] = def.initial;
    }
    v["cmi.total_time"] = "PT0H0M0S";
    for (const key of this.profile.launchBlanks) v[key] = "";
    Object.assign(v, stored);
    v["adl.nav.request"] = "_none_"; // a new session starts with no navigation request
    delete v["cmi.session_time"];
    if (this.profile.name === "moodle") {
      // get_scorm_default(): the launch value of cmi.exit is the stored one ("" when not resuming), and
      // session_time starts as its defaultvalue "PT0H0M0S"; only values changed from these are sent.
      v["cmi.exit"] = stored["cmi.exit"] || "";
      v["cmi.session_time"] = "PT0H0M0S";
    } else {
      delete v["cmi.exit"]; // a new session starts with no exit set
    }
    for (const [key, def] of Object.entries(DATA_MODEL)) {
      if (!def.launch) continue;
      const value = this.launch[def.launch];
      if (value !== undefined && value !== "") v[key] = String(value);
      else if (!this.profile.launchBlanks.includes(key)) delete v[key];
    }
    return v;
  }

  _persistable() {
    const values = {};
    for (const [key, value] of Object.entries(this.values)) {
      const def = DATA_MODEL[genericName(key)];
      if (!def || def.launch || def.keyword || key.startsWith("cmi.comments_from_lms")) continue;
      if (SESSION_ONLY.has(key) && !(key === "cmi.session_time" && this.profile.storesSessionTime)) continue;
      values[key] = value;
    }
    return values;
  }

  /** Keys whose live value differs from the last committed one (shown as "not committed yet"). */
  dirtyKeys() {
    const now = this._persistable();
    return Object.keys(now).filter((k) => now[k] !== this.committed[k]);
  }

  // ---- the eight API functions (RTE 3.1) ----

  Initialize(param) {
    return this._call("Initialize", [param], () => {
      if (param !== "") throw new ApiError("201", 'Initialize takes "" (an empty string)');
      if (this.state === RUNNING) throw new ApiError("103", "Initialize was already called in this session");
      if (this.state === TERMINATED) {
        throw new ApiError("104", "Terminate ended this session; the LMS must launch the SCO again for a new one");
      }
      if (this.stale) {
        throw new ApiError("104", "Moodle keeps one 2004 API per player page: an earlier SCO's Terminate ended it "
          + "(leave the activity and open it again: the preview's Relaunch)");
      }
      this.state = RUNNING;
      this.startedAt = this.now();
      return "true";
    });
  }

  Terminate(param) {
    let request = null;
    const result = this._call("Terminate", [param], () => {
      if (param !== "") throw new ApiError("201", 'Terminate takes "" (an empty string)');
      if (this.state === NOT_INITIALIZED) throw new ApiError("112", "Terminate before Initialize");
      if (this.state === TERMINATED) throw new ApiError("113", "Terminate was already called");
      const notes = this._evaluate(true);
      const session = this.values["cmi.session_time"];
      const before = this.values["cmi.total_time"] || "PT0H0M0S";
      if (session || this.profile.name === "moodle") {
        this.values["cmi.total_time"] = this.profile.totalTime(durationToCs(before) + durationToCs(session || ""));
        notes.push(`total_time ${before} + session_time ${session || "(none)"} -> ${this.values["cmi.total_time"]}`);
      }
      for (const note of notes) this._note(`Terminate: ${note}`);
      this._commit(true);
      this.state = TERMINATED;
      request = this.values["adl.nav.request"];
      return "true";
    });
    if (request && request !== "_none_") {
      const acts = request === "continue" || request === "previous";
      this._note(`adl.nav.request "${request}" at Terminate: ${acts ? `the LMS launches the ${request === "continue" ? "next" : "previous"} SCO`
        : this.profile.name === "moodle" ? "Moodle accepts it and does nothing (only continue and previous act)"
          : "a sequencing LMS would act on it; this preview has no sequencer"}`);
      this.onTerminate(request);
    }
    return result;
  }

  Commit(param) {
    return this._call("Commit", [param], () => {
      if (param !== "") throw new ApiError("201", 'Commit takes "" (an empty string)');
      if (this.state === NOT_INITIALIZED) throw new ApiError("142", "Commit before Initialize");
      if (this.state === TERMINATED) throw new ApiError("143", "Commit after Terminate");
      this._commit(false);
      return "true";
    });
  }

  GetValue(element) {
    return this._call("GetValue", [element], () => {
      if (this.state === NOT_INITIALIZED) throw new ApiError("122", "GetValue before Initialize");
      if (this.state === TERMINATED) throw new ApiError("123", "GetValue after Terminate");
      if (element === "" || element === undefined || element === null) throw new ApiError("301", "GetValue needs an element name");
      const valid = REQUEST_VALID.exec(String(element));
      if (valid) return this._requestValid(valid[1]);
      const p = this._resolve(element, "get");
      const def = DATA_MODEL[p.generic];
      if (def.access === WO) throw new ApiError("405", `${p.key} is write-only`);
      for (const list of p.lists) {
        const count = this._count(list.path);
        if (list.index >= count) {
          throw new ApiError("301", `${list.path}._count is ${count}: there is no index ${list.index}`);
        }
      }
      if (def.count) return String(this._count(p.key.slice(0, -"._count".length)));
      if (def.keyword) return def.value;
      if (this.profile.evaluateOnGet) {
        if (p.key === "cmi.completion_status") return this._evaluatedCompletion();
        if (p.key === "cmi.success_status") return this._evaluatedSuccess();
      }
      const value = this.values[p.key];
      if (value === undefined && def.empty) return "";
      if (value === undefined) {
        throw new ApiError(this.profile.uninitialized, `${p.key} has no value yet: the SCO has not set it`
          + (def.launch ? " and the manifest gives none" : ""));
      }
      return value;
    });
  }

  SetValue(element, value) {
    return this._call("SetValue", [element, value], () => {
      if (this.state === NOT_INITIALIZED) throw new ApiError("132", "SetValue before Initialize");
      if (this.state === TERMINATED) throw new ApiError("133", "SetValue after Terminate");
      if (element === "" || element === undefined || element === null) throw new ApiError("351", "SetValue needs an element name");
      if (REQUEST_VALID.test(String(element))) throw new ApiError("404", `${element} is read-only`);
      const p = this._resolve(element, "set");
      const def = DATA_MODEL[p.generic];
      if (def.keyword || def.access === RO) throw new ApiError("404", `${p.key} is read-only`);
      if (value === undefined || value === null || typeof value === "object" || typeof value === "function") {
        throw new ApiError("406", `${p.key}: the value must be a string, not ${value === null ? "null" : typeof value}`);
      }
      if (typeof value !== "string") this._note(`SetValue: ${p.key} was given a ${typeof value}; SCORM values are strings`);
      let text = String(value);
      // Moodle checks the element's pattern before the records and dependencies (scorm_13.js SetValue),
      // and the response formats, which depend on the type, after them.
      const typed = def.type === "response" || def.type === "pattern";
      const formatFirst = this.profile.name === "moodle" && !typed;
      const check = () => {
        const problem = this._check(def, p, text);
        if (problem) throw new ApiError(problem.code, `${p.key}: ${problem.why}`, problem.moodle || "");
      };
      if (formatFirst) check();
      const created = this._checkRecords(p, def, text);
      if (!formatFirst) check();
      this._checkUnique(p, def, text);
      for (const path of created) {
        // a new record: its elements with an initial value get it (cmi.objectives.n.success_status "unknown")
        const index = this._count(path);
        this.counts[path] = index + 1;
        const prefix = `${genericName(path)}.n.`;
        for (const [name, d] of Object.entries(DATA_MODEL)) {
          if (d.initial !== undefined && name.startsWith(prefix) && !name.slice(prefix.length).includes(".")) {
            this.values[`${path}.${index}.${name.slice(prefix.length)}`] = d.initial;
          }
        }
      }
      if (this.profile.resetPatternsOnType && p.generic === "cmi.interactions.n.type") {
        const path = `${p.lists[0].record}.correct_responses`;
        if (this._count(path)) {
          this._note(`SetValue: Moodle empties ${path} when ${p.key} is set again`);
          for (const key of Object.keys(this.values)) if (key.startsWith(`${path}.`)) delete this.values[key];
        }
        this.counts[path] = 0;
      }
      if (this.profile.storeNumbers && def.range) text = String(Number(text) * 1.0);
      this.values[p.key] = text;
      return "true";
    });
  }

  GetLastError() {
    return this._call("GetLastError", [], () => this.lastError, { keepsError: true });
  }

  GetErrorString(code) {
    return this._call("GetErrorString", [code], () => this.profile.errorStrings[String(code)] ?? "", { keepsError: true });
  }

  GetDiagnostic(code) {
    return this._call("GetDiagnostic", [code], () => {
      if (this.profile.name === "moodle") {
        // scorm_13.js: its own diagnostic when it set one, else the argument echoed back
        return this.lastMoodleDiagnostic || String(code ?? "");
      }
      if (code === "" || code === undefined || code === null || String(code) === this.lastError) {
        return this.lastDiagnostic || ERROR_STRINGS[this.lastError] || "";
      }
      return ERROR_STRINGS[String(code)] ?? `unknown error code ${code}`;
    }, { keepsError: true });
  }

  // ---- the LMS's side ----

  /** The page unloaded the SCO. A session still running loses what was not committed. */
  abandon() {
    if (this.state !== RUNNING) return;
    const lost = this.dirtyKeys();
    this.state = TERMINATED;
    this._note(`the SCO was unloaded without Terminate${lost.length ? `: ${lost.length} uncommitted value(s) lost (${lost.join(", ")})` : ""}`, "warning");
    this.onChange(this);
  }

  /** RTE 4.2.4.1: completion_status as the LMS answers it, given completion_threshold and progress_measure. */
  _evaluatedCompletion() {
    const threshold = this.values["cmi.completion_threshold"], progress = this.values["cmi.progress_measure"];
    if (threshold === undefined || threshold === "") return this.values["cmi.completion_status"];
    if (progress === undefined || progress === "") return "unknown";
    return Number(progress) >= Number(threshold) ? "completed" : "incomplete";
  }

  /** RTE 4.2.22.1: success_status as the LMS answers it, given scaled_passing_score and score.scaled. */
  _evaluatedSuccess() {
    const passing = this.values["cmi.scaled_passing_score"], scaled = this.values["cmi.score.scaled"];
    if (passing === undefined || passing === "") return this.values["cmi.success_status"];
    if (scaled === undefined || scaled === "") return "unknown";
    return Number(scaled) >= Number(passing) ? "passed" : "failed";
  }

  /** The statuses the LMS stores at Terminate (strict: RTE 4.2.4.1/4.2.22.1; moodle: StoreData()). */
  _evaluate(terminating) {
    const notes = [];
    const set = (key, value, why) => {
      if (this.values[key] !== value) notes.push(`${key.slice(4)} "${this.values[key]}" -> "${value}" (${why})`);
      this.values[key] = value;
    };
    if (this.profile.name === "moodle") {
      if (!terminating || this.launch.mode !== "normal" || this.launch.credit !== "credit") return notes;
      const threshold = this.values["cmi.completion_threshold"], progress = this.values["cmi.progress_measure"];
      if (threshold && progress && Number(progress)) {
        set("cmi.completion_status", Number(progress) >= Number(threshold) ? "completed" : "incomplete",
          `progress_measure ${progress} against completion_threshold ${threshold}`);
      }
      return notes;
    }
    const completion = this._evaluatedCompletion(), success = this._evaluatedSuccess();
    if (completion !== this.values["cmi.completion_status"]) {
      set("cmi.completion_status", completion, `progress_measure against completion_threshold ${this.values["cmi.completion_threshold"]}`);
    }
    if (success !== this.values["cmi.success_status"]) {
      set("cmi.success_status", success, `score.scaled against scaled_passing_score ${this.values["cmi.scaled_passing_score"]}`);
    }
    return notes;
  }

  _requestValid(what) {
    // RTE 4.4.3. Moodle: "true" when adl.nav.request is that very request, "unknown" while it is "_none_",
    // else "false". The strict LMS knows whether there is a next or previous SCO (the page tells it).
    if (this.profile.name === "moodle") {
      const request = this.values["adl.nav.request"];
      const target = what.replace(/^(choice|jump)\.(\{target=[^}]+\})$/, "$2$1");
      if (request === target) return "true";
      return request === "_none_" ? "unknown" : "false";
    }
    if (what === "continue" || what === "previous") return String(this.launch.nav[what]);
    return "unknown";
  }

  _commit(terminating) {
    const now = this._persistable();
    if (this.profile.storesChangesOnly) {
      // Moodle sends only what differs from the launch values; what it stored before stays.
      const changed = Object.fromEntries(Object.entries(now).filter(([k, v]) => this.launchValues[k] !== v
        || (terminating && k === "cmi.total_time")));
      this.record = { ...this.record, values: { ...(this.record.values || {}), ...changed }, counts: { ...(this.record.counts || {}), ...this.counts } };
      this.lastStored = changed;
    } else {
      this.record = { ...this.record, values: { ...now }, counts: { ...this.counts } };
      this.lastStored = now;
    }
    this.committed = now;
    this.record.updated = new Date(this.now()).toISOString();
    this.onCommit(this.record, this.lastStored);
  }

  _count(path) {
    return this.counts[path] || 0;
  }

  _resolve(element, how) {
    const p = parseElement(element);
    if (!p) {
      throw new ApiError("401", `"${element}" is not a data model element name`);
    }
    if (DATA_MODEL[p.generic]) return p;
    const suffix = p.generic.endsWith("._children") ? "._children" : p.generic.endsWith("._count") ? "._count" : "";
    if (suffix && how === "get") {
      const parent = p.generic.slice(0, -suffix.length);
      if (DATA_MODEL[parent] || CATEGORIES.has(parent)) {
        throw new ApiError("301", `${p.key.slice(0, -suffix.length)} ${suffix === "._children" ? "has no _children" : "is not a list; it has no _count"}`,
          suffix === "._children" ? "Data Model Element Does Not Have Children" : "Data Model Element Cannot Have Count");
      }
      if (suffix === "._children") throw new ApiError(this.profile.childrenOfUnknown, `${p.key} is not in the SCORM 2004 data model`,
        this.profile.childrenOfUnknown === "301" ? "Data Model Element Does Not Have Children" : "");
    }
    throw new ApiError("401", `${p.key} is not in the SCORM 2004 data model`
      + (/^cmi\.(core|student_data|student_preference|comments$|launch_data)/.test(p.key) ? " (a SCORM 1.2 name?)" : ""));
  }

  /**
   * The list records a SetValue needs (RTE 4.2: an index is set in order, the record's identifier first).
   * Returns the lists whose _count this SetValue increments; throws 351/408.
   */
  _checkRecords(p, def, text) {
    const created = [];
    for (const [i, list] of p.lists.entries()) {
      const count = this._count(list.path);
      if (list.raw.length > 1 && list.raw.startsWith("0")) throw new ApiError("351", `${list.path}.${list.raw}: an index has no leading zero`);
      if (list.index > count) {
        throw new ApiError("351", `${list.path}._count is ${count}: set index ${count} next, not ${list.index}`,
          "Data Model Element Collection Set Out Of Order");
      }
      const last = i === p.lists.length - 1;
      const rest = p.key.slice(list.record.length + 1);
      if (list.index === count) {
        // a new record: interactions and objectives begin with their id; a correct response with its pattern
        const opens = /^cmi\.(interactions|objectives)$/.test(list.path) ? rest === "id"
          : /\.objectives$/.test(list.path) ? rest === "id" : true;
        if (!opens || !last) throw new ApiError("408", `${list.record} does not exist yet: set ${list.record}.id first`);
        if (/correct_responses$/.test(list.path)) {
          const type = this.values[`${list.path.slice(0, -".correct_responses".length)}.type`];
          const limit = type && RESPONSES[type] && RESPONSES[type].patterns;
          if (limit && count >= limit) {
            throw new ApiError("351", `a ${type} interaction has at most ${limit} correct response pattern`, "Data Model Element Collection Limit Reached");
          }
        }
        created.push(list.path);
      }
    }
    if (def.needs) {
      const record = p.lists[p.lists.length - 1];
      const owner = p.generic.startsWith("cmi.interactions.n.") ? p.lists[0].record : record.record;
      if (def.needs === "type" && this.values[`${owner}.type`] === undefined) {
        throw new ApiError("408", `${p.key}: set ${owner}.type first (the format depends on it)`);
      }
      if (def.needs === "id" && this.values[`${owner}.id`] === undefined && !created.length) {
        throw new ApiError("408", `${p.key}: set ${owner}.id first`);
      }
    }
    if (def.writeOnce && this.values[p.key] !== undefined && this.values[p.key] !== text) {
      throw new ApiError("351", `${p.key} is "${this.values[p.key]}"; an objective's id cannot change`, "Write Once Violation");
    }
    return created;
  }

  _checkUnique(p, def, text) {
    const list = p.lists[p.lists.length - 1];
    if (def.unique) {
      for (let n = 0; n < this._count(list.path); n++) {
        if (n !== list.index && this.values[`${list.path}.${n}.id`] === text) {
          throw new ApiError("351", `${list.path}.${n}.id is already "${text}"`, "Data Model Element ID Already Exists");
        }
      }
    }
    if (def.type === "pattern") {
      const type = this.values[`${p.lists[0].record}.type`];
      if (!this.profile.duplicatePattern(type)) return;
      for (let n = 0; n < this._count(list.path); n++) {
        if (n !== list.index && this.values[`${list.path}.${n}.pattern`] === text) {
          throw new ApiError("351", `${list.path}.${n}.pattern is already "${text}"`, "Data Model Element Pattern Already Exists");
        }
      }
    }
  }

  /** null when ``text`` is a valid value for the element, else {code, why}. */
  _check(def, p, text) {
    const f = this.profile.formats;
    const bad = (why, code = "406") => ({ code, why });
    switch (def.type) {
      case "characterstring":
        return text.length > def.limit ? bad(`${text.length} characters; the limit is ${def.limit}`) : null;
      case "localized":
        return this._localized(text, def.limit) ? null : bad(`"${short(text)}" is not a localized string of at most ${def.limit} characters ({lang=xx} prefix optional)`);
      case "lang":
        return f.lang.test(text) ? null : bad(`"${text}" is not a language code`);
      case "longId":
        return f.longId.test(text) ? null : bad(`"${short(text)}" is not a long_identifier_type (a URI: 1-4000 characters, no spaces)`);
      case "time":
        return f.time.test(text) ? null : bad(`"${text}" is not a time (YYYY-MM-DDThh:mm:ss[.s[TZD]], years 1970-2038, at most 2 decimals)`);
      case "timeinterval":
        return f.timeinterval.test(text) ? null : bad(`"${text}" is not an ISO 8601 duration (P[nY][nM][nD][T[nH][nM][n[.nn]S]])`);
      case "vocabulary": {
        const words = def.vocabulary === "captioning" ? CAPTIONING : VOCABULARY[def.vocabulary];
        return words.includes(text) ? null : bad(`"${text}" is not one of ${words.map((w) => `"${w}"`).join(", ")}`);
      }
      case "navRequest":
        return f.navRequest.test(text) ? null : bad(`"${text}" is not a navigation request (${VOCABULARY.navRequest.join(", ")}, {target=ID}choice, {target=ID}jump)`);
      case "real": {
        if (!f.real.test(text)) return bad(`"${text}" is not a real(10,7) number`);
        const n = Number(text);
        if (def.range && !(n >= def.range[0] && n <= def.range[1])) {
          return bad(`${text} is outside ${def.range[0]}..${def.range[1] === Infinity ? "" : def.range[1]}`, "407");
        }
        return null;
      }
      case "result":
        return VOCABULARY.result.includes(text) || f.resultReal.test(text) ? null
          : bad(`"${text}" is not one of ${VOCABULARY.result.join(", ")} or a number`);
      case "response":
      case "pattern": {
        const type = this.values[`${p.lists[0].record}.type`];
        const why = this._response(type, text, def.type === "pattern");
        if (!why) return null;
        // too many items is 351 (scorm-again; Moodle: "Data Model Element Pattern Too Long")
        const tooMany = why.startsWith("at most");
        return { ...bad(`"${short(text)}" is not a ${type} ${def.type === "pattern" ? "correct response pattern" : "learner_response"}: ${why}`,
          tooMany ? "351" : "406"), moodle: tooMany ? "Data Model Element Pattern Too Long" : "" };
      }
      default:
        return null;
    }
  }

  _localized(text, limit) {
    const m = this.profile.formats.langPrefix.exec(text);
    const rest = m ? text.slice(m[0].length) : text;
    if (!m && text.startsWith("{lang=")) return false;
    return rest.length <= limit;
  }

  _node(kind, text) {
    const f = this.profile.formats;
    switch (kind) {
      case "boolean": return text === "true" || text === "false";
      case "shortId": return f.shortId.test(text);
      case "longId": return f.longId.test(text);
      case "lang250": return this._localized(text, 250);
      case "lang4000": return this._localized(text, 4000);
      case "real": return f.real.test(text);
      case "string4000": return text.length <= 4000;
      default: return true;
    }
  }

  /** "" when ``text`` is a valid learner_response (or, with ``pattern``, a correct response pattern). */
  _response(type, text, pattern) {
    const spec = RESPONSES[type];
    if (!spec) return "unknown interaction type";
    let body = text;
    const prefixes = new Set();
    const allowed = pattern ? (this.profile.prefixesPerNode ? ["case_matters", "order_matters"] : spec.prefixes || []) : [];
    const takePrefixes = (s) => {
      let m;
      while ((m = /^\{(case_matters|order_matters)=([^}]*)\}/.exec(s))) {
        if (!allowed.includes(m[1])) return { error: `{${m[1]}=} is not allowed for ${type}` };
        if (m[2] !== "true" && m[2] !== "false") return { error: `{${m[1]}=${m[2]}}: the value is true or false` };
        if (prefixes.has(m[1]) && !this.profile.prefixesPerNode) return { error: `{${m[1]}=} given twice` };
        prefixes.add(m[1]);
        s = s.slice(m[0].length);
      }
      return { s };
    };
    const perNode = this.profile.prefixesPerNode && pattern && /^(fill-in|long-fill-in|matching|performance|sequencing)$/.test(type);
    if (!perNode) {
      const r = takePrefixes(body);
      if (r.error) return r.error;
      body = r.s;
    }
    if (pattern && spec.range) { // numeric: a number, or min[:]max with either side blank
      const parts = body.split(spec.range);
      if (parts.length > 2) return "at most one [:]";
      if (parts.some((part) => part !== "" && !this._node("real", part))) return "not a number";
      if (parts.length === 2 && parts[0] !== "" && parts[1] !== "" && Number(parts[0]) > Number(parts[1])) return "the minimum is over the maximum";
      return "";
    }
    const nodes = spec.sep ? body.split(spec.sep) : [body];
    if (nodes.length > spec.max) return `at most ${spec.max} item${spec.max === 1 ? "" : "s"}`;
    for (const [i, raw] of nodes.entries()) {
      let node = raw;
      if (perNode) {
        const r = takePrefixes(node.replace(this.profile.formats.langPrefix, ""));
        if (r.error) return r.error;
        node = r.s;
      }
      if (spec.pair) {
        const two = node.split(spec.pair);
        if (two.length !== 2) return `item ${i + 1} is not a pair with [.]`;
        if (spec.node === "performanceStep") {
          if (two[0] !== "" && !this._node("shortId", two[0])) return `step ${i + 1} has an invalid step name`;
          if (two[1].length > 250) return `step ${i + 1}: the answer is over 250 characters`;
        } else if (!this._node(spec.node, two[0]) || !this._node(spec.node, two[1])) {
          return `pair ${i + 1} is not two short identifiers`;
        }
      } else if (!this._node(spec.node, node)) {
        return `item ${i + 1} ("${short(node)}") is not a ${spec.node === "boolean" ? '"true" or "false"' : spec.node}`;
      }
      if (spec.unique && nodes.indexOf(raw) !== i) return `"${raw}" is repeated`;
    }
    return "";
  }

  _note(text, level = "info") {
    note(this, text, level);
  }

  _call(fn, args, body, { keepsError = false } = {}) {
    return recordCall(this, fn, args, body, { keepsError, getter: fn === "GetValue" });
  }
}

function short(text) {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
