import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { ACCESS_PURPOSES, type AccessEvent, CHECK_RESULT_CODES, type RecordSubject } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { disputeAccessEvent, useAccessEvents } from '../../api/records.ts';
import { AppModal } from '../../components/AppModal.tsx';
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
          <AccessCard key={event.id} event={event} subject={subject} />
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

function AccessCard({ event, subject }: { event: AccessEvent; subject: RecordSubject }) {
  const { t } = useTranslation();
  const purpose = known(PURPOSES, event.purpose);
  const resource = known(RESOURCES, event.resource);
  const result = known(RESULTS, event.result);
  const checkResult = known(CHECK_RESULT_CODES, event.result);
  const resultLabel = result
    ? t(`records.access.results.${result}`)
    : checkResult
      ? `${checkResult} – ${t(`checkResults.${checkResult}`, { ns: 'errors' })}`
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
      <DisputeAction subject={subject} accessEventId={event.id} />
    </RecordCard>
  );
}

/** "This wasn't me": a case for the social insurance office about this one entry, with an optional note. */
function DisputeAction({ subject, accessEventId }: { subject: RecordSubject; accessEventId: number }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [note, setNote] = useState('');
  const dispute = useMutation({ mutationFn: () => disputeAccessEvent(subject, accessEventId, note) });
  const already = dispute.error instanceof ApiError && dispute.error.code === 'ALREADY_DISPUTED';
  if (dispute.isSuccess || already) {
    return (
      <Text role="status" fw={600} c="forest.8">
        {already ? t('records.dispute.already') : t('records.dispute.sent')}
      </Text>
    );
  }
  return (
    <>
      <Button
        variant="outline"
        color="danger"
        onClick={() => setOpened(true)}
        leftSection={<IconAlertTriangle size={20} aria-hidden="true" />}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('records.dispute.button')}
      </Button>
      <AppModal opened={opened} onClose={() => setOpened(false)} title={t('records.dispute.title')}>
        <Stack gap="md">
          <Text>{t('records.dispute.body')}</Text>
          <Textarea label={t('records.dispute.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
          {dispute.isError && <ErrorState error={dispute.error} onRetry={() => dispute.mutate()} />}
          <Button onClick={() => dispute.mutate()} loading={dispute.isPending} color="danger">
            {t('records.dispute.send')}
          </Button>
        </Stack>
      </AppModal>
    </>
  );
}
