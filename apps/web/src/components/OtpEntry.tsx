import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconMessage2, IconRefresh } from '@tabler/icons-react';
import type { OtpChallenge } from '@vssid/shared';
import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { digitsOnly } from '../forms/fieldErrors.ts';
import { DevSmsLink } from './DevSmsLink.tsx';
import { useNow } from './useNow.ts';

export const OTP_LENGTH = 6;

interface OtpEntryProps {
  /** The code sent, or null before the first one. */
  challenge: OtpChallenge | null;
  code: string;
  onCodeChange: (code: string) => void;
  /** Sends the first code, or a new one. */
  onSend: () => void;
  sending: boolean;
  /** The message under the code input (OTP_INVALID with the tries left, OTP_EXPIRED…). */
  error?: string | undefined;
  /** Why the code could not be sent (OTP_RESEND_TOO_SOON, a bad phone number…), shown beside the send button. */
  sendError?: string | undefined;
  codeRef?: Ref<HTMLInputElement>;
  /** Disables sending (the phone number is not valid yet, say). */
  sendDisabled?: boolean;
}

function mmss(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A 6-digit code sent by SMS: the masked phone it went to, a 5-minute countdown, and "send again" once the server
 * allows it. Screen readers hear the changes that matter (sent, one minute left, expired, can resend), not every tick.
 */
export function OtpEntry({
  challenge,
  code,
  onCodeChange,
  onSend,
  sending,
  error,
  sendError,
  codeRef,
  sendDisabled = false,
}: OtpEntryProps) {
  const { t } = useTranslation();
  const sendErrorId = useId();
  const now = useNow(challenge !== null);
  const expiresAt = challenge ? Date.parse(challenge.expiresAt) : 0;
  const resendAt = challenge ? Date.parse(challenge.resendAfter) : 0;
  const left = expiresAt - now;
  const expired = challenge !== null && left <= 0;
  const canResend = challenge !== null && now >= resendAt;

  let announcement = '';
  if (challenge) {
    if (expired) announcement = t('otp.expired');
    else if (left <= 60_000) announcement = t('otp.lastMinute');
    else announcement = t('otp.sent', { phone: challenge.maskedPhone });
    if (canResend && !expired) announcement += ` ${t('otp.canResend')}`;
  }

  return (
    <Stack gap="sm">
      {/* Polite and atomic: read once per change of phase. */}
      <div className="visually-hidden-label" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {challenge === null ? (
        <Stack gap={6}>
          <Button
            variant="light"
            onClick={onSend}
            loading={sending}
            disabled={sendDisabled}
            leftSection={<IconMessage2 size={22} aria-hidden="true" />}
            aria-describedby={sendError ? sendErrorId : undefined}
            data-focus-invalid={sendError ? 'true' : undefined}
          >
            {t('otp.send')}
          </Button>
          {sendError && (
            <Text id={sendErrorId} c="danger.8" fw={600} role="alert">
              {sendError}
            </Text>
          )}
        </Stack>
      ) : (
        <>
          <Text>{t('otp.sentTo', { phone: challenge.maskedPhone })}</Text>
          <TextInput
            ref={codeRef}
            name="otpCode"
            label={t('otp.code')}
            description={t('otp.codeHint')}
            value={code}
            onChange={(event) => onCodeChange(digitsOnly(event.currentTarget.value, OTP_LENGTH))}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={OTP_LENGTH}
            error={error}
            required
            styles={{
              input: {
                fontSize: '1.5rem',
                letterSpacing: '0.5em',
                fontVariantNumeric: 'tabular-nums',
                maxWidth: 260,
              },
            }}
          />
          <Text fw={600} c={expired ? 'danger.8' : undefined} data-otp-countdown>
            {expired ? t('otp.expired') : t('otp.validFor', { time: mmss(left) })}
          </Text>
          <Group gap="sm" align="center">
            <Button
              variant="outline"
              onClick={onSend}
              loading={sending}
              disabled={!canResend || sendDisabled}
              leftSection={<IconRefresh size={20} aria-hidden="true" />}
            >
              {t('otp.resend')}
            </Button>
            {!canResend && <Text size="md">{t('otp.resendIn', { time: mmss(resendAt - now) })}</Text>}
          </Group>
          {sendError && (
            <Text c="danger.8" fw={600} role="alert">
              {sendError}
            </Text>
          )}
          <DevSmsLink />
        </>
      )}
    </Stack>
  );
}
