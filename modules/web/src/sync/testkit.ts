/* Test helpers for the sync engine: a fake transport and wire-shaped server messages. */
import { decode } from '../protocol/codec';
import type { JsonObject } from '../protocol/json';
import type { ClientMessage, PatchGraphRequest, ServerMessage } from '../protocol/messages';
import type { WireGraph } from '../protocol/ops';
import { SyncEngine } from './engine';
import type { Notice, SyncEngineOptions, Transport } from './types';

export class FakeTransport implements Transport {
  sent: ClientMessage[] = [];
  reconnects: boolean[] = [];
  open = true;

  send(msg: ClientMessage): boolean {
    if (!this.open) return false;
    this.sent.push(msg);
    return true;
  }

  reconnect(fresh: boolean): void {
    this.reconnects.push(fresh);
  }

  patches(): PatchGraphRequest[] {
    return this.sent.filter((m): m is PatchGraphRequest => m.type === 'patch_graph');
  }

  lastPatch(): PatchGraphRequest {
    const p = this.patches();
    if (p.length === 0) throw new Error('no patch was sent');
    return p[p.length - 1]!;
  }
}

/** A server message as it comes off the wire (through the real decoder). */
export function server(type: string, payload: JsonObject, extra: JsonObject = {}): ServerMessage {
  const m = decode(JSON.stringify({ type, payload, timestamp: '2026-01-01T00:00:00Z', ...extra }));
  if (m.type === 'decode_error') throw new Error(`bad test message: ${m.reason}`);
  return m;
}

export function sampleGraph(): WireGraph {
  return {
    name: 'demo',
    nodes: [
      { id: 'n1', type: 'job', position: { x: 0, y: 0 }, data: { label: 'Fetch', code: 'a' } },
      { id: 'n2', type: 'job', position: { x: 0, y: 150 }, data: { label: 'Parse', code: 'b' } },
      { id: 'n3', type: 'endpoint', position: { x: 0, y: 300 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n2', target: 'n3' },
    ],
  };
}

export interface Harness {
  engine: SyncEngine;
  transport: FakeTransport;
  notices: Notice[];
  names: Map<string, string>;
  clock: { now: number };
  deliver(type: string, payload: JsonObject, extra?: JsonObject): void;
}

/** An engine connected as `c1`, holding `graph` at `version`. */
export function connected(version = 5, graph: WireGraph = sampleGraph(), opts: Partial<SyncEngineOptions> = {}): Harness {
  const transport = new FakeTransport();
  const notices: Notice[] = [];
  const names = new Map<string, string>([['c2', 'Ann'], ['c3', 'Bob']]);
  const clock = { now: 1_000 };
  let n = 0;
  const engine = new SyncEngine({
    transport,
    onNotice: (x) => notices.push(x),
    nameOf: (id) => names.get(id) ?? null,
    typeTitle: (t) => ({ job: 'Code job', endpoint: 'End' })[t],
    newCorrelationId: () => `corr-${++n}`,
    now: () => clock.now,
    ...opts,
  });
  const deliver = (type: string, payload: JsonObject, extra: JsonObject = {}) => {
    engine.receive(server(type, payload, extra));
  };
  engine.connectionOpened();
  deliver('sync_graph', { version, graph: graph as unknown as JsonObject });
  deliver('hello', { protocol: 2, capabilities: ['patch'], version, connectionId: 'c1' });
  transport.sent = [];
  return { engine, transport, notices, names, clock, deliver };
}
