import { Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Says plainly that demo facilities and offices are invented, so nobody travels to one. */
export function SyntheticNote() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
      <IconFlask size={18} aria-hidden="true" style={{ flexShrink: 0, marginTop: 3 }} />
      <span>{t('common.syntheticData')}</span>
    </Text>
  );
}
