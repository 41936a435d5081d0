import type { CheckResult } from '@vssid/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { ApiError } from '../../api/client.ts';
import { useOnline } from '../../components/useOnline.ts';
import { sendCheck } from './deskApi.ts';
import {
  addPending,
  cachedJwksTime,
  type PendingCheck,
  pendingChecks,
  refreshJwks,
  removePending,
} from './offlineDesk.ts';

/** While online: how often the kept keys are renewed (rotation) and a stuck queue is tried again. */
const KEYS_REFRESH_MS = 3600_000;
const RETRY_MS = 60_000;

/** One sender at a time, across the desk's tabs too: a queued check must not be recorded twice. */
async function withSyncLock(work: () => Promise<void>): Promise<void> {
  if ('locks' in navigator && navigator.locks) await navigator.locks.request('vssid-desk-sync', work);
  else await work();
}

export interface DeskSync {
  online: boolean;
  /** When the kept keys were fetched; null when this device has none yet, undefined while reading. */
  keysAt: string | null | undefined;
  pending: number;
  sending: boolean;
  enqueue: (check: PendingCheck) => Promise<void>;
  flush: () => void;
}

/**
 * The desk's link with the server: keeps the keys fresh while online, and sends the checks queued offline on start,
 * when the network returns, and every minute while some are left. `onSent` hears the server's answer to each.
 */
export function useDeskSync(
  login: string,
  onSent: (check: PendingCheck, result: CheckResult) => void,
): DeskSync {
  const online = useOnline();
  const queryClient = useQueryClient();
  const onSentRef = useRef(onSent);
  useEffect(() => {
    onSentRef.current = onSent;
  }, [onSent]);

  // Local reads (IndexedDB): they run whatever the network says.
  const pending = useQuery({
    queryKey: ['desk-pending', login],
    queryFn: async () => (await pendingChecks(login)).length,
    staleTime: Number.POSITIVE_INFINITY,
    networkMode: 'always',
  });
  const keys = useQuery({
    queryKey: ['desk-keys'],
    queryFn: cachedJwksTime,
    staleTime: Number.POSITIVE_INFINITY,
    networkMode: 'always',
  });
  const recount = useCallback(
    () => queryClient.invalidateQueries({ queryKey: ['desk-pending', login] }),
    [queryClient, login],
  );

  const sender = useMutation({
    networkMode: 'always',
    mutationFn: () =>
      withSyncLock(async () => {
        for (const check of await pendingChecks(login)) {
          try {
            const result = await sendCheck({ input: check.input, scannedAt: check.scannedAt });
            await removePending(check.id);
            onSentRef.current(check, result);
          } catch (error) {
            // A request the server refuses as malformed never succeeds: drop it. Anything else (no network, session,
            // rate limit, server error) is tried again later.
            if (error instanceof ApiError && error.status === 400) await removePending(check.id);
            else break;
          }
        }
      }),
    onSettled: recount,
  });
  const { mutate: flush } = sender;

  const enqueue = useCallback(
    async (check: PendingCheck) => {
      await addPending(check);
      await recount();
    },
    [recount],
  );

  useEffect(() => {
    if (!online) return;
    const renewKeys = () =>
      refreshJwks().then(
        (fetchedAt) => queryClient.setQueryData(['desk-keys'], fetchedAt),
        () => {
          // Not reachable after all: the kept keys (if any) stay in use.
        },
      );
    void renewKeys();
    flush();
    const timer = setInterval(() => void renewKeys(), KEYS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [online, flush, queryClient]);

  const pendingCount = pending.data ?? 0;
  useEffect(() => {
    if (!online || pendingCount === 0) return;
    const timer = setInterval(() => flush(), RETRY_MS);
    return () => clearInterval(timer);
  }, [online, pendingCount, flush]);

  return {
    online,
    keysAt: keys.data,
    pending: pendingCount,
    sending: sender.isPending,
    enqueue,
    flush: () => flush(),
  };
}
