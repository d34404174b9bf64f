/**
 * Puts Playwright's WebSocket routing between a page and the server (page.routeWebSocket), so a
 * spec can hold back what the server sends to the page (to force a genuine edit conflict), drop
 * the connection, and refuse reconnections for a while (a network outage the app must survive).
 * The page still talks to the real server through a real WebSocket opened in the page.
 */
import type { Page, WebSocketRoute } from '@playwright/test';

interface Link { page: WebSocketRoute; server: WebSocketRoute; dropped: boolean }

export class SocketControl {
  /** URL of every WebSocket the page opened to /ws (reconnects included). */
  readonly urls: string[] = [];
  /** Parsed messages the page sent / the server sent to the page (all links). */
  readonly fromPage: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly fromServer: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Connection attempts refused while offline. */
  refused = 0;
  private link: Link | null = null;
  private held: string[] | null = null;
  private offline = false;

  static async install(page: Page): Promise<SocketControl> {
    const control = new SocketControl();
    await page.routeWebSocket((url) => url.pathname === '/ws', (ws) => control.handle(ws));
    return control;
  }

  private async handle(ws: WebSocketRoute): Promise<void> {
    this.urls.push(ws.url());
    if (this.offline) {
      this.refused++;
      await ws.close({ code: 1006, reason: 'e2e: offline' });
      return;
    }
    const server = ws.connectToServer();
    const link: Link = { page: ws, server, dropped: false };
    this.link = link;
    ws.onMessage((m) => {
      this.fromPage.push(parse(m));
      server.send(m);
    });
    server.onMessage((m) => {
      this.fromServer.push(parse(m));
      if (this.held && link === this.link) this.held.push(String(m));
      else ws.send(m);
    });
    ws.onClose((code, reason) => {
      const valid = code === 1000 || (code !== undefined && code >= 3000 && code <= 4999);
      void server.close(valid ? { code, reason } : { code: 1000, reason });
    });
    server.onClose((code, reason) => { if (!link.dropped) void ws.close({ code, reason }); });
  }

  /** From now on, keep what the server sends to the page (in order) until release(). */
  hold(): void { this.held = []; }

  /** Delivers what was held, in order, and stops holding. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const m of held) this.link?.page.send(m);
  }

  /** Number of server messages currently held back. */
  get heldCount(): number { return this.held?.length ?? 0; }

  /**
   * Drops the current connection as a network failure would (the page sees close code 1006) and
   * refuses every reconnection until online().
   */
  async dropAndGoOffline(): Promise<void> {
    this.offline = true;
    const link = this.link;
    if (!link) return;
    link.dropped = true;
    this.held = null;
    await link.server.close({ code: 1000, reason: 'e2e: dropped' });
    await link.page.close({ code: 1006, reason: 'e2e: connection dropped' });
  }

  online(): void { this.offline = false; }

  /** Page → server messages of a type (parsed). */
  sent(type: string): any[] { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.fromPage.filter((m) => m?.type === type);
  }
}

function parse(m: string | Buffer): unknown {
  try { return JSON.parse(String(m)); } catch { return null; }
}
