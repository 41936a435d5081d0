import { IconBuildingBank, IconHeadset, IconSearch, IconUserCircle, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import classes from './CitizenLayout.module.css';

interface Tab {
  to: string;
  label: 'nav.personal' | 'nav.services' | 'nav.lookup' | 'nav.support';
  icon: Icon;
}

const TABS: readonly Tab[] = [
  { to: '/personal', label: 'nav.personal', icon: IconUserCircle },
  { to: '/services', label: 'nav.services', icon: IconBuildingBank },
  { to: '/lookup', label: 'nav.lookup', icon: IconSearch },
  { to: '/support', label: 'nav.support', icon: IconHeadset },
];

/** The four tabs of the citizen app. NavLink marks the active one with aria-current="page". */
export function BottomNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className={classes.bottomNav}>
      <ul className={classes.tabList}>
        {TABS.map(({ to, label, icon: TabIcon }) => (
          <li key={to} className={classes.tabItem}>
            <NavLink to={to} className={classes.tab}>
              <TabIcon size={26} stroke={1.8} aria-hidden="true" />
              <span className={classes.tabLabel}>{t(label)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
