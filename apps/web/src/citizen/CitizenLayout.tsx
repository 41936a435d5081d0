import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { BottomNav } from './BottomNav.tsx';
import classes from './CitizenLayout.module.css';
import { RecordSubjectProvider } from './records/subject.tsx';

/** Header (name, language), main content, and the bottom tab bar: the citizen app's frame on a phone. */
export function CitizenLayout() {
  const { t } = useTranslation();
  const { pathname, hash } = useLocation();
  const mainRef = useFocusOnNavigation(pathname, hash);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className={classes.header}>
        <div className={classes.headerInner}>
          <Link to="/lookup" className={classes.brand}>
            <img src="/icon.svg" alt="" width={36} height={36} />
            <span className={classes.brandText}>
              <span className={classes.brandName}>{t('app.shortName')}</span>
              <span className={classes.brandTagline}>{t('app.tagline')}</span>
            </span>
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className={classes.main}>
        {/* Whose records (me or a registered child) holds across the personal pages and the card. */}
        <RecordSubjectProvider>
          <Outlet />
        </RecordSubjectProvider>
      </main>
      <BottomNav />
    </>
  );
}

/**
 * After a tab change, move focus to the new page's title so screen readers start there. Not on the first load, and
 * not when the link names a place in the page (#find-code): the page focuses that itself.
 */
function useFocusOnNavigation(pathname: string, hash: string) {
  const mainRef = useRef<HTMLElement>(null);
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (hash) return;
    const title = mainRef.current?.querySelector<HTMLElement>('[data-page-title]');
    (title ?? mainRef.current)?.focus();
    window.scrollTo({ top: 0 });
  }, [pathname, hash]);
  return mainRef;
}
