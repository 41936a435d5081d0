import { Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconUser } from '@tabler/icons-react';
import type { EmployerUnit } from '@vssid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { completeAddress } from '../../address.ts';
import { ApiError } from '../../api/client.ts';
import { isTaxCode, MIN_EMPLOYER_NAME_LENGTH, useEmployers } from '../../api/lookup.ts';
import { AddressLine, EmailLine, PhoneLine } from '../../components/ContactLinks.tsx';
import { ProvinceSelect } from './AreaSelects.tsx';
import { InfoBadge, ResultCard } from './ResultCard.tsx';
import { LookupSection } from './LookupSection.tsx';
import { pageFor, ResultList, type PageState } from './ResultList.tsx';

const TYPING_DELAY_MS = 450;
const FIELD_INPUTS = ['q', 'taxCode', 'province'] as const;

export function useEmployerSearchState() {
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [province, setProvince] = useState<string | null>(null);
  const [pageState, setPageState] = useState<PageState>({ filtersKey: '', page: 1 });
  return { text, setText, term, setTerm, province, setProvince, pageState, setPageState };
}
export type EmployerSearchState = ReturnType<typeof useEmployerSearchState>;

/** Employer units by name (accent-free) or tax code, with the representative's contact. */
export function EmployerSearch({ state }: { state: EmployerSearchState }) {
  const { t } = useTranslation();
  const { text, setText, term, setTerm, province, setProvince, pageState, setPageState } = state;
  const filtersKey = JSON.stringify([term, province]);
  const page = pageFor(filtersKey, pageState);
  const query = useEmployers(term, province, page);
  const fieldError = (name: (typeof FIELD_INPUTS)[number]) =>
    query.error instanceof ApiError ? query.error.field(name) : undefined;
  const commit = useDebouncedCallback((value: string) => setTerm(value.trim()), {
    delay: TYPING_DELAY_MS,
    flushOnUnmount: true,
  });

  return (
    <LookupSection heading={t('employers.heading')} intro={t('employers.intro')}>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          commit.flush();
        }}
      >
        <Stack gap="md">
          <TextInput
            type="search"
            label={t('employers.search')}
            placeholder={t('employers.searchPlaceholder')}
            description={t('employers.searchHint')}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              commit(event.currentTarget.value);
            }}
            leftSection={<IconSearch size={20} aria-hidden="true" />}
            error={fieldError('q') ?? fieldError('taxCode')}
            enterKeyHint="search"
            autoComplete="off"
          />
          <ProvinceSelect value={province} onChange={setProvince} error={fieldError('province')} />
        </Stack>
      </form>
      <ResultList
        query={query}
        page={page}
        onPageChange={(next) => setPageState({ filtersKey, page: next })}
        label={t('employers.results')}
        totalText={(total) => t('employers.total', { total })}
        idle={
          <Text>
            {term.length > 0 && !isTaxCode(term) && term.length < MIN_EMPLOYER_NAME_LENGTH
              ? t('employers.searchHint')
              : t('employers.prompt')}
          </Text>
        }
        empty={
          <>
            <Text fw={700}>{t('employers.empty')}</Text>
            <Text>{t('employers.emptyHint')}</Text>
          </>
        }
        itemKey={(employer) => employer.unitCode}
        renderItem={(employer) => <EmployerCard employer={employer} />}
        shownFields={FIELD_INPUTS}
      />
    </LookupSection>
  );
}

function EmployerCard({ employer }: { employer: EmployerUnit }) {
  const { t } = useTranslation();
  return (
    <ResultCard title={employer.name}>
      <Text size="md" c="dimmed">
        {t('employers.taxCode', { code: employer.taxCode })} ·{' '}
        {t('employers.unitCode', { code: employer.unitCode })}
      </Text>
      <InfoBadge variant="light" style={{ alignSelf: 'flex-start' }}>
        {t(`employers.kinds.${employer.kind}`)}
      </InfoBadge>
      <AddressLine>
        {completeAddress(employer.address, employer.communeName, employer.provinceName)}
      </AddressLine>
      <Text size="md" fw={600} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <IconUser size={20} aria-hidden="true" style={{ color: 'var(--mantine-color-vss-8)' }} />
        {t('employers.representative', { name: employer.representativeName })}
      </Text>
      <PhoneLine phone={employer.representativePhone} />
      <EmailLine email={employer.representativeEmail} />
    </ResultCard>
  );
}
