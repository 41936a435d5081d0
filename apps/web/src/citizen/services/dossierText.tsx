import { Box, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconCheck,
  IconCircleDot,
  IconFileText,
  IconMessageQuestion,
  IconX,
  type Icon,
} from '@tabler/icons-react';
import {
  DOSSIER_TYPES,
  dossierReason,
  type DossierAction,
  type DossierStatus,
  type DossierType,
} from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { RecordBadge } from '../records/RecordsPage.tsx';

export function isDossierType(value: string | undefined): value is DossierType {
  return value !== undefined && (DOSSIER_TYPES as readonly string[]).includes(value);
}

type Tone = 'vss' | 'forest' | 'amber' | 'danger';

const STATUS_TONES: Record<DossierStatus, Tone> = {
  submitted: 'vss',
  received: 'vss',
  in_processing: 'vss',
  needs_info: 'amber',
  resubmitted: 'vss',
  approved: 'forest',
  rejected: 'danger',
  withdrawn: 'amber',
};

/** The status as a word (never colour alone), strong once it needs the citizen or is final. */
export function DossierStatusBadge({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  const strong = status === 'needs_info' || status === 'approved' || status === 'rejected';
  return (
    <RecordBadge tone={STATUS_TONES[status]} strong={strong}>
      <span data-dossier-status={status}>{t(`dossiers.statuses.${status}`)}</span>
    </RecordBadge>
  );
}

/** A reason code localized; an unknown code (a newer server) is shown as it is rather than hidden. */
export function useReasonText() {
  const { t } = useTranslation();
  return (code: string | null): string | null => {
    if (code === null) return null;
    const parsed = dossierReason.safeParse(code);
    return parsed.success ? t(`dossiers.reasons.${parsed.data}`) : code;
  };
}

const ACTION_ICONS: Record<DossierAction, Icon> = {
  submit: IconFileText,
  receive: IconCircleDot,
  claim: IconCircleDot,
  request_info: IconMessageQuestion,
  resubmit: IconFileText,
  approve: IconCheck,
  reject: IconX,
  withdraw: IconX,
};

interface TimelineEvent {
  at: string;
  action: DossierAction;
  actor: string;
  reasonCode: string | null;
  note: string | null;
}

/**
 * Quá trình giải quyết: each step with its date, who did it and the reason given. The server names the filer "self":
 * "you" to the citizen, the applicant's name (selfName) to an officer.
 */
export function DossierTimeline({ events, selfName }: { events: TimelineEvent[]; selfName?: string }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  return (
    <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
      {events.map((event, index) => {
        const StepIcon = ACTION_ICONS[event.action];
        const reason = reasonText(event.reasonCode);
        const last = index === events.length - 1;
        return (
          <Group
            component="li"
            key={`${event.at}-${index}`}
            wrap="nowrap"
            align="stretch"
            gap="sm"
            data-dossier-event={event.action}
          >
            <Stack gap={0} align="center">
              <ThemeIcon size={36} radius="xl" variant={last ? 'filled' : 'light'} aria-hidden="true">
                <StepIcon size={20} />
              </ThemeIcon>
              {!last && <Box style={{ flex: 1, width: 3, background: 'var(--mantine-color-vss-2)' }} />}
            </Stack>
            <Stack gap={2} pb="md" style={{ flex: 1, minWidth: 0 }}>
              <Text fw={700} size="lg">
                {t(`dossiers.actions.${event.action}`)}
              </Text>
              <Text size="md">{formatDateTime(event.at)}</Text>
              <Text size="md">
                {t('dossiers.detail.by', {
                  actor: event.actor === 'self' ? (selfName ?? t('dossiers.detail.you')) : event.actor,
                })}
              </Text>
              {reason && (
                <Text size="md" fw={600}>
                  {t('dossiers.detail.reason', { reason })}
                </Text>
              )}
              {event.note && (
                <Text size="md" style={{ overflowWrap: 'anywhere' }}>
                  {t('dossiers.detail.note', { note: event.note })}
                </Text>
              )}
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

/** A random key per submission attempt (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
