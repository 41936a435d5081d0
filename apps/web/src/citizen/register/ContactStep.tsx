import { Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { otpChallenge } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest, errorMessage } from '../../api/client.ts';
import { useCommunes, useProvinces } from '../../api/lookup.ts';
import { OtpEntry } from '../../components/OtpEntry.tsx';
import { foldedFilter } from '../lookup/AreaSelects.tsx';
import { useRegistrationDraft } from './draft.tsx';
import { normalizedPhone } from './validate.ts';

/** Step 3: where to write to, and the mobile number, proved by a code sent to it. */
export function ContactStep() {
  const { t } = useTranslation();
  const { draft, update } = useRegistrationDraft();
  const { errors } = draft;
  const phoneHeadingId = useId();
  const provinces = useProvinces();
  const communes = useCommunes(draft.provinceCode);
  const [sendError, setSendError] = useState<string>();

  const phone = normalizedPhone(draft.phone);
  const otpForThisPhone = draft.otp !== null && draft.otp.phone === phone ? draft.otp : null;

  const send = useMutation({
    mutationFn: (to: string) =>
      apiRequest('/api/v1/otp', otpChallenge, {
        method: 'POST',
        body: { phone: to, purpose: 'registration' },
      }),
    onMutate: () => setSendError(undefined),
    onSuccess: (challenge, to) =>
      update((current) => ({
        otp: { challenge, phone: to },
        otpCode: '',
        errors: { ...current.errors, otpCode: undefined, phone: undefined },
      })),
    onError: (error) => {
      const phoneError = error instanceof ApiError ? error.field('phone') : undefined;
      if (phoneError) update((current) => ({ errors: { ...current.errors, phone: phoneError } }));
      else setSendError(errorMessage(error));
    },
  });

  const clearError = (field: keyof typeof errors) => (current: typeof draft) => ({
    errors: { ...current.errors, [field]: undefined },
  });
  const provinceOptions = (provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }));
  const communeOptions = (communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }));

  return (
    <Stack gap="md">
      <Title order={3}>{t('register.addressTitle')}</Title>
      <Select
        name="provinceCode"
        label={t('lookup.province')}
        placeholder={t('register.chooseProvince')}
        data={provinceOptions}
        value={draft.provinceCode}
        onChange={(value) =>
          update((current) => ({
            provinceCode: value,
            provinceName: provinceOptions.find((p) => p.value === value)?.label ?? '',
            communeCode: null,
            communeName: '',
            agencyCode: null,
            agencyName: '',
            ...clearError('provinceCode')(current),
          }))
        }
        searchable
        filter={foldedFilter}
        nothingFoundMessage={t('common.nothingFound')}
        error={errors.provinceCode ?? (provinces.isError ? errorMessage(provinces.error) : undefined)}
        comboboxProps={{ shadow: 'md' }}
        maxDropdownHeight={320}
        required
      />
      <Select
        name="communeCode"
        label={t('lookup.commune')}
        placeholder={
          draft.provinceCode === null ? t('lookup.communeChooseProvince') : t('register.chooseCommune')
        }
        data={communeOptions}
        value={draft.communeCode}
        onChange={(value) =>
          update((current) => ({
            communeCode: value,
            communeName: communeOptions.find((c) => c.value === value)?.label ?? '',
            agencyCode: null,
            agencyName: '',
            ...clearError('communeCode')(current),
          }))
        }
        disabled={draft.provinceCode === null}
        searchable
        filter={foldedFilter}
        nothingFoundMessage={t('common.nothingFound')}
        error={errors.communeCode ?? (communes.isError ? errorMessage(communes.error) : undefined)}
        comboboxProps={{ shadow: 'md' }}
        maxDropdownHeight={320}
        required
      />
      <TextInput
        name="street"
        label={t('register.street')}
        description={t('register.streetHint')}
        autoComplete="street-address"
        value={draft.street}
        onChange={(event) => {
          const street = event.currentTarget.value;
          update((current) => ({ street, ...clearError('street')(current) }));
        }}
        error={errors.street}
        required
      />

      <Stack gap="sm" component="section" aria-labelledby={phoneHeadingId} mt="sm">
        <Title order={3} id={phoneHeadingId}>
          {t('register.phoneTitle')}
        </Title>
        <TextInput
          name="phone"
          type="tel"
          label={t('register.phone')}
          description={t('register.phoneHint')}
          autoComplete="tel-national"
          inputMode="tel"
          value={draft.phone}
          onChange={(event) => {
            const value = event.currentTarget.value;
            update((current) => ({ phone: value, ...clearError('phone')(current) }));
          }}
          error={errors.phone}
          required
        />
        <OtpEntry
          challenge={otpForThisPhone?.challenge ?? null}
          code={draft.otpCode}
          onCodeChange={(otpCode) => update((current) => ({ otpCode, ...clearError('otpCode')(current) }))}
          onSend={() => {
            if (phone === null) {
              update((current) => ({
                errors: {
                  ...current.errors,
                  phone: t(draft.phone.trim() === '' ? 'fields.required' : 'fields.mobilePhone', {
                    ns: 'errors',
                  }),
                },
              }));
              return;
            }
            send.mutate(phone);
          }}
          sending={send.isPending}
          error={otpForThisPhone ? errors.otpCode : undefined}
          sendError={sendError ?? (otpForThisPhone ? undefined : errors.otpCode)}
        />
      </Stack>

      <TextInput
        name="email"
        type="email"
        label={t('register.email')}
        description={t('register.emailHint')}
        autoComplete="email"
        inputMode="email"
        value={draft.email}
        onChange={(event) => {
          const email = event.currentTarget.value;
          update((current) => ({ email, ...clearError('email')(current) }));
        }}
        error={errors.email}
        mt="sm"
      />
      <Text size="md" c="dimmed">
        {t('register.contactPrivacy')}
      </Text>
    </Stack>
  );
}
