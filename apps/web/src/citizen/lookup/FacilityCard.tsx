import { Group, Text } from '@mantine/core';
import { IconCertificate, IconCheck } from '@tabler/icons-react';
import type { Facility } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { completeAddress } from '../../address.ts';
import { AddressLine, PhoneLine } from '../../components/ContactLinks.tsx';
import { DistanceText } from './NearbyOrigin.tsx';
import { InfoBadge, ResultCard } from './ResultCard.tsx';

/** One facility: kind, code, level, services, distance, and how to reach it. */
export function FacilityCard({ facility }: { facility: Facility }) {
  const { t } = useTranslation();
  const level = t(`facilities.levels.${facility.level}`);
  return (
    <ResultCard title={facility.name}>
      <Text size="md" c="dimmed">
        {t(`facilities.kinds.${facility.kind}`)} · {t('facilities.code', { code: facility.code })}
      </Text>
      <Group gap="xs">
        <InfoBadge variant="filled">{t('facilities.levelValue', { level })}</InfoBadge>
        {facility.acceptsInitialRegistration && (
          <InfoBadge variant="light" color="forest" leftSection={<IconCheck size={16} aria-hidden="true" />}>
            {t('facilities.acceptsInitialRegistration')}
          </InfoBadge>
        )}
        {facility.issuesSickLeave && (
          <InfoBadge variant="light" leftSection={<IconCertificate size={16} aria-hidden="true" />}>
            {t('facilities.issuesSickLeave')}
          </InfoBadge>
        )}
      </Group>
      <DistanceText distanceKm={facility.distanceKm} />
      <AddressLine>
        {completeAddress(facility.address, facility.communeName, facility.provinceName)}
      </AddressLine>
      {facility.phone && <PhoneLine phone={facility.phone} />}
    </ResultCard>
  );
}
