import { Alert, Button, Card, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconChevronRight, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { childRegistrationRequest, registrationReceipt } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, apiRequest, errorMessage } from '../../api/client.ts';
import { useChildren } from '../../api/records.ts';
import { BackLink } from '../../auth/ChangePasswordPage.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { PhotoPicker, type UploadedPhoto } from '../../components/PhotoPicker.tsx';
import { digitsOnly, serverFieldErrors, type FieldErrors } from '../../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../../forms/useFocusFirstInvalid.ts';
import { formatDate } from '../../format.ts';
import { useRecordSubject } from '../records/subject.tsx';

const FIELDS = ['childBhxhCode', 'birthCertificateUploadId'] as const;
type Field = (typeof FIELDS)[number];
const CHILD_CODES = new Set([
  'NOT_A_PARENT',
  'CHILD_NOT_ELIGIBLE',
  'CHILD_ALREADY_LINKED',
  'REGISTRATION_PENDING',
  'ACCOUNT_EXISTS',
]);

/** Đăng ký cho con: the children already linked to the account, and a form to register one more. */
export function ChildrenPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const listTitleId = useId();
  const formTitleId = useId();
  const children = useChildren();
  const { setSubject } = useRecordSubject();

  const [code, setCode] = useState('');
  const [certificate, setCertificate] = useState<UploadedPhoto | null>(null);
  const [uploading, setUploading] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [dossier, setDossier] = useState<string | null>(null);
  const { ref, focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();

  const submit = useMutation({
    mutationFn: (body: { childBhxhCode: string; birthCertificateUploadId: string }) =>
      apiRequest('/api/v1/children/registrations', registrationReceipt, { method: 'POST', body }),
    onSuccess: async (receipt) => {
      setDossier(receipt.dossierNumber);
      setCode('');
      setCertificate(null);
      setErrors({});
      await queryClient.invalidateQueries({ queryKey: ['children'] });
    },
    onError: (error) => {
      const next = serverFieldErrors(error, FIELDS);
      // "Not the parent", "over 18", "already linked or waiting": about the child's code.
      if (error instanceof ApiError && CHILD_CODES.has(error.code)) {
        next.childBhxhCode ??= error.message;
      }
      setErrors(next);
      focusFirstInvalid();
    },
  });
  const shownByField = Object.values(errors).some(Boolean);

  return (
    <Stack gap="lg">
      <BackLink to="/personal" />
      <PageTitle>{t('children.title')}</PageTitle>
      <Text>{t('children.intro')}</Text>

      <Stack gap="sm" component="section" aria-labelledby={listTitleId}>
        <Title order={2} id={listTitleId}>
          {t('children.listTitle')}
        </Title>
        {children.isError && <ErrorState error={children.error} onRetry={() => void children.refetch()} />}
        {children.isPending && <Skeleton height={80} radius="md" aria-hidden="true" />}
        {children.data && children.data.items.length === 0 && <Text>{t('children.none')}</Text>}
        {children.data && children.data.items.length > 0 && (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {children.data.items.map((child) => (
              <li key={child.personId}>
                <Card withBorder padding="md" radius="md">
                  <Text fw={700} size="lg">
                    {child.fullName}
                  </Text>
                  <Text size="md">
                    {t('account.bhxhCode')}: {child.bhxhCode}
                  </Text>
                  <Text size="md">
                    {t('register.birthDate')}: {formatDate(child.birthDate)}
                  </Text>
                  <Button
                    component={Link}
                    to="/personal"
                    onClick={() => setSubject(child.personId)}
                    variant="light"
                    mt="sm"
                    rightSection={<IconChevronRight size={22} aria-hidden="true" />}
                  >
                    {t('records.subject.openChild', { name: child.fullName })}
                  </Button>
                </Card>
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={formTitleId}>
        <Stack gap="md">
          <Title order={2} id={formTitleId}>
            {t('children.formTitle')}
          </Title>
          {dossier !== null && (
            <Alert role="status" color="forest" variant="light" icon={<IconCircleCheck aria-hidden="true" />}>
              <Text fw={700}>{t('children.sent', { dossier })}</Text>
            </Alert>
          )}
          {submit.isError && !shownByField && (
            <Alert
              role="alert"
              color="danger"
              variant="light"
              icon={<IconAlertTriangle aria-hidden="true" />}
            >
              <Text fw={600}>{errorMessage(submit.error)}</Text>
            </Alert>
          )}
          <form
            ref={ref}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (uploading) return;
              const next: FieldErrors<Field> = {};
              if (!childRegistrationRequest.shape.childBhxhCode.safeParse(code).success) {
                next.childBhxhCode =
                  code === ''
                    ? t('fields.required', { ns: 'errors' })
                    : t('fields.bhxhCode', { ns: 'errors' });
              }
              if (!certificate) next.birthCertificateUploadId = t('children.certificateRequired');
              setErrors(next);
              if (Object.values(next).some(Boolean) || !certificate) {
                focusFirstInvalid();
                return;
              }
              setDossier(null);
              submit.mutate({ childBhxhCode: code, birthCertificateUploadId: certificate.uploadId });
            }}
          >
            <Stack gap="md">
              <TextInput
                name="childBhxhCode"
                label={t('children.code')}
                description={t('children.codeHint')}
                inputMode="numeric"
                autoComplete="off"
                maxLength={10}
                value={code}
                onChange={(event) => setCode(digitsOnly(event.currentTarget.value, 10))}
                error={errors.childBhxhCode}
                required
              />
              <PhotoPicker
                purpose="birth_certificate"
                label={t('children.certificate')}
                description={t('children.certificateHint')}
                capture="environment"
                value={certificate}
                onChange={(photo) => {
                  setCertificate(photo);
                  setErrors((current) => ({ ...current, birthCertificateUploadId: undefined }));
                }}
                onBusyChange={setUploading}
                error={errors.birthCertificateUploadId}
                required
              />
              <Button
                type="submit"
                loading={submit.isPending}
                disabled={uploading}
                leftSection={<IconSend size={22} aria-hidden="true" />}
              >
                {t('children.submit')}
              </Button>
            </Stack>
          </form>
        </Stack>
      </Card>
    </Stack>
  );
}
