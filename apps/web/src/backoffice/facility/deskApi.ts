import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { checkResult, type DeskCheckRequest, deskVisit, deskVisitPage, type DeskVisit } from '@vssid/shared';
import { apiBlob, apiRequest } from '../../api/client.ts';
import { useLanguage } from '../../i18n.ts';

export const VISITS_PAGE_SIZE = 10;

export function sendCheck(body: DeskCheckRequest) {
  return apiRequest('/api/v1/facility/checks', checkResult, { method: 'POST', body });
}

/** The portrait of a valid check (the server keeps it available for an hour after the check). */
export function useCheckPhoto(checkId: number | null) {
  return useQuery({
    queryKey: ['desk-check-photo', checkId],
    queryFn: ({ signal }) => apiBlob(`/api/v1/facility/checks/${checkId ?? 0}/photo`, signal),
    enabled: checkId !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  });
}

export function useOpenVisits(page: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['desk-visits', 'open', page, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/facility/visits', deskVisitPage, {
        signal,
        query: { status: 'open', page, pageSize: VISITS_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useOpenVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { checkId: number; visitType: DeskVisit['visitType'] }) =>
      apiRequest('/api/v1/facility/visits', deskVisit, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['desk-visits'] }),
  });
}

export interface CloseVisitInput {
  visitId: number;
  icd10Code: string;
  icd10Name: string;
  /** Left out when empty: the server names the missing field in the reader's language. */
  totalCost: number | undefined;
}

export function useCloseVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, ...body }: CloseVisitInput) =>
      apiRequest(`/api/v1/facility/visits/${visitId}/close`, deskVisit, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['desk-visits'] }),
  });
}
