import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDownload,
  IconMessageQuestion,
  IconSend,
  IconX,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { DossierDetail } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { downloadPdf, receiptFileName, useDossierActions, useMyDossier } from '../../api/dossiers.ts';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { PhotoPicker, type UploadedPhoto } from '../../components/PhotoPicker.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { Loading } from '../records/RecordsPage.tsx';
import { FormFacts } from './FormFacts.tsx';
import { DossierStatusBadge, DossierTimeline } from './dossierText.tsx';

/** /services/dossiers/:id — one dossier: where it is, what was said, and what the citizen can do now. */
export function DossierPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const dossier = useMyDossier(valid ? id : 0);
  const submitted = (useLocation().state as { submitted?: unknown } | null)?.submitted;
  return (
    <Stack gap="lg">
      <BackLink to="/services/dossiers" label={t('dossiers.common.backToList')} />
      {!valid || (dossier.error instanceof ApiError && dossier.error.status === 404) ? (
        <>
          <PageTitle>{t('dossiers.list.title')}</PageTitle>
          <Text fw={600}>{t('dossiers.common.notFound')}</Text>
        </>
      ) : dossier.isError ? (
        <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />
      ) : dossier.isPending ? (
        <Loading />
      ) : (
        <Dossier dossier={dossier.data} justSubmitted={typeof submitted === 'string'} />
      )}
    </Stack>
  );
}

function Dossier({ dossier, justSubmitted }: { dossier: DossierDetail; justSubmitted: boolean }) {
  const { t } = useTranslation();
  const timelineId = useId();
  const formId = useId();
  const download = useMutation({
    mutationFn: () =>
      downloadPdf(`/api/v1/dossiers/${dossier.id}/receipt`, receiptFileName(dossier.dossierNumber)),
  });
  return (
    <>
      <PageTitle>{t(`dossiers.types.${dossier.type}`)}</PageTitle>
      {justSubmitted && dossier.status === 'submitted' && (
        <Alert role="status" color="forest" variant="light" icon={<IconCircleCheck aria-hidden="true" />}>
          <Text fw={700}>{t('dossiers.detail.submitted', { number: dossier.dossierNumber })}</Text>
        </Alert>
      )}
      <Card withBorder padding="md" radius="md">
        <Stack gap="sm">
          <Group gap="sm" justify="space-between">
            <Text fw={700} size="lg">
              <span data-dossier-number={dossier.dossierNumber}>
                {t('dossiers.detail.title', { number: dossier.dossierNumber })}
              </span>
            </Text>
            <DossierStatusBadge status={dossier.status} />
          </Group>
          <FactList cols={2}>
            <Fact label={t('dossiers.list.submittedOn')}>{formatDateTime(dossier.submittedAt)}</Fact>
            {dossier.dueOn && (
              <Fact label={t('dossiers.list.dueOn')}>
                <span data-due-on={dossier.dueOn}>{formatDate(dossier.dueOn)}</span>
              </Fact>
            )}
            {dossier.decidedAt && (
              <Fact label={t('dossiers.detail.decidedAt')}>{formatDateTime(dossier.decidedAt)}</Fact>
            )}
            <Fact wide label={t('dossiers.list.agency')}>
              <span data-agency>{dossier.agencyName}</span>
            </Fact>
          </FactList>
          {dossier.receiptUrl && (
            <>
              <Button
                variant="light"
                leftSection={<IconDownload size={22} aria-hidden="true" />}
                loading={download.isPending}
                onClick={() => download.mutate()}
              >
                {t('dossiers.detail.receipt')}
              </Button>
              {download.isError && (
                <Text c="danger.8" fw={600} role="alert">
                  {errorMessage(download.error)}
                </Text>
              )}
            </>
          )}
          {dossier.status === 'approved' && <AfterApproval dossier={dossier} />}
        </Stack>
      </Card>

      {dossier.allowedActions.includes('resubmit') && <AnswerForm dossier={dossier} />}

      <Stack gap="sm" component="section" aria-labelledby={timelineId}>
        <Title order={2} id={timelineId}>
          {t('dossiers.detail.timeline')}
        </Title>
        <DossierTimeline events={dossier.events} />
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby={formId}>
        <Title order={2} id={formId}>
          {t('dossiers.detail.formTitle')}
        </Title>
        <Card withBorder padding="md" radius="md">
          <Stack gap="sm">
            <FormFacts values={dossier.form} />
            {dossier.attachments.length > 0 && (
              <Text size="md">{t('dossiers.detail.attachments', { count: dossier.attachments.length })}</Text>
            )}
          </Stack>
        </Card>
      </Stack>

      {dossier.allowedActions.includes('withdraw') && <Withdraw dossier={dossier} />}
    </>
  );
}

