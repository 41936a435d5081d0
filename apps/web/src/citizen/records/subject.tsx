import { Alert, Group, Radio, Stack, Text } from '@mantine/core';
import { IconUserHeart } from '@tabler/icons-react';
import type { ChildList, RecordSubject } from '@vssid/shared';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChildren } from '../../api/records.ts';
import { useAuth } from '../../auth/useAuth.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDate } from '../../format.ts';
import classes from './records.module.css';

// Whose records the citizen app shows: the account holder ("me") or one of the children registered to the account.
// The choice lasts for the browser tab's session and belongs to the account that made it, so another person signing
// in on the same phone starts on their own records.

const STORAGE_KEY = 'vssid.recordSubject';

interface Choice {
  accountId: number;
  subject: RecordSubject;
}

function isChoice(value: unknown): value is Choice {
  if (typeof value !== 'object' || value === null || !('accountId' in value) || !('subject' in value))
    return false;
  const { accountId, subject } = value;
  return (
    typeof accountId === 'number' &&
    (subject === 'me' || (typeof subject === 'number' && Number.isInteger(subject) && subject > 0))
  );
}

function readChoice(): Choice | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isChoice(parsed) ? parsed : null;
  } catch {
    // Storage blocked or a damaged value: start on one's own records.
    return null;
  }
}

function writeChoice(choice: Choice | null): void {
  try {
    if (choice) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not kept when storage is blocked; the choice still holds until the page is reloaded.
  }
}

interface ChoiceContext {
  choice: Choice | null;
  choose: (choice: Choice | null) => void;
}

const RecordSubjectContext = createContext<ChoiceContext | null>(null);

/** Holds the choice for every screen that shows records: the personal pages and the card. */
export function RecordSubjectProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<Choice | null>(readChoice);
  const choose = useCallback((next: Choice | null) => {
    setChoice(next);
    writeChoice(next);
  }, []);
  // Signing out (or a session that ended) forgets the choice: the next sign-in starts on one's own records.
  // Adjusted while rendering, React's way of following a change of another state without an extra pass.
  const { session } = useAuth();
  const signedOut = session.status === 'signedOut';
  const [wasSignedOut, setWasSignedOut] = useState(signedOut);
  if (signedOut !== wasSignedOut) {
    setWasSignedOut(signedOut);
    if (signedOut && choice) choose(null);
  }
  const value = useMemo(() => ({ choice, choose }), [choice, choose]);
  return <RecordSubjectContext.Provider value={value}>{children}</RecordSubjectContext.Provider>;
}

export type RegisteredChild = ChildList['items'][number];

export interface RecordSubjectState {
  /** `me`, or the person id of a registered child: what goes into /api/v1/people/:subject/…. */
  subject: RecordSubject;
  /** The name of whoever's records are shown. */
  name: string;
  /** The chosen child, when it is not the account holder. */
  child: RegisteredChild | null;
  /**
   * False only while the children list is loading and a child was chosen earlier in the session: screens wait
   * instead of showing the parent's records for a moment under the child's name.
   */
  ready: boolean;
  setSubject: (subject: RecordSubject) => void;
  /** The children registered to the account (under 18), empty for everyone else. */
  children: readonly RegisteredChild[];
  childrenQuery: ReturnType<typeof useChildren>;
}

export function useRecordSubject(): RecordSubjectState {
  const context = useContext(RecordSubjectContext);
  if (!context) throw new Error('useRecordSubject needs a RecordSubjectProvider above it');
  const { choice, choose } = context;
  const { account } = useAuth();
  const childrenQuery = useChildren();
  const children = childrenQuery.data?.items ?? [];
  const accountId = account?.id ?? null;
  const wanted = choice && choice.accountId === accountId ? choice.subject : 'me';
  // A child who is no longer listed (turned 18, link removed) falls back to the account holder's own records.
  const child = wanted === 'me' ? null : (children.find((item) => item.personId === wanted) ?? null);
  const setSubject = useCallback(
    (subject: RecordSubject) => {
      if (accountId !== null) choose({ accountId, subject });
    },
    [accountId, choose],
  );
  return {
    subject: child ? child.personId : 'me',
    name: child ? child.fullName : (account?.displayName ?? ''),
    child,
    ready: wanted === 'me' || child !== null || !childrenQuery.isPending,
    setSubject,
    children,
    childrenQuery,
  };
}

/**
 * "Show the records of: me / each child" — large radio cards, shown only to accounts with registered children.
 * Sits at the top of the personal home and of every records page.
 */
export function SubjectSwitcher() {
  const { t } = useTranslation();
  const { subject, child, children, childrenQuery, setSubject, name } = useRecordSubject();
  const { account } = useAuth();

  if (childrenQuery.isError) {
    return <ErrorState error={childrenQuery.error} onRetry={() => void childrenQuery.refetch()} />;
  }
  if (children.length === 0) return null;
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('records.subject.legend')}
        value={String(subject)}
        onChange={(value) => setSubject(value === 'me' ? 'me' : Number(value))}
        styles={{ label: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 700, marginBottom: 8 } }}
      >
        <Stack gap="xs">
          <Radio.Card value="me" className={classes.choice} radius="md">
            <Group wrap="nowrap" gap="md">
              <Radio.Indicator size="md" />
              <Text fw={700} size="lg">
                {t('records.subject.me', { name: account?.displayName ?? '' })}
              </Text>
            </Group>
          </Radio.Card>
          {children.map((item) => (
            <Radio.Card
              key={item.personId}
              value={String(item.personId)}
              className={classes.choice}
              radius="md"
            >
              <Group wrap="nowrap" gap="md">
                <Radio.Indicator size="md" />
                <div>
                  <Text fw={700} size="lg">
                    {item.fullName}
                  </Text>
                  <Text size="md">
                    {t('records.subject.childBorn', { date: formatDate(item.birthDate) })}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
      {child && (
        <Alert
          role="status"
          variant="light"
          color="vss"
          icon={<IconUserHeart aria-hidden="true" />}
          styles={{
            message: { color: 'var(--mantine-color-text)', fontSize: 'var(--mantine-font-size-md)' },
          }}
        >
          <Text fw={700}>{t('records.subject.viewingChild', { name })}</Text>
        </Alert>
      )}
    </Stack>
  );
}
