/**
 * A Node WebSocket client speaking Flowcraft's protocol 2 (docs/protocol.md): sets graphs up for
 * the specs and acts as a "remote user" editing next to the browser pages.
 *
 *   const remote = await FlowcraftClient.connect('e2e-x-abc', { name: 'Remote' });
 *   await remote.syncGraph({ nodes: [...], edges: [...] });
 *   await remote.patch([{ op: 'update_node', id: 'a', position: { x: 10, y: 20 } }]);
 *   await remote.close();
 *
 * It keeps its own copy of the graph and version up to date from sync_graph, graph_patch and
 * apply_changes, so patches always carry the right baseVersion.
 */
import WebSocket from 'ws';
import { baseURL } from './paths';

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface Position { x: number; y: number }
export interface GraphNode { id: string; type: string; position: Position; data?: Record<string, Json>; [k: string]: Json }
export interface GraphEdge { id: string; source: string; target: string; sourceHandle?: string; targetHandle?: string; label?: string; data?: Record<string, Json>; [k: string]: Json }
export interface Graph { nodes: GraphNode[]; edges: GraphEdge[]; [k: string]: Json }
export interface Message { type: string; payload: Json; correlationId?: string; timestamp?: string; error?: string }

export class ProtocolError extends Error {
  constructor(message: string, readonly reply: Message) { super(message); }
}

let correlationCounter = 0;

export class FlowcraftClient {
  readonly messages: Message[] = [];
  version = -1;
  graph: Graph = { nodes: [], edges: [] };
  connectionId: string | null = null;
  private waiters: Array<() => void> = [];
  private closed = false;

  private constructor(readonly graphId: string, private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as Message;
      this.track(msg);
      this.messages.push(msg);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', () => { this.closed = true; for (const w of this.waiters.splice(0)) w(); });
  }

