import { Badge, Card, Stack, Title, type BadgeProps } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** One result: an article named by its heading, so lists can be browsed heading by heading with a screen reader. */
export function ResultCard({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Card withBorder padding="lg" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** A large badge whose text wraps instead of being cut on a narrow phone. */
export function InfoBadge(
  props: Omit<BadgeProps, 'size' | 'tt' | 'h' | 'py' | 'styles'> & { children: ReactNode },
) {
  return (
    <Badge
      color="vss"
      {...props}
      size="lg"
      tt="none"
      h="auto"
      py={4}
      styles={{ label: { fontSize: '0.9375rem', overflow: 'visible', whiteSpace: 'normal' } }}
    />
  );
}
