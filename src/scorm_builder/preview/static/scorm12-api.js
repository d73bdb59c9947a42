/*
 * The SCORM 1.2 run-time API, LMS side, for the scorm-builder preview.
 * SCORM-BUILDER-PREVIEW-LMS-API: served by `scorm-builder preview` only, never written into a
 * package (a test builds a course and checks that this marker is in no file of the zip).
 *
 * Written from the SCORM 1.2 Run-Time Environment (ADL, 2001), "RTE" below:
 *   RTE 3.3  the API: LMSInitialize, LMSFinish, LMSGetValue, LMSSetValue, LMSCommit,
 *            LMSGetLastError, LMSGetErrorString, LMSGetDiagnostic, and the error codes;
 *   RTE 3.4  the data model: the cmi.* elements, their access, data types and vocabularies,
 *            and the LMS's own behaviour (initial values, lesson_status at LMSFinish).
 * The "moodle" profile follows Moodle's mod_scorm player (mod/scorm/datamodels/scorm_12.js) with
 * its default settings; where it differs from the standard, the table below says so.
 *
 * One Scorm12API object is one launch of one SCO: the LMS page creates a new one per launch.
 * It holds the live values, persists them only on LMSCommit/LMSFinish (through onCommit), and
 * reports every call (onLog) and every change (onChange) to the page.
 */

import { ApiError, note, recordCall } from "./api-calls.js";

// RTE 3.3: error codes and their strings (LMSGetErrorString).
export const ERROR_STRINGS = Object.freeze({
  "0": "No error",
  "101": "General exception",
  "201": "Invalid argument error",
  "202": "Element cannot have children",
  "203": "Element not an array - cannot have count",
  "301": "Not initialized",
  "401": "Not implemented error",
  "402": "Invalid set value, element is a keyword",
  "403": "Element is read only",
  "404": "Element is write only",
  "405": "Incorrect data type",
});

// RTE 3.4: CMIVocabulary values.
export const VOCABULARY = Object.freeze({
  status: ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"],
  statusSetBySco: ["passed", "completed", "failed", "incomplete", "browsed"], // "not attempted" is the LMS's
  exit: ["time-out", "suspend", "logout", ""],
  credit: ["credit", "no-credit"],
  entry: ["ab-initio", "resume", ""],
  mode: ["normal", "review", "browse"],
  interactionType: ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"],
  result: ["correct", "wrong", "unanticipated", "neutral"], // or a CMIDecimal
  timeLimitAction: ["exit,message", "exit,no message", "continue,message", "continue,no message"],
});

// RTE 3.4 data types, as each profile checks them. Lengths are the CMIString limits.
export const FORMATS = Object.freeze({
  strict: {
    CMIDecimal: /^-?(\d+(\.\d+)?|\.\d+)$/,
    CMIIdentifier: /^[\x21-\x7E]{1,255}$/, // no white space, no unprintable characters, 255 at most
    CMITime: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/, // HH:MM:SS[.SS], a time of day
    CMITimespan: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/, // HHHH:MM:SS[.SS], hours 2 to 4 digits
    CMISInteger: /^-?\d+$/,
    CMIString255: 255,
    CMIString4096: 4096,
  },
  // Moodle with "scormstandard" off (the default) allows 64,000 characters in both string types,
  // and its decimal pattern allows at most 3 integer digits (and an empty string).
  moodle: {
    CMIDecimal: /^-?\d{0,3}(\.\d*)?$/,
    CMIIdentifier: /^[\x21-\x7E]{0,255}$/,
    CMITime: /^[0-2]\d:[0-5]\d:[0-5]\d(\.\d{1,2})?$/,
    CMITimespan: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/,
    CMISInteger: /^-?\d+$/,
    CMIString255: 64000,
    CMIString4096: 64000,
  },
});

