/**
 * `npm run bench -- NAME [NAME…]` runs the named benchmarks (all when none is named). Each benchmark
 * lives in `bench/NAME.bench.ts`, exports `run(): Promise<void>`, and prints its figures as
 * `key: value` lines, ratios measured side by side in the same run.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : available;
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`Unknown benchmark "${name}". Available: ${available.join(', ') || '(none yet)'}`);
    process.exit(2);
  }
  console.log(`# bench ${name}`);
  const mod = (await import(`./${name}.bench.ts`)) as { run: () => Promise<void> };
  await mod.run();
}
