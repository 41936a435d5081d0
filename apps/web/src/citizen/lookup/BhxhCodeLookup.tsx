import {
  Alert,
  Box,
  Button,
  Card,
  Group,
  Progress,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSearch, IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { BHXH_LOOKUP_MAX_RESULTS, type BhxhCodeLookupRequest, type BhxhCodeMatch } from '@vssid/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { lookUpBhxhCode, useOldProvinces, useProvinces } from '../../api/lookup.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useFormatters } from '../../format.ts';
import { foldedFilter } from './AreaSelects.tsx';
import { LookupSection } from './LookupSection.tsx';
import { ResultCard } from './ResultCard.tsx';
import { solveChallenge, SolverUnavailableError } from './solveChallenge.ts';

const KEY_KINDS = ['birthDate', 'birthYear', 'idNumber'] as const;
type KeyKind = (typeof KEY_KINDS)[number];

function isKeyKind(value: string): value is KeyKind {
  return (KEY_KINDS as readonly string[]).includes(value);
}

interface LookupForm {
  province: string | null;
  fullName: string;
  keyKind: KeyKind;
  keyValue: string;
}

/** Fields the API can flag; their messages appear under the matching input. */
const FIELD_INPUTS = ['province', 'fullName', 'birthDate', 'birthYear', 'idNumber'] as const;

/** The form, the running look-up and its proof-of-work progress, kept by the Lookup tab across sections. */
export function useBhxhCodeLookupState() {
  const [form, setForm] = useState<LookupForm>({
    province: null,
    fullName: '',
    keyKind: 'birthDate',
    keyValue: '',
  });
  /** Share of the automatic check done (0–1), or null when none is running. */
  const [challengeProgress, setChallengeProgress] = useState<number | null>(null);
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: (request: BhxhCodeLookupRequest) => {
      controller.current?.abort();
      controller.current = new AbortController();
      return lookUpBhxhCode(request, solveChallenge, setChallengeProgress, controller.current.signal);
    },
  });
  return { form, setForm, challengeProgress, mutation };
}
export type BhxhCodeLookupState = ReturnType<typeof useBhxhCodeLookupState>;

/** The request as the API takes it: the one key chosen, as typed (the server checks and explains). */
function requestOf(form: LookupForm): BhxhCodeLookupRequest {
  const value = form.keyValue.trim();
  return {
    province: form.province ?? '',
    fullName: form.fullName,
    ...(value === '' ? {} : { [form.keyKind]: value }),
  };
}

