import { Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCreditCard, IconMapPinShare } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePaymentArrangements } from '../../api/dossiers.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { formatMoney, formatMonth } from '../../format.ts';

/**
 * Where and how each monthly benefit is paid (pay place, agency, method, masked account), with the two services that
 * change it: the result of an approved dossier shows here.
 */
export function PaymentArrangements() {
  const { t } = useTranslation();
  const titleId = useId();
  const arrangements = usePaymentArrangements();
  // Nothing to say to someone with no monthly benefit: the benefits list below speaks for itself.
  if (arrangements.isSuccess && arrangements.data.items.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} id={titleId}>
        {t('dossiers.payments.title')}
      </Title>
      <Text>{t('dossiers.payments.intro')}</Text>
      {arrangements.isError && (
        <ErrorState error={arrangements.error} onRetry={() => void arrangements.refetch()} />
      )}
      {arrangements.isPending && <Skeleton height={160} radius="md" aria-hidden="true" />}
      {arrangements.data?.items.map((item) => (
        <Card
          key={item.benefitPaymentId}
          withBorder
          padding="md"
          radius="md"
          component="article"
          data-arrangement={item.benefitPaymentId}
        >
          <Stack gap="sm">
            <Text fw={700} size="lg">
              {t(`records.benefits.kinds.${item.kind}`, { defaultValue: item.kind })}
              {item.monthlyAmount !== null ? ` – ${formatMoney(item.monthlyAmount)}` : ''}
            </Text>
            <FactList>
              <Fact label={t('dossiers.payments.payPlace')}>
                <span data-pay-place>
                  {[item.street, item.communeName, item.provinceName].filter(Boolean).join(', ')}
                </span>
              </Fact>
              <Fact label={t('dossiers.payments.agency')}>
                <span data-pay-agency>{item.agencyName}</span>
              </Fact>
              <Fact label={t('dossiers.payments.method')}>
                <span data-pay-method={item.method}>{t(`dossiers.form.methods.${item.method}`)}</span>
              </Fact>
              {item.bankName && item.maskedAccountNumber && (
                <Fact label={t('dossiers.payments.account')}>
                  <span data-pay-account>
                    {t('dossiers.payments.accountValue', {
                      bank: item.bankName,
                      account: item.maskedAccountNumber,
                    })}
                  </span>
                </Fact>
              )}
              {item.contactPhone && (
                <Fact label={t('dossiers.payments.contactPhone')}>{item.contactPhone}</Fact>
              )}
              <Fact label={t('dossiers.payments.fromMonth')}>
                <span data-pay-from={item.fromMonth}>{formatMonth(item.fromMonth)}</span>
              </Fact>
            </FactList>
            <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
              <Button
                component={Link}
                to="/services/apply/pension_place_change"
                variant="light"
                leftSection={<IconMapPinShare size={22} aria-hidden="true" />}
              >
                {t('dossiers.payments.movePlace')}
              </Button>
              <Button
                component={Link}
                to="/services/apply/receipt_method_change"
                variant="light"
                leftSection={<IconCreditCard size={22} aria-hidden="true" />}
              >
                {t('dossiers.payments.changeMethod')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
