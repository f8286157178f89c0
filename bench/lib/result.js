/**
 * A scenario's figures: one line `BENCH_RESULT {json}` per figure on stdout, read by bench/run.js.
 * goal: { on: 'value' | 'ratio', op: '<=' | '>=', target, text } — whether the figure meets it is computed here.
 */
const result = ({ name, db, value, unit, baseline, baselineLabel, ratio, goal, note }) => {
  const subject = goal.on === 'value' ? value : ratio;
  const met = goal.op === '<=' ? subject <= goal.target : subject >= goal.target;
  const entry = { name, db, value, unit, baseline, baselineLabel, ratio, goal: goal.text, met, ...(note ? { note } : {}) };
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(entry)}\n`);
  return entry;
};

/** A printed note for the reader (statement counts, CPU use), kept in results.json next to the figures. */
const note = (name, db, text) => process.stdout.write(`BENCH_NOTE ${JSON.stringify({ name, db, text })}\n`);

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

module.exports = { result, note, round };
