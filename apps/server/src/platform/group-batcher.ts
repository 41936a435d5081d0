// Group batching for a hot statement: what arrives while `maxInFlight` batches are running waits and goes together in
// the next batch, one statement for all of it. An idle batcher sends an item at once, so at low load nothing waits;
// under load each item waits at most for the batch in flight before its own. A batch succeeds or fails as a whole:
// when `run` throws (or answers the wrong number of results) every item of the batch is rejected with that error —
// or, with `retryAlone`, each item is run again by itself, so an item the database refuses (a unique key two items
// race for) fails alone and the others succeed.
//
// `untilTurnEnds` is for a database that runs statements in this thread (PGlite): a batch there runs to its end before
// any request is read, so nothing arrives "meanwhile" and every batch would hold one item. An idle batcher then waits
// for the end of the event-loop turn (setImmediate), so the requests read in the same turn go together.
import { type Db, onPglite, perHandle } from '../db/connection.ts';

interface Pending<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export class GroupBatcher<I, O> {
  /** Batches run and the items in them. */
  readonly stats = { batches: 0, items: 0 };
  private queue: Array<Pending<I, O>> = [];
  private inFlight = 0;
  private idle: Array<() => void> = [];
  private gathering = false;

  /**
   * @param run one statement for the batch: its results in the items' order.
   * @param options.maxInFlight batches running at the same time (each holds one pool connection).
   * @param options.maxBatch items in one batch at most.
   * @param options.untilTurnEnds an idle batcher gathers until the event loop's turn ends before sending (see above).
   * @param options.retryAlone a failed batch of several items runs each again by itself, in turn (see above).
   */
  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly options: { maxInFlight: number; maxBatch: number; untilTurnEnds?: boolean; retryAlone?: boolean },
  ) {}

  /** Resolves with the item's result once its batch has run; rejects when its batch failed. */
  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once every item handed over so far has its answer (on shutdown). */
  flush(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    if (this.options.untilTurnEnds && this.inFlight === 0 && this.queue.length < this.options.maxBatch) {
      if (!this.gathering) {
        this.gathering = true;
        setImmediate(() => {
          this.gathering = false;
          this.send();
        });
      }
      return;
    }
    this.send();
  }

  private send(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.runBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
        if (this.queue.length === 0 && this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  private async runBatch(batch: ReadonlyArray<Pending<I, O>>): Promise<void> {
    try {
      const results = await this.run(batch.map((pending) => pending.item));
      if (results.length !== batch.length) throw new Error(`batch answered ${results.length} results for ${batch.length} items`);
      this.stats.batches += 1;
      this.stats.items += batch.length;
      batch.forEach((pending, index) => pending.resolve(results[index] as O));
    } catch (error) {
      if (this.options.retryAlone && batch.length > 1) {
        // Still in flight meanwhile: what arrives waits for the next batch, as it would for this one.
        for (const pending of batch) await this.runBatch([pending]);
        return;
      }
      for (const pending of batch) pending.reject(error);
    }
  }
}

/**
 * A batcher per database handle for one hot statement (a write every request of a path makes): one batch in flight,
 * what arrives meanwhile makes the next one bigger, and on PGlite an idle batcher gathers until the turn ends.
 */
export function batcherPerHandle<I, O>(
  run: (db: Db, items: readonly I[]) => Promise<readonly O[]>,
  options: { maxBatch: number; retryAlone?: boolean },
): (db: Db) => GroupBatcher<I, O> {
  return perHandle((db) => new GroupBatcher<I, O>((items) => run(db, items), { maxInFlight: 1, untilTurnEnds: onPglite(db), ...options }));
}
