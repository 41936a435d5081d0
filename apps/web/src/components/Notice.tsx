import { Alert } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface NoticeProps {
  id?: string;
  title?: string;
  children: ReactNode;
}

/** A static information box. Not role="alert": it is part of the page, not news to interrupt the reader with. */
export function Notice({ id, title, children }: NoticeProps) {
  return (
    <Alert
      id={id}
      role="note"
      color="amber"
      variant="light"
      title={title}
      icon={<IconInfoCircle aria-hidden="true" />}
      styles={{
        root: { border: '1px solid var(--mantine-color-amber-3)' },
        title: { fontSize: 'var(--mantine-font-size-md)', color: 'var(--mantine-color-amber-9)' },
        message: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' },
      }}
    >
      {children}
    </Alert>
  );
}
