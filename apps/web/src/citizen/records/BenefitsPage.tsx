import { NativeSelect, Stack, Text } from '@mantine/core';
import { BENEFIT_KINDS, type BenefitItem, type BenefitKind, type RecordSubject } from '@vssid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBenefits } from '../../api/records.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { formatDate, formatMoney, useFormatters, useMonthsInWords } from '../../format.ts';
import { PaymentArrangements } from '../services/PaymentArrangements.tsx';
import { LoadMore, loadedItems, Loading, RecordCard, RecordList, RecordsPage } from './RecordsPage.tsx';

const ALL = 'all';

/** Thông tin hưởng: every benefit decided for the person, filterable by kind, newest first. */
export function BenefitsPage() {
  const { t } = useTranslation();
  return (
    <RecordsPage title={t('records.benefits.title')} intro={t('records.benefits.intro')}>
      {({ subject }) => (
        <>
          {/* The pay place and method belong to the account's own benefits, not a child's. */}
          {subject === 'me' && <PaymentArrangements />}
          <Benefits subject={subject} />
        </>
      )}
    </RecordsPage>
  );
}

function Benefits({ subject }: { subject: RecordSubject }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<BenefitKind | null>(null);
  const benefits = useBenefits(subject, kind);
  const items = loadedItems(benefits.data);
  return (
    <>
      <NativeSelect
        size="lg"
        label={t('records.benefits.kindFilter')}
        value={kind ?? ALL}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setKind(BENEFIT_KINDS.find((item) => item === value) ?? null);
        }}
        data={[
          { value: ALL, label: t('records.benefits.allKinds') },
          ...BENEFIT_KINDS.map((item) => ({ value: item, label: t(`records.benefits.kinds.${item}`) })),
        ]}
      />
      <Stack gap="sm">
        {benefits.isError && !benefits.isFetchNextPageError && (
          <ErrorState error={benefits.error} onRetry={() => void benefits.refetch()} />
        )}
        {benefits.isPending && <Loading />}
        {benefits.isSuccess && items.length === 0 && (
          <Text>
            {kind === null
              ? t('records.benefits.empty')
              : t('records.benefits.emptyKind', { kind: t(`records.benefits.kinds.${kind}`) })}
          </Text>
        )}
        {items.length > 0 && (
          <RecordList label={t('records.benefits.title')}>
            {items.map((item) => (
              <BenefitCard key={item.id} benefit={item} />
            ))}
          </RecordList>
        )}
        <LoadMore query={benefits} />
      </Stack>
    </>
  );
}

/** How each figure behind an amount reads; anything else the server adds is left out rather than shown raw. */
const DETAILS = {
  days: 'days',
  months: 'months',
  contributionMonths: 'months',
  averageSalary: 'money',
  ratePercent: 'percent',
  percent: 'percent',
  previousMonthlyAmount: 'money',
  childBirthAllowance: 'money',
} as const;
type DetailName = keyof typeof DETAILS;
const DETAIL_NAMES = Object.keys(DETAILS).filter((name): name is DetailName => name in DETAILS);

function BenefitCard({ benefit }: { benefit: BenefitItem }) {
  const { t } = useTranslation();
  const { percent } = useFormatters();
  const monthsInWords = useMonthsInWords();

  const detail = (name: DetailName, value: number | string): string => {
    if (typeof value === 'string') return value;
    switch (DETAILS[name]) {
      case 'days':
        return t('records.duration.days', { count: value });
      case 'months':
        return monthsInWords(value);
      case 'money':
        return formatMoney(value);
      case 'percent':
        return percent(value);
    }
  };
  // For a one-time payment the months are the contribution time it pays for, not months of benefit.
  const detailLabel = (name: DetailName) =>
    t(
      `records.benefits.details.${benefit.kind === 'one_time' && name === 'months' ? 'contributionMonths' : name}`,
    );

  return (
    <RecordCard level={2} title={t(`records.benefits.kinds.${benefit.kind}`)}>
      <FactList cols={2}>
        <Fact wide label={t('records.benefits.dates')}>
          {benefit.toDate
            ? t('records.benefits.datesRange', {
                from: formatDate(benefit.fromDate),
                to: formatDate(benefit.toDate),
              })
            : t('records.benefits.datesFrom', { from: formatDate(benefit.fromDate) })}
        </Fact>
        {benefit.amount !== null && (
          <Fact label={t('records.benefits.amount')}>
            <Text span fw={800} fz="lg" data-benefit-amount>
              {formatMoney(benefit.amount)}
            </Text>
          </Fact>
        )}
        {benefit.monthlyAmount !== null && (
          <Fact label={t('records.benefits.monthlyAmount')}>
            <Text span fw={800} fz="lg" data-benefit-monthly>
              {formatMoney(benefit.monthlyAmount)}
            </Text>
          </Fact>
        )}
        {DETAIL_NAMES.map((name) => {
          const value = benefit.details?.[name];
          return value === undefined ? null : (
            <Fact key={name} label={detailLabel(name)}>
              {detail(name, value)}
            </Fact>
          );
        })}
        <Fact wide label={t('records.benefits.decision')}>
          {t('records.benefits.decisionValue', {
            number: benefit.decisionNumber,
            date: formatDate(benefit.decidedOn),
          })}
        </Fact>
        <Fact wide label={t('records.benefits.agency')}>
          {benefit.agency}
        </Fact>
      </FactList>
    </RecordCard>
  );
}
