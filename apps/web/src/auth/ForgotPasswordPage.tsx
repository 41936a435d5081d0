import { Alert, Button, Card, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconKey, IconLogin2, IconMessage2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { otpChallenge, type OtpChallenge } from '@vssid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { anyBody, ApiError, apiRequest, errorMessage } from '../api/client.ts';
import { OTP_LENGTH, OtpEntry } from '../components/OtpEntry.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import {
  NewPasswordFields,
  newPasswordErrors,
  type NewPasswordValues,
} from '../components/PasswordChecklist.tsx';
import { serverFieldErrors, type FieldErrors } from '../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../forms/useFocusFirstInvalid.ts';
import { BackLink } from './ChangePasswordPage.tsx';
import { otpFieldError } from './ChangePasswordForm.tsx';

interface ForgotPasswordPageProps {
  loginLabel: string;
  loginHint?: string;
  numericLogin?: boolean;
  /** Where the sign-in screen is, for "back" and after the reset. */
  signInTo: string;
}

const RESET_FIELDS = ['otpCode', 'newPassword', 'confirmPassword'] as const;
type ResetField = (typeof RESET_FIELDS)[number];

/**
 * Quên mật khẩu: the login, then the OTP sent to the account's registered phone and a new password. The answer to
 * the first step is the same whether or not the account exists, and so is this screen.
 */
export function ForgotPasswordPage({
  loginLabel,
  loginHint,
  numericLogin = false,
  signInTo,
}: ForgotPasswordPageProps) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [loginError, setLoginError] = useState<string>();
  const [challenge, setChallenge] = useState<OtpChallenge | null>(null);
  const [code, setCode] = useState('');
  const [passwords, setPasswords] = useState<NewPasswordValues>({ newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<FieldErrors<ResetField>>({});
  const [done, setDone] = useState(false);
  const { ref: loginFormRef, focusFirstInvalid: focusLoginError } = useFocusFirstInvalid<HTMLFormElement>();
  const { ref: resetFormRef, focusFirstInvalid: focusResetError } = useFocusFirstInvalid<HTMLFormElement>();

  const request = useMutation({
    mutationFn: () =>
      apiRequest('/api/v1/password/forgot', otpChallenge, {
        method: 'POST',
        body: { login: login.trim() },
        auth: false,
      }),
    onSuccess: (next) => {
      setChallenge(next);
      setCode('');
      setErrors({});
    },
    onError: (error) => {
      const field = error instanceof ApiError ? error.field('login') : undefined;
      if (field) {
        setLoginError(field);
        focusLoginError();
      }
    },
  });

  const reset = useMutation({
    mutationFn: (otp: OtpChallenge) =>
      apiRequest('/api/v1/password/reset', anyBody, {
        method: 'POST',
        body: { challengeId: otp.challengeId, otpCode: code, newPassword: passwords.newPassword },
        auth: false,
      }),
    onSuccess: () => setDone(true),
    onError: (error) => {
      const next = serverFieldErrors(error, RESET_FIELDS);
      next.otpCode ??=
        otpFieldError(error) ?? (error instanceof ApiError ? error.field('challengeId') : undefined);
      setErrors(next);
      focusResetError();
    },
  });

  if (done) {
    return (
      <Stack gap="lg">
        <PageTitle>{t('forgot.title')}</PageTitle>
        <Alert role="status" color="forest" variant="light" icon={<IconCircleCheck aria-hidden="true" />}>
          <Text fw={700}>{t('forgot.done')}</Text>
        </Alert>
        <Button component={Link} to={signInTo} leftSection={<IconLogin2 size={22} aria-hidden="true" />}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    );
  }

  const requestError = request.isError && !loginError ? errorMessage(request.error) : null;
  const resetError = reset.isError && !Object.values(errors).some(Boolean) ? errorMessage(reset.error) : null;

  return (
    <Stack gap="lg">
      <BackLink to={signInTo} label={t('forgot.backToSignIn')} />
      <PageTitle>{t('forgot.title')}</PageTitle>
      <Text>{challenge ? t('forgot.step2Intro') : t('forgot.intro')}</Text>
      <Card withBorder padding="lg" radius="md">
        {challenge === null ? (
          <form
            ref={loginFormRef}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (login.trim().length < 3) {
                setLoginError(
                  t(login.trim() === '' ? 'fields.required' : 'fields.tooShort', {
                    ns: 'errors',
                    minimum: '3',
                  }),
                );
                focusLoginError();
                return;
              }
              setLoginError(undefined);
              request.mutate();
            }}
          >
            <Stack gap="md">
              {requestError && (
                <Alert
                  role="alert"
                  color="danger"
                  variant="light"
                  icon={<IconAlertTriangle aria-hidden="true" />}
                >
                  <Text fw={600}>{requestError}</Text>
                </Alert>
              )}
              <TextInput
                name="login"
                label={loginLabel}
                description={loginHint}
                autoComplete="username"
                inputMode={numericLogin ? 'numeric' : 'text'}
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                value={login}
                onChange={(event) => setLogin(event.currentTarget.value)}
                error={loginError}
                required
              />
              <Button
                type="submit"
                loading={request.isPending}
                leftSection={<IconMessage2 size={22} aria-hidden="true" />}
              >
                {t('otp.send')}
              </Button>
            </Stack>
          </form>
        ) : (
          <form
            ref={resetFormRef}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const next: FieldErrors<ResetField> = newPasswordErrors(passwords, login.trim(), t);
              if (code.length !== OTP_LENGTH) next.otpCode = t('fields.otpCode', { ns: 'errors' });
              setErrors(next);
              if (Object.values(next).some(Boolean)) {
                focusResetError();
                return;
              }
              reset.mutate(challenge);
            }}
          >
            <Stack gap="md">
              {resetError && (
                <Alert
                  role="alert"
                  color="danger"
                  variant="light"
                  icon={<IconAlertTriangle aria-hidden="true" />}
                >
                  <Text fw={600}>{resetError}</Text>
                </Alert>
              )}
              <Text size="md">
                {loginLabel}: <strong>{login.trim()}</strong>
              </Text>
              <OtpEntry
                challenge={challenge}
                code={code}
                onCodeChange={(next) => {
                  setCode(next);
                  setErrors((current) => ({ ...current, otpCode: undefined }));
                }}
                onSend={() => request.mutate()}
                sending={request.isPending}
                error={errors.otpCode}
                sendError={requestError ?? undefined}
              />
              <NewPasswordFields
                values={passwords}
                onChange={setPasswords}
                login={login.trim()}
                errors={errors}
              />
              <Button
                type="submit"
                loading={reset.isPending}
                leftSection={<IconKey size={22} aria-hidden="true" />}
              >
                {t('forgot.submit')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  setChallenge(null);
                  setCode('');
                  request.reset();
                  reset.reset();
                }}
              >
                {t('forgot.otherAccount')}
              </Button>
            </Stack>
          </form>
        )}
      </Card>
    </Stack>
  );
}
