import { Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { RequireRole } from '../auth/RequireRole.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SignInForm } from '../components/SignInForm.tsx';

/** Quản lý cá nhân: the citizen's own pages once signed in, the sign-in card before. */
export function PersonalTab() {
  return (
    <RequireRole role="citizen" signIn={(notice) => <CitizenSignIn notice={notice} />}>
      <Outlet />
    </RequireRole>
  );
}

/** The citizen's pages under Dịch vụ công (forms, my dossiers): the same sign-in, titled for the service. */
export function ServicesSignInGuard() {
  const { t } = useTranslation();
  return (
    <RequireRole
      role="citizen"
      signIn={(notice) => (
        <CitizenSignIn notice={notice} title={t('services.title')} intro={t('dossiers.common.signInToUse')} />
      )}
    >
      <Outlet />
    </RequireRole>
  );
}

/** Sign in with the BHXH code or CCCD number; register, recover a password, or find one's code. */
function CitizenSignIn({ notice, title, intro }: { notice: ReactNode; title?: string; intro?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{title ?? t('personal.title')}</PageTitle>
      <Text>{intro ?? t('personal.intro')}</Text>
      <SignInForm
        area="citizen"
        usernameLabel={t('personal.username')}
        usernameHint={t('personal.usernameHint')}
        forgotPasswordTo="/forgot-password"
        numericUsername
        notice={notice}
      />
      <Button
        component={Link}
        to="/register"
        variant="outline"
        leftSection={<IconUserPlus size={22} aria-hidden="true" />}
      >
        {t('personal.register')}
      </Button>
      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="find-code-title">
        <Stack gap="sm">
          <Title order={2} id="find-code-title">
            {t('personal.findCodeTitle')}
          </Title>
          <Text>{t('personal.findCodeBody')}</Text>
          <Anchor
            component={Link}
            to="/support#find-code"
            fw={600}
            style={{ display: 'inline-flex', alignItems: 'center', minHeight: 48 }}
          >
            {t('personal.findCodeGuide')}
          </Anchor>
          <Button
            component={Link}
            to="/lookup?section=code"
            variant="light"
            leftSection={<IconSearch size={22} aria-hidden="true" />}
          >
            {t('personal.lookupLink')}
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}