// RTE 3.4: cmi.interactions.n.student_response and correct_responses.n.pattern, by interaction type
// (strict profile only; Moodle checks them as plain strings). Single characters are 0-9 and a-z.
const CHOICE_LIST = /^\{?([0-9a-z](,[0-9a-z])*)?\}?$/;
export const RESPONSE_FORMATS = Object.freeze({
  "true-false": /^([01tf]|)$/,
  choice: CHOICE_LIST,
  sequencing: CHOICE_LIST,
  likert: /^[0-9a-z]?$/,
  matching: /^\{?([0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*)?\}?$/,
  numeric: /^(-?(\d+(\.\d+)?|\.\d+))?$/,
  "fill-in": null, // any CMIString255
  performance: null,
});

const RO = "ro", RW = "rw", WO = "wo";
const SCORE = { access: RW, type: "CMIDecimal", blank: true, range: [0, 100] };

// RTE 3.4: the data model. access: ro (LMSSetValue -> 403), wo (LMSGetValue -> 404), rw.
// keyword: _children/_count/_version (LMSSetValue -> 402). launch: the value comes from the LMS at launch.
export const DATA_MODEL = Object.freeze({
  "cmi._version": { access: RO, keyword: true, value: "3.4" },
  "cmi._children": { access: RO, keyword: true,
    value: "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions" },
  "cmi.core._children": { access: RO, keyword: true,
    value: "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time" },
  "cmi.core.student_id": { access: RO, launch: true },
  "cmi.core.student_name": { access: RO, launch: true },
  "cmi.core.lesson_location": { access: RW, type: "CMIString255" },
  "cmi.core.credit": { access: RO, launch: true },
  "cmi.core.lesson_status": { access: RW, type: "vocabulary", vocabulary: "statusSetBySco" },
  "cmi.core.entry": { access: RO, launch: true },
  "cmi.core.score._children": { access: RO, keyword: true, value: "raw,min,max" },
  "cmi.core.score.raw": SCORE,
  "cmi.core.score.min": SCORE,
  "cmi.core.score.max": SCORE,
  "cmi.core.total_time": { access: RO },
  "cmi.core.lesson_mode": { access: RO, launch: true },
  "cmi.core.exit": { access: WO, type: "vocabulary", vocabulary: "exit" },
  "cmi.core.session_time": { access: WO, type: "CMITimespan" },
  "cmi.suspend_data": { access: RW, type: "CMIString4096" },
  "cmi.launch_data": { access: RO, launch: true },
  "cmi.comments": { access: RW, type: "CMIString4096" },
  "cmi.comments_from_lms": { access: RO, launch: true },
  "cmi.objectives._children": { access: RO, keyword: true, value: "id,score,status" },
  "cmi.objectives._count": { access: RO, keyword: true, count: true },
  "cmi.objectives.n.id": { access: RW, type: "CMIIdentifier" },
  "cmi.objectives.n.score._children": { access: RO, keyword: true, value: "raw,min,max" },
  "cmi.objectives.n.score.raw": SCORE,
  "cmi.objectives.n.score.min": SCORE,
  "cmi.objectives.n.score.max": SCORE,
  "cmi.objectives.n.status": { access: RW, type: "vocabulary", vocabulary: "status" },
  "cmi.student_data._children": { access: RO, keyword: true, value: "mastery_score,max_time_allowed,time_limit_action" },
  "cmi.student_data.mastery_score": { access: RO, launch: true },
  "cmi.student_data.max_time_allowed": { access: RO, launch: true },
  "cmi.student_data.time_limit_action": { access: RO, launch: true },
  "cmi.student_preference._children": { access: RO, keyword: true, value: "audio,language,speed,text" },
  "cmi.student_preference.audio": { access: RW, type: "CMISInteger", range: [-1, 100], initial: "0" },
  "cmi.student_preference.language": { access: RW, type: "CMIString255" },
  "cmi.student_preference.speed": { access: RW, type: "CMISInteger", range: [-100, 100], initial: "0" },
  "cmi.student_preference.text": { access: RW, type: "CMISInteger", range: [-1, 1], initial: "0" },
  "cmi.interactions._children": { access: RO, keyword: true,
    value: "id,objectives,time,type,correct_responses,weighting,student_response,result,latency" },
  "cmi.interactions._count": { access: RO, keyword: true, count: true },
  "cmi.interactions.n.id": { access: WO, type: "CMIIdentifier" },
  "cmi.interactions.n.objectives._count": { access: RO, keyword: true, count: true },
  "cmi.interactions.n.objectives.n.id": { access: WO, type: "CMIIdentifier" },
  "cmi.interactions.n.time": { access: WO, type: "CMITime" },
  "cmi.interactions.n.type": { access: WO, type: "vocabulary", vocabulary: "interactionType" },
  "cmi.interactions.n.correct_responses._count": { access: RO, keyword: true, count: true },
  "cmi.interactions.n.correct_responses.n.pattern": { access: WO, type: "CMIFeedback" },
  "cmi.interactions.n.weighting": { access: WO, type: "CMIDecimal" },
  "cmi.interactions.n.student_response": { access: WO, type: "CMIFeedback" },
  "cmi.interactions.n.result": { access: WO, type: "result" },
  "cmi.interactions.n.latency": { access: WO, type: "CMITimespan" },
});

// Every prefix of an element name is a category ("cmi.core", "cmi.interactions.n"), not an element.
const CATEGORIES = new Set();
for (const name of Object.keys(DATA_MODEL)) {
  const parts = name.split(".");
  for (let i = 1; i < parts.length; i++) CATEGORIES.add(parts.slice(0, i).join("."));
}

// Values the LMS keeps between launches of a SCO (the rest comes from the launch or lasts one session).
const SESSION_ONLY = new Set(["cmi.core.session_time"]);
function persisted(key) {
  const def = DATA_MODEL[genericName(key)];
  return def && !def.launch && !def.keyword && !SESSION_ONLY.has(key);
}

// The two behaviour profiles. Each difference from the standard names where Moodle does it.
export const PROFILES = Object.freeze({
  strict: {
    name: "strict",
    label: "Strict SCORM 1.2",
    formats: FORMATS.strict,
    unknownElement: "401", // RTE 3.3: "not implemented" for a name outside the data model
    childrenOfCategories: true, // cmi.core._count -> 203 (cmi.core exists but is not a list)
    readPastCount: "201", // cmi.interactions.5.* when _count is 2
    reinitialize: false, // a second LMSInitialize after LMSFinish -> 101; the LMS relaunches the SCO
    appendComments: false,
    storeNumbers: false,
    responseFormats: true,
    weightingRange: null,
    totalTimeInitial: "0000:00:00.00",
    totalTimeHourDigits: 4,
    // RTE 3.4, cmi.core.entry: "ab-initio" on the first launch, "resume" after exit "suspend", else "".
    entry(record) {
      if (!record || !record.launches) return "ab-initio";
      return (record.values || {})["cmi.core.exit"] === "suspend" ? "resume" : "";
    },
    // RTE 3.4, cmi.core.lesson_status, "additional behavior requirements": only when the SCO did not
    // set a status does the LMS set "completed" at LMSFinish, then "passed"/"failed" from the
    // mastery score when the SCO reported cmi.core.score.raw. Browse mode gives "browsed".
    finish(values, launch) {
      const status = values["cmi.core.lesson_status"];
      if (status !== "not attempted") return [];
      if (launch.lesson_mode === "browse") return [setStatus(values, "browsed", "browse mode, no status set by the SCO")];
      const notes = [setStatus(values, "completed", "the SCO set no status")];
      const raw = values["cmi.core.score.raw"], mastery = launch.mastery_score;
      if (launch.credit === "credit" && raw !== "" && mastery !== "" && raw !== undefined) {
        notes.push(setStatus(values, Number(raw) >= Number(mastery) ? "passed" : "failed",
          `score.raw ${raw} against mastery score ${mastery}`));
      }
      return notes;
    },
  },
  moodle: {
    name: "moodle",
    label: "Moodle (mod_scorm)",
    formats: FORMATS.moodle,
    unknownElement: "201", // Moodle answers 201 for any name it does not know
    childrenOfCategories: false, // 202/203 only when the parent is itself an element
    readPastCount: null, // Moodle returns "" without an error
    reinitialize: true, // LMSFinish sets Initialized = false; LMSInitialize works again
    appendComments: true, // cmi.comments = cmi.comments + value
    storeNumbers: true, // elements with a range are stored as value*1.0: "85.0" reads back "85", "" as "0"
    responseFormats: false,
    weightingRange: [-100, 100],
    totalTimeInitial: "00:00:00",
    totalTimeHourDigits: 2,
    // Moodle: "ab-initio" while the SCO has no tracked status, "resume" after exit "suspend", else "".
    entry(record) {
      if (!record || !record.values || !("cmi.core.lesson_status" in record.values)) return "ab-initio";
      return record.values["cmi.core.exit"] === "suspend" ? "resume" : "";
    },
    // Moodle at LMSFinish: "not attempted" becomes "completed"; then, in normal mode with credit and
    // "mastery score overrides status" on (the default), a raw score and a mastery score give
    // "passed" (raw >= mastery) or "failed", overwriting whatever the SCO set, "incomplete" included.
    finish(values, launch) {
      const notes = [];
      if (values["cmi.core.lesson_status"] === "not attempted") notes.push(setStatus(values, "completed", "the SCO set no status"));
      const raw = values["cmi.core.score.raw"], mastery = launch.mastery_score;
      if (launch.lesson_mode === "normal" && launch.credit === "credit" && raw !== "" && raw !== undefined && mastery !== "") {
        notes.push(setStatus(values, parseFloat(raw) >= parseFloat(mastery) ? "passed" : "failed",
          `mastery score override: score.raw ${raw} against mastery score ${mastery}`));
      }
      return notes.filter(Boolean);
    },
  },
});

function setStatus(values, status, why) {
  const before = values["cmi.core.lesson_status"];
  values["cmi.core.lesson_status"] = status;
  return before === status ? "" : `lesson_status "${before}" -> "${status}" (${why})`;
}

function genericName(key) {
  return key.split(".").map((p) => (/^\d+$/.test(p) ? "n" : p)).join(".");
}

const ELEMENT_RE = /^[a-z_]+(\.([a-z_]+|\d+))*$/;

function parseElement(element) {
  if (typeof element !== "string" || !ELEMENT_RE.test(element)) return null;
  const parts = element.split(".").map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p));
  const lists = [];
  parts.forEach((p, i) => {
    if (/^\d+$/.test(p)) lists.push({ path: parts.slice(0, i).join("."), index: Number(p) });
  });
  return { key: parts.join("."), generic: genericName(parts.join(".")), lists };
}

