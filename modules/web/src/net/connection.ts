export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  onClose(): void;
  onStatus(status: ConnectionStatus): void;
  /** The socket closed before it opened (refused at the upgrade: no token, a bad one, or the server is down). */
  onRefused?(): void;
}

export interface ConnectionOptions {
  graphId: string;
  /** The version to resume from (`&since=`), or undefined for a fresh snapshot. */
  since: () => number | undefined;
  handlers: ConnectionHandlers;
  /** Defaults to the page's own host (`wss:` under https). */
  baseUrl?: string;
  createSocket?: (url: string, protocols?: string[]) => WebSocket;
  /** The subprotocols to offer (the access token's, see auth.ts); none when undefined. */
  protocols?: () => string[] | undefined;
  random?: () => number;
}

export const BACKOFF_START_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

/** The delay before reconnect attempt `attempt` (0-based): 0.5 s doubling to 10 s, with ±25 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

export function socketUrl(graphId: string, since: number | undefined, baseUrl?: string): string {
  let origin = baseUrl;
  if (!origin) {
    const loc = window.location;
    origin = `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}`;
  }
  const q = new URLSearchParams({ graph: graphId, protocol: '2' });
  if (since !== undefined) q.set('since', String(since));
  return `${origin}/ws?${q.toString()}`;
}

/**
 * One graph's WebSocket, reopened automatically with exponential backoff. Each (re)open asks for
 * the changes after the client's version (`since`) unless a fresh start was requested.
 */
export class Connection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private freshNext = false;
  private statusValue: ConnectionStatus = 'disconnected';

  constructor(private readonly opts: ConnectionOptions) {}

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  start(): void {
    this.closed = false;
    this.open();
  }

  /** Closes for good. */
  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.drop();
    this.setStatus('disconnected');
  }

  send(text: string): boolean {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(text);
      return true;
    }
    return false;
  }

  /** Drops the current socket and opens a new one at once (with since, or fresh). */
  reconnect(fresh: boolean): void {
    if (this.closed) return;
    this.freshNext = this.freshNext || fresh;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const had = this.socket !== null;
    this.drop();
    if (had) this.opts.handlers.onClose();
    this.open();
  }

  private drop(): void {
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = null;
      s.onmessage = null;
      s.onclose = null;
      s.onerror = null;
      try {
        s.close(1000, 'reconnecting');
      } catch {
        /* already closed */
      }
    }
  }

  private open(): void {
    const since = this.freshNext ? undefined : this.opts.since();
    this.freshNext = false;
    const url = socketUrl(this.opts.graphId, since, this.opts.baseUrl);
    this.setStatus('connecting');
    const protocols = this.opts.protocols?.();
    let s: WebSocket;
    try {
      s = this.opts.createSocket ? this.opts.createSocket(url, protocols) : new WebSocket(url, protocols);
    } catch (e) {
      console.warn('flowcraft: could not open the WebSocket', e);
      this.scheduleRetry();
      return;
    }
    this.socket = s;
    let opened = false;
    s.onopen = () => {
      if (this.socket !== s) return;
      opened = true;
      this.attempt = 0;
      this.setStatus('connected');
      this.opts.handlers.onOpen();
    };
    s.onmessage = (ev: MessageEvent) => {
      if (this.socket !== s) return;
      if (typeof ev.data === 'string') this.opts.handlers.onMessage(ev.data);
    };
    s.onclose = () => {
      if (this.socket !== s) return;
      this.socket = null;
      this.opts.handlers.onClose();
      if (!opened) this.opts.handlers.onRefused?.();
      this.scheduleRetry();
    };
    s.onerror = () => {
      /* onclose follows */
    };
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    this.setStatus('disconnected');
    const delay = backoffDelay(this.attempt, this.opts.random);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.closed) this.open();
    }, delay);
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.statusValue) return;
    this.statusValue = s;
    this.opts.handlers.onStatus(s);
  }
}
