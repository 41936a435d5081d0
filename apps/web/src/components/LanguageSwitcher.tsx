import { NativeSelect } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '@vssid/shared/i18n';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, useLanguage } from '../i18n.ts';

/**
 * A native select: the phone's own picker is the easiest control for elderly users and screen readers.
 * Each language is written in itself and tagged with its `lang` so that it is read out correctly.
 */
export function LanguageSwitcher({ labelHidden = true }: { labelHidden?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <NativeSelect
      label={t('common.language')}
      labelProps={labelHidden ? { className: 'visually-hidden-label' } : undefined}
      value={language}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguage(next)) void chooseLanguage(next);
      }}
      leftSection={<IconWorld size={20} aria-hidden="true" />}
      leftSectionWidth={36}
      rightSectionWidth={28}
      size="md"
      w={158}
      styles={{ input: { minHeight: 48, fontWeight: 600, fontSize: '1rem', paddingInlineEnd: 28 } }}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </NativeSelect>
  );
}
