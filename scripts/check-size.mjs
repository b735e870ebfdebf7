// `make test`'s size check: fails when the first load of the release build,
// or the pack studio's bundle, grows past the budget README.md states, so no
// change can quietly undo it. The two are measured apart.
import { firstLoad, budgetKb, studioLoad, studioBudgetKb, kb } from './first-load.mjs';

const { rows, gz, br } = firstLoad();
const budget = budgetKb();
for (const r of rows) console.log(`${r.file.padEnd(28)} ${kb(r.gz).padStart(7)} KB gz ${kb(r.br).padStart(7)} KB br`);
console.log(`first load: ${kb(gz)} KB gzipped, ${kb(br)} KB brotli; budget ${budget} KB gzipped`);
if (gz / 1024 > budget) {
  console.error(`size check failed: the first load is ${kb(gz)} KB gzipped, over the budget of ${budget} KB in README.md`);
  process.exit(1);
}
const studio = studioLoad();
const studioBudget = studioBudgetKb();
console.log(`pack studio (studio.html, its own bundle): ${kb(studio.gz)} KB gzipped, ${kb(studio.br)} KB brotli; budget ${studioBudget} KB gzipped`);
if (studio.gz / 1024 > studioBudget) {
  console.error(`size check failed: the pack studio is ${kb(studio.gz)} KB gzipped, over the budget of ${studioBudget} KB in README.md`);
  process.exit(1);
}
console.log('size check passed');
