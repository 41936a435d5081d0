import {
  Alert,
  Box,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconAmbulance,
  IconBed,
  IconCircleCheck,
  IconCircleX,
  IconCloudOff,
  IconStethoscope,
  type Icon,
} from '@tabler/icons-react';
import { BHYT_TEXTS, isBenefitLevel, VISIT_TYPES_AT_DESK, type DeskVisit } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { BlobImage } from '../../components/BlobImage.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { useCheckPhoto, useOpenVisit } from './deskApi.ts';
import type { DeskCard, DeskOutcome } from './deskOutcome.ts';

/**
 * The code's meaning in the reader's current language (the catalog the server's message comes from, so it follows a
 * language switch); the server's words only if this version does not know the code.
 */
export function useOutcomeMessage(outcome: DeskOutcome): string {
  const { t } = useTranslation();
  return t(`checkResults.${outcome.resultCode}`, {
    ns: 'errors',
    defaultValue: outcome.message ?? outcome.resultCode,
  });
}

/** The verdict at a glance: colour, icon and words (never colour alone), the code and what it means. */
export function ResultBanner({ outcome }: { outcome: DeskOutcome }) {
  const { t } = useTranslation();
  const message = useOutcomeMessage(outcome);
  const VerdictIcon = outcome.valid ? IconCircleCheck : IconCircleX;
  return (
    <Box
      data-result-code={outcome.resultCode}
      data-offline={outcome.offline || undefined}
      p={{ base: 'md', sm: 'lg' }}
      bg={outcome.valid ? 'forest.8' : 'danger.8'}
      c="white"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    >
      <Group gap="md" wrap="nowrap" align="flex-start">
        <VerdictIcon size={56} stroke={2} aria-hidden="true" style={{ flexShrink: 0 }} />
        <Stack gap={4}>
          <Text fz={{ base: 26, sm: 32 }} fw={800} lh={1.15}>
            {outcome.valid ? t('desk.result.valid') : t('desk.result.invalid')}
          </Text>
          <Text fz="xl" fw={700}>
            {t('desk.result.code', { code: outcome.resultCode })}
          </Text>
          <Text fz="lg">{message}</Text>
          <Text fz="md">{t('desk.result.checkedAt', { time: formatDateTime(outcome.checkedAt) })}</Text>
          {outcome.offline && (
            <Group gap={6} wrap="nowrap" mt={4}>
              <IconCloudOff size={22} aria-hidden="true" style={{ flexShrink: 0 }} />
              <Text fz="md" fw={700}>
                {t('desk.result.offlineBadge')}
              </Text>
            </Group>
          )}
        </Stack>
      </Group>
    </Box>
  );
}

/** Everything below the banner: offline note, flags, the card facts and photo, and the way to open a visit. */
export function CheckResultDetails({ outcome }: { outcome: DeskOutcome }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {outcome.offline && (
        <Alert color="amber" variant="light" icon={<IconCloudOff aria-hidden="true" />} data-offline-result>
          <Text size="md" fw={600}>
            {t('desk.result.offline')}
          </Text>
        </Alert>
      )}
      <CheckFlags outcome={outcome} />
      {outcome.card && <CardFacts card={outcome.card} checkId={outcome.valid ? outcome.checkId : null} />}
      {outcome.valid && outcome.card && (
        <OpenVisitButtons key={outcome.key} outcome={outcome} fullName={outcome.card.fullName} />
      )}
    </Stack>
  );
}

