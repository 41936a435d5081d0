import { Alert, Box, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCreditCardOff } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { REVOCATION_REASONS, type RevocationReason, useRevokeCard } from './cardChecksApi.ts';

const CARD_CODE = /^[A-Z]{2}\d{13}$/;

interface RevokeCardFormProps {
  /** From a flag: the card's code, filled in. */
  initialCardCode?: string;
  /** From a case: the person's BHXH code, which the card code must end with. */
  bhxhCode?: string;
  initialReason?: RevocationReason;
}

/**
 * Revoke a card: the code, a reason, a note; then a confirmation that says what follows (the next online check
 * answers 110, the holder is told). The server's refusals (not of this province: not found; already revoked) show here.
 */
export function RevokeCardForm({
  initialCardCode = '',
  bhxhCode,
  initialReason = 'reported_misuse',
}: RevokeCardFormProps) {
  const { t } = useTranslation();
  const revoke = useRevokeCard();
  const confirmId = useId();
  const [cardCode, setCardCode] = useState(initialCardCode);
  const [reason, setReason] = useState<RevocationReason>(initialReason);
  const [note, setNote] = useState('');
  const [cardCodeError, setCardCodeError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const serverCardCodeError = revoke.error instanceof ApiError ? revoke.error.field('cardCode') : undefined;
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (revoke.isSuccess) {
    return (
      <Alert color="forest" variant="light" role="status" data-revoked={revoke.data.cardCode}>
        <Text size="md" fw={600}>
          {t('desk.officer.revoke.done', { cardCode: revoke.data.cardCode, time: revoke.data.at })}
        </Text>
      </Alert>
    );
  }

  const code = cardCode.trim().toUpperCase();
  if (confirming) {
    return (
      <Box
        role="group"
        aria-labelledby={`${confirmId}-title`}
        aria-describedby={`${confirmId}-body`}
        p="md"
        bg="danger.0"
        style={{
          border: '2px solid var(--mantine-color-danger-8)',
          borderRadius: 'var(--mantine-radius-md)',
        }}
      >
        <Stack gap="md">
          <Text id={`${confirmId}-title`} fw={800} size="lg" c="danger.9">
            {t('desk.officer.revoke.confirmTitle', { cardCode: code })}
          </Text>
          <Text id={`${confirmId}-body`} size="md">
            {t('desk.officer.revoke.confirmBody')}
          </Text>
          <Text size="md" fw={600}>
            {t('desk.officer.revoke.reason')}: {t(`desk.officer.revoke.reasons.${reason}`)}
          </Text>
          <Group gap="sm">
            <Button
              color="danger"
              loading={revoke.isPending}
              ref={confirmButton}
              onClick={() =>
                revoke.mutate(
                  { cardCode: code, reason, ...(note.trim() ? { note: note.trim() } : {}) },
                  { onError: () => setConfirming(false) },
                )
              }
            >
              {t('desk.officer.revoke.confirm')}
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.back')}
            </Button>
          </Group>
        </Stack>
      </Box>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const problem = !CARD_CODE.test(code)
          ? t('desk.officer.revoke.cardCodeFormat')
          : bhxhCode && !code.endsWith(bhxhCode)
            ? t('desk.officer.revoke.cardCodeMismatch', { bhxhCode })
            : null;
        setCardCodeError(problem);
        if (problem) {
          document.getElementById(`${confirmId}-code`)?.focus();
          return;
        }
        revoke.reset();
        setConfirming(true);
      }}
    >
      <Stack gap="md">
        <TextInput
          id={`${confirmId}-code`}
          name="cardCode"
          label={t('desk.officer.revoke.cardCode')}
          description={
            bhxhCode
              ? t('desk.officer.revoke.cardCodeOfCase', { bhxhCode })
              : t('desk.officer.revoke.cardCodeHint')
          }
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={cardCode}
          onChange={(event) => setCardCode(event.currentTarget.value.toUpperCase())}
          error={cardCodeError ?? serverCardCodeError}
          autoComplete="off"
          maxLength={15}
          styles={{ input: { fontVariantNumeric: 'tabular-nums' } }}
        />
        <NativeSelect
          name="reason"
          label={t('desk.officer.revoke.reason')}
          value={reason}
          onChange={(event) => {
            const value = REVOCATION_REASONS.find((item) => item === event.currentTarget.value);
            if (value) setReason(value);
          }}
          data={REVOCATION_REASONS.map((value) => ({
            value,
            label: t(`desk.officer.revoke.reasons.${value}`),
          }))}
          size="lg"
        />
        <Textarea
          name="note"
          label={t('desk.officer.revoke.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          size="lg"
        />
        {revoke.isError && !serverCardCodeError && (
          <Alert color="danger" variant="light" role="alert">
            <Text size="md">{errorMessage(revoke.error)}</Text>
          </Alert>
        )}
        <Button
          type="submit"
          color="danger"
          leftSection={<IconCreditCardOff size={22} aria-hidden="true" />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('desk.officer.revoke.review')}
        </Button>
      </Stack>
    </form>
  );
}

/** The revoke action on a flag or a case: a button and the form in a dialog. */
export function RevokeCardButton({
  name,
  cardCode,
  bhxhCode,
}: {
  name: string;
  cardCode?: string | undefined;
  bhxhCode?: string | undefined;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="outline"
        color="danger"
        leftSection={<IconCreditCardOff size={20} aria-hidden="true" />}
        onClick={() => setOpened(true)}
        aria-label={t('desk.officer.revoke.actionFor', { name })}
      >
        {t('desk.officer.revoke.action')}
      </Button>
      <AppModal opened={opened} onClose={() => setOpened(false)} title={t('desk.officer.revoke.title')}>
        {opened && (
          <RevokeCardForm
            {...(cardCode ? { initialCardCode: cardCode } : {})}
            {...(bhxhCode ? { bhxhCode } : {})}
          />
        )}
      </AppModal>
    </>
  );
}
