import { Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface PageTitleProps {
  /** The page's name, also used for the browser tab. */
  children: string;
}

/** The page's one h1; sets the document title. Focusable so that navigation can move focus to it. */
export function PageTitle({ children }: PageTitleProps) {
  const { t } = useTranslation();
  const documentTitle = t('app.pageTitle', { page: children });
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <Title order={1} tabIndex={-1} data-page-title>
      {children}
    </Title>
  );
}
