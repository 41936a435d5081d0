import { Alert, Group, List, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import {
  PARTICIPATION_SCHEMES,
  type ParticipationPeriod,
  type ParticipationScheme,
  type RecordSubject,
  type SchemeTotals,
} from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParticipationPeriods, useParticipationSummary } from '../../api/records.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { formatMoney, formatMonth, useMonthsInWords } from '../../format.ts';
import classes from './records.module.css';
import {
  LoadMore,
  loadedItems,
  Loading,
  OrNotProvided,
  RecordBadge,
  RecordCard,
  RecordList,
  RecordsPage,
} from './RecordsPage.tsx';

/** Quá trình tham gia: totals per scheme, employer arrears marked, and the periods of the chosen scheme. */
export function ParticipationPage() {
  const { t } = useTranslation();
  return (
    <RecordsPage title={t('records.participation.title')} intro={t('records.participation.intro')}>
      {({ subject }) => <Participation subject={subject} />}
    </RecordsPage>
  );
}

function Participation({ subject }: { subject: RecordSubject }) {
  const { t } = useTranslation();
  const monthsInWords = useMonthsInWords();
  const summary = useParticipationSummary(subject);
  const [scheme, setScheme] = useState<ParticipationScheme>('bhxh');

  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  if (summary.isPending) return <Loading blocks={2} />;

  const schemes = summary.data.schemes;
  const chosen = schemes.find((item) => item.scheme === scheme);
  const inArrears = schemes.filter((item) => item.arrears.months > 0);
  return (
    <>
      {inArrears.length > 0 && <ArrearsNotice schemes={inArrears} />}
      <Radio.Group
        label={t('records.participation.schemesLabel')}
        value={scheme}
        onChange={(value) => setScheme(PARTICIPATION_SCHEMES.find((item) => item === value) ?? 'bhxh')}
        styles={{ label: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 700, marginBottom: 8 } }}
      >
        <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
          {schemes.map((item) => (
            <Radio.Card
              key={item.scheme}
              value={item.scheme}
              className={classes.choice}
              radius="md"
              data-scheme={item.scheme}
            >
              <Group wrap="nowrap" gap="sm" align="flex-start">
                <Radio.Indicator size="md" mt={4} />
                <Stack gap={2}>
                  <Text fw={800} size="lg">
                    {t(`records.participation.schemes.${item.scheme}.short`)}
                  </Text>
                  <Text size="md" data-paid-total>
                    {monthsInWords(item.paid.months)}
                  </Text>
                  {item.arrears.months > 0 && (
                    <RecordBadge tone="danger" strong>
                      {t('records.participation.arrearsBadge')}
                    </RecordBadge>
                  )}
                </Stack>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
      {chosen && <SchemeTotalsCard totals={chosen} />}
      <Periods key={scheme} subject={subject} scheme={scheme} />
    </>
  );
}

/** Employer arrears, fund by fund: declared months that are not paid and so do not count yet. */
function ArrearsNotice({ schemes }: { schemes: SchemeTotals[] }) {
  const { t } = useTranslation();
  const monthsInWords = useMonthsInWords();
  return (
    <Alert
      role="note"
      color="danger"
      variant="light"
      title={t('records.participation.arrearsTitle')}
      icon={<IconAlertTriangle aria-hidden="true" />}
      data-arrears-notice
      styles={{
        root: { border: '2px solid var(--mantine-color-danger-8)' },
        title: { fontSize: 'var(--mantine-font-size-lg)', color: 'var(--mantine-color-danger-9)' },
        message: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' },
      }}
    >
      <Stack gap="sm">
        <List size="md" spacing={4}>
          {schemes.map((item) => (
            <List.Item key={item.scheme} fw={700} data-arrears-fund={item.scheme}>
              {t('records.participation.arrearsFund', {
                scheme: t(`records.participation.schemes.${item.scheme}.short`),
                duration: monthsInWords(item.arrears.months),
                amount: formatMoney(item.arrears.amount),
              })}
            </List.Item>
          ))}
        </List>
        <Text size="md">{t('records.participation.arrearsExplain')}</Text>
      </Stack>
    </Alert>
  );
}

function SchemeTotalsCard({ totals }: { totals: SchemeTotals }) {
  const { t } = useTranslation();
  const monthsInWords = useMonthsInWords();
  const short = t(`records.participation.schemes.${totals.scheme}.short`);
  return (
    <SectionCard title={`${t(`records.participation.schemes.${totals.scheme}.name`)} (${short})`} gap="sm">
      <FactList>
        <Fact label={t('records.participation.paidTotal')}>
          <Text span fw={800} fz="xl" data-scheme-paid>
            {monthsInWords(totals.paid.months)}
          </Text>
        </Fact>
        {totals.firstMonth && totals.lastMonth && (
          <Fact label={t('records.participation.span')}>
            {t('records.participation.spanValue', {
              from: formatMonth(totals.firstMonth),
              to: formatMonth(totals.lastMonth),
            })}
          </Fact>
        )}
        {totals.arrears.months > 0 && (
          <>
            <Fact label={t('records.participation.arrearsMonths')}>
              <Group gap="xs">
                <RecordBadge tone="danger" strong>
                  {t('records.participation.arrearsBadge')}
                </RecordBadge>
                <span data-scheme-arrears-months>{monthsInWords(totals.arrears.months)}</span>
              </Group>
            </Fact>
            <Fact label={t('records.participation.arrearsAmount')}>
              <Text span c="danger.8" fw={800} data-scheme-arrears-amount>
                {formatMoney(totals.arrears.amount)}
              </Text>
            </Fact>
          </>
        )}
      </FactList>
    </SectionCard>
  );
}

function Periods({ subject, scheme }: { subject: RecordSubject; scheme: ParticipationScheme }) {
  const { t } = useTranslation();
  const headingId = useId();
  const periods = useParticipationPeriods(subject, scheme);
  const items = loadedItems(periods.data);
  const short = t(`records.participation.schemes.${scheme}.short`);
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        {t('records.participation.periodsTitle', { scheme: short })}
      </Title>
      {periods.isError && !periods.isFetchNextPageError && (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      )}
      {periods.isPending && <Loading />}
      {periods.isSuccess && items.length === 0 && (
        <Text>{t('records.participation.none', { scheme: short })}</Text>
      )}
      {items.length > 0 && (
        <RecordList>
          {items.map((period, index) => (
            <PeriodCard key={`${period.fromMonth}-${period.status}-${index}`} period={period} />
          ))}
        </RecordList>
      )}
      <LoadMore query={periods} />
    </Stack>
  );
}

function PeriodCard({ period }: { period: ParticipationPeriod }) {
  const { t } = useTranslation();
  const monthsInWords = useMonthsInWords();
  const arrears = period.status === 'arrears';
  return (
    <RecordCard
      className={arrears ? classes.arrearsCard : undefined}
      title={t('records.participation.period', {
        from: formatMonth(period.fromMonth),
        to: formatMonth(period.toMonth),
      })}
      badges={
        <>
          {arrears && (
            <RecordBadge tone="danger" strong>
              {t('records.participation.arrearsBadge')}
            </RecordBadge>
          )}
          <RecordBadge tone={period.kind === 'voluntary' ? 'forest' : 'vss'}>
            {t(`records.participation.kinds.${period.kind}`)}
          </RecordBadge>
        </>
      }
    >
      <FactList cols={2}>
        <Fact wide label={t('records.participation.duration')}>
          {monthsInWords(period.months)}
        </Fact>
        {period.employer && (
          <Fact wide label={t('records.participation.employer')}>
            <div>{period.employer.name}</div>
            {period.employer.taxCode && (
              <Text span fw={400} fz="md">
                {t('records.participation.taxCode', { code: period.employer.taxCode })}
              </Text>
            )}
          </Fact>
        )}
        {period.kind === 'compulsory' && (
          <>
            <Fact label={t('records.participation.occupation')}>
              <OrNotProvided value={period.occupation} />
            </Fact>
            <Fact label={t('records.participation.position')}>
              <OrNotProvided value={period.position} />
            </Fact>
          </>
        )}
        <Fact
          label={t(
            period.kind === 'voluntary'
              ? 'records.participation.incomeBase'
              : 'records.participation.salaryBase',
          )}
        >
          {formatMoney(period.salaryBase)}
        </Fact>
        <Fact label={t('records.participation.monthlyAmount')}>{formatMoney(period.monthlyAmount)}</Fact>
      </FactList>
    </RecordCard>
  );
}
