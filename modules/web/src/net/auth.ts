/**
 * The access token of this tab, for servers with authentication on (docs/protocol.md,
 * Authentication). It arrives once in the page's URL (`?token=…`, removed from the address bar at
 * once) or from the token prompt, and is kept in sessionStorage: it lives as long as the tab and is
 * never written to localStorage or logged. fetch sends it as `Authorization: Bearer`, the WebSocket
 * as the subprotocol `flowcraft.bearer.TOKEN` beside `flowcraft` (browsers cannot set headers on a
 * WebSocket, and the URL would put it in logs).
 */

export const TOKEN_KEY = 'flowcraft.token';
export const SUBPROTOCOL = 'flowcraft';
export const BEARER_SUBPROTOCOL = 'flowcraft.bearer.';

/** What the server said about our token: nothing yet, it needs one, or it refused the one we have. */
export type AuthProblem = null | 'missing' | 'refused' | 'forbidden';

type Listener = (problem: Exclude<AuthProblem, null>, message: string) => void;

let listener: Listener | null = null;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled
  }
}

/** The token of this tab, or null. */
export function currentToken(): string | null {
  const t = storage()?.getItem(TOKEN_KEY);
  return t ? t : null;
}

export function setToken(token: string | null): void {
  const s = storage();
  if (!s) return;
  if (token && token.trim()) s.setItem(TOKEN_KEY, token.trim());
  else s.removeItem(TOKEN_KEY);
}

/**
 * Takes `?token=` out of a URL: returns the token and the URL without it (the caller replaces the
 * address bar with it, so the token is not bookmarked, shared or sent as a Referer).
 */
export function takeTokenFromUrl(href: string): { token: string | null; url: string } {
  const u = new URL(href);
  const token = u.searchParams.get('token');
  if (token === null) return { token: null, url: href };
  u.searchParams.delete('token');
  return { token: token.trim() || null, url: u.pathname + (u.search === '?' ? '' : u.search) + u.hash };
}

/** At page load: keeps a `?token=` of the URL for this tab and removes it from the address bar. */
export function captureTokenFromLocation(): void {
  if (typeof window === 'undefined') return;
  const { token, url } = takeTokenFromUrl(window.location.href);
  if (token !== null) {
    setToken(token);
    window.history.replaceState(window.history.state, '', url);
  }
}

/** The headers that carry the token on a fetch (none without a token). */
export function authHeaders(token: string | null = currentToken()): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The WebSocket subprotocols that carry the token, or undefined without one. */
export function socketProtocols(token: string | null = currentToken()): string[] | undefined {
  return token ? [SUBPROTOCOL, BEARER_SUBPROTOCOL + token] : undefined;
}

/** Who hears that the server wants a (different) token: the UI, which asks for one. */
export function onAuthProblem(l: Listener | null): void {
  listener = l;
}

/** Tells the UI about a 401 (no token, or one the server refused) or a 403 (role or graph not allowed). */
export function reportAuthProblem(status: number, message: string): void {
  if (status !== 401 && status !== 403) return;
  const problem = status === 403 ? 'forbidden' : currentToken() ? 'refused' : 'missing';
  listener?.(problem, message);
}
