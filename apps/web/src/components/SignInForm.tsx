import { Anchor, Button, Card, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { IconLogin2 } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from './Notice.tsx';

interface SignInFormProps {
  usernameLabel: string;
  usernameHint?: string;
  /** Where "forgot password" leads; no link when absent. */
  forgotPasswordTo?: string;
  /** Digits only (BHXH code, CCCD number): the phone shows its number pad. */
  numericUsername?: boolean;
}

/**
 * The sign-in card. Sign-in arrives with the accounts release: until then the card says so, and the submit button
 * is disabled rather than pretending to work.
 */
export function SignInForm({ usernameLabel, usernameHint, forgotPasswordTo, numericUsername = false }: SignInFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const noticeId = useId();
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} id={titleId}>
          {t('signIn.title')}
        </Title>
        <Notice id={noticeId} title={t('signIn.comingSoonTitle')}>
          {t('signIn.comingSoon')}
        </Notice>
        <form
          noValidate
          aria-labelledby={titleId}
          aria-describedby={noticeId}
          onSubmit={(event) => event.preventDefault()}
        >
          <Stack gap="md">
            <TextInput
              name="username"
              label={usernameLabel}
              description={usernameHint}
              autoComplete="username"
              inputMode={numericUsername ? 'numeric' : 'text'}
              autoCapitalize="off"
              spellCheck={false}
            />
            <PasswordInput
              name="password"
              label={t('signIn.password')}
              autoComplete="current-password"
              visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
            />
            {forgotPasswordTo !== undefined && (
              <Anchor
                component={Link}
                to={forgotPasswordTo}
                fw={600}
                style={{ alignSelf: 'flex-start', display: 'inline-flex', alignItems: 'center', minHeight: 48 }}
              >
                {t('signIn.forgotPassword')}
              </Anchor>
            )}
            <Button
              type="submit"
              disabled
              fullWidth
              aria-describedby={noticeId}
              leftSection={<IconLogin2 size={22} aria-hidden="true" />}
            >
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
