import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconExternalLink, IconX } from '@tabler/icons-react';
import { foldVietnamese, REJECTION_REASONS, type OfficerRegistrationDetail } from '@vssid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { BlobImage } from '../../components/BlobImage.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { i18n } from '../../i18n.ts';
import {
  useOfficerDecisions,
  useOfficerRegistration,
  useProtectedPhoto,
  type RejectionReason,
} from './api.ts';
import { DoneNotice } from './DoneNotice.tsx';
import { DaysLeftBadge, StatusBadge, VerifiedBadge } from './RegistrationBadges.tsx';

function isReason(value: string): value is RejectionReason {
  return (REJECTION_REASONS as readonly string[]).includes(value);
}

const ACTIONS = ['submitted', 'approved', 'rejected', 'expired', 'paper_received', 'forwarded'] as const;
type Action = (typeof ACTIONS)[number];
function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

/** A decision's action or reason in the reader's language; an unknown code is shown as it is. */
function actionLabel(action: string): string {
  return isAction(action) ? i18n.t(`officer.actions.${action}`) : action;
}
function reasonLabel(reason: string): string {
  return isReason(reason) ? i18n.t(`rejectionReasons.${reason}`) : reason;
}

/** One form in full: photos beside the BHXH record, the decision log, and the decisions this officer may take. */
export function OfficerRegistrationPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useOfficerRegistration(id);
  const { approve, reject } = useOfficerDecisions();
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const [done, setDone] = useState<'approved' | 'rejected' | null>(null);

  if (!Number.isInteger(id) || id <= 0) return <BackLink to="/officer" label={t('officer.backToQueue')} />;
  if (query.isError) {
    return (
      <Stack gap="lg">
        <BackLink to="/officer" label={t('officer.backToQueue')} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  if (!query.data) {
    return (
      <Stack gap="md" aria-busy="true">
        <BackLink to="/officer" label={t('officer.backToQueue')} />
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('common.loading')}</Text>
        </Group>
        <Skeleton height={320} radius="md" aria-hidden="true" />
      </Stack>
    );
  }
  const registration = query.data;
  const canApprove = registration.allowedActions.includes('approve');
  const canReject = registration.allowedActions.includes('reject');

  return (
    <Stack gap="lg">
      <BackLink to="/officer" label={t('officer.backToQueue')} />
      <PageTitle>{t('officer.formTitle', { dossier: registration.dossierNumber })}</PageTitle>
      <Group gap="xs">
        <StatusBadge status={registration.status} />
        {registration.status === 'submitted' && (
          <DaysLeftBadge status={registration.status} daysLeft={registration.workingDaysLeft} />
        )}
        <VerifiedBadge verified={registration.identityVerified} />
        <Text size="md">{t(`officer.kinds.${registration.kind}`)}</Text>
      </Group>
      <Text size="md">
        {t('officer.columns.submitted')}: {formatDateTime(registration.submittedAt)} ·{' '}
        {t('officer.expiresOn', { date: formatDate(registration.expiresOn) })}
        {registration.employerBatchId !== null &&
          ` · ${t('officer.batchShort', { batch: String(registration.employerBatchId) })}`}
      </Text>

      <DoneNotice
        message={
          done === null ? null : done === 'approved' ? t('officer.approvedNotice') : t('officer.rejectedNotice')
        }
      />

      {(canApprove || canReject) && (
        <Group gap="sm">
          {canApprove && (
            <Button
              color="forest"
              leftSection={<IconCheck size={22} aria-hidden="true" />}
              onClick={() => setDialog('approve')}
            >
              {t('officer.approve')}
            </Button>
          )}
          {canReject && (
            <Button
              color="danger"
              variant="outline"
              leftSection={<IconX size={22} aria-hidden="true" />}
              onClick={() => setDialog('reject')}
            >
              {t('officer.reject')}
            </Button>
          )}
        </Group>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <PhotoPanel photos={registration.photos} />
        <Stack gap="lg">
          <Comparison registration={registration} />
          <ContactPanel registration={registration} />
        </Stack>
      </SimpleGrid>

      <DecisionLog decisions={registration.decisions} />

      <ApproveDialog
        opened={dialog === 'approve'}
        returnFocus={done === null}
        registration={registration}
        pending={approve.isPending}
        error={approve.isError ? errorMessage(approve.error) : null}
        onClose={() => {
          setDialog(null);
          approve.reset();
        }}
        onConfirm={() =>
          approve.mutate(registration.id, {
            onSuccess: () => {
              setDone('approved');
              setDialog(null);
            },
          })
        }
      />
      <RejectDialog
        opened={dialog === 'reject'}
        returnFocus={done === null}
        registration={registration}
        pending={reject.isPending}
        error={reject.isError ? errorMessage(reject.error) : null}
        onClose={() => {
          setDialog(null);
          reject.reset();
        }}
        onConfirm={(reasonCode, note) =>
          reject.mutate(
            { id: registration.id, reasonCode, note },
            {
              onSuccess: () => {
                setDone('rejected');
                setDialog(null);
              },
            },
          )
        }
      />
    </Stack>
  );
}

function PhotoPanel({ photos }: { photos: OfficerRegistrationDetail['photos'] }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('officer.photos')}>
      {photos.length === 0 && <Text>{t('officer.noPhotos')}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        {photos.map((photo) => (
          <ProtectedPhoto key={photo.url} url={photo.url} caption={t(`photo.purposes.${photo.purpose}`)} />
        ))}
      </SimpleGrid>
    </SectionCard>
  );
}

/** A protected photo with its caption and a link to open it at full size (also used for dossier attachments). */
export function ProtectedPhoto({ url, caption }: { url: string; caption: string }) {
  const { t } = useTranslation();
  const photo = useProtectedPhoto(url);
  return (
    <Box component="figure" m={0}>
      <Box
        style={{
          minHeight: 160,
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 8,
          overflow: 'hidden',
          background: 'var(--mantine-color-gray-0)',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {photo.data ? (
          <BlobImage
            blob={photo.data}
            alt={caption}
            style={{ width: '100%', maxHeight: 360, objectFit: 'contain' }}
          />
        ) : photo.isError ? (
          <Stack gap={4} align="center" p="sm">
            <Text c="danger.8" fw={600} size="md">
              {errorMessage(photo.error)}
            </Text>
            <Button size="md" variant="light" onClick={() => void photo.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        ) : (
          <Loader aria-label={t('common.loading')} />
        )}
      </Box>
      <Group component="figcaption" justify="space-between" gap="xs" mt={4}>
        <Text fw={600} size="md">
          {caption}
        </Text>
        {photo.data && <OpenFullSize blob={photo.data} caption={caption} />}
      </Group>
    </Box>
  );
}

/** Opens the photo at full size in a new tab (the object URL lives for this page's visit). */
function OpenFullSize({ blob, caption }: { blob: Blob; caption: string }) {
  const { t } = useTranslation();
  return (
    <Anchor
      component="button"
      type="button"
      fw={600}
      size="md"
      onClick={() => {
        const url = URL.createObjectURL(blob);
        window.open(url, '_blank', 'noopener');
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44 }}
      aria-label={t('officer.openPhoto', { photo: caption })}
    >
      {t('officer.openPhotoShort')}
      <IconExternalLink size={16} aria-hidden="true" />
    </Anchor>
  );
}

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return true;
  return foldVietnamese(a).replace(/\s+/g, ' ').trim() === foldVietnamese(b).replace(/\s+/g, ' ').trim();
}

/** The form beside the BHXH record, with differences marked in words (not only in colour). */
function Comparison({ registration }: { registration: OfficerRegistrationDetail }) {
  const { t } = useTranslation();
  const { form, record } = registration;
  const rows = [
    {
      key: 'name',
      label: t('officer.compare.name'),
      form: registration.fullName,
      record: record?.fullName,
      check: true,
    },
    {
      key: 'birth',
      label: t('officer.compare.birthDate'),
      form: formatDate(form.birthDate),
      record: record ? formatDate(record.birthDate) : undefined,
      check: true,
    },
    {
      key: 'id',
      label: t('officer.compare.personalId'),
      form: form.personalId,
      record: record?.personalId ?? undefined,
      check: true,
    },
    {
      key: 'sex',
      label: t('officer.compare.sex'),
      form: '',
      record: record ? t(`officer.sex.${record.sex}`) : undefined,
      check: false,
    },
    {
      key: 'address',
      label: t('officer.compare.address'),
      form: form.address,
      record: record?.address,
      check: false,
    },
    {
      key: 'code',
      label: t('officer.compare.bhxhCode'),
      form: registration.bhxhCode,
      record: record ? registration.bhxhCode : undefined,
      check: false,
    },
  ];
  return (
    <SectionCard title={t('officer.compareTitle')} gap="sm">
      {record === null && (
        <Alert color="amber" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Text>{t('officer.noRecord')}</Text>
        </Alert>
      )}
      <Table withTableBorder withColumnBorders verticalSpacing="xs" fz="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <span className="visually-hidden-label">{t('officer.compare.field')}</span>
            </Table.Th>
            <Table.Th scope="col">{t('officer.compare.form')}</Table.Th>
            <Table.Th scope="col">{t('officer.compare.record')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const mismatch = row.check && record !== null && !same(row.form, row.record);
            return (
              <Table.Tr
                key={row.key}
                bg={mismatch ? 'danger.0' : undefined}
                data-mismatch={mismatch || undefined}
              >
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.form || '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {row.record ?? '—'}
                  {mismatch && (
                    <Text
                      component="span"
                      c="danger.8"
                      fw={700}
                      display="flex"
                      style={{ alignItems: 'center', gap: 4 }}
                    >
                      <IconAlertTriangle size={16} aria-hidden="true" />
                      {t('officer.mismatch')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </SectionCard>
  );
}

function ContactPanel({ registration }: { registration: OfficerRegistrationDetail }) {
  const { t } = useTranslation();
  const { form } = registration;
  const rows: Array<[string, string]> = [
    [t('register.phone'), form.phone],
    [t('register.emailShort'), form.email ?? '—'],
    [t('register.agency'), form.agencyName],
  ];
  if (form.parentName) rows.unshift([t('officer.parent'), form.parentName]);
  return (
    <SectionCard title={t('officer.contactTitle')} gap="xs">
      <Stack component="dl" gap={6} m={0}>
        {rows.map(([term, value]) => (
          <Box key={term}>
            <Text component="dt" size="md" c="dimmed">
              {term}
            </Text>
            <Text component="dd" m={0} fw={600} style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </Box>
        ))}
      </Stack>
    </SectionCard>
  );
}

function DecisionLog({ decisions }: { decisions: OfficerRegistrationDetail['decisions'] }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('officer.decisions')} gap="sm">
      {decisions.length === 0 ? (
        <Text>{t('officer.noDecisions')}</Text>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {decisions.map((decision, index) => (
            <li
              key={`${decision.at}-${index}`}
              style={{ borderLeft: '3px solid var(--mantine-color-vss-8)', paddingLeft: 12 }}
            >
              <Text fw={700}>{actionLabel(decision.action)}</Text>
              <Text size="md">
                {formatDateTime(decision.at)} · {decision.actorName}
              </Text>
              {decision.reasonCode && (
                <Text size="md">
                  {t('officer.reason')}: {reasonLabel(decision.reasonCode)}
                </Text>
              )}
              {decision.note && (
                <Text size="md">
                  {t('officer.note')}: {decision.note}
                </Text>
              )}
            </li>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

interface DialogProps {
  opened: boolean;
  /** Not after a decision: the buttons are gone and the page focuses its notice. */
  returnFocus: boolean;
  registration: OfficerRegistrationDetail;
  pending: boolean;
  error: string | null;
  onClose: () => void;
}

function ApproveDialog({
  opened,
  returnFocus,
  registration,
  pending,
  error,
  onClose,
  onConfirm,
}: DialogProps & { onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      returnFocus={returnFocus}
      title={t('officer.approveTitle', { dossier: registration.dossierNumber })}
    >
      <Stack gap="md">
        <Text>
          {t('officer.approveBody', { name: registration.fullName, phone: registration.form.phone })}
        </Text>
        {error && (
          <Text role="alert" c="danger.8" fw={600}>
            {error}
          </Text>
        )}
        <Group grow>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="forest" loading={pending} onClick={onConfirm} data-autofocus>
            {t('officer.approveConfirm')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function RejectDialog({
  opened,
  returnFocus,
  registration,
  pending,
  error,
  onClose,
  onConfirm,
}: DialogProps & { onConfirm: (reason: RejectionReason, note: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; note?: string }>({});
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      returnFocus={returnFocus}
      title={t('officer.rejectTitle', { dossier: registration.dossierNumber })}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const next: typeof errors = {};
          if (!isReason(reason)) next.reason = t('officer.chooseReason');
          if (reason === 'other' && note.trim() === '') next.note = t('officer.noteRequired');
          setErrors(next);
          if (next.reason || next.note || !isReason(reason)) {
            const field = event.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]');
            field?.focus();
            return;
          }
          onConfirm(reason, note);
        }}
      >
        <Stack gap="md">
          <Text>{t('officer.rejectBody')}</Text>
          <NativeSelect
            name="reasonCode"
            label={t('officer.reason')}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setErrors((current) => ({ ...current, reason: undefined }));
            }}
            data={[
              { value: '', label: t('officer.chooseReasonPlaceholder') },
              ...REJECTION_REASONS.map((code) => ({ value: code, label: t(`rejectionReasons.${code}`) })),
            ]}
            error={errors.reason}
            required
            size="lg"
            data-autofocus
          />
          <Textarea
            name="note"
            label={t('officer.noteLabel')}
            description={t('officer.noteHint')}
            value={note}
            onChange={(event) => {
              setNote(event.currentTarget.value);
              setErrors((current) => ({ ...current, note: undefined }));
            }}
            error={errors.note}
            maxLength={500}
            autosize
            minRows={3}
            size="lg"
          />
          {error && (
            <Text role="alert" c="danger.8" fw={600}>
              {error}
            </Text>
          )}
          <Group grow>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="danger" loading={pending}>
              {t('officer.rejectConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
