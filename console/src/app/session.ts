import { useQuery, useQueryClient } from '@tanstack/react-query';
import { platformApi, type Session } from '../api/platform';

export const SESSION_KEY = ['session'] as const;

/** The current session (GET /api/v1/auth/session); anonymous sessions are `{authenticated:false}`. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: platformApi.session, staleTime: 60_000 });
}

/** Whether the session may use the console (fully signed in). */
export function isComplete(session: Session | undefined): boolean {
  return !!session?.authenticated && session.stage === 'COMPLETE';
}

/** The permissions of the signed-in user (empty before the session is complete). */
export function usePermissions(): string[] {
  const { data } = useSession();
  return isComplete(data) ? (data?.permissions ?? []) : [];
}

/** Replaces the cached session with one an auth endpoint answered. */
export function useSetSession() {
  const client = useQueryClient();
  return (session: Session) => client.setQueryData(SESSION_KEY, session);
}

let signedIn = false;

/** Remembers that this page had a signed-in session, so losing it reads as "expired". */
export function markSignedIn() {
  signedIn = true;
}

/** Forgets the signed-in session on purpose (sign-out): the login page then says nothing about expiry. */
export function markSignedOut() {
  signedIn = false;
}

export function wasSignedIn() {
  return signedIn;
}
