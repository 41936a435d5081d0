import { Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/useAuth.ts';
import { Notice } from '../../components/Notice.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

/** The facility desk's home: who is signed in, for which facility; card checks come with the facility-desk release. */
export function FacilityHome() {
  const { t } = useTranslation();
  const { account } = useAuth();
  if (!account) return null;
  return (
    <Stack gap="lg">
      <PageTitle>{t('backoffice.facility.title')}</PageTitle>
      <Card withBorder padding="lg" radius="md">
        <Text fw={700} size="lg">
          {account.displayName}
        </Text>
        {account.scope.facilityCode && (
          <Text>{t('facilityDesk.facility', { code: account.scope.facilityCode })}</Text>
        )}
      </Card>
      <Notice title={t('facilityDesk.comingTitle')}>{t('facilityDesk.coming')}</Notice>
    </Stack>
  );
}
