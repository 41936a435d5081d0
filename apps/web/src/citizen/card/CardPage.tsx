import { Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconLogin, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { BHYT_TEXTS, type BhytCard, isBenefitLevel } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { onSignOut } from '../../auth/session.ts';
import { useAuth } from '../../auth/useAuth.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useOnline } from '../../components/useOnline.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { type CardSubject, forgetCards, loadStoredCard, refreshStoredCard, type StoredCard } from './cardStore.ts';
import classes from './CardPage.module.css';
import { LiveCardQr } from './LiveCardQr.tsx';

onSignOut(forgetCards);

/**
 * The BHYT card — /card for one's own, /card/:personId for a registered child's. Signed in and online it refreshes
 * from the server and keeps a copy on the phone; otherwise it shows that copy, QR included, and says how old it is.
 */
export function CardPage() {
  const { t } = useTranslation();
  const { personId } = useParams();
  const subject: CardSubject = personId && /^\d+$/.test(personId) ? Number(personId) : 'me';
  const { session, account } = useAuth();
  const online = useOnline();
  const citizen = account?.role === 'citizen' && !account.mustChangePassword && !account.passwordExpired ? account : null;

  const stored = useQuery({
    queryKey: ['stored-card', subject, citizen?.login ?? null],
    queryFn: async () => (await loadStoredCard(subject, citizen?.login)) ?? null,
    staleTime: Infinity,
  });
  const fresh = useQuery({
    queryKey: ['card', subject, citizen?.login ?? null],
    queryFn: () => refreshStoredCard(citizen?.login ?? '', subject),
    enabled: citizen !== null && online,
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status > 0),
  });

  const shown: StoredCard | null = fresh.data ?? stored.data ?? null;
  const checking = session.status === 'unknown' || session.status === 'checking';

  let body;
  if (!shown) {
    if (fresh.isError) body = <ErrorState error={fresh.error} onRetry={() => void fresh.refetch()} />;
    else if (fresh.isFetching || stored.isPending || (checking && online)) {
      body = (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    } else if (citizen && !online) body = <Notice>{t('card.offlineNoCopy')}</Notice>;
    else body = <SignInFirst />;
  } else if (!shown.card) {
    body = (
      <Notice title={t('card.noCard')}>
        <Text>{t('card.noCardHint')}</Text>
      </Notice>
    );
  } else {
    // The QR first: at the desk it is what the receptionist needs, without scrolling.
    body = (
      <Stack gap="lg">
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="card-qr-title">
          <Stack gap="sm" align="center">
            <Title order={2} size="h3" id="card-qr-title">
              {t('card.qr.title')}
            </Title>
            {shown.credential ? (
              <LiveCardQr credential={shown.credential} holderName={shown.card.holder.fullName} />
            ) : (
              <Text>{t('card.qr.notActive')}</Text>
            )}
            <Text size="md" ta="center">
              {t('card.qr.hint')}
            </Text>
          </Stack>
        </Card>
        <CardFace card={shown.card} />
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageTitle>{subject === 'me' ? t('card.title') : t('card.childTitle')}</PageTitle>
      {shown && (
        <Group justify="space-between" align="center" gap="sm">
          <Text size="md" data-refreshed-at>
            {t('card.refreshedAt', { time: formatDateTime(shown.refreshedAt) })}
          </Text>
          {citizen && online ? (
            <Button
              variant="light"
              onClick={() => void fresh.refetch()}
              loading={fresh.isFetching}
              leftSection={<IconRefresh size={20} aria-hidden="true" />}
            >
              {t('card.refresh')}
            </Button>
          ) : null}
        </Group>
      )}
      {shown && (!online || fresh.isError) && (
        <Notice>{online ? t('card.savedCopyServerDown') : t('card.savedCopyOffline')}</Notice>
      )}
      {body}
    </Stack>
  );
}

function SignInFirst() {
  const { t } = useTranslation();
  return (
    <Notice>
      <Stack gap="sm">
        <Text>{t('card.signInFirst')}</Text>
        <Button component={Link} to="/personal" leftSection={<IconLogin size={20} aria-hidden="true" />} style={{ alignSelf: 'flex-start' }}>
          {t('card.signIn')}
        </Button>
      </Stack>
    </Notice>
  );
}

/** Laid out like the plastic card people know: holder, codes, facility, validity, benefit level in plain words. */
function CardFace({ card }: { card: BhytCard }) {
  const { t } = useTranslation();
  const birth = card.holder.birthDatePrecision === 'year' ? card.holder.birthDate.slice(0, 4) : formatDate(card.holder.birthDate);
  const statusColor = card.status === 'active' ? 'forest' : 'danger';
  const language = useLanguage();
  const levelMeaning = isBenefitLevel(card.benefitLevel) ? BHYT_TEXTS[language][`bhyt.level.${card.benefitLevel}`] : '';
  return (
    <section className={classes.card} aria-labelledby="card-face-title">
      <div className={classes.banner}>
        <Text component="span" className={classes.issuer}>
          {t('card.issuer')}
        </Text>
        <Title order={2} id="card-face-title" className={classes.cardTitle}>
          {t('card.faceTitle')}
        </Title>
      </div>
      <dl className={classes.facts}>
        <Fact label={t('card.fullName')}>
          <span className={classes.name}>{card.holder.fullName}</span>
        </Fact>
        <Fact label={t('card.bhxhCode')}>
          <span className={classes.code}>{card.bhxhCode}</span>
        </Fact>
        <Fact label={t('card.birthDate')}>{birth}</Fact>
        <Fact label={t('card.sex')}>{t(`card.sexes.${card.holder.sex}`)}</Fact>
        <Fact label={t('card.facility')}>
          {card.facility.name} ({card.facility.code})
        </Fact>
        <Fact label={t('card.validity')}>
          {card.validTo
            ? t('card.validFromTo', { from: formatDate(card.validFrom), to: formatDate(card.validTo) })
            : t('card.validFrom', { from: formatDate(card.validFrom) })}
        </Fact>
        <Fact label={t('card.status')}>
          <Badge color={statusColor} variant="filled" size="lg">
            {t(`card.statuses.${card.status}`)}
          </Badge>
        </Fact>
        <Fact label={t('card.issuedOn')}>
          <span data-card-issued-on={card.issuedOn}>{formatDate(card.issuedOn)}</span>
        </Fact>
        <Fact label={t('card.benefitLevel')}>
          <strong>{t('card.levelN', { level: String(card.benefitLevel) })}</strong> — {levelMeaning}
        </Fact>
        <Fact label={t('card.fiveYears')}>{card.fiveYearsDate ? formatDate(card.fiveYearsDate) : t('card.fiveYearsNotYet')}</Fact>
        <Fact label={t('card.cardCode')}>
          <span className={classes.code}>{card.cardCode}</span>
        </Fact>
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className={classes.fact}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
