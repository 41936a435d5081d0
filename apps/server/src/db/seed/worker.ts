// A generator worker for large seeds: rebuilds the (deterministic) reference data, then turns block ranges into COPY
// text while the main thread streams earlier chunks into the database.
import { parentPort, workerData } from 'node:worker_threads';
import { readAdminUnits } from './admin-units.ts';
import { createPopulationContext, generateChunkData } from './population.ts';
import { buildReference } from './reference.ts';

export interface WorkerRequest {
  id: number;
  fromBlock: number;
  toBlock: number;
}

function isOptions(value: unknown): value is { seed: string; people: number } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.seed === 'string' && typeof record.people === 'number';
}

if (parentPort && isOptions(workerData)) {
  const port = parentPort;
  const options = { seed: workerData.seed, people: workerData.people };
  const ctx = createPopulationContext(buildReference(readAdminUnits(), options), options);
  port.on('message', (request: WorkerRequest) => {
    const chunk = generateChunkData(ctx, request.fromBlock, request.toBlock);
    // The byte buffers move to the main thread without a copy.
    port.postMessage({ id: request.id, chunk }, Object.values(chunk).map((table) => table.data.buffer));
  });
}
