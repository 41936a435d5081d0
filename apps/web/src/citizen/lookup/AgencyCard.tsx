import { Group, Text } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import type { Agency } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { completeAddress } from '../../address.ts';
import { AddressLine, EmailLine, PhoneLine } from '../../components/ContactLinks.tsx';
import { DistanceText } from './NearbyOrigin.tsx';
import { InfoBadge, ResultCard } from './ResultCard.tsx';

/** One BHXH office: name, kind, distance, and how to reach it. */
export function AgencyCard({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  return (
    <ResultCard title={agency.name}>
      <Group gap="xs">
        <InfoBadge variant={agency.kind === 'provincial' ? 'filled' : 'light'}>
          {t(`agencies.kinds.${agency.kind}`)}
        </InfoBadge>
        <DistanceText distanceKm={agency.distanceKm} />
      </Group>
      <AddressLine>{completeAddress(agency.address, agency.communeName, agency.provinceName)}</AddressLine>
      {agency.phone && <PhoneLine phone={agency.phone} />}
      {agency.email && <EmailLine email={agency.email} />}
      {agency.openingHours && (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconClock
            size={20}
            aria-hidden="true"
            style={{ flexShrink: 0, marginTop: 4, color: 'var(--mantine-color-vss-8)' }}
          />
          <Text size="md">
            <Text span fw={600}>
              {t('agencies.openingHours')}:
            </Text>{' '}
            {agency.openingHours}
          </Text>
        </Group>
      )}
    </ResultCard>
  );
}
