import { Button, Card, Center, Loader, Stack, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import type { AccountSummary, Role } from '@vssid/shared';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../components/Notice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { useAuth } from './useAuth.ts';

interface RequireRoleProps {
  role: Role;
  /** What to show to someone not signed in with this role: the area's sign-in screen. */
  signIn: (notice: ReactNode) => ReactNode;
  children: ReactNode;
}

/**
 * Shows `children` only to an account of `role`; anyone else gets the sign-in screen, and an account whose password
 * must be changed gets the change screen and nothing else (the server refuses everything else anyway).
 */
export function RequireRole({ role, signIn, children }: RequireRoleProps) {
  const { t } = useTranslation();
  const { session, account, mustChangePassword } = useAuth();
  useFocusTitleOnSignIn(
    account === null || account.role !== role ? 'out' : mustChangePassword ? 'change' : 'in',
  );

  if (session.status === 'unknown' || session.status === 'checking') {
    return (
      <Center py="xl">
        <Stack align="center" gap="sm" role="status">
          <Loader aria-hidden="true" />
          <Text>{t('auth.checking')}</Text>
        </Stack>
      </Center>
    );
  }
  if (account === null) {
    const ended = session.status === 'signedOut' && session.reason === 'ended';
    return signIn(ended ? <Notice>{t('auth.sessionEnded')}</Notice> : null);
  }
  if (account.role !== role) {
    return signIn(<OtherAccountNotice account={account} />);
  }
  if (mustChangePassword) return <ForcedPasswordChange account={account} />;
  return children;
}

/** After signing in (or finishing a forced change), the page changes under the reader: start again at its title. */
function useFocusTitleOnSignIn(view: 'out' | 'change' | 'in') {
  const previous = useRef(view);
  useEffect(() => {
    if (previous.current !== view && view !== 'out') {
      document.querySelector<HTMLElement>('main [data-page-title]')?.focus();
    }
    previous.current = view;
  }, [view]);
}

function OtherAccountNotice({ account }: { account: AccountSummary }) {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  return (
    <Notice>
      <Stack gap="xs">
        <Text>{t('auth.otherAccount', { name: account.displayName, role: t(`roles.${account.role}`) })}</Text>
        <Button
          variant="outline"
          onClick={() => void signOut()}
          leftSection={<IconLogout size={20} aria-hidden="true" />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('auth.signOut')}
        </Button>
      </Stack>
    </Notice>
  );
}

/** First sign-in or a password older than 6 months: change it, or sign out. */
export function ForcedPasswordChange({ account }: { account: AccountSummary }) {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  return (
    <Stack gap="lg">
      <PageTitle>{t('password.forcedTitle')}</PageTitle>
      <Notice>
        {account.passwordExpired && !account.mustChangePassword
          ? t('password.expiredIntro')
          : t('password.firstIntro')}
      </Notice>
      <Card withBorder padding="lg" radius="md">
        <ChangePasswordForm login={account.login} onDone={() => undefined} />
      </Card>
      <Button
        variant="subtle"
        onClick={() => void signOut()}
        leftSection={<IconLogout size={20} aria-hidden="true" />}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('auth.signOut')}
      </Button>
    </Stack>
  );
}
