import { Select, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { foldVietnamese } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { useCommunes, useOldDistricts, useOldProvinces, useProvinces } from '../../api/lookup.ts';

/** "ha noi" finds "Thành phố Hà Nội": the same accent-free match the API uses (also inside option groups). */
export const foldedFilter: OptionsFilter = ({ options, search }) => {
  const key = foldVietnamese(search);
  const matches = (label: string) => foldVietnamese(label).includes(key);
  return options.flatMap((option: ComboboxParsedItem): ComboboxParsedItem[] => {
    if ('group' in option) {
      const items = option.items.filter((item) => matches(item.label));
      return items.length > 0 ? [{ ...option, items }] : [];
    }
    return matches(option.label) ? [option] : [];
  });
};

interface AreaSelectsProps {
  province: string | null;
  commune: string | null;
  onProvinceChange: (province: string | null) => void;
  onCommuneChange: (commune: string | null) => void;
  provinceError?: string | undefined;
  communeError?: string | undefined;
  /** In a form (a new address) both are required and the empty choice reads "choose", not "all". */
  required?: boolean;
}

/** Province, then a commune of that province (searchable: a province has up to a few hundred). */
export function AreaSelects({
  province,
  commune,
  onProvinceChange,
  onCommuneChange,
  provinceError,
  communeError,
  required = false,
}: AreaSelectsProps) {
  const { t } = useTranslation();
  const communes = useCommunes(province);
  const clearLabel = { 'aria-label': t('common.clear') };
  return (
    <>
      <ProvinceSelect
        value={province}
        onChange={(value) => {
          onProvinceChange(value);
          onCommuneChange(null);
        }}
        error={provinceError}
        required={required}
      />
      <Select
        label={t('lookup.commune')}
        placeholder={
          province === null
            ? t('lookup.communeChooseProvince')
            : required
              ? t('dossiers.form.choose')
              : t('lookup.communeAll')
        }
        required={required}
        data={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
        value={commune}
        onChange={onCommuneChange}
        disabled={province === null}
        clearable
        clearButtonProps={clearLabel}
        searchable
        filter={foldedFilter}
        nothingFoundMessage={t('common.nothingFound')}
        error={communeError ?? (communes.isError ? t('errorState.title') : undefined)}
        comboboxProps={{ shadow: 'md' }}
        maxDropdownHeight={320}
      />
    </>
  );
}

interface ProvinceSelectProps {
  value: string | null;
  onChange: (province: string | null) => void;
  error?: string | undefined;
  required?: boolean;
}

/** One of the 34 provinces, searchable without accents; empty means all of them. */
export function ProvinceSelect({ value, onChange, error, required = false }: ProvinceSelectProps) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  return (
    <Select
      label={t('lookup.province')}
      placeholder={required ? t('dossiers.form.choose') : t('lookup.provinceAll')}
      required={required}
      data={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
      value={value}
      onChange={onChange}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      searchable
      filter={foldedFilter}
      nothingFoundMessage={t('common.nothingFound')}
      error={error ?? (provinces.isError ? t('errorState.title') : undefined)}
      comboboxProps={{ shadow: 'md' }}
      maxDropdownHeight={320}
    />
  );
}

interface OldDistrictSelectsProps {
  oldProvince: string | null;
  oldDistrict: number | null;
  onOldProvinceChange: (code: string | null) => void;
  onOldDistrictChange: (id: number | null) => void;
  districtError?: string | undefined;
}

/** For people who think in the districts abolished on 1 July 2025: an old province, then one of its districts. */
export function OldDistrictSelects({
  oldProvince,
  oldDistrict,
  onOldProvinceChange,
  onOldDistrictChange,
  districtError,
}: OldDistrictSelectsProps) {
  const { t } = useTranslation();
  const oldProvinces = useOldProvinces();
  const districts = useOldDistricts(oldProvince);
  const clearLabel = { 'aria-label': t('common.clear') };
  return (
    <>
      <Select
        label={t('lookup.oldProvince')}
        placeholder={t('lookup.oldProvinceChoose')}
        data={(oldProvinces.data?.items ?? []).map((p) => ({
          value: p.code,
          label: t('lookup.oldProvinceOption', { name: p.name, province: p.newProvinceName }),
        }))}
        value={oldProvince}
        onChange={(value) => {
          onOldProvinceChange(value);
          onOldDistrictChange(null);
        }}
        clearable
        clearButtonProps={clearLabel}
        searchable
        filter={foldedFilter}
        nothingFoundMessage={t('common.nothingFound')}
        error={oldProvinces.isError ? t('errorState.title') : undefined}
        comboboxProps={{ shadow: 'md' }}
        maxDropdownHeight={320}
      />
      <Select
        label={t('lookup.oldDistrict')}
        placeholder={
          oldProvince === null ? t('lookup.oldDistrictChooseProvince') : t('lookup.oldDistrictAll')
        }
        description={t('lookup.oldDistrictHint')}
        data={(districts.data?.items ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
        value={oldDistrict === null ? null : String(oldDistrict)}
        onChange={(value) => onOldDistrictChange(value === null ? null : Number(value))}
        disabled={oldProvince === null}
        clearable
        clearButtonProps={clearLabel}
        searchable
        filter={foldedFilter}
        nothingFoundMessage={t('common.nothingFound')}
        error={districtError ?? (districts.isError ? t('errorState.title') : undefined)}
        comboboxProps={{ shadow: 'md' }}
        maxDropdownHeight={320}
      />
    </>
  );
}
