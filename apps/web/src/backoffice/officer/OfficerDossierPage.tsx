import {
  Alert,
  Button,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconDownload,
  IconHandGrab,
  IconInbox,
  IconMessageQuestion,
  IconX,
  type Icon,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import {
  APPROVAL_REASONS,
  INFO_REQUEST_REASONS,
  REJECTION_REASONS_DOSSIER,
  type OfficerDossierDetail,
} from '@vssid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import {
  downloadPdf,
  receiptFileName,
  useOfficerDossier,
  useOfficerDossierStep,
  type OfficerStep,
} from '../../api/dossiers.ts';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { formatDateTime } from '../../format.ts';
import { DossierStatusBadge, DossierTimeline, useReasonText } from '../../citizen/services/dossierText.tsx';
import { FormFacts } from '../../citizen/services/FormFacts.tsx';
import { DoneNotice } from './DoneNotice.tsx';
import { Deadline } from './OfficerDossiersPage.tsx';
import { ProtectedPhoto } from './OfficerRegistrationPage.tsx';

type Action = OfficerDossierDetail['allowedActions'][number];

const ACTION_LOOK: Record<Action, { icon: Icon; color: string; variant: 'filled' | 'outline' }> = {
  receive: { icon: IconInbox, color: 'vss', variant: 'filled' },
  claim: { icon: IconHandGrab, color: 'vss', variant: 'filled' },
  request_info: { icon: IconMessageQuestion, color: 'amber', variant: 'outline' },
  approve: { icon: IconCheck, color: 'forest', variant: 'filled' },
  reject: { icon: IconX, color: 'danger', variant: 'outline' },
};

/** The reasons an action may give (none for receive and claim). */
const REASONS: Record<Action, readonly string[]> = {
  receive: [],
  claim: [],
  request_info: INFO_REQUEST_REASONS,
  approve: APPROVAL_REASONS,
  reject: REJECTION_REASONS_DOSSIER,
};

