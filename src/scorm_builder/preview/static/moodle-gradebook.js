/*
 * What Moodle 4.3's mod_scorm makes of committed SCORM 1.2 values, for the preview's "moodle"
 * profile: the gradebook grade, the activity completion and the launch mode. docs/moodle.md
 * describes each behaviour; tests/moodle/test_preview_matches_moodle.py compares this model with
 * a real Moodle 4.3 on the same scenarios. Pure functions over the per-SCO records the LMS page
 * keeps ({identifier: {values: {...}}}); served by `scorm-builder preview` only.
 *
 * The activity settings modelled are the ones the README recommends and Moodle's defaults:
 * grading method "highest grade", completion "Require status: Passed".
 */

const FINAL = ["completed", "passed", "failed"];
const STATUS = "cmi.core.lesson_status", RAW = "cmi.core.score.raw";

/** A gradebook before any launch: no grade, no completion row. */
export function emptyGradebook() {
  return { grade: null, completion: null };
}

/** Highest score.raw over the SCOs, or null; completion 1 when any SCO has a stored "passed". */
function evaluate(records) {
  const values = Object.values(records).map((r) => (r && r.values) || {});
  const scores = values.map((v) => v[RAW]).filter((raw) => raw !== undefined && raw !== "" && !Number.isNaN(Number(raw)));
  return {
    grade: scores.length ? Math.max(...scores.map(Number)) : null,
    completion: values.some((v) => v[STATUS] === "passed") ? 1 : null,
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
export function storeCommit(records, identifier, committed, gradebook) {
  const stored = { ...records, [identifier]: { values: { ...((records[identifier] || {}).values || {}) } } };
  const mine = stored[identifier].values;
  let book = { ...gradebook };
  const notes = [];
  if (committed[RAW] !== undefined && committed[RAW] !== mine[RAW]) {
    mine[RAW] = committed[RAW];
    book = evaluate(stored);
    notes.push(`score.raw ${committed[RAW]} stored first: re-graded with lesson_status "${mine[STATUS] || ""}"`
      + ` -> grade ${book.grade ?? "none"}, completion ${book.completion ? "complete" : "not complete"}`);
  }
  if (committed[STATUS] !== undefined && committed[STATUS] !== mine[STATUS]) {
    const before = mine[STATUS];
    mine[STATUS] = committed[STATUS];
    // A first stored status is an insert, judged on its new value; an update on its old one.
    const judged = before === undefined || before === "" || before === "not attempted" ? committed[STATUS] : before;
    if (judged === "completed" || judged === "passed") {
      book = evaluate(stored);
      notes.push(`lesson_status "${before}" -> "${committed[STATUS]}": re-graded -> grade ${book.grade ?? "none"}`);
    } else if (committed[STATUS] === "passed" || committed[STATUS] === "completed") {
      notes.push(`lesson_status "${before || ""}" -> "${committed[STATUS]}": Moodle neither re-grades nor checks completion`
        + " on a status change from a status other than completed/passed");
    }
  }
  return { gradebook: book, notes };
}

/**
 * The launch mode Moodle gives: "review" (with "no-credit") once every launchable SCO of the
 * attempt has a final status, else what the learner asked for (normal: "credit").
 */
export function launchMode(records, identifiers, requested) {
  if (requested !== "normal") return { lesson_mode: requested, credit: "no-credit" };
  const finished = identifiers.length > 0 && identifiers.every((id) => FINAL.includes(((records[id] || {}).values || {})[STATUS]));
  return finished ? { lesson_mode: "review", credit: "no-credit" } : { lesson_mode: "normal", credit: "credit" };
}
