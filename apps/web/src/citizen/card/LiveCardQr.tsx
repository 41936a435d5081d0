import { Center, Loader, Stack, Text } from '@mantine/core';
import { fromBase64Url, presentCredential, PROOF_RENEW_SECONDS } from '@vssid/shared';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverNow } from '../../api/client.ts';
import { deviceSigner } from './cardStore.ts';

/**
 * The card's QR: the stored credential plus a device signature over "now", redrawn every 30 seconds so that a
 * screenshot stops working within two minutes. Everything happens on the phone — it works offline.
 */
export function LiveCardQr({ credential, holderName }: { credential: string; holderName: string }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<{ src: string; madeAt: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(PROOF_RENEW_SECONDS);

  useEffect(() => {
    let cancelled = false;
    const bytes = fromBase64Url(credential);
    const draw = async () => {
      try {
        if (!bytes) throw new Error('credential');
        const signer = await deviceSigner();
        // By the server's clock when known: a phone whose clock is minutes off would otherwise show a stale QR.
        const text = await presentCredential(bytes, signer, new Date(serverNow()));
        // Error correction M and a 4-module quiet zone: what scanners at the desk read best off a screen.
        const src = await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: 640, color: { dark: '#000000', light: '#ffffff' } });
        if (!cancelled) {
          setImage({ src, madeAt: Date.now() });
          setFailed(false);
        }
      } catch {
        if (!cancelled) setFailed(true);
      }
    };
    void draw();
    const renew = setInterval(() => void draw(), PROOF_RENEW_SECONDS * 1000);
    return () => {
      cancelled = true;
      clearInterval(renew);
    };
  }, [credential]);

  useEffect(() => {
    if (!image) return;
    const tick = () => setSecondsLeft(Math.max(0, PROOF_RENEW_SECONDS - Math.floor((Date.now() - image.madeAt) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [image]);

  if (failed) return <Text c="danger.8">{t('card.qr.failed')}</Text>;
  if (!image) {
    return (
      <Center h={280}>
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  return (
    <Stack align="center" gap="xs">
      <img
        src={image.src}
        alt={t('card.qr.alt', { name: holderName })}
        width={300}
        height={300}
        style={{ width: 'min(300px, 80vw)', height: 'auto', imageRendering: 'pixelated', background: '#fff' }}
      />
      <Text size="sm" aria-live="off">
        {t('card.qr.renewIn', { seconds: String(secondsLeft) })}
      </Text>
    </Stack>
  );
}