/** Tra cứu mã số BHXH: province (new or old), full name and one key; the results with a detail view. */
export function BhxhCodeLookup({ state }: { state: BhxhCodeLookupState }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { form, setForm, challengeProgress, mutation } = state;
  const update = (patch: Partial<LookupForm>) => setForm((current) => ({ ...current, ...patch }));
  const error = mutation.error;
  const fieldError = (name: (typeof FIELD_INPUTS)[number]) =>
    error instanceof ApiError ? error.field(name) : undefined;
  const submit = () => mutation.mutate(requestOf(form));

  return (
    <LookupSection heading={t('bhxhCode.heading')} intro={t('bhxhCode.intro')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Card withBorder padding="lg" radius="md">
          <Stack gap="md">
            <LookupProvinceSelect
              value={form.province}
              onChange={(province) => update({ province })}
              error={fieldError('province')}
            />
            <TextInput
              label={t('bhxhCode.fullName')}
              description={t('bhxhCode.fullNameHint')}
              value={form.fullName}
              onChange={(event) => update({ fullName: event.currentTarget.value })}
              error={fieldError('fullName')}
              required
              autoComplete="name"
              autoCapitalize="words"
            />
            <Radio.Group
              label={t('bhxhCode.keyLabel')}
              value={form.keyKind}
              onChange={(value) => {
                if (isKeyKind(value)) update({ keyKind: value, keyValue: '' });
              }}
              size="md"
            >
              <Stack gap="xs" mt="xs">
                {KEY_KINDS.map((kind) => (
                  <Radio
                    key={kind}
                    value={kind}
                    label={t(`bhxhCode.keys.${kind}`)}
                    styles={{ label: { paddingBlock: 6 } }}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <TextInput
              key={form.keyKind}
              label={t(`bhxhCode.keyInputs.${form.keyKind}`)}
              placeholder={t(`bhxhCode.keyPlaceholders.${form.keyKind}`)}
              value={form.keyValue}
              onChange={(event) => update({ keyValue: event.currentTarget.value })}
              error={fieldError(form.keyKind)}
              inputMode="numeric"
              autoComplete="off"
              required
            />
            <Button
              type="submit"
              size="lg"
              leftSection={<IconSearch size={22} aria-hidden="true" />}
              loading={mutation.isPending}
              loaderProps={{ 'aria-hidden': true }}
            >
              {t('bhxhCode.submit')}
            </Button>
          </Stack>
        </Card>
      </form>

      {challengeProgress !== null && <ChallengeProgress share={challengeProgress} />}

      <Box
        component="section"
        role="region"
        aria-label={t('bhxhCode.results')}
        aria-busy={mutation.isPending}
      >
        <Stack gap="md">
          <Text fw={700} size="lg" aria-live="polite" aria-atomic="true">
            {mutation.isPending && challengeProgress === null ? t('bhxhCode.searching') : ''}
            {mutation.isSuccess
              ? t('bhxhCode.total', { total: format.integer(mutation.data.items.length) })
              : ''}
          </Text>
          {mutation.isError && <LookupError error={error} onRetry={submit} />}
          {mutation.isSuccess && (
            <>
              <Text>
                {mutation.data.oldProvince
                  ? t('bhxhCode.searchedInOld', {
                      province: mutation.data.searchedProvince.name,
                      oldProvince: mutation.data.oldProvince.name,
                    })
                  : t('bhxhCode.searchedIn', { province: mutation.data.searchedProvince.name })}
              </Text>
              {mutation.data.capped && (
                <Alert
                  color="amber"
                  variant="light"
                  role="note"
                  styles={{
                    message: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' },
                  }}
                >
                  {t('bhxhCode.capped', { max: format.integer(BHXH_LOOKUP_MAX_RESULTS) })}
                </Alert>
              )}
              {mutation.data.items.length === 0 ? (
                <Card withBorder padding="lg" radius="md">
                  <Stack gap="sm">
                    <Text fw={700}>{t('bhxhCode.empty')}</Text>
                    <Text>{t('bhxhCode.emptyHint')}</Text>
                  </Stack>
                </Card>
              ) : (
                <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
                  {mutation.data.items.map((person) => (
                    <li key={person.bhxhCode}>
                      <MatchCard person={person} />
                    </li>
                  ))}
                </Stack>
              )}
            </>
          )}
        </Stack>
      </Box>

      <Notice>{t('bhxhCode.privacyNote')}</Notice>
    </LookupSection>
  );
}

interface LookupProvinceSelectProps {
  value: string | null;
  onChange: (code: string | null) => void;
  error: string | undefined;
}

/** The 34 provinces, then the old ones that no longer exist (Hà Tây, Hải Dương…): people know where they registered. */
function LookupProvinceSelect({ value, onChange, error }: LookupProvinceSelectProps) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const oldProvinces = useOldProvinces();
  const current = provinces.data?.items ?? [];
  const currentCodes = new Set(current.map((p) => p.code));
  const former = (oldProvinces.data?.items ?? []).filter((p) => !currentCodes.has(p.code));
  return (
    <Select
      label={t('bhxhCode.province')}
      description={t('bhxhCode.provinceHint')}
      placeholder={t('bhxhCode.provinceChoose')}
      data={[
        {
          group: t('bhxhCode.provinceGroupNew'),
          items: current.map((p) => ({ value: p.code, label: p.name })),
        },
        {
          group: t('bhxhCode.provinceGroupOld'),
          items: former.map((p) => ({
            value: p.code,
            label: t('lookup.oldProvinceOption', { name: p.name, province: p.newProvinceName }),
          })),
        },
      ]}
      value={value}
      onChange={onChange}
      searchable
      filter={foldedFilter}
      nothingFoundMessage={t('common.nothingFound')}
      error={error ?? (provinces.isError || oldProvinces.isError ? t('errorState.title') : undefined)}
      required
      comboboxProps={{ shadow: 'md' }}
      maxDropdownHeight={320}
    />
  );
}

/** The automatic check against bulk look-ups, with visible progress: it takes a few seconds on a phone. */
function ChallengeProgress({ share }: { share: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const percent = Math.min(99, Math.round(share * 100));
  return (
    <Card withBorder padding="lg" radius="md" role="status">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconShieldCheck
            size={24}
            aria-hidden="true"
            style={{ flexShrink: 0, color: 'var(--mantine-color-vss-8)' }}
          />
          <Text fw={700}>{t('bhxhCode.checking', { percent: format.integer(percent) })}</Text>
        </Group>
        <Progress value={percent} size="xl" radius="xl" aria-label={t('bhxhCode.checkingLabel')} animated />
        <Text size="md">{t('bhxhCode.checkingHint')}</Text>
      </Stack>
    </Card>
  );
}

function LookupError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error instanceof SolverUnavailableError) {
    return (
      <Alert
        color="danger"
        variant="light"
        title={t('errorState.title')}
        styles={{ message: { color: 'var(--mantine-color-text)' } }}
      >
        {t('bhxhCode.solverUnsupported')}
      </Alert>
    );
  }
  return <ErrorState error={error} onRetry={onRetry} shownFields={FIELD_INPUTS} />;
}

/** One person found: name, birth date (or year), BHXH code; the household code and masked address on request. */
function MatchCard({ person }: { person: BhxhCodeMatch }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const detailId = useId();
  const [open, setOpen] = useState(false);
  return (
    <ResultCard title={person.fullName}>
      <Text size="md">
        {person.birthDate
          ? t('bhxhCode.birthDateValue', { date: format.date(person.birthDate) })
          : t('bhxhCode.birthYearValue', { year: String(person.birthYear) })}
      </Text>
      <Text size="lg">
        {t('bhxhCode.bhxhCode')}:{' '}
        <Text span fw={800} size="xl" style={{ letterSpacing: '0.05em', fontVariantNumeric: 'tabular-nums' }}>
          {person.bhxhCode}
        </Text>
      </Text>
      <Button
        variant="subtle"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        aria-controls={detailId}
        rightSection={
          open ? (
            <IconChevronUp size={20} aria-hidden="true" />
          ) : (
            <IconChevronDown size={20} aria-hidden="true" />
          )
        }
        style={{ alignSelf: 'flex-start' }}
      >
        {open ? t('bhxhCode.hideDetail') : t('bhxhCode.showDetail')}
      </Button>
      <Box id={detailId} hidden={!open}>
        <Stack gap={4}>
          <Text size="md">
            <Text span fw={600}>
              {t('bhxhCode.householdCode')}:
            </Text>{' '}
            {person.householdCode}
          </Text>
          <Text size="md">
            <Text span fw={600}>
              {t('common.address')}:
            </Text>{' '}
            {person.maskedAddress}
          </Text>
        </Stack>
      </Box>
    </ResultCard>
  );
}
