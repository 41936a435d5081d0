import { Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { SignInForm } from '../components/SignInForm.tsx';

/** Quản lý cá nhân: the sign-in card until accounts exist, and the way to find one's BHXH code. */
export function PersonalTab() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t('personal.title')}</PageTitle>
      <Text>{t('personal.intro')}</Text>
      <SignInForm
        usernameLabel={t('personal.username')}
        usernameHint={t('personal.usernameHint')}
        forgotPasswordTo="/support#forgot-password"
        numericUsername
      />
      <Button variant="outline" disabled leftSection={<IconUserPlus size={22} aria-hidden="true" />}>
        {t('personal.register')}
      </Button>
      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="find-code-title">
        <Stack gap="sm">
          <Title order={2} id="find-code-title">
            {t('personal.findCodeTitle')}
          </Title>
          <Text>{t('personal.findCodeBody')}</Text>
          <Anchor
            component={Link}
            to="/support#find-code"
            fw={600}
            style={{ display: 'inline-flex', alignItems: 'center', minHeight: 48 }}
          >
            {t('personal.findCodeGuide')}
          </Anchor>
          <Button component={Link} to="/lookup" variant="light" leftSection={<IconSearch size={22} aria-hidden="true" />}>
            {t('personal.lookupLink')}
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}
