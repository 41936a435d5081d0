import { Alert, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';

/**
 * "Approved", "Received": the news of an officer's step. The buttons that led to it disappear with the step, so focus
 * goes to the news instead of being lost.
 */
export function DoneNotice({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div aria-live="polite">
      {message && (
        <Alert
          ref={ref}
          tabIndex={-1}
          role="status"
          color="forest"
          variant="light"
          icon={<IconCircleCheck aria-hidden="true" />}
        >
          <Text fw={700}>{message}</Text>
        </Alert>
      )}
    </div>
  );
}
