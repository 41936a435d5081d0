import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle.tsx';
import { SignInForm } from '../components/SignInForm.tsx';
import type { BackofficeArea } from './areas.ts';

/** The sign-in screen of one staff area (officer, facility desk, admin, employer focal point). */
export function SignInScreen({ area, notice }: { area: BackofficeArea; notice?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t(`backoffice.${area}.title`)}</PageTitle>
      <Text>{t(`backoffice.${area}.description`)}</Text>
      <SignInForm
        area={area}
        usernameLabel={t('backoffice.username')}
        forgotPasswordTo={`/${area}/forgot-password`}
        notice={notice}
      />
    </Stack>
  );
}
