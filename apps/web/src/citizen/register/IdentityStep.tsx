import { Anchor, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { digitsOnly } from '../../forms/fieldErrors.ts';
import { useRegistrationDraft } from './draft.tsx';

const FIRST_YEAR = 1900;

/** Step 1: who the person is — checked against the BHXH records and the population registry on submit. */
export function IdentityStep() {
  const { t } = useTranslation();
  const { draft, update } = useRegistrationDraft();
  const { errors } = draft;
  const birthLegendId = useId();
  const years = useMemo(() => {
    const current = new Date().getFullYear();
    return Array.from({ length: current - FIRST_YEAR + 1 }, (_, index) => String(current - index));
  }, []);
  // The message is read with each select it concerns (hidden copies), and shown once under the three.
  const allChosen = draft.birthDay !== '' && draft.birthMonth !== '' && draft.birthYear !== '';
  const dateError = (value: string) =>
    errors.birthDate && (value === '' || allChosen) ? errors.birthDate : undefined;
  const hiddenError = { className: 'visually-hidden-label' };
  const clear = (field: keyof typeof errors) =>
    errors[field] ? { errors: { ...errors, [field]: undefined } } : {};

  return (
    <Stack gap="md">
      <TextInput
        name="fullName"
        label={t('register.fullName')}
        description={t('register.fullNameHint')}
        autoComplete="name"
        autoCapitalize="words"
        value={draft.fullName}
        onChange={(event) => update({ fullName: event.currentTarget.value, ...clear('fullName') })}
        error={errors.fullName}
        required
      />
      <Stack gap={4}>
        <TextInput
          name="bhxhCode"
          label={t('register.bhxhCode')}
          description={t('register.bhxhCodeHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={10}
          value={draft.bhxhCode}
          onChange={(event) =>
            update({ bhxhCode: digitsOnly(event.currentTarget.value, 10), ...clear('bhxhCode') })
          }
          error={errors.bhxhCode}
          required
        />
        <Anchor
          component={Link}
          to="/lookup"
          fw={600}
          style={{
            alignSelf: 'flex-start',
            display: 'inline-flex',
            alignItems: 'center',
            gap: 6,
            minHeight: 48,
          }}
        >
          <IconSearch size={18} aria-hidden="true" />
          {t('register.findCode')}
        </Anchor>
      </Stack>
      <TextInput
        name="personalId"
        label={t('register.personalId')}
        description={t('register.personalIdHint')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={draft.personalId}
        onChange={(event) =>
          update({ personalId: digitsOnly(event.currentTarget.value, 12), ...clear('personalId') })
        }
        error={errors.personalId}
        required
      />
      {/* Three native selects: the phone's own wheel, easier for elderly people than a calendar that starts today. */}
      <fieldset aria-labelledby={birthLegendId} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Text component="legend" id={birthLegendId} fw={600} size="lg" mb={4} p={0}>
          {t('register.birthDate')}
          <Text span c="danger.8" aria-hidden="true">
            {' *'}
          </Text>
        </Text>
        <Group gap="sm" grow wrap="nowrap" align="flex-start">
          <NativeSelect
            name="birthDay"
            label={t('register.day')}
            value={draft.birthDay}
            onChange={(event) => update({ birthDay: event.currentTarget.value, ...clear('birthDate') })}
            error={dateError(draft.birthDay)}
            errorProps={hiddenError}
            data={[{ value: '', label: '––' }, ...Array.from({ length: 31 }, (_, i) => String(i + 1))]}
            size="lg"
          />
          <NativeSelect
            name="birthMonth"
            label={t('register.month')}
            value={draft.birthMonth}
            onChange={(event) => update({ birthMonth: event.currentTarget.value, ...clear('birthDate') })}
            error={dateError(draft.birthMonth)}
            errorProps={hiddenError}
            data={[{ value: '', label: '––' }, ...Array.from({ length: 12 }, (_, i) => String(i + 1))]}
            size="lg"
          />
          <NativeSelect
            name="birthYear"
            label={t('register.year')}
            value={draft.birthYear}
            onChange={(event) => update({ birthYear: event.currentTarget.value, ...clear('birthDate') })}
            error={dateError(draft.birthYear)}
            errorProps={hiddenError}
            data={[{ value: '', label: '––––' }, ...years]}
            size="lg"
            style={{ flexGrow: 1.4 }}
          />
        </Group>
        {errors.birthDate && (
          <Text c="danger.8" size="md" mt={6} aria-hidden="true">
            {errors.birthDate}
          </Text>
        )}
      </fieldset>
    </Stack>
  );
}
