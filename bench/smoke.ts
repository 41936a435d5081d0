// CI smoke for the harness (not for speed): a tiny data set on a throw-away PGlite, one second per target; checks that
// the tables and the JSON come out with every baseline and hot path answered and the BHXH-code look-up finding the
// people it looked for. Never looks at how fast anything was.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINES } from './baselines/index.ts';
import { HOT_PATHS } from './paths/index.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vssid-bench-smoke-'));
const out = join(dir, 'results.json');
const problems: string[] = [];
try {
  const args = ['--db', 'pglite', '--people', '500', '--duration', '1', '--warmup', '0', '--data-dir', dir, '--out', out];
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  });
  process.stdout.write(run.stdout);
  if (run.status !== 0) problems.push(`npm run bench exited with ${run.status ?? run.signal}`);
  if (!/\| target\s+\| requests\/s \|/.test(run.stdout)) problems.push('no table on stdout');
  if (!/\| key kind\s+\| look-ups \|/.test(run.stdout)) problems.push('no BHXH-code look-up table on stdout');
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    rows: Array<{ kind: string; name: string; figures: { requests: number; statuses: Record<string, number> }; ratioToBaseline?: number }>;
    lookup?: { timings: Array<{ kind: string; lookups: number; found: number }>; plans: Array<{ kind: string; plan: string }> };
  };
  const birthDate = report.lookup?.timings.find((t) => t.kind === 'birth_date');
  if (!birthDate || birthDate.lookups === 0 || birthDate.found === 0) problems.push(`bhxh-code-lookup: no birth-date look-up found its person (${JSON.stringify(birthDate)})`);
  if (!report.lookup?.plans.some((p) => p.kind === 'birth_date' && p.plan.includes('people'))) problems.push('bhxh-code-lookup: no plan in the JSON');
  for (const name of [...BASELINES.map((b) => b.name), ...HOT_PATHS.map((p) => p.name)]) {
    const row = report.rows.find((r) => r.name === name);
    if (!row) {
      problems.push(`${name}: missing from the results`);
      continue;
    }
    const ok = Object.entries(row.figures.statuses).reduce((sum, [code, count]) => sum + (code.startsWith('2') ? count : 0), 0);
    if (ok === 0) problems.push(`${name}: no 2xx answer (${JSON.stringify(row.figures.statuses)})`);
    if (row.kind === 'path' && row.ratioToBaseline === undefined) problems.push(`${name}: no ratio to its baseline`);
  }
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`Bench smoke failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('Bench smoke: table and JSON produced, every target answered.');