// Timespans (CMITimespan) as hundredths of a second, and back.
export function timespanToCs(text) {
  const m = /^(\d+):(\d+):(\d+)(?:\.(\d{1,2}))?$/.exec(text || "");
  if (!m) return 0;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 100 + Number((m[4] || "0").padEnd(2, "0"));
}

export function csToTimespan(cs, hourDigits = 4) {
  const hours = Math.floor(cs / 360000), minutes = Math.floor(cs / 6000) % 60, seconds = Math.floor(cs / 100) % 60;
  const text = `${String(hours).padStart(hourDigits, "0")}:${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
  const hundredths = cs % 100;
  if (hourDigits === 4) return `${text}.${String(hundredths).padStart(2, "0")}`;
  return hundredths ? `${text}.${String(hundredths).padStart(2, "0")}` : text;
}


const NOT_INITIALIZED = "not initialized", RUNNING = "running", FINISHED = "finished";

export class Scorm12API {
  /**
   * @param {object} options
   *   profile: "strict" | "moodle"
   *   launch: { student_id, student_name, credit, lesson_mode, mastery_score, launch_data,
   *             max_time_allowed, time_limit_action, comments_from_lms }
   *   record: what onCommit gave last time for this SCO ({values, counts, launches}) or null
   *   onLog(entry), onChange(api), onCommit(record): the page's hooks
   */
  constructor({ profile = "strict", launch = {}, record = null, onLog, onChange, onCommit, now } = {}) {
    this.profile = PROFILES[profile] || PROFILES.strict;
    this.now = now || (() => Date.now());
    this.onLog = onLog || (() => {});
    this.onChange = onChange || (() => {});
    this.onCommit = onCommit || (() => {});
    this.state = NOT_INITIALIZED;
    this.lastError = "0";
    this.lastDiagnostic = "";
    this.seq = 0;
    this.startedAt = this.now();
    const previous = record && record.values ? record : null;
    // The LMS's record of this SCO: committed values, list counts, and how often it was launched.
    this.record = { values: {}, counts: {}, ...(record || {}), launches: ((record && record.launches) || 0) + 1 };
    this.launch = {
      student_id: "preview-learner", student_name: "Learner, Preview", credit: "credit", lesson_mode: "normal",
      mastery_score: "", launch_data: "", max_time_allowed: "", time_limit_action: "", comments_from_lms: "",
      ...launch,
    };
    this.launch.entry = launch.entry !== undefined ? launch.entry : this.profile.entry(record);
    this.values = this._initialValues(previous);
    this.counts = { ...((previous && previous.counts) || {}) };
    this.committed = this._persistable();
    for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]) {
      this[name] = this[name].bind(this);
    }
  }

  _initialValues(previous) {
    const v = {
      "cmi.core.lesson_location": "", "cmi.core.lesson_status": "not attempted",
      "cmi.core.score.raw": "", "cmi.core.score.min": "", "cmi.core.score.max": "",
      "cmi.core.total_time": this.profile.totalTimeInitial, "cmi.core.exit": "", "cmi.core.session_time": "",
      "cmi.suspend_data": "", "cmi.comments": "", "cmi.student_preference.audio": "0",
      "cmi.student_preference.language": "", "cmi.student_preference.speed": "0", "cmi.student_preference.text": "0",
    };
    Object.assign(v, (previous && previous.values) || {});
    v["cmi.core.exit"] = ""; // a new session starts with no exit set
    v["cmi.core.session_time"] = "";
    for (const [key, def] of Object.entries(DATA_MODEL)) {
      if (def.launch) v[key] = String(this.launch[key.split(".").pop()] ?? "");
    }
    return v;
  }

  _persistable() {
    const values = {};
    for (const [key, value] of Object.entries(this.values)) if (persisted(key)) values[key] = value;
    return values;
  }

  /** Keys whose live value differs from the last committed one (shown as "not committed yet"). */
  dirtyKeys() {
    const now = this._persistable();
    return Object.keys(now).filter((k) => now[k] !== this.committed[k]);
  }

  // ---- the eight API functions (RTE 3.3) ----

  LMSInitialize(param) {
    return this._call("LMSInitialize", [param], () => {
      if (param !== "") throw new ApiError("201", 'LMSInitialize takes "" (an empty string)');
      if (this.state === RUNNING) throw new ApiError("101", "LMSInitialize was already called in this session");
      if (this.state === FINISHED && !this.profile.reinitialize) {
        throw new ApiError("101", "LMSFinish ended this session; the LMS must relaunch the SCO for a new one");
      }
      this.state = RUNNING;
      this.startedAt = this.now();
      return "true";
    });
  }

  LMSFinish(param) {
    return this._call("LMSFinish", [param], () => {
      if (param !== "") throw new ApiError("201", 'LMSFinish takes "" (an empty string)');
      if (this.state !== RUNNING) throw new ApiError("301", "LMSFinish before LMSInitialize");
      const notes = this.profile.finish(this.values, this.launch).filter(Boolean);
      const session = this.values["cmi.core.session_time"];
      if (session) {
        const total = timespanToCs(this.values["cmi.core.total_time"]) + timespanToCs(session);
        this.values["cmi.core.total_time"] = csToTimespan(total, this.profile.totalTimeHourDigits);
        notes.push(`total_time += session_time ${session} -> ${this.values["cmi.core.total_time"]}`);
      }
      for (const note of notes) this._note(`LMSFinish: ${note}`);
      this._commit();
      this.state = FINISHED;
      return "true";
    });
  }

  LMSCommit(param) {
    return this._call("LMSCommit", [param], () => {
      if (param !== "") throw new ApiError("201", 'LMSCommit takes "" (an empty string)');
      if (this.state !== RUNNING) throw new ApiError("301", "LMSCommit outside a session (before LMSInitialize or after LMSFinish)");
      this._commit();
      return "true";
    });
  }

  LMSGetValue(element) {
    return this._call("LMSGetValue", [element], () => {
      if (this.state !== RUNNING) throw new ApiError("301", "LMSGetValue outside a session (before LMSInitialize or after LMSFinish)");
      const p = this._resolve(element);
      const def = DATA_MODEL[p.generic];
      if (def.access === WO) throw new ApiError("404", `${p.key} is write-only`);
      for (const list of p.lists) {
        if (list.index >= this._count(list.path)) {
          if (!this.profile.readPastCount) return "";
          throw new ApiError(this.profile.readPastCount, `${list.path}._count is ${this._count(list.path)}: there is no index ${list.index}`);
        }
      }
      if (def.count) return String(this._count(p.key.slice(0, -"._count".length)));
      if (def.keyword) return def.value;
      return this.values[p.key] ?? "";
    });
  }

  LMSSetValue(element, value) {
    return this._call("LMSSetValue", [element, value], () => {
      if (this.state !== RUNNING) throw new ApiError("301", "LMSSetValue outside a session (before LMSInitialize or after LMSFinish)");
      const p = this._resolve(element);
      const def = DATA_MODEL[p.generic];
      if (def.keyword) throw new ApiError("402", `${p.key} is a keyword; it cannot be set`);
      if (def.access === RO) throw new ApiError("403", `${p.key} is read-only`);
      if (value === undefined || value === null || typeof value === "object" || typeof value === "function") {
        throw new ApiError("405", `${p.key}: the value must be a string, not ${value === null ? "null" : typeof value}`);
      }
      if (typeof value !== "string") this._note(`LMSSetValue: ${p.key} was given a ${typeof value}; SCORM values are strings`);
      let text = String(value);
      const problem = this._check(def, p, text);
      if (problem) throw new ApiError("405", `${p.key}: ${problem}`);
      for (const list of p.lists) {
        const count = this._count(list.path);
        if (list.index > count) {
          throw new ApiError("201", `${list.path}._count is ${count}: set index ${count} next, not ${list.index}`);
        }
      }
      for (const list of p.lists) {
        if (list.index === this._count(list.path)) this.counts[list.path] = list.index + 1;
      }
      if (this.profile.storeNumbers && (def.range || (p.generic === "cmi.interactions.n.weighting"))) text = String(Number(text) * 1.0);
      if (this.profile.appendComments && p.key === "cmi.comments") text = (this.values[p.key] || "") + text;
      this.values[p.key] = text;
      return "true";
    });
  }

  LMSGetLastError() {
    return this._call("LMSGetLastError", [], () => this.lastError, { keepsError: true });
  }

  LMSGetErrorString(code) {
    return this._call("LMSGetErrorString", [code], () => ERROR_STRINGS[String(code)] ?? "", { keepsError: true });
  }

  LMSGetDiagnostic(code) {
    return this._call("LMSGetDiagnostic", [code], () => {
      if (code === "" || code === undefined || code === null || String(code) === this.lastError) {
        return this.lastDiagnostic || ERROR_STRINGS[this.lastError] || "";
      }
      return ERROR_STRINGS[String(code)] ?? `unknown error code ${code}`;
    }, { keepsError: true });
  }

  // ---- the LMS's side ----

  /** The page unloaded the SCO. A session still running loses what was not committed (as in Moodle). */
  abandon() {
    if (this.state !== RUNNING) return;
    const lost = this.dirtyKeys();
    this.state = FINISHED;
    this._note(`the SCO was unloaded without LMSFinish${lost.length ? `: ${lost.length} uncommitted value(s) lost (${lost.join(", ")})` : ""}`, "warning");
    this.onChange(this);
  }

  _commit() {
    this.committed = this._persistable();
    this.record = { ...this.record, values: { ...this.committed }, counts: { ...this.counts }, updated: new Date(this.now()).toISOString() };
    this.onCommit(this.record);
  }

  _count(path) {
    return this.counts[path] || 0;
  }

  _resolve(element) {
    const p = parseElement(element);
    if (!p) {
      throw new ApiError("201", typeof element === "string" && element !== ""
        ? `"${element}" is not a data model element name` : "the element name must be a non-empty string");
    }
    if (DATA_MODEL[p.generic]) return p;
    const known = (name) => Boolean(DATA_MODEL[name]) || (this.profile.childrenOfCategories && CATEGORIES.has(name));
    if (p.generic.endsWith("._children") && known(p.generic.slice(0, -"._children".length))) {
      throw new ApiError("202", `${p.key.slice(0, -"._children".length)} has no _children`);
    }
    if (p.generic.endsWith("._count") && known(p.generic.slice(0, -"._count".length))) {
      throw new ApiError("203", `${p.key.slice(0, -"._count".length)} is not a list; it has no _count`);
    }
    if (CATEGORIES.has(p.generic) && this.profile.childrenOfCategories) {
      throw new ApiError("201", `${p.key} is a category of elements, not an element`);
    }
    throw new ApiError(this.profile.unknownElement, `${p.key} is not in the SCORM 1.2 data model`);
  }

  /** "" when ``text`` is a valid value for the element, else why not. */
  _check(def, p, text) {
    const f = this.profile.formats;
    const limit = (n) => (text.length > n ? `${text.length} characters; the limit is ${n}` : "");
    switch (def.type) {
      case "CMIString255":
        return limit(f.CMIString255);
      case "CMIString4096":
        return limit(f.CMIString4096);
      case "vocabulary":
        return VOCABULARY[def.vocabulary].includes(text) ? ""
          : `"${text}" is not one of ${VOCABULARY[def.vocabulary].map((v) => `"${v}"`).join(", ")}`;
      case "CMIIdentifier":
        return f.CMIIdentifier.test(text) ? "" : `"${text}" is not a CMIIdentifier (1-255 printable characters, no spaces)`;
      case "CMITime":
        return f.CMITime.test(text) ? "" : `"${text}" is not a CMITime (HH:MM:SS or HH:MM:SS.SS)`;
      case "CMITimespan":
        return f.CMITimespan.test(text) ? "" : `"${text}" is not a CMITimespan (HHHH:MM:SS.SS, 2 to 4 hour digits)`;
      case "CMISInteger":
      case "CMIDecimal": {
        if (def.blank && text === "") return "";
        if (!f[def.type].test(text)) return `"${text}" is not a ${def.type}`;
        const range = def.range || (p.generic === "cmi.interactions.n.weighting" ? this.profile.weightingRange : null);
        const n = Number(text);
        if (range && !(n >= range[0] && n <= range[1])) return `${text} is outside ${range[0]}..${range[1]}`;
        return "";
      }
      case "result":
        return VOCABULARY.result.includes(text) || f.CMIDecimal.test(text) ? ""
          : `"${text}" is not one of ${VOCABULARY.result.join(", ")} or a number`;
      case "CMIFeedback": {
        const tooLong = limit(f.CMIString255);
        if (tooLong || !this.profile.responseFormats) return tooLong;
        const index = p.lists[0].index;
        const type = this.values[`cmi.interactions.${index}.type`];
        const format = type ? RESPONSE_FORMATS[type] : null;
        return format && !format.test(text) ? `"${text}" is not a ${type} response` : "";
      }
      default:
        return "";
    }
  }

  _note(text, level = "info") {
    note(this, text, level);
  }

  _call(fn, args, body, { keepsError = false } = {}) {
    return recordCall(this, fn, args, body, { keepsError, getter: fn === "LMSGetValue" });
  }
}
