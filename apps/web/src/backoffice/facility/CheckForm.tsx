import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import { type CheckInputKind, identifyCardInput, isCardCredentialQr } from '@vssid/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, serverNow } from '../../api/client.ts';
import { type FieldErrors, hasErrors, serverFieldErrors } from '../../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../../forms/useFocusFirstInvalid.ts';
import { CameraScanner } from './CameraScanner.tsx';
import { sendCheck } from './deskApi.ts';
import { type DeskOutcome, outcomeOfServer } from './deskOutcome.ts';
import { verifyOffline } from './offlineDesk.ts';
import type { DeskSync } from './useDeskSync.ts';

const FIELDS = ['input', 'fullName', 'birthDate'] as const;
type Field = (typeof FIELDS)[number];
const BIRTH_DATE = /^(\d{2}\/\d{2}\/\d{4}|\d{4})$/;
type TypedKind = Extract<CheckInputKind, 'bhxh_code' | 'card_code' | 'personal_id'>;

/** What the text is: the app's signed QR, a printed card's QR (`|`-separated), a typed number, or not yet known. */
function kindOf(text: string): CheckInputKind | null {
  if (isCardCredentialQr(text)) return 'app_qr';
  if (text.includes('|')) return 'legacy_qr';
  const { kind } = identifyCardInput(text);
  return kind === 'unknown' ? null : kind;
}

function isTyped(kind: CheckInputKind | null): kind is TypedKind {
  return kind === 'bhxh_code' || kind === 'card_code' || kind === 'personal_id';
}

interface CheckFormProps {
  login: string;
  facilityCode: string | null;
  sync: DeskSync;
  onOutcome: (outcome: DeskOutcome) => void;
}

/**
 * One large input for everything a desk receives: a USB/keyboard QR reader types the payload and presses Enter; a
 * typed number asks for the name and birth date too, as the national service does. Online the server decides; with
 * the network down an app QR is verified here with the kept keys and queued for the server.
 */
export function CheckForm({ login, facilityCode, sync, onOutcome }: CheckFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const { ref: formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const [input, setInput] = useState('');
  const [fullName, setFullName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = kindOf(input.trim());
  const typed = isTyped(kind);

  const done = (outcome: DeskOutcome) => {
    onOutcome(outcome);
    // Ready for the next patient: the reader types into an empty, focused input.
    setInput('');
    setFullName('');
    setBirthDate('');
    setErrors({});
    inputRef.current?.focus();
  };

  const checkOffline = async (text: string) => {
    if (!isCardCredentialQr(text)) {
      setProblem(t('desk.form.offlineNeedsNetwork'));
      return;
    }
    // By the server's clock as last seen: the proof's age is judged as the server would.
    const now = new Date(serverNow());
    const outcome = await verifyOffline(text, now, facilityCode);
    if (!outcome) {
      setProblem(t('desk.form.offlineNoKeys'));
      return;
    }
    await sync.enqueue({ id: outcome.key, login, input: text, scannedAt: now.toISOString() });
    done(outcome);
  };

  const submit = async (text: string) => {
    const textKind = kindOf(text);
    const next: FieldErrors<Field> = {};
    if (text === '') next.input = t('desk.form.errors.inputRequired');
    if (isTyped(textKind)) {
      if (fullName.trim().length < 2) next.fullName = t('desk.form.errors.fullNameRequired');
      if (!BIRTH_DATE.test(birthDate.trim())) next.birthDate = t('desk.form.errors.birthDateFormat');
    }
    setErrors(next);
    setProblem(null);
    if (hasErrors(next)) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      if (!navigator.onLine) {
        await checkOffline(text);
        return;
      }
      const identity = isTyped(textKind) ? { fullName: fullName.trim(), birthDate: birthDate.trim() } : {};
      done(outcomeOfServer(await sendCheck({ input: text, ...identity })));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NETWORK_ERROR') {
        await checkOffline(text);
        return;
      }
      const fields = serverFieldErrors(error, FIELDS);
      setErrors(fields);
      if (hasErrors(fields)) focusFirstInvalid();
      else setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="sm">
        {t('desk.form.title')}
      </Title>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit(input.trim());
        }}
      >
        <Stack gap="md">
          <TextInput
            ref={inputRef}
            name="input"
            label={t('desk.form.input')}
            description={t('desk.form.inputHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={input}
            onChange={(event) => {
              setInput(event.currentTarget.value);
              if (errors.input) setErrors((current) => ({ ...current, input: undefined }));
            }}
            error={errors.input}
            size="xl"
            autoFocus
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={1200}
            data-desk-input
            styles={{ input: { fontSize: 22, minHeight: 64, fontVariantNumeric: 'tabular-nums' } }}
          />
          {kind && (
            <Text size="md" fw={600} data-input-kind={kind}>
              {t('desk.form.recognised', { kind: t(`desk.form.kinds.${kind}`) })}
            </Text>
          )}
          {typed && (
            <Stack gap="sm">
              <Text size="md">{t('desk.form.typedNeedsIdentity')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  ref={nameRef}
                  name="fullName"
                  label={t('desk.form.fullName')}
                  value={fullName}
                  onChange={(event) => setFullName(event.currentTarget.value)}
                  error={errors.fullName}
                  required
                  autoComplete="off"
                  maxLength={100}
                />
                <TextInput
                  name="birthDate"
                  label={t('desk.form.birthDate')}
                  description={t('desk.form.birthDateHint')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  value={birthDate}
                  onChange={(event) => setBirthDate(event.currentTarget.value)}
                  error={errors.birthDate}
                  required
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={10}
                />
              </SimpleGrid>
            </Stack>
          )}
          {problem && (
            <Alert
              color="danger"
              variant="light"
              role="alert"
              icon={<IconAlertTriangle aria-hidden="true" />}
            >
              <Text size="md" fw={600}>
                {problem}
              </Text>
            </Alert>
          )}
          <Group gap="sm">
            <Button
              type="submit"
              size="lg"
              loading={busy}
              leftSection={<IconSearch size={24} aria-hidden="true" />}
            >
              {t('desk.form.submit')}
            </Button>
            <CameraScanner
              onScanned={(text) => {
                const scanned = text.trim();
                setInput(scanned);
                // A QR is checked at once; a number read off paper still needs the name and birth date.
                if (isTyped(kindOf(scanned))) setTimeout(() => nameRef.current?.focus(), 0);
                else void submit(scanned);
              }}
            />
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
