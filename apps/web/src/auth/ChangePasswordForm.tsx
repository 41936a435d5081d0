import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { otpChallenge, type OtpChallenge } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyBody, ApiError, apiRequest, errorMessage } from '../api/client.ts';
import { OTP_LENGTH, OtpEntry } from '../components/OtpEntry.tsx';
import {
  NewPasswordFields,
  newPasswordErrors,
  type NewPasswordValues,
} from '../components/PasswordChecklist.tsx';
import { serverFieldErrors, type FieldErrors } from '../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../forms/useFocusFirstInvalid.ts';
import { afterPasswordChange } from './session.ts';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword', 'otpCode'] as const;
type Field = (typeof FIELDS)[number];
const OTP_CODES = new Set(['OTP_INVALID', 'OTP_EXPIRED', 'OTP_TOO_MANY_ATTEMPTS']);

/** Errors that belong to one field even when the server names none. */
export function otpFieldError(error: unknown): string | undefined {
  return error instanceof ApiError && OTP_CODES.has(error.code) ? error.message : undefined;
}

interface ChangePasswordFormProps {
  /** The account's login: the new password may not contain it. */
  login: string;
  onDone: () => void;
}

/** Current password, new password with its checklist, and the OTP sent to the registered phone. */
export function ChangePasswordForm({ login, onDone }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const otpHeadingId = useId();
  const [currentPassword, setCurrentPassword] = useState('');
  const [passwords, setPasswords] = useState<NewPasswordValues>({ newPassword: '', confirmPassword: '' });
  const [challenge, setChallenge] = useState<OtpChallenge | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [sendError, setSendError] = useState<string>();
  const { ref, focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();

  const send = useMutation({
    mutationFn: () => apiRequest('/api/v1/password/change-otp', otpChallenge, { method: 'POST' }),
    onMutate: () => setSendError(undefined),
    onSuccess: (next) => {
      setChallenge(next);
      setCode('');
      setErrors((current) => ({ ...current, otpCode: undefined }));
    },
    onError: (error) => setSendError(errorMessage(error)),
  });

  const change = useMutation({
    mutationFn: (otp: OtpChallenge) =>
      apiRequest('/api/v1/password/change', anyBody, {
        method: 'POST',
        body: {
          currentPassword,
          newPassword: passwords.newPassword,
          otpChallengeId: otp.challengeId,
          otpCode: code,
        },
      }),
    onSuccess: async (answer) => {
      await afterPasswordChange(answer);
      onDone();
    },
    onError: (error) => {
      const next = serverFieldErrors(error, FIELDS);
      next.otpCode ??= otpFieldError(error);
      if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS')
        next.currentPassword ??= error.message;
      setErrors(next);
      focusFirstInvalid();
    },
  });

  const shownByField = errors.currentPassword || errors.newPassword || errors.otpCode;
  const generalError = change.error && !shownByField ? errorMessage(change.error) : null;

  return (
    <form
      ref={ref}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const next: FieldErrors<Field> = newPasswordErrors(passwords, login, t);
        if (currentPassword === '') next.currentPassword = t('fields.required', { ns: 'errors' });
        else if (currentPassword === passwords.newPassword) next.newPassword = t('password.sameAsCurrent');
        if (challenge === null) setSendError(t('otp.sendFirst'));
        else if (code.length !== OTP_LENGTH) next.otpCode = t('fields.otpCode', { ns: 'errors' });
        setErrors(next);
        if (Object.values(next).some(Boolean) || challenge === null) {
          focusFirstInvalid();
          return;
        }
        change.mutate(challenge);
      }}
    >
      <Stack gap="md">
        {generalError && (
          <Alert role="alert" color="danger" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
            <Text fw={600}>{generalError}</Text>
          </Alert>
        )}
        <PasswordInput
          name="currentPassword"
          label={t('password.current')}
          description={t('password.currentHint')}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          error={errors.currentPassword}
          visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          required
        />
        <NewPasswordFields values={passwords} onChange={setPasswords} login={login} errors={errors} />
        <Stack gap="xs" component="section" aria-labelledby={otpHeadingId}>
          <Title order={2} size="h3" id={otpHeadingId}>
            {t('password.otpTitle')}
          </Title>
          <Text>{t('password.otpIntro')}</Text>
          <OtpEntry
            challenge={challenge}
            code={code}
            onCodeChange={setCode}
            onSend={() => send.mutate()}
            sending={send.isPending}
            error={errors.otpCode}
            sendError={sendError}
          />
        </Stack>
        <Button
          type="submit"
          loading={change.isPending}
          leftSection={<IconKey size={22} aria-hidden="true" />}
        >
          {t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
