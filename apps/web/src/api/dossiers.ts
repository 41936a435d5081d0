import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  bankList,
  dossierDetail,
  dossierPage,
  officerDossierDetail,
  officerDossierPage,
  paymentArrangementList,
  receiptVerification,
  type DossierDecisionRequest,
  type DossierStatus,
  type DossierSubmission,
  type DossierType,
} from '@vssid/shared';
import { useAuth } from '../auth/useAuth.ts';
import { useLanguage } from '../i18n.ts';
import { apiBlob, apiRequest } from './client.ts';

// Public-service dossiers: the citizen's (/dossiers…), the officer's (/officer/dossiers…) and the public receipt
// check. Every key carries the account and the language, like the records.

export const DOSSIER_PAGE_SIZE = 20;

type Attachment = DossierSubmission['attachments'][number];

function useKeyParts() {
  const { account } = useAuth();
  return { account: account?.id ?? null, language: useLanguage(), citizen: account?.role === 'citizen' };
}

export function useMyDossiers(page: number) {
  const { account, language, citizen } = useKeyParts();
  return useQuery({
    queryKey: ['dossiers', account, 'list', page, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/dossiers', dossierPage, { signal, query: { page, pageSize: DOSSIER_PAGE_SIZE } }),
    enabled: citizen,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useMyDossier(id: number) {
  const { account, language, citizen } = useKeyParts();
  return useQuery({
    queryKey: ['dossiers', account, 'detail', id, language],
    queryFn: ({ signal }) => apiRequest(`/api/v1/dossiers/${id}`, dossierDetail, { signal }),
    enabled: citizen,
    staleTime: 0,
  });
}

export function usePaymentArrangements(enabled = true) {
  const { account, language, citizen } = useKeyParts();
  return useQuery({
    queryKey: ['dossiers', account, 'payment-arrangements', language],
    queryFn: ({ signal }) => apiRequest('/api/v1/payment-arrangements', paymentArrangementList, { signal }),
    enabled: citizen && enabled,
    staleTime: 0,
  });
}

export function useBanks() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['banks', language],
    queryFn: ({ signal }) => apiRequest('/api/v1/banks', bankList, { signal }),
    staleTime: 60 * 60_000,
  });
}

/**
 * Files a dossier. The Idempotency-Key belongs to one submission attempt: the form makes a new one when its content
 * changes, so a retry after a lost answer returns the same dossier instead of a second one.
 */
export function submitDossier(submission: DossierSubmission, idempotencyKey: string) {
  return apiRequest('/api/v1/dossiers', dossierDetail, {
    method: 'POST',
    body: submission,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** Answer a request for information, or withdraw; the dossier's queries are fetched again afterwards. */
export function useDossierActions(id: number) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['dossiers'] });
  const resubmit = useMutation({
    mutationFn: (body: { note: string; attachments: Attachment[] }) =>
      apiRequest(`/api/v1/dossiers/${id}/resubmission`, dossierDetail, { method: 'POST', body }),
    onSuccess: refresh,
  });
  const withdraw = useMutation({
    mutationFn: (note: string) =>
      apiRequest(`/api/v1/dossiers/${id}/withdrawal`, dossierDetail, {
        method: 'POST',
        body: note.trim() ? { note: note.trim() } : {},
      }),
    onSuccess: refresh,
  });
  return { resubmit, withdraw };
}

/** A PDF behind the session's token, saved under the server's file name. */
export async function downloadPdf(path: string, fallbackName: string): Promise<void> {
  const blob = await apiBlob(path);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser time to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The receipt's file name, as the server names it. */
export function receiptFileName(dossierNumber: string): string {
  return `bien-nhan-${dossierNumber.replace(/[^0-9A-Za-z]+/g, '-')}.pdf`;
}

// ---- The officer ----

export interface OfficerDossierFilters {
  type: DossierType | null;
  status: DossierStatus | null;
  overdue: boolean;
  page: number;
}

export function useOfficerDossiers(filters: OfficerDossierFilters) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['officer-dossiers', filters, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/officer/dossiers', officerDossierPage, {
        signal,
        query: {
          type: filters.type,
          status: filters.status,
          overdue: filters.overdue ? 'true' : undefined,
          page: filters.page,
          pageSize: DOSSIER_PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useOfficerDossier(id: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['officer-dossier', id, language],
    queryFn: ({ signal }) => apiRequest(`/api/v1/officer/dossiers/${id}`, officerDossierDetail, { signal }),
    staleTime: 0,
  });
}

export type OfficerStep =
  | { action: 'receive' }
  | { action: 'claim' }
  | { action: 'request_info'; reasonCode: string; note: string }
  | { action: 'decide'; decision: DossierDecisionRequest };

function stepRequest(id: number, step: OfficerStep): { path: string; body?: unknown } {
  const base = `/api/v1/officer/dossiers/${id}`;
  switch (step.action) {
    case 'receive':
      return { path: `${base}/receipt` };
    case 'claim':
      return { path: `${base}/claim` };
    case 'request_info':
      return { path: `${base}/information-request`, body: { reasonCode: step.reasonCode, note: step.note } };
    case 'decide':
      return { path: `${base}/decision`, body: step.decision };
  }
}

export function useOfficerDossierStep(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: OfficerStep) => {
      const { path, body } = stepRequest(id, step);
      return apiRequest(path, officerDossierDetail, {
        method: 'POST',
        ...(body === undefined ? {} : { body }),
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['officer-dossiers'] });
      await queryClient.invalidateQueries({ queryKey: ['officer-dossier', id] });
    },
  });
}

// ---- Public ----

export function useReceiptVerification(token: string | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['receipt-verification', token, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/receipts/verify', receiptVerification, {
        signal,
        query: { token },
        auth: false,
      }),
    enabled: token !== null,
    retry: false,
  });
}
