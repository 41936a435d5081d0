import { Group, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type AccessCase, CHECK_RESULT_CODES } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { Fact, FactList } from '../../components/FactList.tsx';
import { formatDateTime } from '../../format.ts';
import { useAccessCases } from './cardChecksApi.ts';
import { FollowUpCard, FollowUpList, useFollowUpFilters } from './FollowUpList.tsx';
import { RevokeCardButton } from './RevokeCardForm.tsx';

/** Phản ánh "Không phải tôi": people of the province who say a look at their data was not them. */
export function AccessCasesPage() {
  const { t } = useTranslation();
  const { status, page } = useFollowUpFilters();
  const cases = useAccessCases(status, page);
  return (
    <FollowUpList
      title={t('desk.officer.cases.title')}
      intro={t('desk.officer.cases.intro')}
      label={t('desk.officer.cases.list')}
      totalText={(count) => t('desk.officer.cases.total', { count })}
      emptyText={t('desk.officer.cases.empty')}
      query={cases}
      itemKey={(item) => item.id}
      renderItem={(item) => <CaseCard item={item} />}
    />
  );
}

function CaseCard({ item }: { item: AccessCase }) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 36em)', true);
  const code = CHECK_RESULT_CODES.find((known) => known === item.event.result);
  const result = code ? `${code} – ${t(`checkResults.${code}`, { ns: 'errors' })}` : item.event.result;
  return (
    <FollowUpCard
      title={item.personName}
      when={`${t('desk.officer.cases.openedAt')}: ${formatDateTime(item.openedAt)}`}
      status={item.status}
      data={{ 'data-case-id': item.id }}
    >
      <FactList cols={wide ? 2 : 1}>
        <Fact label={t('desk.officer.cases.bhxhCode')}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{item.bhxhCode}</span>
        </Fact>
        <Fact label={t('desk.officer.cases.event')}>
          {t('desk.officer.cases.eventAt', {
            time: formatDateTime(item.event.at),
            organisation: item.event.organisation ?? t('desk.officer.cases.unknownOrganisation'),
          })}
        </Fact>
        <Fact label={t('desk.officer.cases.actor')}>{item.event.actorName}</Fact>
        <Fact label={t('desk.officer.cases.result')}>{result}</Fact>
        {item.note && (
          <Fact label={t('desk.officer.cases.note')} wide>
            <Text span fw={400} fz="md" style={{ whiteSpace: 'pre-wrap' }}>
              {item.note}
            </Text>
          </Fact>
        )}
      </FactList>
      <Group>
        <RevokeCardButton name={item.personName} bhxhCode={item.bhxhCode} />
      </Group>
    </FollowUpCard>
  );
}
