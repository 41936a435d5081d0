import { Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RevokeCardForm } from './RevokeCardForm.tsx';

/** Thu hồi thẻ BHYT by typing the card code (from a report by phone or letter, not from a flag or case). */
export function RevokeCardPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t('desk.officer.revoke.title')}</PageTitle>
      <Text size="md">{t('desk.officer.revoke.intro')}</Text>
      <Card withBorder padding="lg" radius="md" maw={560}>
        <RevokeCardForm />
      </Card>
    </Stack>
  );
}
