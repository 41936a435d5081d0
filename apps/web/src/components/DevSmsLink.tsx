import { Anchor } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/** Whether the server keeps a test SMS outbox (never in production): a development build, or /api/v1/dev/sms answers. */
function useDevSmsAvailable(): boolean {
  const probe = useQuery({
    queryKey: ['dev-sms-available'],
    queryFn: async ({ signal }) => {
      const response = await fetch('/api/v1/dev/sms?limit=1', {
        headers: { Accept: 'application/json' },
        signal,
      });
      return response.ok;
    },
    enabled: !import.meta.env.DEV,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return import.meta.env.DEV || probe.data === true;
}

/** "See the test messages": testers read OTPs and passwords there; a real phone gets them by SMS. */
export function DevSmsLink() {
  const { t } = useTranslation();
  if (!useDevSmsAvailable()) return null;
  return (
    <Anchor
      href="/dev/sms"
      target="_blank"
      rel="noopener"
      fw={600}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 48 }}
    >
      {t('otp.devSms')}
      <IconExternalLink size={18} aria-hidden="true" />
      <span className="visually-hidden-label">{t('common.opensInNewTab')}</span>
    </Anchor>
  );
}
