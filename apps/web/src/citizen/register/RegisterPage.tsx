import { Alert, Box, Button, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { registrationReceipt, type RegistrationRequest } from '@vssid/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest, errorMessage } from '../../api/client.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { hasErrors, type FieldErrors } from '../../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../../forms/useFocusFirstInvalid.ts';
import { AgencyStep } from './AgencyStep.tsx';
import { ContactStep } from './ContactStep.tsx';
import {
  draftBirthDate,
  STEP_FIELDS,
  STEPS,
  stepOfField,
  useRegistrationDraft,
  type DraftField,
  type RegistrationDraft,
} from './draft.tsx';
import { IdentityStep } from './IdentityStep.tsx';
import { PhotosStep } from './PhotosStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { SuccessScreen } from './SuccessScreen.tsx';
import { normalizedPhone, validateStep } from './validate.ts';

const ALL_FIELDS = STEPS.flatMap((step) => STEP_FIELDS[step]) as readonly DraftField[];

/** Codes the server answers without naming a field, and the field they are about. */
const CODE_FIELDS: Partial<Record<string, DraftField>> = {
  OTP_INVALID: 'otpCode',
  OTP_EXPIRED: 'otpCode',
  OTP_TOO_MANY_ATTEMPTS: 'otpCode',
  PHONE_IN_USE: 'phone',
  REGISTRATION_PENDING: 'bhxhCode',
  ACCOUNT_EXISTS: 'bhxhCode',
};

function toRequest(draft: RegistrationDraft): RegistrationRequest | null {
  const birthDate = draftBirthDate(draft);
  const phone = normalizedPhone(draft.phone);
  if (
    !birthDate ||
    !phone ||
    !draft.otp ||
    !draft.portrait ||
    !draft.provinceCode ||
    !draft.communeCode ||
    !draft.agencyCode
  ) {
    return null;
  }
  const email = draft.email.trim();
  return {
    fullName: draft.fullName.trim(),
    bhxhCode: draft.bhxhCode,
    personalId: draft.personalId,
    birthDate,
    phone,
    otpChallengeId: draft.otp.challenge.challengeId,
    otpCode: draft.otpCode,
    ...(email ? { email } : {}),
    provinceCode: draft.provinceCode,
    communeCode: draft.communeCode,
    street: draft.street.trim(),
    agencyCode: draft.agencyCode,
    portraitUploadId: draft.portrait.uploadId,
    ...(draft.idFront ? { idFrontUploadId: draft.idFront.uploadId } : {}),
    ...(draft.idBack ? { idBackUploadId: draft.idBack.uploadId } : {}),
  };
}

/** The server's answer spread over the steps: back to the first step with something to fix. */
function placeServerErrors(error: unknown): {
  step: number | null;
  errors: FieldErrors<DraftField>;
  message: string;
} {
  const errors: FieldErrors<DraftField> = {};
  if (error instanceof ApiError) {
    for (const field of ALL_FIELDS) {
      const message = error.field(field);
      if (message) errors[field] = message;
    }
    if (error.field('otpChallengeId')) errors.otpCode ??= error.field('otpChallengeId');
    const codeField = CODE_FIELDS[error.code];
    if (codeField) errors[codeField] ??= error.message;
  }
  const steps = Object.keys(errors)
    .map(stepOfField)
    .filter((index) => index >= 0);
  return { step: steps.length > 0 ? Math.min(...steps) : null, errors, message: errorMessage(error) };
}

/** Tờ khai mẫu 01 as a five-step wizard; the form is kept while the person moves between steps and tabs. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { draft, update, reset } = useRegistrationDraft();
  const stepName = STEPS[draft.step] ?? 'identity';
  const [uploads, setUploads] = useState(0);
  const { ref: formRef, focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);

  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    headingRef.current?.focus();
    window.scrollTo({ top: 0 });
  }, [draft.step]);

  const submit = useMutation({
    mutationFn: (request: RegistrationRequest) =>
      apiRequest('/api/v1/registrations', registrationReceipt, { method: 'POST', body: request }),
    onSuccess: (receipt) => {
      // Personal data and photos are dropped as soon as the form is in: only the receipt stays on screen.
      reset();
      update({ receipt });
      window.scrollTo({ top: 0 });
    },
    onError: (error) => {
      const placed = placeServerErrors(error);
      update((current) => ({
        step: placed.step ?? current.step,
        errors: { ...current.errors, ...placed.errors },
        stepMessage: placed.message,
      }));
      focusFirstInvalid();
    },
  });

  if (draft.receipt) return <SuccessScreen receipt={draft.receipt} onDone={reset} />;

  const goTo = (step: number) => {
    focusHeading.current = true;
    update({ step, stepMessage: null });
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (uploads > 0) {
      update({ stepMessage: t('photo.waitForUpload') });
      return;
    }
    const errors = validateStep(stepName, draft, t);
    if (hasErrors(errors)) {
      update((current) => ({ errors: { ...current.errors, ...errors }, stepMessage: null }));
      focusFirstInvalid();
      return;
    }
    if (stepName !== 'review') {
      goTo(draft.step + 1);
      return;
    }
    // Every step once more: a field changed through "edit" may have broken an earlier one.
    for (const [index, step] of STEPS.entries()) {
      const stepErrors = validateStep(step, draft, t);
      if (hasErrors(stepErrors)) {
        update((current) => ({
          step: index,
          errors: { ...current.errors, ...stepErrors },
          stepMessage: null,
        }));
        focusFirstInvalid();
        return;
      }
    }
    const request = toRequest(draft);
    if (request) submit.mutate(request);
  };

  const total = STEPS.length;
  const isLast = stepName === 'review';
  const submitButton = (
    <Button
      type="submit"
      loading={submit.isPending}
      rightSection={isLast ? undefined : <IconArrowRight size={22} aria-hidden="true" />}
      leftSection={isLast ? <IconSend size={22} aria-hidden="true" /> : undefined}
      style={{ flex: 1 }}
    >
      {isLast ? t('register.submit') : t('register.next')}
    </Button>
  );
  return (
    <Stack gap="md">
      <PageTitle>{t('register.title')}</PageTitle>
      {draft.step === 0 && <Text>{t('register.intro')}</Text>}
      <Stack gap={6}>
        <Text fw={600} size="md">
          {t('register.stepOf', { step: String(draft.step + 1), total: String(total) })}
        </Text>
        <Progress value={((draft.step + 1) / total) * 100} size="lg" radius="xl" aria-hidden="true" />
        <Title order={2} ref={headingRef} tabIndex={-1}>
          {t(`register.steps.${stepName}`)}
        </Title>
      </Stack>
      {draft.stepMessage && (
        <Alert role="alert" color="danger" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Text fw={600}>{draft.stepMessage}</Text>
        </Alert>
      )}
      <form ref={formRef} noValidate onSubmit={onSubmit}>
        <Stack gap="lg">
          {stepName === 'identity' && <IdentityStep />}
          {stepName === 'photos' && (
            <PhotosStep onBusyChange={(busy) => setUploads((n) => Math.max(0, n + (busy ? 1 : -1)))} />
          )}
          {stepName === 'contact' && <ContactStep />}
          {stepName === 'agency' && <AgencyStep />}
          {stepName === 'review' && <ReviewStep onEdit={goTo} />}
          {/* The last step's button says more than "continue": it gets the whole width, "back" goes under it. */}
          <Box
            style={{
              display: 'flex',
              flexDirection: isLast ? 'column' : 'row',
              gap: 'var(--mantine-spacing-sm)',
            }}
          >
            {isLast && submitButton}
            {draft.step > 0 && (
              <Button
                variant="outline"
                type="button"
                onClick={() => goTo(draft.step - 1)}
                leftSection={<IconArrowLeft size={22} aria-hidden="true" />}
                style={{ flex: 1 }}
              >
                {t('register.back')}
              </Button>
            )}
            {!isLast && submitButton}
          </Box>
        </Stack>
      </form>
    </Stack>
  );
}
