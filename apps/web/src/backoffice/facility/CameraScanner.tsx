import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCamera } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.tsx';

type CameraProblem = 'denied' | 'noCamera' | 'unsupported' | 'busy' | 'failed';

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'noCamera';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/**
 * The camera as a QR reader, in a dialog. The decoder (@zxing/browser) is loaded only when a desk opens this, so the
 * citizen app never downloads it. Stops the camera as soon as a code is read or the dialog closes.
 */
export function CameraScanner({ onScanned }: { onScanned: (text: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        type="button"
        variant="outline"
        size="lg"
        leftSection={<IconCamera size={24} aria-hidden="true" />}
        onClick={() => setOpened(true)}
      >
        {t('desk.form.camera')}
      </Button>
      <AppModal opened={opened} onClose={() => setOpened(false)} title={t('desk.camera.title')}>
        {opened && (
          <CameraView
            onScanned={(text) => {
              setOpened(false);
              onScanned(text);
            }}
          />
        )}
      </AppModal>
    </>
  );
}

function CameraView({ onScanned }: { onScanned: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [running, setRunning] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const onScannedRef = useRef(onScanned);
  useEffect(() => {
    onScannedRef.current = onScanned;
  }, [onScanned]);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    const start = async () => {
      if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
        setProblem('unsupported');
        return;
      }
      try {
        const { BrowserQRCodeReader } = await import('@zxing/browser');
        if (cancelled || !video.current) return;
        const reader = new BrowserQRCodeReader();
        const controls = await reader.decodeFromConstraints(
          { video: { facingMode: { ideal: 'environment' } } },
          video.current,
          (result, _error, scanControls) => {
            // Frames without a code report an error too: only a result matters.
            if (!result) return;
            scanControls.stop();
            onScannedRef.current(result.getText());
          },
        );
        if (cancelled) controls.stop();
        else {
          stop = () => controls.stop();
          setRunning(true);
        }
      } catch (error) {
        if (!cancelled) setProblem(problemOf(error));
      }
    };
    void start();
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [attempt]);

  if (problem) {
    return (
      <Stack gap="md">
        <Alert color="danger" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Text size="md">{t(`desk.camera.${problem}`)}</Text>
        </Alert>
        {problem !== 'unsupported' && problem !== 'noCamera' && (
          <Button
            onClick={() => {
              setProblem(null);
              setRunning(false);
              setAttempt((n) => n + 1);
            }}
          >
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="md">{t('desk.camera.hint')}</Text>
      {!running && (
        <Stack align="center" gap="xs" role="status">
          <Loader aria-hidden="true" />
          <Text>{t('desk.camera.starting')}</Text>
        </Stack>
      )}
      <video
        ref={video}
        aria-label={t('desk.camera.video')}
        muted
        playsInline
        style={{ width: '100%', borderRadius: 8, background: '#000', display: running ? 'block' : 'none' }}
      />
    </Stack>
  );
}
