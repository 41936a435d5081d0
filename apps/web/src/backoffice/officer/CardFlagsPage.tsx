import { Group } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { CardFlag } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { Fact, FactList } from '../../components/FactList.tsx';
import { formatDateTime } from '../../format.ts';
import { useCardFlags } from './cardChecksApi.ts';
import { FollowUpCard, FollowUpList, useFollowUpFilters } from './FollowUpList.tsx';
import { RevokeCardButton } from './RevokeCardForm.tsx';

/** Cảnh báo kiểm tra thẻ: flagged checks at facilities of the agency's province. */
export function CardFlagsPage() {
  const { t } = useTranslation();
  const { status, page } = useFollowUpFilters();
  const flags = useCardFlags(status, page);
  return (
    <FollowUpList
      title={t('desk.officer.flags.title')}
      intro={t('desk.officer.flags.intro')}
      label={t('desk.officer.flags.list')}
      totalText={(count) => t('desk.officer.flags.total', { count })}
      emptyText={t('desk.officer.flags.empty')}
      query={flags}
      itemKey={(flag) => flag.id}
      renderItem={(flag) => <FlagCard flag={flag} />}
    />
  );
}

function FlagCard({ flag }: { flag: CardFlag }) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 36em)', true);
  return (
    <FollowUpCard
      title={t(`desk.officer.flags.kinds.${flag.kind}`)}
      when={formatDateTime(flag.at)}
      status={flag.status}
      data={{ 'data-flag-id': flag.id }}
    >
      <FactList cols={wide ? 2 : 1}>
        <Fact label={t('desk.officer.flags.facility')}>
          {flag.facility.code} – {flag.facility.name}
        </Fact>
        {flag.otherFacility && (
          <Fact label={t('desk.officer.flags.otherFacility')}>
            {flag.otherFacility.code} – {flag.otherFacility.name}
          </Fact>
        )}
        {flag.personName && <Fact label={t('desk.officer.flags.person')}>{flag.personName}</Fact>}
        {flag.cardCode && (
          <Fact label={t('desk.officer.flags.cardCode')}>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{flag.cardCode}</span>
          </Fact>
        )}
      </FactList>
      {flag.cardCode && (
        <Group>
          <RevokeCardButton name={flag.personName ?? flag.cardCode} cardCode={flag.cardCode} />
        </Group>
      )}
    </FollowUpCard>
  );
}
