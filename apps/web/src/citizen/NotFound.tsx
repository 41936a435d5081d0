import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <Text>{t('notFound.body')}</Text>
      <Button component={Link} to="/lookup" style={{ alignSelf: 'flex-start' }}>
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
