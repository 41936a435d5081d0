import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconClipboardCheck } from '@tabler/icons-react';
import type { DeskVisit } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Pager } from '../../components/Pager.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { hasErrors, serverFieldErrors } from '../../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../../forms/useFocusFirstInvalid.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { useCloseVisit, useOpenVisits, VISITS_PAGE_SIZE } from './deskApi.ts';

/** The facility's open visits, each closed with its diagnosis and cost; the fund's share is shown once closed. */
export function OpenVisits() {
  const { t } = useTranslation();
  const titleId = useId();
  const [page, setPage] = useState(1);
  const [closed, setClosed] = useState<DeskVisit[]>([]);
  const visits = useOpenVisits(page);
  const { data } = visits;
  const pages = data ? Math.max(1, Math.ceil(data.total / VISITS_PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="md">
        {t('desk.visits.title')}
      </Title>
      <div role="status" aria-live="polite">
        {closed.map((visit) => (
          <ClosedVisit
            key={visit.id}
            visit={visit}
            onDismiss={() => setClosed((list) => list.filter((item) => item.id !== visit.id))}
          />
        ))}
      </div>
      <Stack gap="md">
        {visits.isError && <ErrorState error={visits.error} onRetry={() => void visits.refetch()} />}
        {!data && !visits.isError && <Skeleton height={96} radius="md" aria-hidden="true" />}
        {data && (
          <>
            <Text fw={700} size="lg" data-open-visits={data.total}>
              {t('desk.visits.total', { count: data.total })}
            </Text>
            {data.items.length === 0 ? (
              <Card withBorder padding="lg" radius="md">
                <Text size="md">{t('desk.visits.empty')}</Text>
              </Card>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {data.items.map((visit) => (
                  <li key={visit.id}>
                    <OpenVisitCard
                      visit={visit}
                      onClosed={(result) =>
                        setClosed((list) =>
                          [result, ...list.filter((item) => item.id !== result.id)].slice(0, 3),
                        )
                      }
                    />
                  </li>
                ))}
              </Stack>
            )}
            {pages > 1 && <Pager page={Math.min(page, pages)} pages={pages} onChange={setPage} />}
          </>
        )}
      </Stack>
    </section>
  );
}

function ClosedVisit({ visit, onDismiss }: { visit: DeskVisit; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="forest"
      variant="light"
      mb="md"
      icon={<IconCircleCheck aria-hidden="true" />}
      title={t('desk.visits.closed', { name: visit.fullName })}
      styles={{
        title: { fontSize: 'var(--mantine-font-size-md)', color: 'var(--mantine-color-forest-9)' },
        closeButton: { width: 44, height: 44, minWidth: 44, minHeight: 44 },
      }}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onDismiss}
      data-closed-visit={visit.id}
    >
      <FactList cols={2}>
        <Fact label={t('desk.visits.totalCostShort')}>{formatMoney(visit.totalCost)}</Fact>
        <Fact label={t('desk.visits.fundPays')}>{formatMoney(visit.bhytPaid)}</Fact>
        <Fact label={t('desk.visits.patientPays')}>{formatMoney(visit.patientPaid)}</Fact>
      </FactList>
    </Alert>
  );
}

function OpenVisitCard({ visit, onClosed }: { visit: DeskVisit; onClosed: (visit: DeskVisit) => void }) {
  const { t } = useTranslation();
  const [closing, setClosing] = useState(false);
  const headingId = useId();
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="article"
      aria-labelledby={headingId}
      data-visit-id={visit.id}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Title order={3} size="h4" id={headingId}>
              {visit.fullName}
            </Title>
            <Text size="md">
              {t(`desk.visit.types.${visit.visitType}`)} · {t('desk.visits.admittedAt')}{' '}
              {formatDateTime(visit.admittedAt)}
            </Text>
          </Stack>
          {!closing && (
            <Button
              variant="outline"
              leftSection={<IconClipboardCheck size={22} aria-hidden="true" />}
              onClick={() => setClosing(true)}
            >
              {t('desk.visits.close')}
            </Button>
          )}
        </Group>
        {closing && <CloseVisitForm visit={visit} onCancel={() => setClosing(false)} onClosed={onClosed} />}
      </Stack>
    </Card>
  );
}

const CLOSE_FIELDS = ['icd10Code', 'icd10Name', 'totalCost'] as const;

function CloseVisitForm({
  visit,
  onCancel,
  onClosed,
}: {
  visit: DeskVisit;
  onCancel: () => void;
  onClosed: (visit: DeskVisit) => void;
}) {
  const { t } = useTranslation();
  const closeVisit = useCloseVisit();
  const titleId = useId();
  const { ref, focusFirstInvalid } = useFocusFirstInvalid();
  const [icd10Code, setIcd10Code] = useState('');
  const [icd10Name, setIcd10Name] = useState('');
  const [totalCost, setTotalCost] = useState<number | ''>('');
  const errors = serverFieldErrors(closeVisit.error, CLOSE_FIELDS);
  const otherError = closeVisit.isError && !hasErrors(errors) ? errorMessage(closeVisit.error) : null;
  return (
    <form
      ref={ref}
      noValidate
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        closeVisit.mutate(
          {
            visitId: visit.id,
            icd10Code: icd10Code.trim().toUpperCase(),
            icd10Name: icd10Name.trim(),
            totalCost: totalCost === '' ? undefined : totalCost,
          },
          { onSuccess: onClosed, onError: focusFirstInvalid },
        );
      }}
    >
      <Stack gap="sm">
        <Text fw={700} size="md" id={titleId}>
          {t('desk.visits.closeTitle', { name: visit.fullName })}
        </Text>
        <SimpleGrid cols={1} spacing="sm">
          <TextInput
            name="icd10Code"
            label={t('desk.visits.icd10Code')}
            description={t('desk.visits.icd10CodeHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={icd10Code}
            onChange={(event) => setIcd10Code(event.currentTarget.value.toUpperCase())}
            error={errors.icd10Code}
            autoComplete="off"
            maxLength={6}
          />
          <TextInput
            name="icd10Name"
            label={t('desk.visits.icd10Name')}
            value={icd10Name}
            onChange={(event) => setIcd10Name(event.currentTarget.value)}
            error={errors.icd10Name}
            autoComplete="off"
            maxLength={200}
          />
          <NumberInput
            name="totalCost"
            label={t('desk.visits.totalCost')}
            value={totalCost}
            onChange={(value) => setTotalCost(typeof value === 'number' ? value : '')}
            error={errors.totalCost}
            thousandSeparator="."
            decimalSeparator=","
            allowDecimal={false}
            allowNegative={false}
            min={0}
            hideControls
            inputMode="numeric"
            size="lg"
          />
        </SimpleGrid>
        {otherError && (
          <Alert color="danger" variant="light" role="alert">
            <Text size="md">{otherError}</Text>
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={closeVisit.isPending}>
            {t('desk.visits.submitClose')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
