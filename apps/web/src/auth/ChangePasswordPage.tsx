import { Alert, Anchor, Card, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { useAuth } from './useAuth.ts';

/** "Đổi mật khẩu" when the person chooses to (the forced change has its own screen). */
export function ChangePasswordPage({ backTo }: { backTo: string }) {
  const { t } = useTranslation();
  const { account } = useAuth();
  const [done, setDone] = useState(false);
  if (!account) return null;
  return (
    <Stack gap="lg">
      <BackLink to={backTo} />
      <PageTitle>{t('password.changeTitle')}</PageTitle>
      {done ? (
        <Alert role="status" color="forest" variant="light" icon={<IconCircleCheck aria-hidden="true" />}>
          <Text fw={700}>{t('password.changed')}</Text>
        </Alert>
      ) : (
        <>
          <Text>{t('password.changeIntro')}</Text>
          <Card withBorder padding="lg" radius="md">
            <ChangePasswordForm login={account.login} onDone={() => setDone(true)} />
          </Card>
        </>
      )}
    </Stack>
  );
}

export function BackLink({ to, label }: { to: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to={to}
      fw={600}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 48, alignSelf: 'flex-start' }}
    >
      <IconArrowLeft size={20} aria-hidden="true" />
      {label ?? t('common.back')}
    </Anchor>
  );
}
