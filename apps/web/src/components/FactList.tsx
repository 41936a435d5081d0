import { Box, SimpleGrid, Stack, Text, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

interface FactListProps {
  gap?: MantineSpacing;
  /** Two columns for short values (amounts, dates) side by side; one column otherwise. */
  cols?: 1 | 2;
  children: ReactNode;
}

/** Label–value pairs as a description list: on a phone a table's columns do not fit, these stack and wrap. */
export function FactList({ gap = 'xs', cols = 1, children }: FactListProps) {
  if (cols === 2) {
    return (
      <SimpleGrid component="dl" cols={2} spacing="sm" verticalSpacing={gap} m={0}>
        {children}
      </SimpleGrid>
    );
  }
  return (
    <Stack component="dl" gap={gap} m={0}>
      {children}
    </Stack>
  );
}

/**
 * One pair of a FactList: the label dimmed above, the value bold below (long codes and names may break anywhere).
 * `wide` spans both columns of a two-column list.
 */
export function Fact({
  label,
  wide = false,
  children,
}: {
  label: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text component="dt" size="md" c="dimmed">
        {label}
      </Text>
      <Box component="dd" m={0} fw={600} fz="md" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </div>
  );
}
