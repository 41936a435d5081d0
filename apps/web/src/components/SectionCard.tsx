import { Card, Stack, Title, type MantineSpacing } from '@mantine/core';
import { type ReactNode, useId } from 'react';

/** A bordered card that is a landmark section named by its own heading. */
export function SectionCard({
  title,
  gap = 'md',
  children,
}: {
  title: ReactNode;
  gap?: MantineSpacing;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap={gap}>
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