function CheckFlags({ outcome }: { outcome: DeskOutcome }) {
  const { t } = useTranslation();
  const titleId = useId();
  if (outcome.flags.length === 0) return null;
  return (
    <Alert
      color="amber"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      styles={{ root: { border: '2px solid var(--mantine-color-amber-7)' } }}
      aria-labelledby={titleId}
      data-flags={outcome.flags.join(' ')}
    >
      <Title order={3} size="h4" id={titleId} c="amber.9" mb="xs">
        {t('desk.flags.title')}
      </Title>
      <List size="md" spacing="xs">
        {outcome.flags.map((flag) => (
          <List.Item key={flag}>
            {flag === 'two_facilities'
              ? outcome.otherFacility
                ? t('desk.flags.two_facilities', {
                    facility: outcome.otherFacility.name,
                    time: formatDateTime(outcome.otherFacility.at),
                  })
                : t('desk.flags.twoFacilitiesUnknown')
              : t(`desk.flags.${flag}`)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function birthDateText(card: DeskCard): string {
  return card.birthDatePrecision === 'year' ? card.birthDate.slice(0, 4) : formatDate(card.birthDate);
}

function CardFacts({ card, checkId }: { card: DeskCard; checkId: number | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = useId();
  const wide = useMediaQuery('(min-width: 48em)', true);
  const levelMeaning = isBenefitLevel(card.benefitLevel)
    ? BHYT_TEXTS[language][`bhyt.level.${card.benefitLevel}`]
    : '';
  const facility = card.registeredFacility;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Title order={3} size="h3" id={titleId} mb="sm">
        {t('desk.result.factsTitle')}
      </Title>
      <Group align="flex-start" gap="lg" wrap={wide ? 'nowrap' : 'wrap'}>
        {card.hasPhoto && checkId !== null && <Portrait checkId={checkId} name={card.fullName} />}
        <Box style={{ flex: 1, minWidth: 0 }}>
          <FactList cols={wide ? 2 : 1} gap="sm">
            <Fact label={t('desk.result.fullName')}>
              <Text span fz="xl" fw={800}>
                {card.fullName}
              </Text>
            </Fact>
            <Fact label={t('desk.result.birthDate')}>{birthDateText(card)}</Fact>
            <Fact label={t('desk.result.sex')}>{t(`desk.result.sexes.${card.sex}`)}</Fact>
            <Fact label={t('desk.result.cardCode')}>
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>{card.cardCode}</span>
            </Fact>
            <Fact label={t('desk.result.benefitLevel')} wide>
              <div>{t('desk.result.levelN', { level: String(card.benefitLevel) })}</div>
              {levelMeaning && (
                <Text span fw={400} fz="md">
                  {levelMeaning}
                </Text>
              )}
            </Fact>
            <Fact label={t('desk.result.registeredFacility')}>
              {facility.name ? `${facility.code} – ${facility.name}` : facility.code}
            </Fact>
            <Fact label={t('desk.result.route')}>
              <Text
                span
                fw={700}
                fz="md"
                c={card.rightRoute ? 'forest.8' : 'amber.9'}
                data-right-route={card.rightRoute}
              >
                {card.rightRoute ? t('desk.result.rightRoute') : t('desk.result.otherRoute')}
              </Text>
            </Fact>
            <Fact label={t('desk.result.validity')}>
              {card.validTo
                ? t('desk.result.validFromTo', {
                    from: formatDate(card.validFrom),
                    to: formatDate(card.validTo),
                  })
                : t('desk.result.validFrom', { from: formatDate(card.validFrom) })}
            </Fact>
            <Fact label={t('desk.result.fiveYears')}>
              {card.fiveYearsDate ? formatDate(card.fiveYearsDate) : t('desk.result.fiveYearsNone')}
            </Fact>
          </FactList>
        </Box>
      </Group>
    </Card>
  );
}

function Portrait({ checkId, name }: { checkId: number; name: string }) {
  const { t } = useTranslation();
  const photo = useCheckPhoto(checkId);
  if (photo.isPending) return <Skeleton width={150} height={200} radius="md" aria-hidden="true" />;
  if (photo.isError) {
    return (
      <Text size="md" c="dimmed" maw={150}>
        {t('desk.result.photoFailed')}
      </Text>
    );
  }
  return (
    <BlobImage
      blob={photo.data}
      alt={t('desk.result.photo', { name })}
      style={{ width: 150, borderRadius: 8, border: '1px solid var(--mantine-color-gray-4)' }}
    />
  );
}

const VISIT_ICONS: Record<DeskVisit['visitType'], Icon> = {
  outpatient: IconStethoscope,
  inpatient: IconBed,
  emergency: IconAmbulance,
};

function OpenVisitButtons({ outcome, fullName }: { outcome: DeskOutcome; fullName: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const openVisit = useOpenVisit();
  const [opened, setOpened] = useState<DeskVisit | null>(null);
  const { checkId } = outcome;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Title order={3} size="h3" id={titleId} mb="sm">
        {t('desk.visit.title')}
      </Title>
      {checkId === null ? (
        <Text size="md">{t('desk.result.offlineVisit')}</Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            {VISIT_TYPES_AT_DESK.map((visitType) => {
              const VisitIcon = VISIT_ICONS[visitType];
              return (
                <Button
                  key={visitType}
                  size="lg"
                  color={visitType === 'emergency' ? 'danger' : 'vss'}
                  variant={visitType === 'outpatient' ? 'filled' : 'outline'}
                  leftSection={<VisitIcon size={24} aria-hidden="true" />}
                  disabled={opened !== null}
                  loading={openVisit.isPending && openVisit.variables.visitType === visitType}
                  onClick={() => openVisit.mutate({ checkId, visitType }, { onSuccess: setOpened })}
                >
                  {t(`desk.visit.open.${visitType}`)}
                </Button>
              );
            })}
          </SimpleGrid>
          <div role="status" aria-live="polite">
            {opened && (
              <Alert color="forest" variant="light" data-visit-opened={opened.id}>
                <Text size="md" fw={600}>
                  {t('desk.visit.opened', {
                    type: t(`desk.visit.types.${opened.visitType}`),
                    name: fullName,
                    time: formatDateTime(opened.admittedAt),
                  })}
                </Text>
              </Alert>
            )}
          </div>
          {openVisit.isError && (
            <Alert color="danger" variant="light" role="alert">
              <Text size="md">{errorMessage(openVisit.error)}</Text>
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  );
}
