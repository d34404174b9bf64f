import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  authHeaders, currentToken, onAuthProblem, reportAuthProblem, setToken, socketProtocols, takeTokenFromUrl, TOKEN_KEY,
} from './auth';
import { Connection } from './connection';

class MemoryStorage {
  private readonly m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, v); }
  removeItem(k: string) { this.m.delete(k); }
}

/** A socket the test opens and closes by hand. */
class FakeSocket {
  static readonly OPEN = 1;
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((e: unknown) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string, readonly protocols: string[] | undefined) {}
  close() { this.readyState = 3; }
  send() {}
}

describe('access token', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    vi.stubGlobal('sessionStorage', storage);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    onAuthProblem(null);
  });

  it('takes ?token= out of the URL, keeping the rest', () => {
    expect(takeTokenFromUrl('http://h:1/graphs/g?token=abc.def&x=1#frag')).toEqual({ token: 'abc.def', url: '/graphs/g?x=1#frag' });
    expect(takeTokenFromUrl('http://h:1/?token=t')).toEqual({ token: 't', url: '/' });
    expect(takeTokenFromUrl('http://h:1/graphs/g?x=1')).toEqual({ token: null, url: 'http://h:1/graphs/g?x=1' });
  });

  it('is kept for the tab and sent as a bearer header and a WebSocket subprotocol', () => {
    expect(currentToken()).toBeNull();
    expect(authHeaders()).toEqual({});
    expect(socketProtocols()).toBeUndefined();
    setToken(' tok-1 ');
    expect(storage.getItem(TOKEN_KEY)).toBe('tok-1');
    expect(authHeaders()).toEqual({ Authorization: 'Bearer tok-1' });
    expect(socketProtocols()).toEqual(['flowcraft', 'flowcraft.bearer.tok-1']);
    setToken(null);
    expect(currentToken()).toBeNull();
  });

  it('tells the UI whether a token is missing, refused or not enough', () => {
    const heard: string[] = [];
    onAuthProblem((problem, message) => heard.push(`${problem}: ${message}`));
    reportAuthProblem(401, 'needs a token');
    setToken('old');
    reportAuthProblem(401, 'the token has expired');
    reportAuthProblem(403, "your role 'viewer' may not POST /api/graphs/g/rollback");
    reportAuthProblem(404, 'no such graph');
    expect(heard).toEqual([
      'missing: needs a token',
      'refused: the token has expired',
      "forbidden: your role 'viewer' may not POST /api/graphs/g/rollback",
    ]);
  });

  it('offers the token subprotocols and reports a socket refused before it opened', () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    setToken('tok-2');
    const sockets: FakeSocket[] = [];
    let refused = 0;
    const c = new Connection({
      graphId: 'g',
      since: () => undefined,
      baseUrl: 'ws://h:1',
      handlers: { onOpen() {}, onMessage() {}, onClose() {}, onStatus() {}, onRefused: () => { refused += 1; } },
      protocols: () => socketProtocols(),
      createSocket: (url, protocols) => {
        const s = new FakeSocket(url, protocols);
        sockets.push(s);
        return s as unknown as WebSocket;
      },
    });
    c.start();
    expect(sockets[0]!.protocols).toEqual(['flowcraft', 'flowcraft.bearer.tok-2']);
    expect(sockets[0]!.url).toBe('ws://h:1/ws?graph=g&protocol=2');
    sockets[0]!.onclose!();
    expect(refused).toBe(1);
    c.reconnect(false);
    sockets[1]!.onopen!();
    sockets[1]!.onclose!();
    expect(refused).toBe(1);
    c.stop();
  });
});
