import { Anchor } from '@mantine/core';
import { IconArrowLeft, IconBuildingBank, IconBuildingHospital, IconSettings, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import type { BackofficeArea } from './areas.ts';
import classes from './BackofficeLayout.module.css';

const AREA_ICONS: Record<BackofficeArea, Icon> = {
  officer: IconBuildingBank,
  facility: IconBuildingHospital,
  admin: IconSettings,
};

/** A plain frame for staff: the area's name, the language, and a way back to the citizen app; no bottom tabs. */
export function BackofficeLayout({ area, children }: { area: BackofficeArea; children: ReactNode }) {
  const { t } = useTranslation();
  const AreaIcon = AREA_ICONS[area];
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className={classes.header}>
        <div className={classes.headerInner}>
          <span className={classes.areaName}>
            <AreaIcon size={28} aria-hidden="true" />
            {t(`backoffice.${area}.title`)}
          </span>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className={classes.main}>
        {children}
      </main>
      <footer className={classes.footer}>
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
