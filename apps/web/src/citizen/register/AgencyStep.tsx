import { Group, Radio, Skeleton, Stack, Text } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { completeAddress } from '../../address.ts';
import { useAgencies } from '../../api/lookup.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormatters } from '../../format.ts';
import { useRegistrationDraft } from './draft.tsx';

/** Step 4: the BHXH office that receives the form, nearest to the chosen commune first. */
export function AgencyStep() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { draft, update } = useRegistrationDraft();
  const origin =
    draft.provinceCode !== null && draft.communeCode !== null
      ? ({ kind: 'commune', province: draft.provinceCode, commune: draft.communeCode } as const)
      : null;
  const agencies = useAgencies(origin, 1);
  const items = agencies.data?.items ?? [];
  const error = draft.errors.agencyCode;

  if (agencies.isError) return <ErrorState error={agencies.error} onRetry={() => void agencies.refetch()} />;
  if (!agencies.data) {
    return (
      <Stack gap="md" role="status" aria-label={t('common.loading')}>
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} height={96} radius="md" />
        ))}
      </Stack>
    );
  }
  if (items.length === 0) return <Text fw={700}>{t('agencies.empty')}</Text>;

  return (
    <Radio.Group
      name="agencyCode"
      label={t('register.agency')}
      description={draft.communeName ? t('nearby.fromCommune', { commune: draft.communeName }) : undefined}
      value={draft.agencyCode}
      onChange={(code) =>
        update((current) => ({
          agencyCode: code,
          agencyName: items.find((agency) => agency.code === code)?.name ?? '',
          errors: { ...current.errors, agencyCode: undefined },
        }))
      }
      error={error}
      withAsterisk
      size="md"
      styles={{ label: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 600 } }}
    >
      <Stack gap="sm" mt="sm">
        {items.map((agency, index) => (
          <Radio
            key={agency.code}
            value={agency.code}
            size="md"
            data-focus-invalid={error && index === 0 ? 'true' : undefined}
            label={
              <Stack gap={2}>
                <Text fw={700} size="lg">
                  {agency.name}
                </Text>
                <Text size="md">
                  {completeAddress(agency.address, agency.communeName, agency.provinceName)}
                </Text>
                {agency.distanceKm !== null && (
                  <Group gap={4} wrap="nowrap">
                    <IconRoute size={18} aria-hidden="true" />
                    <Text size="md" fw={600}>
                      {t('nearby.distance', { distance: format.distanceKm(agency.distanceKm) })}
                    </Text>
                  </Group>
                )}
              </Stack>
            }
            styles={{
              root: {
                border: `${draft.agencyCode === agency.code ? 2 : 1}px solid ${draft.agencyCode === agency.code ? 'var(--mantine-color-vss-8)' : 'var(--mantine-color-gray-4)'}`,
                borderRadius: 8,
                padding: 12,
                background:
                  draft.agencyCode === agency.code
                    ? 'var(--mantine-color-vss-0)'
                    : 'var(--mantine-color-white)',
              },
              body: { alignItems: 'flex-start' },
              labelWrapper: { width: '100%' },
              label: { cursor: 'pointer' },
            }}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
