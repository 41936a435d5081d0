import { Select, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { foldVietnamese } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { useCommunes, useProvinces } from '../../api/lookup.ts';

/** "ha noi" finds "Thành phố Hà Nội": the same accent-free match the API uses. */
export const foldedFilter: OptionsFilter = ({ options, search }) => {
  const key = foldVietnamese(search);
  return options.filter(
    (option: ComboboxParsedItem) => 'label' in option && foldVietnamese(option.label).includes(key),
  );
};

interface AreaSelectsProps {
  province: string | null;
  commune: string | null;
  onProvinceChange: (province: string | null) => void;
  onCommuneChange: (commune: string | null) => void;
  provinceError?: string | undefined;
  communeError?: string | undefined;
}

/** Province, then a commune of that province (searchable: a province has up to a few hundred). */
export function AreaSelects({
  province,
  commune,
  onProvinceChange,
  onCommuneChange,
  provinceError,
  communeError,
}: AreaSelectsProps) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const communes = useCommunes(province);
  const clearLabel = { 'aria-label': t('common.clear') };
  return (
    <>
      <Select
        label={t('lookup.province')}
        placeholder={t('lookup.provinceAll')}
        data={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
        value={province}
        onChange={(value) => {
          onProvinceChange(value);
          onCommuneChange(null);
        }}
        clearable
        clearButtonProps={clearLabel}
        searchable
        filter={foldedFilter}
        nothingFoundMessage={t('common.nothingFound')}
        error={provinceError ?? (provinces.isError ? t('errorState.title') : undefined)}
        comboboxProps={{ shadow: 'md' }}
        maxDropdownHeight={320}
      />
      <Select
        label={t('lookup.commune')}
        placeholder={province === null ? t('lookup.communeChooseProvince') : t('lookup.communeAll')}
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