/** /officer/dossiers/:id — the form beside the records, attachments, timeline and this officer's next steps. */
export function OfficerDossierPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useOfficerDossier(valid ? id : 0);
  const back = <BackLink to="/officer/dossiers" label={t('dossiers.officer.backToQueue')} />;
  if (!valid) return back;
  if (query.isError) {
    return (
      <Stack gap="lg">
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  if (!query.data) {
    return (
      <Stack gap="md" aria-busy="true">
        {back}
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('common.loading')}</Text>
        </Group>
        <Skeleton height={320} radius="md" aria-hidden="true" />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      <Dossier dossier={query.data} />
    </Stack>
  );
}

function Dossier({ dossier }: { dossier: OfficerDossierDetail }) {
  const { t } = useTranslation();
  const step = useOfficerDossierStep(dossier.id);
  const [dialog, setDialog] = useState<Action | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const download = useMutation({
    mutationFn: () =>
      downloadPdf(`/api/v1/officer/dossiers/${dossier.id}/receipt`, receiptFileName(dossier.dossierNumber)),
  });
  const decided = dossier.status === 'approved' || dossier.status === 'rejected';

  const run = (action: Action, reasonCode: string, note: string) => {
    const trimmed = note.trim();
    const request: OfficerStep =
      action === 'receive' || action === 'claim'
        ? { action }
        : action === 'request_info'
          ? { action, reasonCode, note: trimmed }
          : action === 'approve'
            ? {
                action: 'decide',
                decision: {
                  outcome: 'approve',
                  reasonCode: APPROVAL_REASONS.find((r) => r === reasonCode) ?? 'complete',
                  ...(trimmed ? { note: trimmed } : {}),
                },
              }
            : {
                action: 'decide',
                decision: {
                  outcome: 'reject',
                  reasonCode: REJECTION_REASONS_DOSSIER.find((r) => r === reasonCode) ?? 'other',
                  ...(trimmed ? { note: trimmed } : {}),
                },
              };
    step.mutate(request, {
      onSuccess: () => {
        setDone(action);
        setDialog(null);
      },
    });
  };

  return (
    <>
      <PageTitle>{t('dossiers.detail.title', { number: dossier.dossierNumber })}</PageTitle>
      <Group gap="sm">
        <DossierStatusBadge status={dossier.status} />
        <Text fw={700}>{t(`dossiers.types.${dossier.type}`)}</Text>
      </Group>
      <FactList cols={2}>
        <Fact label={t('dossiers.officer.person')}>
          {dossier.fullName} · {dossier.bhxhCode}
        </Fact>
        <Fact label={t('dossiers.officer.columns.submitted')}>{formatDateTime(dossier.submittedAt)}</Fact>
        <Fact label={t('dossiers.officer.columns.due')}>
          <Deadline dueOn={dossier.dueOn} overdue={dossier.overdue} />
        </Fact>
        <Fact label={t('dossiers.list.agency')}>{dossier.agencyName}</Fact>
      </FactList>

      <DoneNotice
        message={done === null ? null : t('dossiers.officer.done', { action: t(`dossiers.actions.${done}`) })}
      />

      <SectionCard title={t('dossiers.officer.actionsTitle')}>
        {dossier.allowedActions.length === 0 && !decided && <Text>{t('dossiers.officer.noActions')}</Text>}
        {step.isError && dialog === null && (
          <Alert role="alert" color="danger" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
            <Text fw={600}>{errorMessage(step.error)}</Text>
          </Alert>
        )}
        {dossier.allowedActions.length > 0 && (
          <Group gap="sm">
            {dossier.allowedActions.map((action) => {
              const look = ACTION_LOOK[action];
              const ActionIcon = look.icon;
              const direct = REASONS[action].length === 0;
              return (
                <Button
                  key={action}
                  color={look.color}
                  variant={look.variant}
                  loading={direct && step.isPending}
                  leftSection={<ActionIcon size={22} aria-hidden="true" />}
                  onClick={() => {
                    step.reset();
                    if (direct) run(action, '', '');
                    else setDialog(action);
                  }}
                >
                  {t(`dossiers.actions.${action}`)}
                </Button>
              );
            })}
          </Group>
        )}
        {decided && (
          <>
            <Button
              variant="light"
              leftSection={<IconDownload size={22} aria-hidden="true" />}
              loading={download.isPending}
              onClick={() => download.mutate()}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('dossiers.officer.receipt')}
            </Button>
            {download.isError && (
              <Text c="danger.8" fw={600} role="alert">
                {errorMessage(download.error)}
              </Text>
            )}
          </>
        )}
      </SectionCard>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <SectionCard title={t('dossiers.officer.form')}>
          <FormFacts values={dossier.form} />
        </SectionCard>
        <SectionCard title={t('dossiers.officer.record')}>
          {dossier.record ? (
            <FormFacts values={dossier.record} />
          ) : (
            <Text>{t('dossiers.officer.noRecord')}</Text>
          )}
        </SectionCard>
      </SimpleGrid>

      <SectionCard title={t('dossiers.officer.attachments')}>
        {dossier.attachments.length === 0 && <Text>{t('dossiers.officer.noAttachments')}</Text>}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          {dossier.attachments.map((attachment) => (
            <ProtectedPhoto
              key={attachment.id}
              url={attachment.url}
              caption={t('dossiers.officer.attachmentAlt', {
                purpose: t(`dossiers.purposes.${attachment.purpose}`),
                number: dossier.dossierNumber,
              })}
            />
          ))}
        </SimpleGrid>
      </SectionCard>

      <SectionCard title={t('dossiers.officer.timeline')}>
        <DossierTimeline events={dossier.events} selfName={dossier.fullName} />
      </SectionCard>

      {dialog && (
        <ReasonDialog
          action={dialog}
          number={dossier.dossierNumber}
          pending={step.isPending}
          error={step.isError ? errorMessage(step.error) : null}
          onClose={() => {
            setDialog(null);
            step.reset();
          }}
          onConfirm={(reasonCode, note) => run(dialog, reasonCode, note)}
        />
      )}
    </>
  );
}

/** Request information, approve or reject: a reason from the list and a note (required to ask for information). */
function ReasonDialog({
  action,
  number,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  action: Action;
  number: string;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (reasonCode: string, note: string) => void;
}) {
  const { t } = useTranslation();
  const reasons = REASONS[action];
  const reasonText = useReasonText();
  const [reason, setReason] = useState(reasons[0] ?? '');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const noteRequired = action === 'request_info';
  const look = ACTION_LOOK[action];
  return (
    <AppModal opened onClose={onClose} title={`${t(`dossiers.actions.${action}`)} – ${number}`}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (noteRequired && !note.trim()) {
            setNoteError(t('dossiers.officer.noteRequired'));
            return;
          }
          onConfirm(reason, note);
        }}
      >
        <Stack gap="md">
          <NativeSelect
            name="reasonCode"
            size="lg"
            label={t('dossiers.officer.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data={reasons.map((code) => ({ value: code, label: reasonText(code) ?? code }))}
          />
          <Textarea
            size="lg"
            name="note"
            label={t('dossiers.officer.note')}
            value={note}
            maxLength={500}
            autosize
            minRows={3}
            onChange={(event) => {
              setNote(event.currentTarget.value);
              setNoteError(undefined);
            }}
            error={noteError}
            required={noteRequired}
          />
          {error && (
            <Text c="danger.8" fw={600} role="alert">
              {error}
            </Text>
          )}
          <Group grow>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={look.color} loading={pending}>
              {t('dossiers.officer.confirmAction', { action: t(`dossiers.actions.${action}`) })}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
