/*
 * What Moodle 4.3's mod_scorm makes of committed SCORM 1.2 and SCORM 2004 values, for the preview's
 * "moodle" profiles: the gradebook grade, the activity completion and the launch mode. docs/moodle.md
 * describes each behaviour; tests/moodle/test_preview_matches_moodle.py compares this model with
 * a real Moodle 4.3 on the same scenarios. Pure functions over the per-SCO records the LMS page
 * keeps ({identifier: {values: {...}}}); served by `scorm-builder preview` only.
 *
 * The activity settings modelled are the ones the README recommends and Moodle's defaults:
 * grading method "highest grade", completion "Require status: Passed".
 */

const FINAL = ["completed", "passed", "failed"];

// The element names per standard. Moodle stores a commit's score first, then its statuses in the order
// the player sends them (scorm_13.js CollectData: cmi.score.* before completion_status before
// success_status); scorm_insert_track() re-grades on a score, and on a status element whose (old, for
// an update) value is "completed" or "passed" (locallib.php). Completion "status passed required" is
// met by any stored status element that is "passed" (custom_completion.php): for 2004 that can only be
// cmi.success_status. Review mode (lib.php scorm_check_mode) looks at one element per standard:
// cmi.core.lesson_status (1.2) or cmi.completion_status (2004), and counts completed/passed/failed
// as final; a 2004 completion_status can only be "completed" among them.
export const ELEMENTS = Object.freeze({
  scorm12: { raw: "cmi.core.score.raw", statuses: ["cmi.core.lesson_status"], review: "cmi.core.lesson_status", mode: "lesson_mode" },
  scorm2004: { raw: "cmi.score.raw", statuses: ["cmi.completion_status", "cmi.success_status"], review: "cmi.completion_status",
    mode: "mode" },
});

/** A gradebook before any launch: no grade, no completion row. */
export function emptyGradebook() {
  return { grade: null, completion: null };
}

/** Highest score.raw over the SCOs, or null; completion 1 when any SCO has a stored "passed". */
function evaluate(records, names) {
  const values = Object.values(records).map((r) => (r && r.values) || {});
  const scores = values.map((v) => v[names.raw]).filter((raw) => raw !== undefined && raw !== "" && !Number.isNaN(Number(raw)));
  return {
    grade: scores.length ? Math.max(...scores.map(Number)) : null,
    completion: values.some((v) => names.statuses.some((s) => v[s] === "passed")) ? 1 : null,
  };
}

/**
 * The gradebook after one commit (or LMSFinish) of SCO ``identifier``, given every SCO's stored
 * record before it and the values this commit stores. Moodle stores score.raw before
 * lesson_status whatever order the SCO used; storing a score re-grades and re-evaluates
 * completion with the statuses stored at that moment (the old one of this SCO); storing a
 * changed status re-grades only when the previous status was "completed" or "passed".
 * Returns {gradebook, notes}: the notes explain what happened, for the preview's log.
 */
export function storeCommit(records, identifier, committed, gradebook, standard = "scorm12") {
  const names = ELEMENTS[standard] || ELEMENTS.scorm12;
  const RAW = names.raw;
  const stored = { ...records, [identifier]: { values: { ...((records[identifier] || {}).values || {}) } } };
  const mine = stored[identifier].values;
  let book = { ...gradebook };
  const notes = [];
  const statusText = () => names.statuses.map((s) => `${s.slice(4).replace("core.", "")} "${mine[s] || ""}"`).join(", ");
  // (2004: a score sent again unchanged re-grades as well; see the statuses below)
  if (committed[RAW] !== undefined && (committed[RAW] !== mine[RAW] || standard === "scorm2004")) {
    mine[RAW] = committed[RAW];
    book = evaluate(stored, names);
    notes.push(`${RAW.slice(4).replace("core.", "")} ${committed[RAW]} stored first: re-graded with ${statusText()}`
      + ` -> grade ${book.grade ?? "none"}, completion ${book.completion ? "complete" : "not complete"}`);
  }
  for (const STATUS of names.statuses) {
    if (committed[STATUS] === undefined) continue;
    const name = STATUS.slice(4).replace("core.", "");
    if (committed[STATUS] === mine[STATUS]) {
      // 2004: the player sends every value changed since launch at each commit, so a status is sent
      // again unchanged; scorm_insert_track() then re-grades when it is completed or passed.
      if (standard === "scorm2004" && (mine[STATUS] === "completed" || mine[STATUS] === "passed")) {
        book = evaluate(stored, names);
        notes.push(`${name} "${mine[STATUS]}" sent again: re-graded -> grade ${book.grade ?? "none"}, `
          + `completion ${book.completion ? "complete" : "not complete"}`);
      }
      continue;
    }
    const before = mine[STATUS];
    mine[STATUS] = committed[STATUS];
    // A first stored status is an insert, judged on its new value; an update on its old one.
    const judged = before === undefined || before === "" || before === "not attempted" ? committed[STATUS] : before;
    if (judged === "completed" || judged === "passed") {
      book = evaluate(stored, names);
      notes.push(`${name} "${before}" -> "${committed[STATUS]}": re-graded -> grade ${book.grade ?? "none"}`
        + (standard === "scorm2004" ? `, completion ${book.completion ? "complete" : "not complete"}` : ""));
    } else if (committed[STATUS] === "passed" || committed[STATUS] === "completed") {
      notes.push(`${name} "${before || ""}" -> "${committed[STATUS]}": Moodle neither re-grades nor checks completion`
        + " on a status change from a status other than completed/passed");
    }
  }
  return { gradebook: book, notes };
}

/**
 * The launch mode Moodle gives: "review" (with "no-credit") once every launchable SCO of the
 * attempt has a final status, else what the learner asked for (normal: "credit").
 */
export function launchMode(records, identifiers, requested, standard = "scorm12") {
  const names = ELEMENTS[standard] || ELEMENTS.scorm12;
  const result = (mode, credit) => ({ [names.mode]: mode, credit });
  if (requested !== "normal") return result(requested, "no-credit");
  const finished = identifiers.length > 0
    && identifiers.every((id) => FINAL.includes(((records[id] || {}).values || {})[names.review]));
  return finished ? result("review", "no-credit") : result("normal", "credit");
}
