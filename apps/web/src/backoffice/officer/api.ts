import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  batchApprovalResult,
  officerRegistrationDetail,
  officerRegistrationPage,
  type RejectionReason,
} from '@vssid/shared';
import { apiBlob, apiRequest } from '../../api/client.ts';
import { useLanguage } from '../../i18n.ts';

export const QUEUE_PAGE_SIZE = 20;

export interface QueueFilters {
  status: 'submitted' | 'approved' | 'rejected' | 'expired' | null;
  kind: 'self' | 'child' | null;
  batchId: number | null;
  q: string;
  page: number;
}

export function useOfficerQueue(filters: QueueFilters) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['officer-registrations', filters, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/officer/registrations', officerRegistrationPage, {
        signal,
        query: {
          status: filters.status,
          kind: filters.kind,
          batchId: filters.batchId,
          q: filters.q.length >= 2 ? filters.q : undefined,
          page: filters.page,
          pageSize: QUEUE_PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useOfficerRegistration(id: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['officer-registration', id, language],
    queryFn: ({ signal }) =>
      apiRequest(`/api/v1/officer/registrations/${id}`, officerRegistrationDetail, { signal }),
    staleTime: 0,
  });
}

export type { RejectionReason };

/** Approve, reject or approve a whole batch; the queue and the form are fetched again afterwards. */
export function useOfficerDecisions() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['officer-registrations'] });
    await queryClient.invalidateQueries({ queryKey: ['officer-registration'] });
  };
  const approve = useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/v1/officer/registrations/${id}/approve`, officerRegistrationDetail, {
        method: 'POST',
      }),
    onSuccess: refresh,
  });
  const reject = useMutation({
    mutationFn: ({ id, reasonCode, note }: { id: number; reasonCode: RejectionReason; note: string }) =>
      apiRequest(`/api/v1/officer/registrations/${id}/reject`, officerRegistrationDetail, {
        method: 'POST',
        body: { reasonCode, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: refresh,
  });
  const approveBatch = useMutation({
    mutationFn: (batchId: number) =>
      apiRequest(`/api/v1/officer/batches/${batchId}/approve`, batchApprovalResult, { method: 'POST' }),
    onSuccess: refresh,
  });
  return { approve, reject, approveBatch };
}

/** A registration photo: the URL needs the officer's token, so it is fetched and shown from memory. */
export function useProtectedPhoto(url: string) {
  return useQuery({
    queryKey: ['protected-photo', url],
    queryFn: ({ signal }) => apiBlob(url, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });
}
