import { BENEFIT_KINDS, CARD_STATUSES, PAYMENT_METHODS } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { useBanks } from '../../api/dossiers.ts';
import { useCommunes, useProvinces } from '../../api/lookup.ts';
import { Fact, FactList } from '../../components/FactList.tsx';
import { formatDate, formatMoney, formatMonth } from '../../format.ts';

/** The labelled keys a dossier's form or the officer's "record" may hold, in the order they are shown. */
const KEYS = [
  'reason',
  'delivery',
  'cardCode',
  'status',
  'validFrom',
  'validTo',
  'issuedOn',
  'facilityCode',
  'bhxhCode',
  'kind',
  'monthlyAmount',
  'agencyName',
  'street',
  'communeName',
  'provinceName',
  'communeCode',
  'provinceCode',
  'method',
  'bankCode',
  'bankName',
  'accountNumber',
  'maskedAccountNumber',
  'contactPhone',
  'fromMonth',
  'note',
] as const;
type Key = (typeof KEYS)[number];

function oneOf<T extends string>(list: readonly T[], value: string): T | null {
  return list.find((item) => item === value) ?? null;
}

/**
 * A dossier's form, or what the records say, as label–value pairs: codes in words (reasons, methods, benefit kinds,
 * places, banks), dates and money formatted. Keys without a label (internal ids) are left out.
 */
export function FormFacts({ values }: { values: Record<string, unknown> }) {
  const { t } = useTranslation();
  const provinceCode = typeof values.provinceCode === 'string' ? values.provinceCode : null;
  const provinces = useProvinces();
  const communes = useCommunes(provinceCode);
  const banks = useBanks();

  const inWords =
    <T extends string>(list: readonly T[], name: (value: T) => string) =>
    (raw: string) => {
      const value = oneOf(list, raw);
      return value ? name(value) : raw;
    };
  const formatters: Partial<Record<Key, (raw: string) => string>> = {
    reason: inWords(['lost', 'damaged'], (value) => t(`dossiers.form.reasons.${value}`)),
    delivery: inWords(['post', 'at_agency'], (value) => t(`dossiers.form.deliveries.${value}`)),
    method: inWords(PAYMENT_METHODS, (value) => t(`dossiers.form.methods.${value}`)),
    kind: inWords(BENEFIT_KINDS, (value) => t(`records.benefits.kinds.${value}`)),
    status: inWords(CARD_STATUSES, (value) => t(`card.statuses.${value}`)),
    validFrom: formatDate,
    validTo: formatDate,
    issuedOn: formatDate,
    fromMonth: formatMonth,
    provinceCode: (raw) => provinces.data?.items.find((p) => p.code === raw)?.name ?? raw,
    communeCode: (raw) => communes.data?.items.find((c) => c.code === raw)?.name ?? raw,
    bankCode: (raw) => banks.data?.items.find((b) => b.code === raw)?.name ?? raw,
  };
  const text = (key: Key, raw: string): string => formatters[key]?.(raw) ?? raw;
  // A resolved province or commune reads as a name, so it takes the name's label.
  const label = (key: Key): string =>
    key === 'provinceCode'
      ? t('dossiers.fields.provinceName')
      : key === 'communeCode'
        ? t('dossiers.fields.communeName')
        : t(`dossiers.fields.${key}`);

  return (
    <FactList>
      {KEYS.map((key) => {
        const value = values[key];
        if (value === null || value === undefined || value === '') return null;
        const shown =
          typeof value === 'number'
            ? key === 'monthlyAmount'
              ? formatMoney(value)
              : String(value)
            : typeof value === 'string'
              ? text(key, value)
              : null;
        if (shown === null) return null;
        return (
          <Fact key={key} label={label(key)}>
            <span data-fact={key}>{shown}</span>
          </Fact>
        );
      })}
    </FactList>
  );
}
