import { Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconMail, IconPhoneCall } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { SUPPORT_EMAIL, SUPPORT_HOTLINE } from '../contacts.ts';

/** Hỗ trợ: the hotline, e-mail, and short guides. */
export function SupportTab() {
  const { t } = useTranslation();
  useScrollToHash();
  return (
    <Stack gap="lg">
      <PageTitle>{t('support.title')}</PageTitle>
      <Text>{t('support.intro')}</Text>

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="hotline-title">
        <Stack gap="sm">
          <Title order={2} id="hotline-title">
            {t('support.hotlineTitle')}
          </Title>
          <Text size="xl" fw={800} c="vss.8">
            {SUPPORT_HOTLINE.display}
          </Text>
          <Text>{t('support.hotlineBody')}</Text>
          <Button
            component="a"
            href={SUPPORT_HOTLINE.tel}
            leftSection={<IconPhoneCall size={22} aria-hidden="true" />}
            fullWidth
          >
            {t('support.call', { phone: SUPPORT_HOTLINE.display })}
          </Button>
        </Stack>
      </Card>

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="email-title">
        <Stack gap="sm">
          <Title order={2} id="email-title">
            {t('support.emailTitle')}
          </Title>
          <Text>{t('support.emailBody')}</Text>
          <Button
            component="a"
            href={`mailto:${SUPPORT_EMAIL}`}
            variant="outline"
            leftSection={<IconMail size={22} aria-hidden="true" />}
            fullWidth
            styles={{ label: { whiteSpace: 'normal' } }}
          >
            {t('support.writeTo', { email: SUPPORT_EMAIL })}
          </Button>
        </Stack>
      </Card>

      <Stack component="section" gap="md" aria-labelledby="guides-title">
        <Title order={2} id="guides-title">
          {t('support.guidesTitle')}
        </Title>
        <Guide id="find-code" title={t('support.findCode.title')}>
          <List type="ordered" spacing="xs">
            <List.Item>{t('support.findCode.step1')}</List.Item>
            <List.Item>{t('support.findCode.step2')}</List.Item>
            <List.Item>{t('support.findCode.step3')}</List.Item>
          </List>
        </Guide>
        <Guide id="use-card" title={t('support.useCard.title')}>
          <List type="ordered" spacing="xs">
            <List.Item>{t('support.useCard.step1')}</List.Item>
            <List.Item>{t('support.useCard.step2')}</List.Item>
            <List.Item>{t('support.useCard.step3')}</List.Item>
            <List.Item>{t('support.useCard.step4')}</List.Item>
          </List>
        </Guide>
        <Guide id="forgot-password" title={t('support.forgotPassword.title')}>
          <Text>{t('support.forgotPassword.body')}</Text>
          <Button
            component={Link}
            to="/forgot-password"
            variant="light"
            leftSection={<IconKey size={22} aria-hidden="true" />}
          >
            {t('signIn.forgotPassword')}
          </Button>
        </Guide>
      </Stack>
    </Stack>
  );
}

function Guide({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="article"
      id={id}
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
    >
      <Stack gap="sm">
        <Title order={3} id={`${id}-title`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** Links like /support#find-code land on that guide (the router does not scroll to hashes by itself). */
function useScrollToHash() {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [hash]);
}
