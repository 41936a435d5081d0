import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice.tsx';
import { PhotoPicker, type UploadedPhoto } from '../../components/PhotoPicker.tsx';
import { useRegistrationDraft, type DraftField } from './draft.tsx';

interface PhotosStepProps {
  onBusyChange: (busy: boolean) => void;
}

/** Step 2: a portrait (required) and the ID card's two sides (needed only when the registry cannot vouch). */
export function PhotosStep({ onBusyChange }: PhotosStepProps) {
  const { t } = useTranslation();
  const { draft, update } = useRegistrationDraft();
  const { errors } = draft;
  const set = (key: 'portrait' | 'idFront' | 'idBack', field: DraftField) => (photo: UploadedPhoto | null) =>
    update((current) => ({ [key]: photo, errors: { ...current.errors, [field]: undefined } }));
  return (
    <Stack gap="md">
      <Text>{t('register.photosIntro')}</Text>
      <Notice>{t('register.idPhotosOptional')}</Notice>
      <PhotoPicker
        purpose="portrait"
        label={t('register.portrait')}
        description={t('register.portraitHint')}
        capture="user"
        value={draft.portrait}
        onChange={set('portrait', 'portraitUploadId')}
        onBusyChange={onBusyChange}
        error={errors.portraitUploadId}
        required
      />
      <PhotoPicker
        purpose="id_front"
        label={t('register.idFront')}
        description={t('register.idFrontHint')}
        capture="environment"
        value={draft.idFront}
        onChange={set('idFront', 'idFrontUploadId')}
        onBusyChange={onBusyChange}
        error={errors.idFrontUploadId}
      />
      <PhotoPicker
        purpose="id_back"
        label={t('register.idBack')}
        description={t('register.idBackHint')}
        capture="environment"
        value={draft.idBack}
        onChange={set('idBack', 'idBackUploadId')}
        onBusyChange={onBusyChange}
        error={errors.idBackUploadId}
      />
      <Text size="md" c="dimmed">
        {t('photo.formats')}
      </Text>
    </Stack>
  );
}
