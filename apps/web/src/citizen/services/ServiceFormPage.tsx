import {
  Alert,
  Button,
  Card,
  Group,
  NativeSelect,
  Radio,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import {
  DOSSIER_TYPE_SPECS,
  PAYMENT_METHODS,
  bankAccountNumber,
  type DossierSubmission,
  type DossierType,
  type PaymentArrangement,
  type PaymentMethod,
} from '@vssid/shared';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { submitDossier, useBanks, usePaymentArrangements } from '../../api/dossiers.ts';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { PhotoPicker, type UploadedPhoto } from '../../components/PhotoPicker.tsx';
import { digitsOnly, hasErrors, serverFieldErrors, type FieldErrors } from '../../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../../forms/useFocusFirstInvalid.ts';
import { formatMoney, formatMonth } from '../../format.ts';
import { AreaSelects } from '../lookup/AreaSelects.tsx';
import { isDossierType, newIdempotencyKey } from './dossierText.tsx';

const FIELDS = [
  'reason',
  'delivery',
  'note',
  'benefitPaymentId',
  'provinceCode',
  'communeCode',
  'street',
  'method',
  'bankCode',
  'accountNumber',
  'contactPhone',
  'attachments',
] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  reason: 'lost' | 'damaged' | null;
  delivery: 'post' | 'at_agency' | null;
  photo: UploadedPhoto | null;
  note: string;
  benefitPaymentId: number | null;
  province: string | null;
  commune: string | null;
  street: string;
  method: PaymentMethod | null;
  bankCode: string | null;
  accountNumber: string;
  contactPhone: string;
}

const EMPTY: Draft = {
  reason: null,
  delivery: null,
  photo: null,
  note: '',
  benefitPaymentId: null,
  province: null,
  commune: null,
  street: '',
  method: null,
  bankCode: null,
  accountNumber: '',
  contactPhone: '',
};

/** /services/apply/:type — the form of one public service, for the signed-in citizen. */
export function ServiceFormPage() {
  const { type } = useParams();
  if (!isDossierType(type)) return <Navigate to="/services" replace />;
  return <ServiceForm key={type} type={type} />;
}

