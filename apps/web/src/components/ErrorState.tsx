import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client.ts';

interface ErrorStateProps {
  error: unknown;
  onRetry: () => void;
  /** Field messages already shown next to their inputs are not repeated here. */
  shownFields?: readonly string[];
}

/** The API's localized message, any field messages without an input of their own, and a retry button. */
export function ErrorState({ error, onRetry, shownFields = [] }: ErrorStateProps) {
  const { t } = useTranslation();
  const otherFields =
    error instanceof ApiError ? Object.entries(error.fields).filter(([name]) => !shownFields.includes(name)) : [];
  return (
    <Alert
      color="danger"
      variant="light"
      title={t('errorState.title')}
      icon={<IconAlertTriangle aria-hidden="true" />}
      styles={{ title: { fontSize: 'var(--mantine-font-size-md)' }, message: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="sm">
        <Text size="md">{errorMessage(error)}</Text>
        {otherFields.length > 0 && (
          <List size="md">
            {otherFields.map(([name, message]) => (
              <List.Item key={name}>{message}</List.Item>
            ))}
          </List>
        )}
        <Button
          variant="filled"
          color="danger"
          leftSection={<IconRefresh size={20} aria-hidden="true" />}
          onClick={onRetry}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('common.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
