import { Anchor, Button, Stack, Text } from '@mantine/core';
import { IconFolderOpen, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DOSSIER_PAGE_SIZE, useMyDossiers } from '../../api/dossiers.ts';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { Pager } from '../../components/Pager.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { Loading, RecordCard, RecordList } from '../records/RecordsPage.tsx';
import { DossierStatusBadge } from './dossierText.tsx';

/** Hồ sơ của tôi: the citizen's dossiers, newest first, each opening its page. */
export function MyDossiersPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const dossiers = useMyDossiers(page);
  const pages = dossiers.data ? Math.max(1, Math.ceil(dossiers.data.total / DOSSIER_PAGE_SIZE)) : 1;
  return (
    <Stack gap="lg">
      <BackLink to="/services" label={t('dossiers.common.backToServices')} />
      <PageTitle>{t('dossiers.list.title')}</PageTitle>
      <Text>{t('dossiers.list.intro')}</Text>
      {dossiers.isError && <ErrorState error={dossiers.error} onRetry={() => void dossiers.refetch()} />}
      {dossiers.isPending && <Loading />}
      {dossiers.data?.items.length === 0 && (
        <Stack align="center" gap="sm" py="lg">
          <IconFolderOpen size={48} aria-hidden="true" />
          <Text fw={700} size="lg">
            {t('dossiers.list.empty')}
          </Text>
          <Button component={Link} to="/services" leftSection={<IconPlus size={22} aria-hidden="true" />}>
            {t('dossiers.list.newDossier')}
          </Button>
        </Stack>
      )}
      {dossiers.data && dossiers.data.items.length > 0 && (
        <RecordList label={t('dossiers.list.title')}>
          {dossiers.data.items.map((item) => (
            <RecordCard
              key={item.id}
              level={2}
              title={t(`dossiers.types.${item.type}`)}
              badges={<DossierStatusBadge status={item.status} />}
            >
              <FactList cols={2}>
                <Fact label={t('dossiers.list.number')}>{item.dossierNumber}</Fact>
                <Fact label={t('dossiers.list.submittedOn')}>{formatDateTime(item.submittedAt)}</Fact>
                {item.dueOn && <Fact label={t('dossiers.list.dueOn')}>{formatDate(item.dueOn)}</Fact>}
                <Fact wide label={t('dossiers.list.agency')}>
                  {item.agencyName}
                </Fact>
              </FactList>
              <Anchor
                component={Link}
                to={`/services/dossiers/${item.id}`}
                fw={700}
                style={{ display: 'inline-flex', alignItems: 'center', minHeight: 48 }}
              >
                {t('dossiers.list.open', { number: item.dossierNumber })}
              </Anchor>
            </RecordCard>
          ))}
        </RecordList>
      )}
      {pages > 1 && <Pager page={page} pages={pages} onChange={setPage} />}
    </Stack>
  );
}
