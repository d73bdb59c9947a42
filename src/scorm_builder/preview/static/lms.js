/*
 * The preview LMS page: table of contents from the built manifest, the launched SCO in an iframe,
 * and a panel with the live cmi values and every API call. Preview only; never packaged.
 *
 * Launch: the page creates a Scorm12API (scorm12-api.js) for each launch and puts it at
 * window.API, where the SCO's API discovery finds it (the SCO's parent window); for a package whose
 * manifest says SCORM 2004 (state.json's toc.standard), a Scorm2004API (scorm2004-api.js) at
 * window.API_1484_11 instead, and no window.API. The learner's
 * committed data is kept in localStorage per course (manifest identifier) and item identifier.
 * Builds: /_preview/events (Server-Sent Events) says when a rebuild finished; the page then reads
 * /_preview/state.json and relaunches the SCO on a new good build, or shows the problems.
 */
import { DATA_MODEL, ERROR_STRINGS, PROFILES, Scorm12API } from "./scorm12-api.js";
import {
  DATA_MODEL as DATA_MODEL_2004, ERROR_STRINGS as ERROR_STRINGS_2004, PROFILES as PROFILES_2004, Scorm2004API,
} from "./scorm2004-api.js";
import { emptyGradebook, launchMode, storeCommit } from "./moodle-gradebook.js";

const $ = (id) => document.getElementById(id);
const STORE = "sb-preview:v1";
const SETTINGS_KEY = `${STORE}:settings`;
const LOG_LIMIT = 1000;
const QUERIES = new Set(["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic", "GetLastError", "GetErrorString",
  "GetDiagnostic"]);

// The elements shown one per row, in this order; lists (objectives, interactions) get their own tables.
// Each group's rows show the names without the group's prefix (its header).
const ROWS = [
  ["cmi.core.", ["student_id", "student_name", "lesson_location", "credit", "lesson_status", "entry", "score.raw",
    "score.min", "score.max", "total_time", "lesson_mode", "exit", "session_time"]],
  ["cmi.", ["suspend_data", "launch_data", "comments", "comments_from_lms"]],
  ["cmi.student_data.", ["mastery_score", "max_time_allowed", "time_limit_action"]],
  ["cmi.student_preference.", ["audio", "language", "speed", "text"]],
];
const LIMITED = { "cmi.suspend_data": "CMIString4096", "cmi.comments": "CMIString4096", "cmi.core.lesson_location": "CMIString255" };

// What differs between the standards, for the page. SCORM 2004's elements are in RTE 4.2 order of use.
const STANDARDS = {
  scorm12: {
    Api: Scorm12API, global: "API", PROFILES, DATA_MODEL, ERROR_STRINGS, ROWS,
    limit: (name, profile) => (LIMITED[name] ? PROFILES[profile].formats[LIMITED[name]] : 0),
    lists: [
      ["cmi.objectives", ["id", "status", "score.raw", "score.min", "score.max"]],
      ["cmi.interactions", ["id", "type", "student_response", "result", "weighting", "latency", "time",
        "correct_responses.0.pattern", "objectives.0.id"]],
    ],
    status: (v) => v["cmi.core.lesson_status"] || "not attempted",
    raw: "cmi.core.score.raw",
    modeTitle: "cmi.core.lesson_mode",
    creditTitle: "cmi.core.credit",
  },
  scorm2004: {
    Api: Scorm2004API, global: "API_1484_11", PROFILES: PROFILES_2004, DATA_MODEL: DATA_MODEL_2004,
    ERROR_STRINGS: ERROR_STRINGS_2004,
    ROWS: [
      ["cmi.", ["learner_id", "learner_name", "credit", "mode", "entry", "location", "completion_status", "success_status",
        "score.scaled", "score.raw", "score.min", "score.max", "progress_measure", "scaled_passing_score",
        "completion_threshold", "total_time", "session_time", "exit", "suspend_data", "launch_data", "max_time_allowed",
        "time_limit_action"]],
      ["cmi.learner_preference.", ["audio_level", "language", "delivery_speed", "audio_captioning"]],
      ["adl.nav.", ["request"]],
    ],
    limit: (name) => ({ "cmi.suspend_data": 64000, "cmi.location": 1000 })[name] || 0,
    lists: [
      ["cmi.objectives", ["id", "success_status", "completion_status", "score.scaled", "score.raw", "progress_measure",
        "description"]],
      ["cmi.interactions", ["id", "type", "timestamp", "learner_response", "result", "weighting", "latency", "description",
        "correct_responses.0.pattern", "objectives.0.id"]],
      ["cmi.comments_from_learner", ["comment", "location", "timestamp"]],
    ],
    // the chip: completion, then success when known
    status: (v) => {
      const completion = v["cmi.completion_status"] || "not attempted", success = v["cmi.success_status"];
      return success && success !== "unknown" ? `${completion} ${success}` : completion;
    },
    raw: "cmi.score.raw",
    modeTitle: "cmi.mode",
    creditTitle: "cmi.credit",
  },
};
const standardOf = () => (state && state.toc && state.toc.standard === "scorm2004" ? "scorm2004" : "scorm12");
const std = () => STANDARDS[standardOf()];

