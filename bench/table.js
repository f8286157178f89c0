#!/usr/bin/env node
/** Prints bench/results.json as the Markdown table the README shows (`node bench/table.js`). */
const fs = require('fs');
const path = require('path');

const { results, machine } = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf8'));
const dates = [...new Set(results.map((entry) => entry.date.slice(0, 10)))].sort();
console.log(`Measured ${dates.join(', ')} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}.\n`);
console.log('| figure | db | value | baseline | ratio | goal | met |');
console.log('|---|---|---|---|---|---|---|');
for (const entry of results) {
  console.log(`| ${entry.name} | ${entry.db} | ${entry.value} ${entry.unit} | ${entry.baseline} ${entry.unit} (${entry.baselineLabel}) | ${entry.ratio}× | ${entry.goal} | ${entry.met ? 'yes' : 'no'} |`);
}
