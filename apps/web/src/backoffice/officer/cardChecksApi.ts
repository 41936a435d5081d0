import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accessCasePage, cardFlagPage, revokeCardRequest } from '@vssid/shared';
import { apiRequest, type ResponseSchema } from '../../api/client.ts';
import { useLanguage } from '../../i18n.ts';

// The agency's follow-up of card checks: flags, "this wasn't me" cases, revocations.

export const CHECKS_PAGE_SIZE = 20;
export type FollowUpStatus = 'open' | 'closed';

export function useCardFlags(status: FollowUpStatus, page: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['officer-card-flags', status, page, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/officer/card-flags', cardFlagPage, {
        signal,
        query: { status, page, pageSize: CHECKS_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useAccessCases(status: FollowUpStatus, page: number) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['officer-access-cases', status, page, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/officer/access-cases', accessCasePage, {
        signal,
        query: { status, page, pageSize: CHECKS_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export const REVOCATION_REASONS = revokeCardRequest.shape.reason.options;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** The server's answer to a revocation; `at` comes formatted (HH:mm dd/mm/yyyy, Vietnam time). */
const revocation: ResponseSchema<{ cardCode: string; at: string }> = {
  parse(data) {
    if (typeof data === 'object' && data !== null && 'cardCode' in data && 'at' in data) {
      const { cardCode, at } = data;
      if (typeof cardCode === 'string' && typeof at === 'string') return { cardCode, at };
    }
    throw new TypeError('Unexpected revocation answer');
  },
};

export function useRevokeCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { cardCode: string; reason: RevocationReason; note?: string }) =>
      apiRequest('/api/v1/officer/card-revocations', revocation, { method: 'POST', body: input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['officer-card-flags'] });
      await queryClient.invalidateQueries({ queryKey: ['officer-access-cases'] });
    },
  });
}
