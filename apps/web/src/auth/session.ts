// The signed-in session: the access token lives in memory only (never in storage); the refresh token is an httpOnly
// cookie the page cannot read. Tabs of the same browser share fresh tokens over a BroadcastChannel and take turns to
// refresh (Web Locks), so that two tabs never spend the same rotating refresh cookie.
import { signInResponse, type AccountSummary, type Role, type SignInResponse } from '@vssid/shared';
import { anyBody, ApiError, apiRequest, connectAuth } from '../api/client.ts';

export type SessionState =
  | { status: 'unknown' }
  | { status: 'checking' }
  | { status: 'signedOut'; reason: 'none' | 'ended' }
  | { status: 'signedIn'; accessToken: string; expiresAt: number; account: AccountSummary };

type Listener = () => void;

/** Refresh this long before the access token runs out, so calls never carry an expired one. */
const REFRESH_MARGIN_MS = 60_000;
const LOCK_NAME = 'vssid-session-refresh';
/**
 * A hint, not a secret: "this browser had a session". Without it the app does not ask the server on start, so the
 * millions who only look things up never send a refresh request that can only fail.
 */
const HINT_KEY = 'vssid.hasSession';

function setHint(on: boolean) {
  try {
    if (on) window.localStorage.setItem(HINT_KEY, '1');
    else window.localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage blocked: the app simply asks the server every time.
  }
}

function hasHint(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) !== null;
  } catch {
    return true;
  }
}

let state: SessionState = { status: 'unknown' };
/** Bumped on every change of token, so a tab that waited for the lock can tell another tab already refreshed. */
let generation = 0;
const listeners = new Set<Listener>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;

const channel: BroadcastChannel | null =
  typeof BroadcastChannel === 'function' ? new BroadcastChannel('vssid-session') : null;

type ChannelMessage =
  | { type: 'signedIn'; accessToken: string; expiresAt: number; account: AccountSummary }
  | { type: 'signedOut' };

function setState(next: SessionState, { broadcast = true }: { broadcast?: boolean } = {}) {
  state = next;
  generation += 1;
  // Changes heard from another tab, or a refresh that could not reach the server, leave the hint as it is.
  if (broadcast && next.status === 'signedIn') setHint(true);
  else if (broadcast && next.status === 'signedOut') setHint(false);
  clearTimeout(refreshTimer);
  if (next.status === 'signedIn') {
    const delay = Math.max(5_000, next.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    refreshTimer = setTimeout(() => void refreshSession(), delay);
  }
  if (broadcast && channel) {
    const message: ChannelMessage | null =
      next.status === 'signedIn'
        ? {
            type: 'signedIn',
            accessToken: next.accessToken,
            expiresAt: next.expiresAt,
            account: next.account,
          }
        : next.status === 'signedOut'
          ? { type: 'signedOut' }
          : null;
    if (message) channel.postMessage(message);
  }
  for (const listener of listeners) listener();
}

channel?.addEventListener('message', (event: MessageEvent<ChannelMessage>) => {
  const message = event.data;
  if (message.type === 'signedIn') {
    const { accessToken, expiresAt, account } = message;
    setState({ status: 'signedIn', accessToken, expiresAt, account }, { broadcast: false });
  } else if (message.type === 'signedOut' && state.status === 'signedIn') {
    setState({ status: 'signedOut', reason: 'ended' }, { broadcast: false });
  }
});

function signedIn(response: SignInResponse) {
  setState({
    status: 'signedIn',
    accessToken: response.accessToken,
    expiresAt: Date.now() + response.expiresIn * 1000,
    account: response.account,
  });
}

export function getSession(): SessionState {
  return state;
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks) {
    return navigator.locks.request(LOCK_NAME, work);
  }
  return work();
}

/**
 * Exchanges the refresh cookie for a new access token (and a rotated cookie). One call at a time in this tab, one
 * at a time across tabs; resolves false — and the session ends — when the server no longer knows the session.
 */
