import { Alert, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconKey, IconSend, IconWifi, IconWifiOff } from '@tabler/icons-react';
import type { CheckResult } from '@vssid/shared';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/useAuth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../format.ts';
import { CheckForm } from './CheckForm.tsx';
import { CheckResultDetails, ResultBanner, useOutcomeMessage } from './CheckResultPanel.tsx';
import { type DeskOutcome, outcomeOfServer } from './deskOutcome.ts';
import type { PendingCheck } from './offlineDesk.ts';
import { OpenVisits } from './OpenVisits.tsx';
import { type DeskSync, useDeskSync } from './useDeskSync.ts';

/** A check queued offline that the server answered differently (a card revoked meanwhile, say): the desk must know. */
interface LateAnswer {
  id: string;
  scannedAt: string;
  result: CheckResult;
}

/** The facility desk (/facility): check a card, see the answer at a glance, open and close visits. */
export function FacilityHome() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const [outcome, setOutcome] = useState<DeskOutcome | null>(null);
  const [lateAnswers, setLateAnswers] = useState<LateAnswer[]>([]);
  const resultTitleId = useId();
  const login = account?.login ?? '';

  // The outcome on screen, read when a queued check's answer arrives (outside React's render).
  const shownKey = useRef<string | null>(null);
  const show = useCallback((next: DeskOutcome) => {
    shownKey.current = next.key;
    setOutcome(next);
  }, []);
  const onSent = useCallback(
    (check: PendingCheck, result: CheckResult) => {
      if (shownKey.current === check.id) show(outcomeOfServer(result));
      // Not on screen any more and not valid after all: say so, it may be a card revoked meanwhile.
      else if (!result.valid)
        setLateAnswers((list) => [...list, { id: check.id, scannedAt: check.scannedAt, result }]);
    },
    [show],
  );
  const sync = useDeskSync(login, onSent);

  // On a phone the answer is below the input: bring it into sight (focus stays in the input for the next scan).
  const resultRef = useRef<HTMLDivElement>(null);
  const outcomeKey = outcome?.key;
  useEffect(() => {
    if (outcomeKey) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [outcomeKey]);

  if (!account) return null;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageTitle>{t('desk.title')}</PageTitle>
        <Text size="md">
          {account.scope.facilityCode && `${t('desk.facility', { code: account.scope.facilityCode })} · `}
          {t('desk.staff', { name: account.displayName })}
        </Text>
      </Stack>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <CheckForm login={login} facilityCode={account.scope.facilityCode} sync={sync} onOutcome={show} />
            <Stack
              component="section"
              aria-labelledby={resultTitleId}
              gap="md"
              style={outcome ? undefined : { display: 'none' }}
            >
              <Title order={2} size="h3" id={resultTitleId}>
                {t('desk.result.title')}
              </Title>
              {/* Always in the page, so that screen readers announce each new answer. */}
              <div ref={resultRef} role="status" aria-live="polite" aria-atomic="true" data-check-result>
                {outcome && <ResultBanner key={outcome.key} outcome={outcome} />}
              </div>
              {outcome && <CheckResultDetails key={outcome.key} outcome={outcome} />}
            </Stack>
            {lateAnswers.map((answer) => (
              <LateAnswerAlert
                key={answer.id}
                answer={answer}
                onDismiss={() => setLateAnswers((list) => list.filter((item) => item.id !== answer.id))}
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <ConnectionStatus sync={sync} />
            <OpenVisits />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function LateAnswerAlert({ answer, onDismiss }: { answer: LateAnswer; onDismiss: () => void }) {
  const { t } = useTranslation();
  const message = useOutcomeMessage(outcomeOfServer(answer.result));
  return (
    <Alert
      color="danger"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle aria-hidden="true" />}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onDismiss}
      styles={{ closeButton: { width: 44, height: 44, minWidth: 44, minHeight: 44 } }}
    >
      <Text size="md" fw={600}>
        {t('desk.result.lateAnswer', {
          time: formatDateTime(answer.scannedAt),
          name: answer.result.card?.fullName ?? '—',
          code: answer.result.resultCode,
          message,
        })}
      </Text>
    </Alert>
  );
}

function ConnectionStatus({ sync }: { sync: DeskSync }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { online, keysAt, pending, sending } = sync;
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="section"
      aria-labelledby={titleId}
      bg={online ? undefined : 'amber.0'}
      data-online={online}
      data-keys-ready={keysAt ? 'true' : 'false'}
    >
      <Title order={2} size="h4" id={titleId} className="visually-hidden-label">
        {t('desk.status.label')}
      </Title>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          {online ? (
            <IconWifi size={24} aria-hidden="true" color="var(--mantine-color-forest-8)" />
          ) : (
            <IconWifiOff size={24} aria-hidden="true" color="var(--mantine-color-amber-9)" />
          )}
          <Text fw={700} size="lg" c={online ? 'forest.8' : 'amber.9'}>
            {online ? t('desk.status.online') : t('desk.status.offline')}
          </Text>
        </Group>
        {!online && <Text size="md">{t('desk.status.offlineHint')}</Text>}
        {keysAt !== undefined && (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconKey size={20} aria-hidden="true" style={{ flexShrink: 0, marginTop: 3 }} />
            <Text size="md">
              {keysAt
                ? t('desk.status.keysReady', { time: formatDateTime(keysAt) })
                : t('desk.status.keysMissing')}
            </Text>
          </Group>
        )}
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Text
            size="md"
            fw={pending > 0 ? 700 : 400}
            role="status"
            aria-live="polite"
            data-pending-count={pending}
          >
            {pending > 0 ? t('desk.status.pending', { count: pending }) : t('desk.status.noPending')}
          </Text>
          {online && pending > 0 && (
            <Button
              variant="outline"
              loading={sending}
              leftSection={<IconSend size={20} aria-hidden="true" />}
              onClick={sync.flush}
            >
              {t('desk.status.sendNow')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