function readJson(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function writeJson(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (err) {
    addLog({ fn: "LMS", level: "warning", result: `could not save to localStorage: ${err.message}` });
  }
}

const settings = {
  profile: "strict", mode: "normal", credit: "credit", keepData: true, hideQueries: false, item: null,
  ...(readJson(SETTINGS_KEY) || {}),
};
const saveSettings = () => writeJson(SETTINGS_KEY, settings);

let state = null; // the last /_preview/state.json
let course = ""; // the manifest identifier: the course's key in storage
let current = null; // the launched TOC item
let api = null; // the Scorm12API of the current launch
let playerTerminated = false; // a SCO of this player page called Terminate (Moodle 2004 keeps the API ended)
let entries = []; // the API log, across launches

const store = {
  key: (item) => `${STORE}:${course}:${item}`,
  load: (item) => readJson(store.key(item)),
  save: (item, record) => writeJson(store.key(item), record),
  clear: (item) => localStorage.removeItem(store.key(item)),
  // What the "moodle" profile's gradebook holds (moodle-gradebook.js): {grade, completion}
  gradebook: () => readJson(store.key("#gradebook")) || emptyGradebook(),
  saveGradebook: (book) => writeJson(store.key("#gradebook"), book),
  records: () => Object.fromEntries(items().filter((i) => i.href).map((i) => [i.identifier, store.load(i.identifier)])),
  clearCourse() {
    const prefix = `${STORE}:${course}:`;
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  },
};

// ---------------------------------------------------------------- builds

let refreshing = Promise.resolve();
function refresh() {
  refreshing = refreshing.then(loadState, loadState);
  return refreshing;
}

async function loadState() {
  let next;
  try {
    const response = await fetch("/_preview/state.json", { cache: "no-store" });
    next = await response.json();
  } catch {
    showDisconnected();
    return;
  }
  const previousBuild = state ? state.build : 0;
  state = next;
  course = next.toc ? next.toc.identifier : "";
  $("course-title").textContent = next.toc ? next.toc.title : "No build yet";
  document.title = `${next.toc ? next.toc.title : "No build"} | scorm-builder preview`;
  renderBuild();
  renderBanner();
  renderStandard();
  renderToc();
  if (next.build && next.build !== previousBuild) {
    const item = findItem(current ? current.identifier : settings.item) || firstLaunchable();
    if (!item) {
      unload();
      showEmpty("The built manifest has no launchable item.");
      return;
    }
    if (previousBuild && !settings.keepData) {
      unload();
      store.clear(item.identifier);
    }
    const reason = !previousBuild ? "launch" : settings.keepData ? `build ${next.build}: relaunch` : `build ${next.build}: relaunch with learner data reset`;
    launch(item, reason);
  }
}

function renderBuild() {
  const build = $("build");
  build.className = `build ${state.ok ? "ok" : "failed"}`;
  const time = new Date().toLocaleTimeString();
  $("build-text").textContent = state.ok
    ? `build ${state.build} · ${Math.round(state.seconds * 1000)} ms · ${time}`
    : `rebuild failed · ${state.problems.length} problem${state.problems.length === 1 ? "" : "s"} · ${time}`;
}

// The profile menu and the mode/credit titles name the standard of the package being served.
function renderStandard() {
  const s = std();
  for (const option of $("profile").options) option.textContent = s.PROFILES[option.value].label;
  $("mode").title = s.modeTitle;
  $("credit").title = s.creditTitle;
  document.body.dataset.standard = standardOf();
}

function showDisconnected() {
  $("build").className = "build offline";
  $("build-text").textContent = "preview server not reachable; retrying";
}

function renderBanner() {
  const banner = $("banner");
  if (state.ok) {
    banner.hidden = true;
    return;
  }
  banner.hidden = false;
  $("banner-title").textContent = state.build ? "The last rebuild failed" : "The course does not build yet";
  $("banner-note").textContent = state.build
    ? `Still showing build ${state.build}. Fix the problems below and save: the preview rebuilds by itself.`
    : "Fix the problems below and save: the preview rebuilds by itself.";
  $("banner-problems").replaceChildren(...state.problems.map((p) => {
    const li = document.createElement("li");
    const where = document.createElement("code");
    where.textContent = p.line ? `${p.path}:${p.line}:` : `${p.path}:`;
    li.append(where, ` ${p.message}`);
    if (p.hint) {
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = ` (${p.hint})`;
      li.append(hint);
    }
    return li;
  }));
}

// ---------------------------------------------------------------- contents

function items() {
  return state && state.toc ? state.toc.items : [];
}

function findItem(identifier) {
  return items().find((i) => i.identifier === identifier && i.href) || null;
}

function firstLaunchable() {
  return items().find((i) => i.href) || null;
}

function renderToc() {
  const list = $("toc");
  list.replaceChildren(...items().map((item) => {
    const li = document.createElement("li");
    li.style.setProperty("--depth", item.depth);
    if (!item.href) {
      li.className = "group";
      li.textContent = item.title;
      return li;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.item = item.identifier;
    if (current && current.identifier === item.identifier) button.setAttribute("aria-current", "true");
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = item.title;
    const record = store.load(item.identifier);
    const values = (record && record.values) || {};
    const status = std().status(values);
    const chip = document.createElement("span");
    chip.className = `status s-${standardOf() === "scorm2004" ? status.split(" ").pop() : status.replace(" ", "-")}`;
    chip.textContent = values[std().raw] ? `${status} · ${values[std().raw]}` : status;
    button.append(title, chip);
    // the player's table of contents: another SCO in the same player page (the current one: a relaunch)
    button.addEventListener("click", () => launch(item, "launch", Boolean(current) && current.identifier !== item.identifier));
    li.append(button);
    return li;
  }));
  renderGrade();
}

// The "moodle" profile's gradebook and completion, as Moodle stores them (moodle-gradebook.js).
function renderGrade() {
  const grade = $("grade");
  grade.hidden = settings.profile !== "moodle";
  if (grade.hidden) return;
  const book = store.gradebook();
  grade.textContent = `${book.grade === null ? "Moodle grade: none yet" : `Moodle grade (highest grade): ${book.grade} / 100`}`
    + ` · completion (status passed required): ${book.completion ? "complete" : "not complete"}`;
}

// ---------------------------------------------------------------- launching

function unload() {
  const frame = $("sco-frame");
  if (frame) frame.remove(); // unloads the SCO now: its pagehide handler runs and may call LMSFinish
  if (api && api.state === "terminated") playerTerminated = true; // the SCO called Terminate (2004)
  if (api) api.abandon(); // a session still open loses its uncommitted values, as in an LMS
}

/* The learner leaves the player page (Moodle's "Exit activity"): the next launch opens a fresh one. */
function leave() {
  unload();
  playerTerminated = false;
}

/* ``inPlayer``: the launch comes from the player page itself (its table of contents, or a 2004
   navigation request), not from opening the activity again (Relaunch, a reset, a rebuild). */
function launch(item, reason, inPlayer = false) {
  unload(); // the SCO leaving may Terminate now, on its pagehide
  // Moodle 4.3's 2004 run-time is one object per player page: once a SCO terminated it, the next
  // SCO the page launches cannot Initialize (docs/moodle.md, "Several SCOs")
  const stale = inPlayer && playerTerminated && settings.profile === "moodle" && standardOf() === "scorm2004";
  if (!inPlayer) playerTerminated = false;
  current = item;
  settings.item = item.identifier;
  saveSettings();
  const identifier = item.identifier;
  const moodle = settings.profile === "moodle";
  const standard = standardOf();
  const s = STANDARDS[standard];
  const v2004 = standard === "scorm2004";
  // Moodle relaunches a finished attempt in review mode, without credit (moodle-gradebook.js)
  const mode = moodle ? launchMode(store.records(), Object.keys(store.records()), settings.mode, standard)
    : { lesson_mode: settings.mode, mode: settings.mode, credit: settings.credit };
  const launchable = items().filter((i) => i.href);
  const at = launchable.findIndex((i) => i.identifier === identifier);
  const launchValues = v2004
    ? {
      credit: mode.credit, mode: mode.mode, scaled_passing_score: item.scaledpassingscore,
      completion_threshold: item.completionthreshold, launch_data: item.datafromlms,
      max_time_allowed: item.maxtimeallowed, time_limit_action: item.timelimitaction,
      nav: { continue: String(at >= 0 && at < launchable.length - 1), previous: String(at > 0) },
    }
    : {
      credit: mode.credit, lesson_mode: mode.lesson_mode, mastery_score: item.masteryscore,
      launch_data: item.datafromlms, max_time_allowed: item.maxtimeallowed, time_limit_action: item.timelimitaction,
    };
  api = new s.Api({
    profile: settings.profile,
    stale,
    launch: launchValues,
    record: store.load(identifier),
    onLog: addLog,
    onChange: schedulePanel,
    onCommit: (record, sent) => {
      if (moodle) {
        const { gradebook, notes } = storeCommit(store.records(), identifier, sent || record.values, store.gradebook(), standard);
        store.saveGradebook(gradebook);
        for (const note of notes) addLog({ fn: "LMS", level: "info", result: `Moodle: ${note}` });
      }
      store.save(identifier, record);
      renderToc();
    },
    // adl.nav.request "continue"/"previous" at Terminate: the LMS launches the next/previous SCO
    // (Moodle: mod_scorm_launch_next_sco/prev_sco after 500 ms); others are only logged.
    onTerminate: (request) => {
      playerTerminated = true;  // before the launch this request may make
      const target = request === "continue" ? launchable[at + 1] : request === "previous" ? launchable[at - 1] : null;
      if (target) setTimeout(() => launch(target, `adl.nav.request ${request}: launch`, true), moodle ? 500 : 0);
    },
  });
  store.save(identifier, api.record); // the LMS counts launches, committed or not
  delete window.API;
  delete window.API_1484_11;
  window[s.global] = api;
  addLog({ fn: "LMS", level: "launch",
    result: `${reason}: "${item.title}", launch ${api.record.launches}, entry "${api.launch.entry}", `
      + `mode ${v2004 ? api.launch.mode : api.launch.lesson_mode}, ${s.PROFILES[settings.profile].label}` });
  if (stale) {
    addLog({ fn: "LMS", level: "info", result: "Moodle: the player page's 2004 API was terminated by the SCO before: "
      + "this SCO cannot connect (Relaunch opens the activity again)" });
  }
  const frame = document.createElement("iframe");
  frame.id = "sco-frame";
  frame.title = item.title;
  frame.src = `${state.base}${item.href}`;
  $("frame-host").replaceChildren(frame);
  $("sco-title").textContent = item.title;
  const entry = $("sco-entry");
  entry.hidden = false;
  entry.textContent = `entry: ${api.launch.entry === "" ? '""' : api.launch.entry}`;
  $("relaunch").disabled = $("reset").disabled = false;
  renderToc();
  schedulePanel();
}

function showEmpty(text) {
  current = null;
  const p = document.createElement("p");
  p.className = "empty";
  p.textContent = text;
  $("frame-host").replaceChildren(p);
  $("relaunch").disabled = $("reset").disabled = true;
}

// ---------------------------------------------------------------- the panel

let panelQueued = false;
function schedulePanel() {
  if (panelQueued) return;
  panelQueued = true;
  requestAnimationFrame(() => {
    panelQueued = false;
    renderPanel();
  });
}

function cell(tag, text, className) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = text;
  return el;
}

function renderPanel() {
  if (!api) return;
  const dirty = new Set(api.dirtyKeys());
  const session = $("session");
  const committed = api.record.updated ? new Date(api.record.updated).toLocaleTimeString() : "never";
  const s = api.standard === "scorm2004" ? STANDARDS.scorm2004 : STANDARDS.scorm12;
  const recorded = (api.record && api.record.values) || {};
  const pairs = [
    ["Session", api.state],
    ["LMS", s.PROFILES[settings.profile].label],
    ["Launch", `${api.record.launches} (entry "${api.launch.entry}")`],
    ["Last commit", committed],
    ["Recorded status", s.status(recorded)],
    ["Recorded score", recorded[s.raw] || "none"],
  ];
  session.replaceChildren(...pairs.flatMap(([k, v]) => [cell("dt", k), cell("dd", v, k === "Session" ? `state-${v.replace(" ", "-")}` : "")]));

  const body = $("cmi").tBodies[0];
  const rows = [];
  for (const [prefix, names] of s.ROWS) {
    const tr = document.createElement("tr");
    tr.className = "group";
    tr.append(cell("th", prefix.slice(0, -1)));
    tr.firstChild.colSpan = 2;
    rows.push(tr);
    for (const name of names) rows.push(valueRow(s, prefix, name, api.values[prefix + name], dirty.has(prefix + name)));
  }
  body.replaceChildren(...rows);
  $("lists").replaceChildren(...listTables(s, dirty));
}

function valueRow(s, prefix, short, raw, dirty) {
  const name = prefix + short;
  const value = raw ?? "";
  const tr = document.createElement("tr");
  tr.dataset.element = name;
  const th = cell("th", short);
  th.title = name;
  const access = s.DATA_MODEL[name].access;
  th.append(cell("span", access.toUpperCase(), `access a-${access}`));
  const td = cell("td", "", "value");
  const code = cell("code", value);
  if (value === "") code.className = "blank";
  if (raw === undefined && api.standard === "scorm2004") code.title = "not initialized: GetValue answers 403 (strict)";
  td.append(code);
  const max = s.limit(name, settings.profile);
  if (max) td.append(cell("span", `${value.length} / ${max}`, value.length > max ? "size over" : "size"));
  if (dirty) {
    tr.classList.add("dirty");
    td.title = "not committed yet";
  }
  tr.append(th, td);
  return tr;
}

// cmi.objectives.n.* and cmi.interactions.n.* as tables, one row per index.
function listTables(s, dirty) {
  const tables = [];
  for (const [list, columns] of s.lists) {
    const count = api.counts[list] || 0;
    const wrap = document.createElement("div");
    wrap.className = "list";
    wrap.dataset.list = list;
    wrap.append(cell("h3", `${list.replace(/^cmi\./, "")} (_count ${count})`));
    if (count) {
      const table = document.createElement("table");
      const head = document.createElement("tr");
      head.append(cell("th", "n"), ...columns.map((c) => cell("th", c.replace(".0.", "."))));
      table.append(head);
      for (let n = 0; n < count; n++) {
        const tr = document.createElement("tr");
        tr.append(cell("td", String(n)));
        for (const c of columns) {
          const key = `${list}.${n}.${c}`;
          const td = cell("td", api.values[key] ?? "");
          td.dataset.element = key;
          if (dirty.has(key)) td.className = "dirty";
          tr.append(td);
        }
        table.append(tr);
      }
      wrap.append(table);
    }
    tables.push(wrap);
  }
  return tables;
}

const SHOWN_CHARS = 300; // longer values (suspend_data) are cut in the log; the data model shows them whole

function quote(value) {
  if (typeof value !== "string") return String(value);
  if (value.length <= SHOWN_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, SHOWN_CHARS))}… (${value.length} characters)`;
}

function addLog(entry) {
  entries.push(entry);
  const list = $("log");
  const li = document.createElement("li");
  li.className = `${entry.level}${QUERIES.has(entry.fn) ? " query" : ""}`;
  li.append(cell("span", entry.seq ? String(entry.seq) : "", "seq"),
    cell("span", entry.ms !== undefined ? `+${(entry.ms / 1000).toFixed(1)}s` : "", "ms"));
  if (entry.fn === "LMS") {
    li.append(cell("span", entry.result, "lms-note"));
  } else {
    const call = cell("code", `${entry.fn}(${entry.args.map(quote).join(", ")})`, "call");
    call.append(cell("span", ` → ${quote(entry.result)}`, "result"));
    li.append(call);
    const strings = entry.fn.startsWith("LMS") ? ERROR_STRINGS : ERROR_STRINGS_2004;
    const code = cell("span", entry.error, `err e${entry.error}`);
    code.title = strings[entry.error] || "";
    li.append(code);
    if (entry.level === "error") li.append(cell("span", `${strings[entry.error]}: ${entry.diagnostic}`, "diag"));
  }
  list.append(li);
  while (list.childElementCount > LOG_LIMIT) list.firstElementChild.remove();
  if (entries.length > LOG_LIMIT) entries = entries.slice(-LOG_LIMIT);
  if (logFollows) list.scrollTop = list.scrollHeight;
}

// The log follows new calls while it is scrolled to the bottom (also when the panel resizes it).
let logFollows = true;
function followLog() {
  const list = $("log");
  list.addEventListener("scroll", () => {
    logFollows = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  });
  new ResizeObserver(() => {
    if (logFollows) list.scrollTop = list.scrollHeight;
  }).observe(list);
}

// ---------------------------------------------------------------- controls

function bindControls() {
  for (const id of ["profile", "mode", "credit"]) {
    const select = $(id);
    select.value = settings[id];
    select.addEventListener("change", () => {
      settings[id] = select.value;
      saveSettings();
      renderGrade();
      if (current) launch(current, `${id} changed to ${select.value}: relaunch`);
    });
  }
  const keep = $("keep-data");
  keep.checked = settings.keepData;
  keep.addEventListener("change", () => {
    settings.keepData = keep.checked;
    saveSettings();
  });
  const hide = $("hide-queries");
  hide.checked = settings.hideQueries;
  $("log").classList.toggle("hide-queries", hide.checked);
  hide.addEventListener("change", () => {
    settings.hideQueries = hide.checked;
    saveSettings();
    $("log").classList.toggle("hide-queries", hide.checked);
  });
  $("settings").addEventListener("submit", (e) => e.preventDefault());
  $("relaunch").addEventListener("click", () => current && launch(current, "relaunch"));
  $("reset").addEventListener("click", () => {
    if (!current) return;
    unload();
    store.clear(current.identifier);
    launch(current, "learner data reset: launch");
  });
  $("reset-all").addEventListener("click", () => {
    unload();
    store.clearCourse();
    if (current) launch(current, "all learner data reset: launch");
    else renderToc();
  });
  $("clear-log").addEventListener("click", () => {
    entries = [];
    $("log").replaceChildren();
  });
}

function listen() {
  const events = new EventSource("/_preview/events");
  events.addEventListener("build", () => refresh());
  events.addEventListener("error", () => showDisconnected());
}

// For tests and the curious: the API class, the current session, the storage.
window.sbPreview = {
  Scorm12API, PROFILES, ERROR_STRINGS, DATA_MODEL, store, refresh, moodleGradebook: { storeCommit, launchMode },
  Scorm2004API, PROFILES_2004, ERROR_STRINGS_2004, DATA_MODEL_2004,
  get standard() { return standardOf(); },
  get api() { return api; },
  get state() { return state; },
  get log() { return entries; },
  get gradebook() { return store.gradebook(); },
  launch: (identifier) => launch(findItem(identifier), "launch"),
  unload: leave,
};

bindControls();
followLog();
listen();
refresh();
