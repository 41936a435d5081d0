import { Anchor, Group, Text } from '@mantine/core';
import { IconMail, IconMapPin, IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** `028 3822 1234` → `tel:02838221234`: only digits and a leading +. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function Line({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <span aria-hidden="true" style={{ display: 'flex', paddingTop: 4, color: 'var(--mantine-color-vss-8)' }}>
        {icon}
      </span>
      <Text component="div" size="md">
        <span className="visually-hidden-label">{label}: </span>
        {children}
      </Text>
    </Group>
  );
}

export function AddressLine({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Line icon={<IconMapPin size={20} />} label={t('common.address')}>
      {children}
    </Line>
  );
}

/** Links tall enough to tap (48px) with a thumb. */
const linkStyle = { display: 'inline-flex', alignItems: 'center', minHeight: 48, fontWeight: 600 } as const;

export function PhoneLine({ phone }: { phone: string }) {
  const { t } = useTranslation();
  return (
    <Line icon={<IconPhone size={20} />} label={t('common.phone')}>
      <Anchor href={telHref(phone)} style={linkStyle} mt={-12} mb={-12}>
        {phone}
      </Anchor>
    </Line>
  );
}

export function EmailLine({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <Line icon={<IconMail size={20} />} label={t('common.email')}>
      <Anchor href={`mailto:${email}`} style={{ ...linkStyle, wordBreak: 'break-all' }} mt={-12} mb={-12}>
        {email}
      </Anchor>
    </Line>
  );
}
