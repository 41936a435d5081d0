import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLogin2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { Role } from '@vssid/shared';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../api/client.ts';
import { signIn } from '../auth/session.ts';
import { serverFieldErrors, type FieldErrors } from '../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../forms/useFocusFirstInvalid.ts';

interface SignInFormProps {
  /** Which area signs in (citizens in the app, staff in their back office). */
  area: Role;
  usernameLabel: string;
  usernameHint?: string;
  /** Where "forgot password" leads; no link when absent. */
  forgotPasswordTo?: string;
  /** Digits only (BHXH code, CCCD number): the phone shows its number pad. */
  numericUsername?: boolean;
  /** Shown above the form (the previous session ended, another account is signed in…). */
  notice?: ReactNode;
}

const FIELDS = ['login', 'password'] as const;
type Field = (typeof FIELDS)[number];

/** The sign-in card: the server's message (wrong password, locked for N minutes) above, field messages under inputs. */
export function SignInForm({
  area,
  usernameLabel,
  usernameHint,
  forgotPasswordTo,
  numericUsername = false,
  notice,
}: SignInFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const { ref, focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: () => signIn({ login: login.trim(), password, area }),
    onError: (error) => {
      setErrors(serverFieldErrors(error, FIELDS));
      focusFirstInvalid();
    },
  });
  const failure = mutation.error;
  const wrongPassword = failure instanceof ApiError && failure.code === 'INVALID_CREDENTIALS';

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} id={titleId}>
          {t('signIn.title')}
        </Title>
        {notice}
        {failure && (
          <Alert
            role="alert"
            color="danger"
            variant="light"
            icon={<IconAlertTriangle aria-hidden="true" />}
            styles={{
              message: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' },
            }}
          >
            <Stack gap={6}>
              <Text fw={700}>{errorMessage(failure)}</Text>
              {wrongPassword && <Text>{t('signIn.keyboardHint')}</Text>}
            </Stack>
          </Alert>
        )}
        <form
          ref={ref}
          noValidate
          aria-labelledby={titleId}
          onSubmit={(event) => {
            event.preventDefault();
            const next: FieldErrors<Field> = {};
            if (login.trim() === '') next.login = t('fields.required', { ns: 'errors' });
            if (password === '') next.password = t('fields.required', { ns: 'errors' });
            setErrors(next);
            if (next.login || next.password) {
              focusFirstInvalid();
              return;
            }
            mutation.mutate();
          }}
        >
          <Stack gap="md">
            <TextInput
              name="username"
              label={usernameLabel}
              description={usernameHint}
              autoComplete="username"
              inputMode={numericUsername ? 'numeric' : 'text'}
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              value={login}
              onChange={(event) => setLogin(event.currentTarget.value)}
              error={errors.login}
              required
              withAsterisk={false}
            />
            <PasswordInput
              name="password"
              label={t('signIn.password')}
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
              visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              required
              withAsterisk={false}
            />
            {forgotPasswordTo !== undefined && (
              <Anchor
                component={Link}
                to={forgotPasswordTo}
                fw={600}
                style={{
                  alignSelf: 'flex-start',
                  display: 'inline-flex',
                  alignItems: 'center',
                  minHeight: 48,
                }}
              >
                {t('signIn.forgotPassword')}
              </Anchor>
            )}
            <Button
              type="submit"
              fullWidth
              loading={mutation.isPending}
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
