import { Alert, Card, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useReceiptVerification } from '../api/dossiers.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { Fact, FactList } from '../components/FactList.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDateTime } from '../format.ts';

/** /receipt?token=… — what a receipt's QR opens: is the receipt the agency's, and what does it say (no sign-in). */
export function ReceiptCheckPage() {
  const { t } = useTranslation();
  const token = useSearchParams()[0].get('token');
  const check = useReceiptVerification(token);
  return (
    <Stack gap="lg">
      <PageTitle>{t('dossiers.receipt.title')}</PageTitle>
      <Text>{t('dossiers.receipt.intro')}</Text>
      {token === null && (
        <Alert role="alert" color="danger" variant="light">
          <Text fw={600}>{t('dossiers.receipt.missingToken')}</Text>
        </Alert>
      )}
      {check.isLoading && (
        <Stack align="center" gap="sm" role="status">
          <Loader aria-hidden="true" />
          <Text>{t('dossiers.receipt.checking')}</Text>
        </Stack>
      )}
      {check.isError && <ErrorState error={check.error} onRetry={() => void check.refetch()} />}
      {check.data && !check.data.valid && (
        <Alert
          role="alert"
          color="danger"
          variant="light"
          icon={<IconShieldX aria-hidden="true" />}
          title={t('dossiers.receipt.invalid')}
          data-receipt="invalid"
        >
          <Text>{t('dossiers.receipt.invalidBody')}</Text>
        </Alert>
      )}
      {check.data?.valid && (
        <Card
          withBorder
          padding="lg"
          radius="md"
          style={{ borderColor: 'var(--mantine-color-forest-8)', borderWidth: 2 }}
        >
          <Stack gap="md">
            <Alert
              role="status"
              color="forest"
              variant="light"
              icon={<IconCircleCheck aria-hidden="true" />}
              title={t('dossiers.receipt.valid')}
              data-receipt="valid"
            >
              <Text>{t('dossiers.receipt.validBody')}</Text>
            </Alert>
            <FactList>
              {check.data.dossierNumber && (
                <Fact label={t('dossiers.receipt.number')}>{check.data.dossierNumber}</Fact>
              )}
              {check.data.type && (
                <Fact label={t('dossiers.receipt.type')}>{t(`dossiers.types.${check.data.type}`)}</Fact>
              )}
              {check.data.outcome && (
                <Fact label={t('dossiers.receipt.outcome')}>
                  {t(`dossiers.receipt.outcomes.${check.data.outcome}`)}
                </Fact>
              )}
              {check.data.decidedAt && (
                <Fact label={t('dossiers.receipt.decidedAt')}>{formatDateTime(check.data.decidedAt)}</Fact>
              )}
              {check.data.holder && <Fact label={t('dossiers.receipt.holder')}>{check.data.holder}</Fact>}
              {check.data.agencyName && (
                <Fact label={t('dossiers.receipt.agency')}>{check.data.agencyName}</Fact>
              )}
            </FactList>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
