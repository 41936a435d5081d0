import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection.ts';

const writerScript = fileURLToPath(new URL('../test/pglite-writer.ts', import.meta.url));

describe('the embedded PGlite database', () => {
  it('keeps every committed row when its process is killed with SIGKILL (fsync is on)', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vssid-durability-')), 'pglite');
    const writer = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      writer.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('fsync')) resolve();
      });
      writer.once('exit', (code) => reject(new Error(`writer exited early (${code}): ${output}`)));
    });
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('exit', resolve));
    expect(output).toContain('committed 3');
    expect(output).toContain('fsync on');

    // The lock file of the killed process is stale and must not block the next start.
    const reopened = await openDatabase({ dataDir });
    try {
      if (reopened.driver !== 'pglite') throw new Error('expected PGlite');
      const rows = await reopened.client.query<{ n: number }>('select n from durability_probe order by n');
      expect(rows.rows.map((r) => r.n)).toEqual([1, 2, 3]);
    } finally {
      await reopened.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a second process on the same data directory while the first is alive', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vssid-lock-')), 'pglite');
    const writer = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => writer.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('fsync') && resolve()));
      await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      writer.kill('SIGKILL');
      await new Promise((resolve) => writer.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
