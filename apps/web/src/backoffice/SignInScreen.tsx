import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle.tsx';
import { SignInForm } from '../components/SignInForm.tsx';
import type { BackofficeArea } from './areas.ts';
import { BackofficeLayout } from './BackofficeLayout.tsx';

/** The sign-in screen of one staff area (officer, facility desk, admin). Sign-in itself arrives with accounts. */
export function SignInScreen({ area }: { area: BackofficeArea }) {
  const { t } = useTranslation();
  return (
    <BackofficeLayout area={area}>
      <Stack gap="lg">
        <PageTitle>{t(`backoffice.${area}.title`)}</PageTitle>
        <Text>{t(`backoffice.${area}.description`)}</Text>
        <SignInForm usernameLabel={t('backoffice.username')} />
      </Stack>
    </BackofficeLayout>
  );
}
