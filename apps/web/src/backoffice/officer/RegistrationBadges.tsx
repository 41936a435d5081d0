import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Status = 'submitted' | 'approved' | 'rejected' | 'expired';

const STATUS_COLOURS: Record<Status, string> = {
  submitted: 'vss',
  approved: 'forest',
  rejected: 'danger',
  expired: 'dark',
};

const badgeStyles = {
  label: { fontSize: '0.9375rem', whiteSpace: 'normal' as const },
  root: { height: 'auto', paddingBlock: 4 },
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" size="lg" tt="none" styles={badgeStyles}>
      {t(`registrationStatus.${status}`)}
    </Badge>
  );
}

/** Working days before the form is cancelled automatically; red from 2 days on, so the oldest are seen first. */
export function DaysLeftBadge({ status, daysLeft }: { status: Status; daysLeft: number }) {
  const { t } = useTranslation();
  if (status !== 'submitted') return <StatusBadge status={status} />;
  const urgent = daysLeft <= 2;
  return (
    <Badge
      color={urgent ? 'danger' : 'dark'}
      variant={urgent ? 'filled' : 'light'}
      size="lg"
      tt="none"
      leftSection={urgent ? <IconAlertTriangle size={16} aria-hidden="true" /> : undefined}
      styles={badgeStyles}
      data-urgent={urgent}
    >
      {daysLeft <= 0 ? t('officer.lastDay') : t('officer.daysLeft', { count: daysLeft })}
    </Badge>
  );
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation();
  return verified ? (
    <Badge
      color="forest"
      variant="light"
      size="lg"
      tt="none"
      leftSection={<IconShieldCheck size={16} aria-hidden="true" />}
      styles={badgeStyles}
    >
      {t('officer.verified')}
    </Badge>
  ) : (
    <Badge
      color="amber"
      variant="light"
      size="lg"
      tt="none"
      styles={{ ...badgeStyles, root: { ...badgeStyles.root, color: 'var(--mantine-color-amber-9)' } }}
    >
      {t('officer.notVerified')}
    </Badge>
  );
}
