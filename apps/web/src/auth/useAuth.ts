import { useEffect, useSyncExternalStore } from 'react';
import {
  afterPasswordChange,
  ensureSession,
  getSession,
  signIn,
  signOut,
  signOutEverywhere,
  subscribeSession,
  type SessionState,
} from './session.ts';

/** The session as React state; the first screen that asks also starts the check with the server. */
export function useAuth() {
  const session: SessionState = useSyncExternalStore(subscribeSession, getSession, getSession);
  useEffect(() => {
    ensureSession();
  }, []);
  const account = session.status === 'signedIn' ? session.account : null;
  return {
    session,
    account,
    /** First sign-in, an expired password, or the server said so: nothing else until the password is changed. */
    mustChangePassword: account !== null && (account.mustChangePassword || account.passwordExpired),
    signIn,
    signOut,
    signOutEverywhere,
    afterPasswordChange,
  };
}
