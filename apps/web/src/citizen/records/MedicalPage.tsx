import { NativeSelect, Stack, Text, Title } from '@mantine/core';
import type { MedicalVisit, MedicalYear, RecordSubject } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMedicalHistory } from '../../api/records.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { formatDateTime, formatMoney, useFormatters } from '../../format.ts';
import {
  LoadMore,
  loadedItems,
  Loading,
  RecordBadge,
  RecordCard,
  RecordList,
  RecordsPage,
} from './RecordsPage.tsx';

/** Sổ khám chữa bệnh: BHYT visits since 2017, one year at a time, with the year's totals. */
export function MedicalPage() {
  const { t } = useTranslation();
  return (
    <RecordsPage title={t('records.medical.title')} intro={t('records.medical.intro')}>
      {({ subject }) => <MedicalHistory subject={subject} />}
    </RecordsPage>
  );
}

function MedicalHistory({ subject }: { subject: RecordSubject }) {
  const { t } = useTranslation();
  const headingId = useId();
  // null: the newest year, whichever it is (the server says); a chosen older year is asked for by number.
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  // While another year loads, the selector and its years stay on screen; the visits give way to placeholders.
  const history = useMedicalHistory(subject, chosenYear);

  if (history.isError && !history.isFetchNextPageError && !history.data) {
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  }
  if (history.isPending) return <Loading />;

  const first = history.data.pages[0];
  const years = first?.years ?? [];
  const year = chosenYear ?? first?.year ?? null;
  if (years.length === 0 || year === null) return <Text>{t('records.medical.empty')}</Text>;
  const totals = years.find((item) => item.year === year);
  const switching = history.isPlaceholderData;
  const visits = switching ? [] : loadedItems(history.data);

  return (
    <>
      <NativeSelect
        size="lg"
        label={t('records.medical.year')}
        value={String(year)}
        onChange={(event) => {
          const picked = Number(event.currentTarget.value);
          setChosenYear(picked === years[0]?.year ? null : picked);
        }}
        data={years.map((item) => ({
          value: String(item.year),
          label: t('records.medical.yearOption', { year: String(item.year), count: item.visits }),
        }))}
      />
      {totals && <YearTotals totals={totals} />}
      <Stack component="section" aria-labelledby={headingId} gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {t('records.medical.visitsTitle', { year: String(year) })}
        </Title>
        {history.isError && !history.isFetchNextPageError && (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        )}
        {switching ? (
          <Loading />
        ) : (
          <>
            <RecordList>
              {visits.map((visit) => (
                <VisitCard key={visit.id} visit={visit} />
              ))}
            </RecordList>
            <LoadMore query={history} />
          </>
        )}
      </Stack>
    </>
  );
}

function YearTotals({ totals }: { totals: MedicalYear }) {
  const { t } = useTranslation();
  const { integer } = useFormatters();
  return (
    <SectionCard title={t('records.medical.yearTotals', { year: String(totals.year) })} gap="sm">
      <FactList cols={2} gap="sm">
        <Fact label={t('records.medical.visits')}>
          <span data-total="visits">{integer(totals.visits)}</span>
        </Fact>
        <Fact label={t('records.medical.totalCost')}>
          <span data-total="totalCost">{formatMoney(totals.totalCost)}</span>
        </Fact>
        <Fact label={t('records.medical.bhytPaid')}>
          <span data-total="bhytPaid">{formatMoney(totals.bhytPaid)}</span>
        </Fact>
        <Fact label={t('records.medical.patientPaid')}>
          <span data-total="patientPaid">{formatMoney(totals.patientPaid)}</span>
        </Fact>
      </FactList>
    </SectionCard>
  );
}

const VISIT_TONES = { outpatient: 'vss', inpatient: 'amber', emergency: 'danger' } as const;

function VisitCard({ visit }: { visit: MedicalVisit }) {
  const { t } = useTranslation();
  return (
    <RecordCard
      title={visit.facility.name}
      badges={
        <RecordBadge tone={VISIT_TONES[visit.visitType]}>
          {t(`records.medical.types.${visit.visitType}`)}
        </RecordBadge>
      }
    >
      <FactList cols={2}>
        <Fact label={t('records.medical.admitted')}>{formatDateTime(visit.admittedAt)}</Fact>
        {visit.dischargedAt && (
          <Fact label={t('records.medical.discharged')}>{formatDateTime(visit.dischargedAt)}</Fact>
        )}
        {visit.diagnosis && (
          <Fact wide label={t('records.medical.diagnosis')}>
            {t('records.medical.diagnosisValue', { code: visit.diagnosis.code, name: visit.diagnosis.name })}
          </Fact>
        )}
        <Fact label={t('records.medical.totalCost')}>{formatMoney(visit.totalCost)}</Fact>
        <Fact label={t('records.medical.bhytPaid')}>{formatMoney(visit.bhytPaid)}</Fact>
        <Fact label={t('records.medical.patientPaid')}>{formatMoney(visit.patientPaid)}</Fact>
      </FactList>
      <Text size="md" c="dimmed">
        {t('records.medical.facilityCode', { code: visit.facility.code })}
      </Text>
    </RecordCard>
  );
}