/** Where the result shows: the card for a card reissue, the payment arrangements for the pension services. */
function AfterApproval({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const target =
    dossier.type === 'card_reissue'
      ? { to: '/card', label: t('dossiers.detail.seeCard') }
      : dossier.type === 'book_reissue'
        ? null
        : { to: '/personal/benefits', label: t('dossiers.detail.seeBenefits') };
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('dossiers.detail.afterApproval')}</Text>
      {target && (
        <Button component={Link} to={target.to} variant="outline">
          {target.label}
        </Button>
      )}
    </Stack>
  );
}

/** "Cần bổ sung thông tin": a note (required) and, if needed, a new photo. */
function AnswerForm({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { resubmit } = useDossierActions(dossier.id);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<UploadedPhoto | null>(null);
  const [uploading, setUploading] = useState(false);
  const [noteError, setNoteError] = useState<string>();
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="section"
      aria-labelledby={titleId}
      style={{ borderColor: 'var(--mantine-color-amber-8)', borderWidth: 2 }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconMessageQuestion size={28} aria-hidden="true" />
          <Title order={2} size="h3" id={titleId}>
            {t('dossiers.detail.needsInfoTitle')}
          </Title>
        </Group>
        <Text>{t('dossiers.detail.needsInfoBody')}</Text>
        {resubmit.isError && (
          <Alert role="alert" color="danger" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
            <Text fw={600}>{errorMessage(resubmit.error)}</Text>
          </Alert>
        )}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (uploading) return;
            if (!note.trim()) {
              setNoteError(t('dossiers.form.required'));
              return;
            }
            resubmit.mutate({
              note: note.trim(),
              attachments: photo ? [{ uploadId: photo.uploadId, purpose: 'supporting_document' }] : [],
            });
          }}
        >
          <Stack gap="md">
            <Textarea
              size="lg"
              name="answer"
              label={t('dossiers.detail.answerNote')}
              description={t('dossiers.detail.answerNoteHint')}
              value={note}
              maxLength={500}
              autosize
              minRows={3}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                setNoteError(undefined);
              }}
              error={noteError}
              required
            />
            <PhotoPicker
              purpose="supporting_document"
              label={t('dossiers.detail.answerPhoto')}
              capture="environment"
              value={photo}
              onChange={setPhoto}
              onBusyChange={setUploading}
            />
            <Button
              type="submit"
              size="lg"
              loading={resubmit.isPending}
              disabled={uploading}
              leftSection={<IconSend size={22} aria-hidden="true" />}
            >
              {t('dossiers.detail.answerSend')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** Rút hồ sơ, after a confirmation that says it cannot be undone. */
function Withdraw({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const { withdraw } = useDossierActions(dossier.id);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  return (
    <>
      <Button
        variant="outline"
        color="danger"
        leftSection={<IconX size={22} aria-hidden="true" />}
        onClick={() => setOpen(true)}
      >
        {t('dossiers.detail.withdraw')}
      </Button>
      <AppModal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('dossiers.detail.withdrawTitle', { number: dossier.dossierNumber })}
        returnFocus={false}
      >
        <Stack gap="md">
          <Text>{t('dossiers.detail.withdrawBody')}</Text>
          {withdraw.isError && (
            <Text c="danger.8" fw={600} role="alert">
              {errorMessage(withdraw.error)}
            </Text>
          )}
          <Textarea
            size="lg"
            label={t('dossiers.detail.withdrawNote')}
            value={note}
            maxLength={500}
            autosize
            minRows={2}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group grow>
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="danger"
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate(note, { onSuccess: () => setOpen(false) })}
            >
              {t('dossiers.detail.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  );
}
