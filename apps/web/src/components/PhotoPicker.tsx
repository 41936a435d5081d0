import { Box, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconCamera, IconCircleCheckFilled, IconPhoto, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { uploadResult, type UploadResult } from '@vssid/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorMessage } from '../api/client.ts';
import { prepareImage } from '../forms/images.ts';
import { BlobImage } from './BlobImage.tsx';

export type UploadPurpose = UploadResult['purpose'];

/** A photo already accepted by the server, with the picture kept in memory for the preview. */
export interface UploadedPhoto {
  uploadId: string;
  blob: Blob;
}

interface PhotoPickerProps {
  purpose: UploadPurpose;
  label: string;
  description?: string;
  /** The camera to open: the front one for a portrait, the back one for a document. */
  capture: 'user' | 'environment';
  value: UploadedPhoto | null;
  onChange: (photo: UploadedPhoto | null) => void;
  /** Busy while uploading: the form waits before going on. */
  onBusyChange?: (busy: boolean) => void;
  error?: string | undefined;
  required?: boolean;
}

/** The browser could not read or shrink the picture: nothing was sent. */
class PhotoError extends Error {}

export async function uploadPhoto(purpose: UploadPurpose, blob: Blob, name: string): Promise<UploadResult> {
  const form = new FormData();
  // The purpose before the file: the server reads the multipart stream in order.
  form.append('purpose', purpose);
  form.append('file', blob, name);
  return apiRequest('/api/v1/uploads', uploadResult, { method: 'POST', formData: form });
}

/**
 * Take a photo with the phone's camera or choose a file; it is checked, shrunk if needed and uploaded at once, and
 * shown as a preview. A fieldset-like card: its title names the photo, its buttons say what they do.
 */
export function PhotoPicker({
  purpose,
  label,
  description,
  capture,
  value,
  onChange,
  onBusyChange,
  error,
  required = false,
}: PhotoPickerProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const errorId = useId();
  const descriptionId = useId();
  const cameraInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [localError, setLocalError] = useState<string>();

  const upload = useMutation({
    mutationFn: async (file: File) => {
      const prepared = await prepareImage(file);
      if (!prepared.ok)
        throw new PhotoError(prepared.reason === 'tooLarge' ? t('photo.tooLarge') : t('photo.unsupported'));
      const result = await uploadPhoto(purpose, prepared.blob, prepared.name);
      return { uploadId: result.uploadId, blob: prepared.blob };
    },
    onMutate: () => {
      setLocalError(undefined);
      onBusyChange?.(true);
    },
    onSuccess: (photo) => onChange(photo),
    onError: (failure) =>
      setLocalError(failure instanceof PhotoError ? failure.message : errorMessage(failure)),
    onSettled: () => onBusyChange?.(false),
  });

  const shownError = localError ?? error;
  const describedBy =
    [description ? descriptionId : null, shownError ? errorId : null].filter(Boolean).join(' ') || undefined;
  const choose = (input: HTMLInputElement | null) => input?.click();
  const onFile = (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    // The same file may be chosen again after an error: clear the input so that "change" fires.
    event.currentTarget.value = '';
    if (file) upload.mutate(file);
  };

  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="section"
      aria-labelledby={titleId}
      style={shownError ? { borderColor: 'var(--mantine-color-error)', borderWidth: 2 } : undefined}
    >
      <Stack gap="sm">
        <Title order={3} id={titleId} size="h4">
          {label}
          {required && (
            <Text span c="danger.8" aria-hidden="true">
              {' *'}
            </Text>
          )}
        </Title>
        {description && (
          <Text id={descriptionId} size="md">
            {description}
          </Text>
        )}
        {value && !upload.isPending && (
          <Stack gap={6}>
            <Box
              style={{
                border: '1px solid var(--mantine-color-gray-4)',
                borderRadius: 8,
                overflow: 'hidden',
                maxWidth: 320,
              }}
            >
              <BlobImage
                blob={value.blob}
                alt={t('photo.previewAlt', { label })}
                style={{ maxHeight: 240, objectFit: 'contain', margin: '0 auto' }}
              />
            </Box>
            <Text fw={600} c="forest.8" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
              <IconCircleCheckFilled size={20} aria-hidden="true" />
              {t('photo.uploaded')}
            </Text>
          </Stack>
        )}
        {upload.isPending && (
          <Group gap="sm" role="status">
            <Loader size="sm" aria-hidden="true" />
            <Text>{t('photo.uploading')}</Text>
          </Group>
        )}
        {shownError && (
          <Text id={errorId} c="danger.8" fw={600} role="alert">
            {shownError}
          </Text>
        )}
        <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <Button
            variant={value ? 'outline' : 'filled'}
            leftSection={<IconCamera size={22} aria-hidden="true" />}
            onClick={() => choose(cameraInput.current)}
            disabled={upload.isPending}
            aria-describedby={describedBy}
            data-focus-invalid={shownError ? 'true' : undefined}
            styles={{ label: { whiteSpace: 'normal' } }}
          >
            {value ? t('photo.retake') : t('photo.take')}
          </Button>
          <Button
            variant="outline"
            leftSection={<IconPhoto size={22} aria-hidden="true" />}
            onClick={() => choose(fileInput.current)}
            disabled={upload.isPending}
            aria-describedby={describedBy}
            styles={{ label: { whiteSpace: 'normal' } }}
          >
            {t('photo.choose')}
          </Button>
        </Group>
        {value && !required && (
          <Button
            variant="subtle"
            color="danger"
            leftSection={<IconTrash size={20} aria-hidden="true" />}
            onClick={() => onChange(null)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('photo.remove')}
          </Button>
        )}
        <input
          ref={cameraInput}
          type="file"
          name={`${purpose}-camera`}
          accept="image/*"
          capture={capture}
          onChange={onFile}
          hidden
          tabIndex={-1}
          aria-hidden="true"
        />
        <input
          ref={fileInput}
          type="file"
          name={purpose}
          accept="image/jpeg,image/png,image/webp,image/*"
          onChange={onFile}
          hidden
          tabIndex={-1}
          aria-hidden="true"
        />
      </Stack>
    </Card>
  );
}
