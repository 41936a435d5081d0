import { Anchor, Button, Menu } from '@mantine/core';
import {
  IconArrowLeft,
  IconBriefcase,
  IconBuildingBank,
  IconBuildingHospital,
  IconChevronDown,
  IconKey,
  IconLogout,
  IconSettings,
  IconUserCircle,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/useAuth.ts';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import type { BackofficeArea } from './areas.ts';
import classes from './BackofficeLayout.module.css';

const AREA_ICONS: Record<BackofficeArea, Icon> = {
  officer: IconBuildingBank,
  facility: IconBuildingHospital,
  admin: IconSettings,
  employer: IconBriefcase,
};

/**
 * A plain frame for staff: the area's name, the language, the signed-in person's menu (password, sign out), and a way
 * back to the citizen app; no bottom tabs. Wide once signed in: queues and tables need the room.
 */
export function BackofficeLayout({ area, children }: { area: BackofficeArea; children: ReactNode }) {
  const { t } = useTranslation();
  const { account, signOut } = useAuth();
  const AreaIcon = AREA_ICONS[area];
  const signedInHere = account !== null && account.role === area;
  const wide = signedInHere && !account.mustChangePassword && !account.passwordExpired;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className={classes.header}>
        <div className={classes.headerInner}>
          <Link to={`/${area}`} className={classes.areaName}>
            <AreaIcon size={28} aria-hidden="true" />
            {t(`backoffice.${area}.title`)}
          </Link>
          <div className={classes.tools}>
            {signedInHere && (
              <Menu position="bottom-end" shadow="md" width={260}>
                <Menu.Target>
                  <Button
                    variant="white"
                    color="dark"
                    size="md"
                    leftSection={<IconUserCircle size={22} aria-hidden="true" />}
                    rightSection={<IconChevronDown size={18} aria-hidden="true" />}
                    aria-label={t('backoffice.accountMenu', { name: account.displayName })}
                    styles={{
                      root: { minHeight: 48 },
                      label: {
                        maxWidth: 'min(180px, 24vw)',
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        whiteSpace: 'nowrap',
                      },
                    }}
                  >
                    {account.displayName}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{t(`roles.${account.role}`)}</Menu.Label>
                  <Menu.Item
                    component={Link}
                    to={`/${area}/password`}
                    leftSection={<IconKey size={20} aria-hidden="true" />}
                    style={{ minHeight: 48, fontSize: 'var(--mantine-font-size-md)' }}
                  >
                    {t('account.changePassword')}
                  </Menu.Item>
                  <Menu.Item
                    color="danger"
                    onClick={() => void signOut()}
                    leftSection={<IconLogout size={20} aria-hidden="true" />}
                    style={{ minHeight: 48, fontSize: 'var(--mantine-font-size-md)' }}
                  >
                    {t('auth.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`${classes.main} ${wide ? classes.wide : ''}`}>
        {children}
      </main>
      <footer className={`${classes.footer} ${wide ? classes.wide : ''}`}>
        <Anchor
          component={Link}
          to="/lookup"
          fw={600}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 48 }}
        >
          <IconArrowLeft size={20} aria-hidden="true" />
          {t('common.backToCitizenApp')}
        </Anchor>
      </footer>
    </>
  );
}