  /**
   * Connects as a patch client (`?protocol=2`), waits for the first snapshot, says hello (with
   * "presence" and a presence message when `name` is given) and waits for the hello answer.
   */
  static async connect(graphId: string, opts: { name?: string; editing?: string | null; timeoutMs?: number } = {}): Promise<FlowcraftClient> {
    const url = `${baseURL().replace(/^http/, 'ws')}/ws?graph=${encodeURIComponent(graphId)}&protocol=2`;
    const ws = new WebSocket(url);
    const client = new FlowcraftClient(graphId, ws);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`ws connect to ${url} timed out`)), opts.timeoutMs ?? 10_000);
      ws.once('open', () => { clearTimeout(t); resolve(); });
      ws.once('error', (e) => { clearTimeout(t); reject(new Error(`ws connect to ${url}: ${e.message}`)); });
    });
    await client.waitFor((m) => m.type === 'sync_graph', { what: 'the initial sync_graph' });
    const capabilities = opts.name !== undefined ? ['patch', 'presence'] : ['patch'];
    const hello = await client.request('hello', { capabilities }, (m) => m.type === 'hello');
    client.connectionId = hello.payload.connectionId;
    if (opts.name !== undefined) client.send('presence', { name: opts.name, editing: opts.editing ?? null });
    return client;
  }

  /** Sends a message; returns its correlation id. */
  send(type: string, payload: Json, correlationId = `e2e-${++correlationCounter}`): string {
    this.ws.send(JSON.stringify({ type, payload, correlationId }));
    return correlationId;
  }

  /**
   * Resolves with the first message (at index >= `from`, default: the ones after now) matching
   * `pred`; rejects after `timeoutMs` naming `what` and listing the last messages seen.
   */
  async waitFor(pred: (m: Message) => boolean, opts: { from?: number; timeoutMs?: number; what?: string } = {}): Promise<Message> {
    let i = opts.from ?? 0;
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    for (;;) {
      for (; i < this.messages.length; i++) if (pred(this.messages[i])) return this.messages[i];
      if (this.closed) throw new Error(`ws closed while waiting for ${opts.what ?? 'a message'}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        const recent = this.messages.slice(-5).map((m) => JSON.stringify(m).slice(0, 300)).join('\n  ');
        throw new Error(`timed out waiting for ${opts.what ?? 'a message'} on graph ${this.graphId}; last messages:\n  ${recent}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Waits for a message of `type` (optionally also matching `pred`) from now on. */
  waitForType(type: string, pred: (p: Json) => boolean = () => true, timeoutMs = 10_000): Promise<Message> {
    return this.waitFor((m) => m.type === type && pred(m.payload), { from: this.messages.length, timeoutMs, what: type });
  }

  /** Sends a request and resolves with the reply carrying its correlation id (or an error). */
  async request(type: string, payload: Json, isReply: (m: Message) => boolean = () => true, timeoutMs = 10_000): Promise<Message> {
    const from = this.messages.length;
    const cid = this.send(type, payload);
    const reply = await this.waitFor((m) => m.correlationId === cid && (m.type === 'error' || m.type === 'patch_rejected' || !!m.error || isReply(m)),
      { from, timeoutMs, what: `the answer to ${type} ${cid}` });
    if (reply.type === 'error') throw new ProtocolError(`${type} failed: ${JSON.stringify(reply.payload)}`, reply);
    return reply;
  }

  /** Replaces the graph (sync_graph at the current version); resolves with the new version. */
  async syncGraph(graph: Graph): Promise<number> {
    const reply = await this.request('sync_graph', { version: this.version, graph },
      (m) => m.type === 'graph_patch' || m.type === 'sync_graph');
    if (reply.error) throw new ProtocolError(`sync_graph: ${reply.error}`, reply);
    return reply.payload.version;
  }

  /** Sends a patch_graph at the current version; resolves with the accepted version, throws if rejected. */
  async patch(ops: Json[]): Promise<number> {
    const reply = await this.request('patch_graph', { baseVersion: this.version, ops }, (m) => m.type === 'graph_patch');
    if (reply.type === 'patch_rejected') throw new ProtocolError(`patch rejected: ${JSON.stringify(reply.payload.conflicts)}`, reply);
    return reply.payload.version;
  }

  /** Sets a diagram-level field (e.g. the graph's `name`). */
  setField(key: string, value: Json): Promise<number> {
    return this.patch([{ op: 'set_field', key, value }]);
  }

  presence(name: string, editing: string | null = null): void {
    this.send('presence', { name, editing });
  }

  node(id: string): GraphNode | undefined {
    return this.graph.nodes.find((n) => n.id === id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close(1000);
      setTimeout(resolve, 2000);
    });
  }

  /** Keeps the local copy of the graph current. */
  private track(m: Message): void {
    const p = m.payload ?? {};
    if (m.type === 'sync_graph') {
      this.version = p.version;
      this.graph = structuredClone(p.graph);
    } else if (m.type === 'graph_patch') {
      applyOps(this.graph, p.ops);
      this.version = p.version;
    } else if (m.type === 'apply_changes') {
      const removed = new Set<string>(p.remove ?? []);
      const removedEdges = new Set<string>(p.removeEdges ?? []);
      this.graph.nodes = this.graph.nodes.filter((n) => !removed.has(n.id));
      this.graph.edges = this.graph.edges.filter((e) => !removedEdges.has(e.id) && !removed.has(e.source) && !removed.has(e.target));
      for (const u of p.update ?? []) applyOps(this.graph, [{ op: 'update_node', ...u }]);
      this.graph.nodes.push(...structuredClone(p.add ?? []));
      this.graph.edges.push(...structuredClone(p.addEdges ?? []));
      this.version = p.version;
    } else if (m.type === 'hello') {
      if (typeof p.version === 'number' && this.version < 0) this.version = p.version;
    }
  }
}

/** Applies protocol-2 patch ops to a graph in place (the server's semantics, docs/protocol.md). */
export function applyOps(graph: Graph, ops: Json[]): void {
  const merge = (target: Json, data: Record<string, Json>) => {
    target.data = { ...(target.data ?? {}) };
    for (const [k, v] of Object.entries(data)) {
      if (v === null) delete target.data[k]; else target.data[k] = v;
    }
  };
  for (const op of ops) {
    switch (op.op) {
      case 'add_node': graph.nodes.push(structuredClone(op.node)); break;
      case 'remove_node':
        graph.nodes = graph.nodes.filter((n) => n.id !== op.id);
        graph.edges = graph.edges.filter((e) => e.source !== op.id && e.target !== op.id);
        break;
      case 'add_edge': graph.edges.push(structuredClone(op.edge)); break;
      case 'remove_edge': graph.edges = graph.edges.filter((e) => e.id !== op.id); break;
      case 'update_node':
      case 'update_edge': {
        const list: Json[] = op.op === 'update_node' ? graph.nodes : graph.edges;
        const item = list.find((x) => x.id === op.id);
        if (!item) break;
        for (const [k, v] of Object.entries(op)) {
          if (k === 'op' || k === 'id') continue;
          if (k === 'data') merge(item, v as Record<string, Json>);
          else if (v === null) delete item[k];
          else item[k] = structuredClone(v);
        }
        break;
      }
      case 'set_field':
        if (op.value === null) delete graph[op.key]; else graph[op.key] = structuredClone(op.value);
        break;
      default: break;
    }
  }
}
