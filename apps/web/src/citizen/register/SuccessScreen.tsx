import { Button, Card, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconUserCircle } from '@tabler/icons-react';
import type { RegistrationReceipt } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, formatDateTime } from '../../format.ts';

/** The dossier number, the last day an officer can approve, and what happens next. */
export function SuccessScreen({ receipt, onDone }: { receipt: RegistrationReceipt; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <ThemeIcon size={64} radius="xl" color="forest" variant="light" aria-hidden="true">
        <IconCircleCheck size={44} />
      </ThemeIcon>
      <PageTitle>{t('register.success.title')}</PageTitle>
      <Card withBorder padding="lg" radius="md">
        <Stack gap="xs">
          <Text size="md">{t('register.success.dossierNumber')}</Text>
          <Text
            size="xl"
            fw={800}
            c="vss.8"
            data-dossier-number
            style={{ fontSize: '1.75rem', letterSpacing: '0.02em' }}
          >
            {receipt.dossierNumber}
          </Text>
          <Text>{t('register.success.submittedAt', { time: formatDateTime(receipt.submittedAt) })}</Text>
          <Text>{t('register.success.agency', { agency: receipt.agencyName })}</Text>
          <Text fw={700}>{t('register.success.expiresOn', { date: formatDate(receipt.expiresOn) })}</Text>
        </Stack>
      </Card>
      <Stack gap="sm" component="section" aria-labelledby="register-next-title">
        <Title order={2} id="register-next-title">
          {t('register.success.nextTitle')}
        </Title>
        <List type="ordered" spacing="sm" size="md">
          <List.Item>{t('register.success.next1', { agency: receipt.agencyName })}</List.Item>
          <List.Item>{t('register.success.next2')}</List.Item>
          <List.Item>{t('register.success.next3')}</List.Item>
        </List>
        <Text>
          {receipt.identityVerified
            ? t('register.success.verified')
            : t('register.success.notVerified', { agency: receipt.agencyName })}
        </Text>
        <Text>{t('register.success.keepNumber')}</Text>
      </Stack>
      <Button
        component={Link}
        to="/personal"
        onClick={onDone}
        leftSection={<IconUserCircle size={22} aria-hidden="true" />}
      >
        {t('register.success.done')}
      </Button>
    </Stack>
  );
}
