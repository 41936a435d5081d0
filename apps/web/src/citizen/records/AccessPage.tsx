import { Stack, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { ACCESS_PURPOSES, type AccessEvent, CHECK_RESULT_CODES, type RecordSubject } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { useAccessEvents } from '../../api/records.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { formatDateTime } from '../../format.ts';
import {
  LoadMore,
  loadedItems,
  Loading,
  OrNotProvided,
  RecordCard,
  RecordList,
  RecordsPage,
} from './RecordsPage.tsx';
import { useRecordSubject } from './subject.tsx';

/** Ai đã xem dữ liệu của tôi: every read of the person's data by someone else, newest first. */
export function AccessPage() {
  const { t } = useTranslation();
  const { child } = useRecordSubject();
  return (
    <RecordsPage
      title={t(child ? 'records.access.titleChild' : 'records.access.title')}
      intro={t('records.access.intro')}
    >
      {({ subject }) => <AccessLedger subject={subject} forChild={child !== null} />}
    </RecordsPage>
  );
}

function AccessLedger({ subject, forChild }: { subject: RecordSubject; forChild: boolean }) {
  const { t } = useTranslation();
  const events = useAccessEvents(subject);
  const items = loadedItems(events.data);
  if (events.isError && !events.isFetchNextPageError) {
    return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  }
  if (events.isPending) return <Loading />;
  if (items.length === 0) {
    return (
      <Stack align="center" gap="sm" py="lg" data-access-empty>
        <IconShieldCheck size={48} aria-hidden="true" color="var(--mantine-color-forest-8)" />
        <Text fw={700} size="lg" ta="center">
          {t(forChild ? 'records.access.emptyChild' : 'records.access.empty')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <RecordList label={t(forChild ? 'records.access.titleChild' : 'records.access.title')}>
        {items.map((event) => (
          <AccessCard key={event.id} event={event} />
        ))}
      </RecordList>
      <LoadMore query={events} />
    </Stack>
  );
}

const RESOURCES = ['profile', 'card', 'credential', 'participation', 'benefits', 'medical', 'check'] as const;
const PURPOSES = ['guardian', ...ACCESS_PURPOSES] as const;
const RESULTS = ['ok'] as const;

/** The known code's label; a code this version does not know yet (a new check result) is shown as it came. */
function known<T extends string>(codes: readonly T[], value: string): T | undefined {
  return codes.find((code) => code === value);
}

function AccessCard({ event }: { event: AccessEvent }) {
  const { t } = useTranslation();
  const purpose = known(PURPOSES, event.purpose);
  const resource = known(RESOURCES, event.resource);
  const result = known(RESULTS, event.result);
  const checkResult = known(CHECK_RESULT_CODES, event.result);
  const resultLabel = result
    ? t(`records.access.results.${result}`)
    : checkResult
      ? t(`records.access.checkResults.${checkResult}`)
      : event.result;
  return (
    <RecordCard level={2} title={formatDateTime(event.at)}>
      <FactList>
        <Fact label={t('records.access.who')}>
          <div>{event.actorName}</div>
          <Text span fw={400} fz="md">
            {t(`records.access.actorTypes.${event.actorType}`)}
          </Text>
        </Fact>
        <Fact label={t('records.access.organisation')}>
          {event.organisation ??
            (event.actorType === 'guardian' ? t('records.access.family') : <OrNotProvided value={null} />)}
        </Fact>
        <Fact label={t('records.access.purpose')}>
          {purpose ? t(`records.access.purposes.${purpose}`) : event.purpose}
        </Fact>
        <Fact label={t('records.access.resource')}>
          {resource ? t(`records.access.resources.${resource}`) : event.resource}
        </Fact>
        <Fact label={t('records.access.result')}>{resultLabel}</Fact>
      </FactList>
    </RecordCard>
  );
}
