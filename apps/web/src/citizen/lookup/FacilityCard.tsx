import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCertificate, IconCheck } from '@tabler/icons-react';
import type { Facility } from '@vssid/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { completeAddress } from '../../address.ts';
import { AddressLine, PhoneLine } from '../../components/ContactLinks.tsx';
import { DistanceText } from './NearbyOrigin.tsx';

const badgeStyles = { label: { fontSize: '0.9375rem', overflow: 'visible', whiteSpace: 'normal' as const } };

/** One facility: an article named by its heading, so lists can be browsed heading by heading. */
export function FacilityCard({ facility }: { facility: Facility }) {
  const { t } = useTranslation();
  const headingId = useId();
  const level = t(`facilities.levels.${facility.level}`);
  return (
    <Card withBorder padding="lg" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} id={headingId}>
          {facility.name}
        </Title>
        <Text size="md" c="dimmed">
          {t(`facilities.kinds.${facility.kind}`)} · {t('facilities.code', { code: facility.code })}
        </Text>
        <Group gap="xs">
          <Badge variant="filled" color="vss" size="lg" tt="none" styles={badgeStyles} h="auto" py={4}>
            {t('facilities.levelValue', { level })}
          </Badge>
          {facility.acceptsInitialRegistration && (
            <Badge
              variant="light"
              color="forest"
              size="lg"
              tt="none"
              h="auto"
              py={4}
              styles={badgeStyles}
              leftSection={<IconCheck size={16} aria-hidden="true" />}
            >
              {t('facilities.acceptsInitialRegistration')}
            </Badge>
          )}
          {facility.issuesSickLeave && (
            <Badge
              variant="light"
              color="vss"
              size="lg"
              tt="none"
              h="auto"
              py={4}
              styles={badgeStyles}
              leftSection={<IconCertificate size={16} aria-hidden="true" />}
            >
              {t('facilities.issuesSickLeave')}
            </Badge>
          )}
        </Group>
        <DistanceText distanceKm={facility.distanceKm} />
        <AddressLine>{completeAddress(facility.address, facility.communeName, facility.provinceName)}</AddressLine>
        {facility.phone && <PhoneLine phone={facility.phone} />}
      </Stack>
    </Card>
  );
}
