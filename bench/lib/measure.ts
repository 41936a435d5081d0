// Drives a target with autocannon for one run; summarize() takes the medians over runs.
import autocannon from 'autocannon';
import type { Load } from './types.ts';

export interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers outside 2xx. */
  non2xx: number;
  /** Completed requests. */
  requests: number;
  /** Status code → count. */
  statuses: Record<string, number>;
  /** Peak resident memory of the target during the run, MB (when known). */
  peakRssMb: number | undefined;
}

/** What one run drives: a target's URL and memory, and a fresh load (paths sign in anew, etc.). */
export interface RunTarget {
  url: string;
  rssMb: () => number | undefined;
  load: () => Promise<Load>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One autocannon run of `duration` seconds against the target. */
export async function runOnce(target: RunTarget, connections: number, duration: number): Promise<Figures> {
  const load = await target.load();
  let peak = target.rssMb();
  const sampler = setInterval(() => {
    const now = target.rssMb();
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  }, 250);
  try {
    const result = await autocannon({ ...load, url: target.url, connections, duration });
    const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
    return {
      requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
      requests: result.requests.total,
      statuses,
      peakRssMb: peak,
    };
  } finally {
    clearInterval(sampler);
  }
}

function sumStatuses(runs: readonly Figures[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const run of runs) for (const [code, count] of Object.entries(run.statuses)) total[code] = (total[code] ?? 0) + count;
  return total;
}

/** The median of each figure over the runs (status counts summed, peak memory the highest). */
export function summarize(runs: readonly Figures[]): Figures {
  const pick = (figure: (f: Figures) => number) => median(runs.map(figure));
  const rss = runs.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
  return {
    requestsPerSecond: pick((f) => f.requestsPerSecond),
    p50Ms: pick((f) => f.p50Ms),
    p99Ms: pick((f) => f.p99Ms),
    errors: pick((f) => f.errors),
    non2xx: pick((f) => f.non2xx),
    requests: pick((f) => f.requests),
    statuses: sumStatuses(runs),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
  };
}
