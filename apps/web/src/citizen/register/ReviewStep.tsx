import { Box, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BlobImage } from '../../components/BlobImage.tsx';
import { formatDate } from '../../format.ts';
import { draftBirthDate, STEPS, useRegistrationDraft, type StepName } from './draft.tsx';
import { normalizedPhone } from './validate.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text component="dt" size="md" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Box>
  );
}

interface SectionProps {
  title: string;
  step: StepName;
  onEdit: (step: number) => void;
  /** Label–value rows (a description list), or anything else. */
  list?: boolean;
  children: ReactNode;
}

function Section({ title, step, onEdit, list = true, children }: SectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="center">
          <Title order={3} size="h4" id={headingId}>
            {title}
          </Title>
          <Button
            variant="subtle"
            size="md"
            leftSection={<IconPencil size={18} aria-hidden="true" />}
            onClick={() => onEdit(STEPS.indexOf(step))}
            aria-label={t('register.editSection', { section: title })}
            px="sm"
            style={{ minHeight: 48, flexShrink: 0 }}
          >
            {t('register.edit')}
          </Button>
        </Group>
        {list ? (
          <Stack component="dl" gap="xs" m={0}>
            {children}
          </Stack>
        ) : (
          children
        )}
      </Stack>
    </Card>
  );
}

/** Step 5: everything on one screen, a way back to each part, and the declaration before sending. */
export function ReviewStep({ onEdit }: { onEdit: (step: number) => void }) {
  const { t } = useTranslation();
  const { draft, update } = useRegistrationDraft();
  const birthDate = draftBirthDate(draft);
  const address = [draft.street.trim(), draft.communeName, draft.provinceName].filter(Boolean).join(', ');
  const photos = [
    { key: 'portrait', label: t('photo.purposes.portrait'), photo: draft.portrait },
    { key: 'idFront', label: t('photo.purposes.id_front'), photo: draft.idFront },
    { key: 'idBack', label: t('photo.purposes.id_back'), photo: draft.idBack },
  ];
  return (
    <Stack gap="md">
      <Text>{t('register.reviewIntro')}</Text>
      <Section title={t('register.steps.identity')} step="identity" onEdit={onEdit}>
        <Row label={t('register.fullName')}>{draft.fullName.trim()}</Row>
        <Row label={t('register.bhxhCode')}>{draft.bhxhCode}</Row>
        <Row label={t('register.personalId')}>{draft.personalId}</Row>
        <Row label={t('register.birthDate')}>{birthDate ? formatDate(birthDate) : ''}</Row>
      </Section>
      <Section title={t('register.steps.photos')} step="photos" onEdit={onEdit} list={false}>
        <SimpleGrid cols={3} spacing="xs">
          {photos.map(({ key, label, photo }) => (
            <Box key={key} component="figure" m={0}>
              <Text component="figcaption" size="sm" c="dimmed">
                {label}
              </Text>
              <Box>
                {photo ? (
                  <BlobImage
                    blob={photo.blob}
                    alt={t('photo.previewAlt', { label })}
                    style={{ maxHeight: 110, borderRadius: 6 }}
                  />
                ) : (
                  <Text size="sm" fw={600}>
                    {t('register.noPhoto')}
                  </Text>
                )}
              </Box>
            </Box>
          ))}
        </SimpleGrid>
      </Section>
      <Section title={t('register.steps.contact')} step="contact" onEdit={onEdit}>
        <Row label={t('common.address')}>{address}</Row>
        <Row label={t('register.phone')}>{normalizedPhone(draft.phone) ?? draft.phone}</Row>
        <Row label={t('register.emailShort')}>{draft.email.trim() || t('register.noEmail')}</Row>
      </Section>
      <Section title={t('register.steps.agency')} step="agency" onEdit={onEdit}>
        <Row label={t('register.agency')}>{draft.agencyName}</Row>
      </Section>
      <Checkbox
        name="agreed"
        label={t('register.declaration')}
        checked={draft.agreed}
        onChange={(event) => {
          const agreed = event.currentTarget.checked;
          update((current) => ({ agreed, errors: { ...current.errors, agreed: undefined } }));
        }}
        error={draft.errors.agreed}
        size="md"
        styles={{ label: { fontSize: 'var(--mantine-font-size-md)' }, body: { alignItems: 'flex-start' } }}
      />
    </Stack>
  );
}