export function refreshSession(): Promise<boolean> {
  if (refreshing) return refreshing;
  const before = generation;
  const previous = state;
  if (previous.status === 'unknown') setState({ status: 'checking' }, { broadcast: false });
  refreshing = withRefreshLock(async () => {
    // Another tab refreshed while this one waited for the lock: its token arrived over the channel.
    if (
      generation !== before &&
      state.status === 'signedIn' &&
      state.expiresAt - Date.now() > REFRESH_MARGIN_MS
    ) {
      return true;
    }
    try {
      const response = await apiRequest('/api/v1/sessions/refresh', signInResponse, {
        method: 'POST',
        auth: false,
      });
      signedIn(response);
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        setState({ status: 'signedOut', reason: previous.status === 'signedIn' ? 'ended' : 'none' });
        return false;
      }
      // Offline or a server error: keep what we had (a still-valid token keeps working), or show sign-in.
      if (state.status === 'checking')
        setState({ status: 'signedOut', reason: 'none' }, { broadcast: false });
      return false;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** On the first screen that needs to know who is signed in: ask the server once (the refresh cookie may be there). */
export function ensureSession(): void {
  if (state.status !== 'unknown') return;
  if (hasHint()) void refreshSession();
  else setState({ status: 'signedOut', reason: 'none' }, { broadcast: false });
}

export interface SignInInput {
  login: string;
  password: string;
  area: Role;
}

export async function signIn(input: SignInInput): Promise<AccountSummary> {
  const response = await apiRequest('/api/v1/sessions', signInResponse, {
    method: 'POST',
    body: input,
    auth: false,
  });
  signedIn(response);
  return response.account;
}

/** Ends this device's session; the screen signs out even when the server cannot be reached. */
/** Work to do when the person signs out on purpose (not when a session merely lapses): forget what is cached. */
const signOutCleanups = new Set<() => Promise<void>>();
export function onSignOut(cleanup: () => Promise<void>): void {
  signOutCleanups.add(cleanup);
}
async function runSignOutCleanups(): Promise<void> {
  await Promise.allSettled([...signOutCleanups].map((cleanup) => cleanup()));
}

export async function signOut(): Promise<void> {
  // The server is told first (the request leaves at once, even if the page is closed right after); the phone's
  // copies are forgotten meanwhile.
  const cleanups = runSignOutCleanups();
  try {
    await apiRequest('/api/v1/sessions/current', anyBody, { method: 'DELETE' });
  } catch {
    // Signed out locally anyway: the access token is forgotten and the cookie will be refused once it is ended.
  } finally {
    await cleanups;
    setState({ status: 'signedOut', reason: 'none' });
  }
}

/** Ends every session of the account, on every device. Fails (and stays signed in) when the server says no. */
export async function signOutEverywhere(): Promise<void> {
  await apiRequest('/api/v1/sessions', anyBody, { method: 'DELETE' });
  await runSignOutCleanups();
  setState({ status: 'signedOut', reason: 'none' });
}

/** After a password change: a token that still says "change required" is swapped for a new one. */
export async function afterPasswordChange(answer: unknown): Promise<void> {
  const parsed = signInResponse.safeParse(answer);
  if (parsed.success) {
    signedIn(parsed.data);
    return;
  }
  if (state.status === 'signedIn') {
    setState({ ...state, account: { ...state.account, mustChangePassword: false, passwordExpired: false } });
  }
  await refreshSession();
}

function markPasswordChangeRequired() {
  if (state.status !== 'signedIn' || state.account.mustChangePassword || state.account.passwordExpired)
    return;
  setState({ ...state, account: { ...state.account, mustChangePassword: true } });
}

connectAuth({
  accessToken: () => (state.status === 'signedIn' ? state.accessToken : null),
  refresh: refreshSession,
  passwordChangeRequired: markPasswordChangeRequired,
});
