// Group batching: an idle batcher sends at once, what arrives meanwhile goes together in the next batch (at most
// maxBatch), each item gets its own result, and a failing batch fails every item in it and nothing else.
import { describe, expect, it } from 'vitest';
import { GroupBatcher } from './group-batcher.ts';

/** A batch runner that the test releases by hand, recording what each batch held. */
function controlledRunner() {
  const batches: number[][] = [];
  const releases: Array<(fail?: Error) => void> = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve, reject) => {
      releases.push((fail) => (fail ? reject(fail) : resolve(items.map((item) => item * 10))));
    });
  };
  const release = async (index: number, fail?: Error) => {
    releases[index]?.(fail);
    // Let the batch's callbacks and the next pump run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, run, release };
}

describe('GroupBatcher', () => {
  it('sends an item at once when idle and gathers the items that arrive meanwhile into the next batch', async () => {
    const runner = controlledRunner();
    const batcher = new GroupBatcher(runner.run, { maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit(1);
    expect(runner.batches).toEqual([[1]]);
    const later = [batcher.submit(2), batcher.submit(3), batcher.submit(4)];
    expect(runner.batches).toEqual([[1]]);
    await runner.release(0);
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    await runner.release(1);
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batcher.stats).toEqual({ batches: 2, items: 4 });
  });

  it('with untilTurnEnds, gathers what arrives in the same event-loop turn even when idle', async () => {
    const runner = controlledRunner();
    const batcher = new GroupBatcher(runner.run, { maxInFlight: 1, maxBatch: 10, untilTurnEnds: true });
    const first = batcher.submit(1);
    // Later in the same turn (after other work's promises settle), as a request read in the same turn would be.
    await Promise.resolve();
    const second = batcher.submit(2);
    expect(runner.batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.batches).toEqual([[1, 2]]);
    const third = batcher.submit(3);
    await runner.release(0);
    // The batch in flight has ended: the next is gathered until that turn ends too.
    expect(runner.batches).toEqual([[1, 2]]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.batches).toEqual([[1, 2], [3]]);
    await runner.release(1);
    expect(await Promise.all([first, second, third])).toEqual([10, 20, 30]);
    expect(batcher.stats).toEqual({ batches: 2, items: 3 });
  });

  it('with untilTurnEnds, sends a full batch at once', async () => {
    const runner = controlledRunner();
    const batcher = new GroupBatcher(runner.run, { maxInFlight: 1, maxBatch: 2, untilTurnEnds: true });
    const items = [batcher.submit(1), batcher.submit(2)];
    expect(runner.batches).toEqual([[1, 2]]);
    await runner.release(0);
    expect(await Promise.all(items)).toEqual([10, 20]);
  });

  it('runs up to maxInFlight batches at once and cuts the queue at maxBatch', async () => {
    const runner = controlledRunner();
    const batcher = new GroupBatcher(runner.run, { maxInFlight: 2, maxBatch: 2 });
    const results = [1, 2, 3, 4, 5, 6].map((item) => batcher.submit(item));
    // 1 and 2 went out alone (each found a free slot); the rest wait in batches of two.
    expect(runner.batches).toEqual([[1], [2]]);
    await runner.release(0);
    expect(runner.batches).toEqual([[1], [2], [3, 4]]);
    await runner.release(1);
    expect(runner.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    await runner.release(2);
    await runner.release(3);
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('fails every item of a failed batch with its error, and the next batch still runs', async () => {
    const runner = controlledRunner();
    const batcher = new GroupBatcher(runner.run, { maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit(1);
    const failed = [batcher.submit(2), batcher.submit(3)].map((item) => expect(item).rejects.toThrow('connection lost'));
    await runner.release(0);
    const nextOne = batcher.submit(4);
    await runner.release(1, new Error('connection lost'));
    await Promise.all(failed);
    await runner.release(2);
    expect(await first).toBe(10);
    expect(await nextOne).toBe(40);
    expect(batcher.stats).toEqual({ batches: 2, items: 2 });
  });

  it('with retryAlone, runs each item of a failed batch again by itself, so only the item that fails it fails', async () => {
    const batches: number[][] = [];
    // A statement the database refuses whenever it holds item 2.
    const run = async (items: readonly number[]) => {
      batches.push([...items]);
      if (items.includes(2)) throw new Error('unique violation');
      return items.map((item) => item * 10);
    };
    const batcher = new GroupBatcher(run, { maxInFlight: 1, maxBatch: 10, untilTurnEnds: true, retryAlone: true });
    const [one, two, three] = [batcher.submit(1), batcher.submit(2), batcher.submit(3)];
    await expect(two).rejects.toThrow('unique violation');
    expect(await Promise.all([one, three])).toEqual([10, 30]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(batcher.stats).toEqual({ batches: 2, items: 2 });
  });

  it('fails the batch when the runner answers a different number of results', async () => {
    const batcher = new GroupBatcher(async (items: readonly number[]) => items.slice(1), { maxInFlight: 1, maxBatch: 10 });
    await expect(batcher.submit(1)).rejects.toThrow('batch answered 0 results for 1 items');
  });

  it('flush waits for every item handed over so far', async () => {
    const runner = controlledRunner();
    const batcher = new GroupBatcher(runner.run, { maxInFlight: 1, maxBatch: 10 });
    await batcher.flush();
    const items = [batcher.submit(1), batcher.submit(2)];
    let flushed = false;
    const flushing = batcher.flush().then(() => (flushed = true));
    await runner.release(0);
    expect(flushed).toBe(false);
    await runner.release(1);
    await flushing;
    expect(await Promise.all(items)).toEqual([10, 20]);
  });
});