function ServiceForm({ type }: { type: DossierType }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [uploading, setUploading] = useState(false);
  // One key per attempt: kept while the same content is retried, renewed as soon as anything changes.
  const attemptKey = useRef<string | null>(null);
  const { ref, focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();
  const payments = type === 'pension_place_change' || type === 'receipt_method_change';
  const arrangements = usePaymentArrangements(payments);
  const benefitItems = arrangements.data?.items ?? [];
  // One benefit (the usual case) is chosen already; with more, the person picks.
  const chosenBenefit =
    draft.benefitPaymentId ??
    (benefitItems.length === 1 ? (benefitItems[0]?.benefitPaymentId ?? null) : null);

  const set = <K extends keyof Draft>(key: K, value: Draft[K], field?: Field) => {
    attemptKey.current = null;
    setDraft((current) => ({ ...current, [key]: value }));
    if (field) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = useMutation({
    mutationFn: (submission: DossierSubmission) => {
      attemptKey.current ??= newIdempotencyKey();
      return submitDossier(submission, attemptKey.current);
    },
    onSuccess: (dossier) => {
      void navigate(`/services/dossiers/${dossier.id}`, { state: { submitted: dossier.dossierNumber } });
    },
    onError: (error) => {
      const next: FieldErrors<Field> = {};
      for (const name of FIELDS) {
        const message = serverFieldErrors(error, [`form.${name}`, name])[`form.${name}`];
        if (message) next[name] = message;
      }
      const own = serverFieldErrors(error, ['attachments']);
      if (own.attachments) next.attachments = own.attachments;
      setErrors(next);
      if (hasErrors(next)) focusFirstInvalid();
    },
  });

  const validate = (): { errors: FieldErrors<Field>; submission: DossierSubmission | null } => {
    const next: FieldErrors<Field> = {};
    const required = t('dossiers.form.required');
    const note = draft.note.trim() ? { note: draft.note.trim() } : {};
    const photoPurpose: DossierSubmission['attachments'][number]['purpose'] =
      type === 'card_reissue' ? 'damaged_card' : 'damaged_book';
    const benefitPaymentId = chosenBenefit;
    const attachments =
      draft.reason === 'damaged' && draft.photo
        ? [{ uploadId: draft.photo.uploadId, purpose: photoPurpose }]
        : [];
    switch (type) {
      case 'card_reissue':
      case 'book_reissue': {
        if (!draft.reason) next.reason = required;
        if (type === 'book_reissue' && !draft.delivery) next.delivery = required;
        if (draft.reason === 'damaged' && !draft.photo) next.attachments = t('dossiers.form.photoRequired');
        if (hasErrors(next) || !draft.reason) return { errors: next, submission: null };
        if (type === 'card_reissue') {
          return { errors: next, submission: { type, form: { reason: draft.reason, ...note }, attachments } };
        }
        if (!draft.delivery) return { errors: next, submission: null };
        return {
          errors: next,
          submission: {
            type,
            form: { reason: draft.reason, delivery: draft.delivery, ...note },
            attachments,
          },
        };
      }
      case 'pension_place_change': {
        if (benefitPaymentId === null) next.benefitPaymentId = required;
        if (!draft.province) next.provinceCode = required;
        if (!draft.commune) next.communeCode = required;
        if (draft.street.trim().length < 2) next.street = required;
        if (hasErrors(next) || benefitPaymentId === null || !draft.province || !draft.commune) {
          return { errors: next, submission: null };
        }
        return {
          errors: next,
          submission: {
            type,
            form: {
              benefitPaymentId: benefitPaymentId,
              provinceCode: draft.province,
              communeCode: draft.commune,
              street: draft.street.trim(),
              ...note,
            },
            attachments: [],
          },
        };
      }
      case 'receipt_method_change': {
        if (benefitPaymentId === null) next.benefitPaymentId = required;
        if (!draft.method) next.method = required;
        const bank = draft.method === 'bank_account';
        if (bank && !draft.bankCode) next.bankCode = required;
        if (bank && !bankAccountNumber.safeParse(draft.accountNumber).success) {
          next.accountNumber = draft.accountNumber
            ? t('fields.bankAccountNumber', { ns: 'errors' })
            : required;
        }
        if (hasErrors(next) || benefitPaymentId === null || !draft.method) {
          return { errors: next, submission: null };
        }
        return {
          errors: next,
          submission: {
            type,
            form: {
              benefitPaymentId: benefitPaymentId,
              method: draft.method,
              ...(bank && draft.bankCode
                ? { bankCode: draft.bankCode, accountNumber: draft.accountNumber }
                : {}),
              ...(draft.contactPhone.trim() ? { contactPhone: draft.contactPhone.trim() } : {}),
              ...note,
            },
            attachments: [],
          },
        };
      }
    }
  };

  const shownByField = hasErrors(errors);
  const noteField = (
    <Textarea
      size="lg"
      name="note"
      label={t('dossiers.form.note')}
      description={t('dossiers.form.noteHint')}
      value={draft.note}
      maxLength={500}
      autosize
      minRows={2}
      onChange={(event) => set('note', event.currentTarget.value, 'note')}
      error={errors.note}
    />
  );

  return (
    <Stack gap="lg">
      <BackLink to="/services" label={t('dossiers.common.backToServices')} />
      <PageTitle>{t(`dossiers.types.${type}`)}</PageTitle>
      <Text>{t('dossiers.form.intro', { agency: t('dossiers.form.introAgency') })}</Text>
      <ProcessingTime type={type} />
      {submit.isError && !shownByField && (
        <Alert role="alert" color="danger" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Text fw={600}>{errorMessage(submit.error)}</Text>
        </Alert>
      )}
      <Card withBorder padding="lg" radius="md">
        <form
          ref={ref}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (uploading) return;
            const result = validate();
            setErrors(result.errors);
            if (!result.submission) {
              focusFirstInvalid();
              return;
            }
            submit.mutate(result.submission);
          }}
        >
          <Stack gap="lg">
            {(type === 'card_reissue' || type === 'book_reissue') && (
              <ReissueFields
                type={type}
                draft={draft}
                set={set}
                errors={errors}
                onBusyChange={setUploading}
              />
            )}
            {payments && (
              <PaymentFields
                type={type}
                arrangements={arrangements}
                chosenId={chosenBenefit}
                draft={draft}
                set={set}
                errors={errors}
              >
                {noteField}
              </PaymentFields>
            )}
            {!payments && noteField}
            <Text size="md">{t('dossiers.form.review')}</Text>
            <Button
              type="submit"
              size="lg"
              loading={submit.isPending}
              disabled={uploading}
              leftSection={<IconSend size={22} aria-hidden="true" />}
            >
              {t('dossiers.form.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

/** "Thời gian giải quyết: 7 ngày làm việc", from the type's spec. */
export function ProcessingTime({ type }: { type: DossierType }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <IconClockHour4 size={22} aria-hidden="true" />
      <Text fw={600} data-processing-days={DOSSIER_TYPE_SPECS[type].processingWorkingDays}>
        {t('dossiers.common.processingDays', { count: DOSSIER_TYPE_SPECS[type].processingWorkingDays })}
      </Text>
    </Group>
  );
}

type Setter = <K extends keyof Draft>(key: K, value: Draft[K], field?: Field) => void;

interface FieldsProps {
  draft: Draft;
  set: Setter;
  errors: FieldErrors<Field>;
}

function ReissueFields({
  type,
  draft,
  set,
  errors,
  onBusyChange,
}: FieldsProps & { type: 'card_reissue' | 'book_reissue'; onBusyChange: (busy: boolean) => void }) {
  const { t } = useTranslation();
  const card = type === 'card_reissue';
  return (
    <>
      <Radio.Group
        size="lg"
        name="reason"
        label={t('dossiers.form.reason')}
        value={draft.reason}
        onChange={(value) => set('reason', value === 'lost' || value === 'damaged' ? value : null, 'reason')}
        error={errors.reason}
        required
      >
        <Stack gap="sm" mt="xs">
          <Radio size="lg" value="lost" label={t('dossiers.form.reasons.lost')} />
          <Radio size="lg" value="damaged" label={t('dossiers.form.reasons.damaged')} />
        </Stack>
      </Radio.Group>
      {!card && (
        <Radio.Group
          size="lg"
          name="delivery"
          label={t('dossiers.form.delivery')}
          value={draft.delivery}
          onChange={(value) =>
            set('delivery', value === 'post' || value === 'at_agency' ? value : null, 'delivery')
          }
          error={errors.delivery}
          required
        >
          <Stack gap="sm" mt="xs">
            <Radio size="lg" value="post" label={t('dossiers.form.deliveries.post')} />
            <Radio size="lg" value="at_agency" label={t('dossiers.form.deliveries.at_agency')} />
          </Stack>
        </Radio.Group>
      )}
      {draft.reason === 'damaged' && (
        <PhotoPicker
          purpose={card ? 'damaged_card' : 'damaged_book'}
          label={card ? t('dossiers.form.damagedCardPhoto') : t('dossiers.form.damagedBookPhoto')}
          description={
            card ? t('dossiers.form.damagedCardPhotoHint') : t('dossiers.form.damagedBookPhotoHint')
          }
          capture="environment"
          value={draft.photo}
          onChange={(photo) => set('photo', photo, 'attachments')}
          onBusyChange={onBusyChange}
          error={errors.attachments}
          required
        />
      )}
    </>
  );
}

function PaymentFields({
  type,
  arrangements,
  chosenId,
  draft,
  set,
  errors,
  children,
}: FieldsProps & {
  type: 'pension_place_change' | 'receipt_method_change';
  arrangements: ReturnType<typeof usePaymentArrangements>;
  chosenId: number | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (arrangements.isError) {
    return <ErrorState error={arrangements.error} onRetry={() => void arrangements.refetch()} />;
  }
  if (arrangements.isPending) return <Skeleton height={120} radius="md" aria-hidden="true" />;
  const items = arrangements.data.items;
  if (items.length === 0) {
    return (
      <Alert role="note" color="amber" variant="light">
        <Text fw={600}>{t('dossiers.form.noBenefits')}</Text>
      </Alert>
    );
  }
  const chosen = items.find((item) => item.benefitPaymentId === chosenId) ?? null;
  return (
    <>
      <BenefitChoice items={items} value={chosenId} set={set} error={errors.benefitPaymentId} />
      {chosen && <CurrentArrangement arrangement={chosen} />}
      {type === 'pension_place_change' ? (
        <PlaceFields draft={draft} set={set} errors={errors} />
      ) : (
        <MethodFields draft={draft} set={set} errors={errors} />
      )}
      {children}
    </>
  );
}

function BenefitChoice({
  items,
  value,
  set,
  error,
}: {
  items: PaymentArrangement[];
  value: number | null;
  set: Setter;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      name="benefitPaymentId"
      size="lg"
      label={t('dossiers.form.benefit')}
      value={value === null ? '' : String(value)}
      onChange={(event) => {
        const id = Number(event.currentTarget.value);
        set('benefitPaymentId', Number.isInteger(id) && id > 0 ? id : null, 'benefitPaymentId');
      }}
      error={error}
      required
      data={[
        ...(value === null ? [{ value: '', label: t('dossiers.form.chooseBenefit') }] : []),
        ...items.map((item) => ({
          value: String(item.benefitPaymentId),
          label: t('dossiers.form.benefitOption', {
            kind: t(`records.benefits.kinds.${item.kind}`, { defaultValue: item.kind }),
            amount: item.monthlyAmount === null ? '—' : formatMoney(item.monthlyAmount),
          }),
        })),
      ]}
    />
  );
}

/** How the chosen benefit is paid today, so the person sees what the dossier changes. */
function CurrentArrangement({ arrangement }: { arrangement: PaymentArrangement }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" radius="md" bg="vss.0" data-current-arrangement>
      <Stack gap={4}>
        <Text fw={700}>{t('dossiers.form.current')}</Text>
        <Text>
          {t('dossiers.form.currentPlace', {
            place: [arrangement.street, arrangement.communeName, arrangement.provinceName]
              .filter(Boolean)
              .join(', '),
            agency: arrangement.agencyName,
          })}
        </Text>
        <Text>
          {t(`dossiers.form.methods.${arrangement.method}`)}
          {arrangement.bankName && arrangement.maskedAccountNumber
            ? ` – ${t('dossiers.payments.accountValue', {
                bank: arrangement.bankName,
                account: arrangement.maskedAccountNumber,
              })}`
            : ''}
        </Text>
        <Text size="md" c="dimmed">
          {t('dossiers.payments.fromMonth')}: {formatMonth(arrangement.fromMonth)}
        </Text>
      </Stack>
    </Card>
  );
}

function PlaceFields({ draft, set, errors }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={700} size="lg" mb="xs">
        {t('dossiers.form.newPlace')}
      </Text>
      <AreaSelects
        province={draft.province}
        commune={draft.commune}
        onProvinceChange={(province) => set('province', province, 'provinceCode')}
        onCommuneChange={(commune) => set('commune', commune, 'communeCode')}
        provinceError={errors.provinceCode}
        communeError={errors.communeCode}
        required
      />
      <TextInput
        name="street"
        label={t('dossiers.form.street')}
        description={t('dossiers.form.streetHint')}
        value={draft.street}
        maxLength={200}
        autoComplete="street-address"
        onChange={(event) => set('street', event.currentTarget.value, 'street')}
        error={errors.street}
        required
      />
    </Stack>
  );
}

function MethodFields({ draft, set, errors }: FieldsProps) {
  const { t } = useTranslation();
  const banks = useBanks();
  return (
    <>
      <Radio.Group
        size="lg"
        name="method"
        label={t('dossiers.form.method')}
        value={draft.method}
        onChange={(value) =>
          set('method', PAYMENT_METHODS.find((method) => method === value) ?? null, 'method')
        }
        error={errors.method}
        required
      >
        <Stack gap="sm" mt="xs">
          {PAYMENT_METHODS.map((method) => (
            <Radio key={method} size="lg" value={method} label={t(`dossiers.form.methods.${method}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {draft.method === 'bank_account' && (
        <>
          <Select
            name="bankCode"
            label={t('dossiers.form.bank')}
            placeholder={t('dossiers.form.bankChoose')}
            data={(banks.data?.items ?? []).map((bank) => ({ value: bank.code, label: bank.name }))}
            value={draft.bankCode}
            onChange={(value) => set('bankCode', value, 'bankCode')}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            error={errors.bankCode ?? (banks.isError ? errorMessage(banks.error) : undefined)}
            comboboxProps={{ shadow: 'md' }}
            maxDropdownHeight={320}
            required
          />
          <TextInput
            name="accountNumber"
            label={t('dossiers.form.accountNumber')}
            description={t('dossiers.form.accountNumberHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={19}
            value={draft.accountNumber}
            onChange={(event) =>
              set('accountNumber', digitsOnly(event.currentTarget.value, 19), 'accountNumber')
            }
            error={errors.accountNumber}
            required
          />
        </>
      )}
      <TextInput
        name="contactPhone"
        type="tel"
        label={t('dossiers.form.contactPhone')}
        description={t('dossiers.form.contactPhoneHint')}
        inputMode="tel"
        autoComplete="tel"
        maxLength={15}
        value={draft.contactPhone}
        onChange={(event) => set('contactPhone', event.currentTarget.value, 'contactPhone')}
        error={errors.contactPhone}
      />
    </>
  );
}
