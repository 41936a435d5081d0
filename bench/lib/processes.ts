// Child processes under test: the real server and the baselines, each on its own loopback port, so the load
// generator (this process) never shares an event loop with what it measures.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { freePort } from '../../apps/server/src/test/ports.ts';

export interface Target {
  name: string;
  url: string;
  /** Resident memory of the process now, in MB (Linux; undefined elsewhere). */
  rssMb: () => number | undefined;
  stop: () => Promise<void>;
}

function residentMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${url}: the process exited (${child.exitCode}) before it was ready. Its output:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000} s (output in ${logFile})`);
}

/**
 * Starts `node [nodeArgs] --import tsx <entry>` with the given environment; its output goes to logFile (written by the child
 * itself, so this process spends nothing on it). Resolves once GET /readyz answers 200.
 */
export async function startTarget(options: {
  name: string;
  entry: string;
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  readyTimeoutMs?: number;
  /** Node options before the entry, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs?: readonly string[];
}): Promise<Target> {
  const port = await freePort();
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'w');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitUntilReady(url, child, options.logFile, options.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, url, rssMb: () => residentMb(child.pid), stop };
}
