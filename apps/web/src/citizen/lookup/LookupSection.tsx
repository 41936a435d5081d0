import { Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** One section of the Lookup tab: a heading that names the region, a sentence on what it finds, then its content. */
export function LookupSection({
  heading,
  intro,
  children,
}: {
  heading: string;
  intro: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Stack gap="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={2} id={headingId}>
          {heading}
        </Title>
        <Text>{intro}</Text>
      </Stack>
      {children}
    </Stack>
  );
}
