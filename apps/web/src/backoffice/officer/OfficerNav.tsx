import { Button, Group } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCreditCardOff,
  IconFileText,
  IconFolders,
  IconMessageReport,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

interface NavItem {
  to: string;
  label: 'registrations' | 'dossiers' | 'flags' | 'cases' | 'revoke';
  icon: Icon;
  /** Whether a path belongs to this item (the registrations item also covers each form's page). */
  matches: (path: string) => boolean;
}

const ITEMS: NavItem[] = [
  {
    to: '/officer',
    label: 'registrations',
    icon: IconFileText,
    matches: (path) => path === '/officer' || path.startsWith('/officer/registrations'),
  },
  {
    to: '/officer/dossiers',
    label: 'dossiers',
    icon: IconFolders,
    matches: (path) => path.startsWith('/officer/dossiers'),
  },
  {
    to: '/officer/card-flags',
    label: 'flags',
    icon: IconAlertTriangle,
    matches: (path) => path.startsWith('/officer/card-flags'),
  },
  {
    to: '/officer/access-cases',
    label: 'cases',
    icon: IconMessageReport,
    matches: (path) => path.startsWith('/officer/access-cases'),
  },
  {
    to: '/officer/card-revocations',
    label: 'revoke',
    icon: IconCreditCardOff,
    matches: (path) => path.startsWith('/officer/card-revocations'),
  },
];

/** The officer's sections: registration forms, and the follow-up of card checks. */
export function OfficerNav() {
  const { t } = useTranslation();
  const path = useLocation().pathname.replace(/\/+$/, '');
  return (
    <nav aria-label={t('desk.officer.nav.label')}>
      <Group gap="xs" wrap="wrap">
        {ITEMS.map(({ to, label, icon: ItemIcon, matches }) => {
          const current = matches(path);
          return (
            <Button
              key={to}
              component={Link}
              to={to}
              size="md"
              variant={current ? 'filled' : 'light'}
              aria-current={current ? 'page' : undefined}
              leftSection={<ItemIcon size={20} aria-hidden="true" />}
              styles={{ root: { minHeight: 48 } }}
            >
              {label === 'dossiers' ? t('dossiers.officer.nav') : t(`desk.officer.nav.${label}`)}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}

/** An officer's page under the section links. */
export function WithOfficerNav({ children }: { children: ReactNode }) {
  return (
    <>
      <OfficerNav />
      <div style={{ marginTop: 'var(--mantine-spacing-lg)' }}>{children}</div>
    </>
  );
}
