import { reduceExecution } from '../exec/execution';
import { nodeLabel } from '../graph/model';
import { api } from '../net/api';
import { socketProtocols } from '../net/auth';
import { Connection } from '../net/connection';
import { decode, encode } from '../protocol/codec';
import type { Json, JsonObject } from '../protocol/json';
import { isExecutionEvent, type ClientMessage, type ExecutionStateMessage, type Role, type ServerMessage } from '../protocol/messages';
import type { GraphOp } from '../protocol/ops';
import { SyncEngine } from '../sync/engine';
import type { Origin, Size } from '../sync/types';
import { editorDefaults, persistUserName, pushNotice, useApp } from './store';

/** Rendered node sizes (from the canvas), for layout and free spots. */
export const nodeSizes = new Map<string, Size>();

const MARKED_TYPES = new Set(['graph_patch', 'sync_graph', 'apply_changes']);

/** One open graph: its connection and sync engine, wired to the store. */
class EditorSession {
  readonly engine: SyncEngine;
  private readonly connection: Connection;
  private readonly ticker: ReturnType<typeof setInterval>;
  private pendingName: string | null;
  private lastPresence = '';

  constructor(readonly graphId: string, initialName: string | null) {
    this.pendingName = initialName;
    this.engine = new SyncEngine({
      transport: {
        send: (msg) => this.send(msg),
        reconnect: (fresh) => this.connection.reconnect(fresh),
      },
      onChange: () => this.publish(),
      onNotice: (n) => pushNotice(n.kind, n.text),
      nameOf: (id) => useApp.getState().others.find((u) => u.connectionId === id)?.name ?? null,
      typeTitle: (t) => useApp.getState().nodeTypes.get(t)?.title,
      sizeOf: (id) => nodeSizes.get(id),
      onActionApplied: (ids) => useApp.setState((s) => ({ focus: { ids, seq: (s.focus?.seq ?? 0) + 1 } })),
    });
    this.connection = new Connection({
      graphId,
      since: () => this.engine.since,
      handlers: {
        onOpen: () => this.engine.connectionOpened(),
        onClose: () => this.engine.connectionClosed(),
        onMessage: (text) => this.receive(text),
        onStatus: (status) => useApp.setState({ status }),
        onRefused: () => void api.probe(graphId).catch(() => undefined), // a 401 there asks for a token
      },
      protocols: () => socketProtocols(),
    });
    this.ticker = setInterval(() => this.engine.tick(), 5_000);
  }

  start(): void {
    this.connection.start();
  }

  stop(): void {
    clearInterval(this.ticker);
    this.connection.stop();
  }

  send(msg: ClientMessage): boolean {
    return this.connection.send(encode(msg));
  }

  private receive(text: string): void {
    const msg = decode(text);
    if (msg.type === 'decode_error') {
      console.warn(`flowcraft: ignored a server message (${msg.messageType ?? 'no type'}): ${msg.reason}`);
      return;
    }
    if (MARKED_TYPES.has(msg.type)) {
      const v = (msg.payload as { version?: number }).version;
      performance.mark(`fc:recv:${msg.type}:${v ?? ''}`);
    }
    if (this.engine.receive(msg)) {
      if (msg.type === 'hello') this.afterHello(msg.payload.connectionId, msg.payload.role ?? 'operator');
      if (msg.type === 'sync_graph') this.afterSnapshot();
      return;
    }
    this.other(msg);
  }

  private toldReadOnly = false;

  private afterHello(connectionId: string, role: Role): void {
    useApp.setState({ myConnectionId: connectionId, role });
    if (role === 'viewer' && !this.toldReadOnly) {
      this.toldReadOnly = true;
      pushNotice('info', 'Read-only: your access token lets you watch this graph, not change it.');
    }
    this.lastPresence = '';
    this.sendPresence();
  }

  private restoredLastRun = false;

  /** Shows the graph's last finished run (statuses, outputs) when no run is going. */
  private async restoreLastRun(): Promise<void> {
    try {
      const [last] = await api.executions(this.graphId, 1);
      if (!last || last.status === 'running' || last.status === 'paused') return; // a live run comes as execution_state
      const record = await api.execution(last.executionId);
      if (session !== this || useApp.getState().exec.executionId !== null) return;
      const event = { type: 'execution_state', payload: { ...record, nodes: record.nodes ?? {}, prompts: [] } } as unknown as ExecutionStateMessage;
      useApp.setState((s) => (s.exec.executionId === null ? { exec: { ...reduceExecution(s.exec, event), restored: true } } : {}));
    } catch (e) {
      console.warn('flowcraft: could not load the last run', e);
    }
  }

  private afterSnapshot(): void {
    if (!this.restoredLastRun) {
      this.restoredLastRun = true;
      void this.restoreLastRun();
    }
    if (this.pendingName !== null) {
      const name = this.pendingName;
      this.pendingName = null;
      if (pendingNewGraphName?.id === this.graphId) pendingNewGraphName = null;
      if (this.engine.view.fields.name !== name) this.engine.edit([{ op: 'set_field', key: 'name', value: name }], 'edit', false);
    }
  }

  sendPresence(): void {
    const s = useApp.getState();
    const payload = { name: s.userName.trim().slice(0, 64) || null, editing: s.selectedNodeId };
    const key = JSON.stringify(payload);
    if (key === this.lastPresence || this.engine.phase !== 'ready' || s.role === 'viewer') return;
    if (this.send({ type: 'presence', payload })) this.lastPresence = key;
  }

  private other(msg: ServerMessage): void {
    if (isExecutionEvent(msg)) {
      useApp.setState((s) => {
        const exec = reduceExecution(s.exec, msg);
        const answered = exec.prompts === s.exec.prompts ? s.answered : pruneAnswered(s.answered, exec.prompts);
        return { exec, answered };
      });
      return;
    }
    switch (msg.type) {
      case 'presence': {
        const me = useApp.getState().myConnectionId;
        useApp.setState({ others: msg.payload.users.filter((u) => u.connectionId !== me) });
        return;
      }
      case 'catalogue_changed':
        useApp.setState({ actions: msg.payload.actions });
        return;
      case 'error':
        this.onError(msg.payload.code, msg.payload.message, msg.payload.details);
        return;
      default:
        return;
    }
  }

  private onError(code: string, message: string, details?: JsonObject): void {
    if (code === 'not_waiting' || code === 'execution_ended') {
      const answering = Object.keys(useApp.getState().answered).length > 0;
      if (answering || code === 'not_waiting') {
        pushNotice('warning', 'Someone else answered first (or the run moved on): your answer was not used.');
        useApp.setState({ answered: {} });
        return;
      }
    }
    if (code === 'unauthorized') {
      pushNotice('error', `Not allowed: ${message}`);
      return;
    }
    if (code === 'unknown_type') {
      console.warn('flowcraft: the server does not know a message we sent:', message);
      return;
    }
    if (code === 'invalid_diagram' && details && Array.isArray(details.problems)) {
      const list = (details.problems as Json[]).map((p) => (p && typeof p === 'object' && !Array.isArray(p) ? String(p.message) : String(p)));
      pushNotice('error', `The diagram cannot run: ${list.slice(0, 5).join('; ')}${list.length > 5 ? ' …' : ''}`);
      return;
    }
    pushNotice('error', message);
  }

  private publish(): void {
    const e = this.engine;
    const s = useApp.getState();
    const patch: Partial<ReturnType<typeof useApp.getState>> = {
      graph: e.view,
      version: e.version,
      loaded: e.loaded,
      pending: e.pendingOpCount,
      canUndo: e.canUndo,
      canRedo: e.canRedo,
    };
    if (s.selectedNodeId && !e.view.nodes.has(s.selectedNodeId)) patch.selectedNodeId = null;
    if (s.selectedEdgeId && !e.view.edges.has(s.selectedEdgeId)) patch.selectedEdgeId = null;
    if (s.contextMenu && !e.view.nodes.has(s.contextMenu.nodeId)) patch.contextMenu = null;
    useApp.setState(patch);
    if (patch.selectedNodeId === null) this.sendPresence();
  }
}

function pruneAnswered(answered: Readonly<Record<string, boolean>>, prompts: Readonly<Record<string, unknown>>) {
  const out: Record<string, boolean> = {};
  for (const k of Object.keys(answered)) if (prompts[k]) out[k] = true;
  return out;
}

let session: EditorSession | null = null;
let pendingNewGraphName: { id: string; name: string } | null = null;

/** The name to give a graph created from the list page, once its editor has it. */
export function rememberNewGraphName(id: string, name: string): void {
  pendingNewGraphName = { id, name };
}

export function openEditor(graphId: string): void {
  if (session?.graphId === graphId) return;
  closeEditor();
  const name = pendingNewGraphName?.id === graphId ? pendingNewGraphName.name : null;
  nodeSizes.clear();
  useApp.setState({ ...editorDefaults, graphId, status: 'connecting' });
  session = new EditorSession(graphId, name);
  session.start();
  void loadCatalogue();
}

export function closeEditor(): void {
  session?.stop();
  session = null;
  useApp.setState({ ...editorDefaults });
}

let catalogueLoaded = false;
export async function loadCatalogue(force = false): Promise<void> {
  if (catalogueLoaded && !force) return;
  catalogueLoaded = true;
  try {
    const [types, actions] = await Promise.all([api.nodeTypes(), api.actions()]);
    useApp.setState({ nodeTypes: new Map(types.map((t) => [t.type, t])), nodeTypeList: types, actions });
  } catch (e) {
    catalogueLoaded = false;
    pushNotice('error', `Could not load the node types and actions: ${(e as Error).message}`);
  }
}

/* ------------------------------------------------------------------ actions used by the UI */

export function editGraph(ops: GraphOp[], origin: Origin = 'edit'): boolean {
  return session?.engine.edit(ops, origin) ?? false;
}

export function undo(): void {
  session?.engine.undo();
}

export function redo(): void {
  session?.engine.redo();
}

export function selectNode(nodeId: string | null): void {
  const s = useApp.getState();
  if (s.selectedNodeId === nodeId && (nodeId !== null || s.selectedEdgeId === null)) return;
  useApp.setState({ selectedNodeId: nodeId, selectedEdgeId: null });
  session?.sendPresence();
}

export function selectEdge(edgeId: string | null): void {
  useApp.setState({ selectedEdgeId: edgeId, selectedNodeId: null });
  session?.sendPresence();
}

let presenceTimer: ReturnType<typeof setTimeout> | null = null;

/** Sets my display name (kept in localStorage); presence follows after a short pause in typing. */
export function setUserName(name: string): void {
  persistUserName(name);
  useApp.setState({ userName: name });
  if (presenceTimer) clearTimeout(presenceTimer);
  presenceTimer = setTimeout(() => {
    presenceTimer = null;
    session?.sendPresence();
  }, 300);
}

export function runAction(actionId: string, nodeId: string, params?: JsonObject): void {
  session?.engine.executeAction(actionId, nodeId, params);
}

function sendOrWarn(msg: ClientMessage): boolean {
  if (session?.send(msg)) return true;
  pushNotice('error', 'Not connected: try again once the connection is back.');
  return false;
}

export function runDiagram(): void {
  const s = useApp.getState();
  if (!s.graphId) return;
  if (s.pending > 0) pushNotice('info', 'Your latest changes are still being saved; the run uses the version the server has.');
  sendOrWarn({ type: 'execute_diagram', payload: { graphId: s.graphId } });
}

export function controlExecution(kind: 'pause_execution' | 'resume_execution' | 'cancel_execution'): void {
  const id = useApp.getState().exec.executionId;
  if (id) sendOrWarn({ type: kind, payload: { executionId: id } });
}

export function answerPrompt(executionId: string, nodeId: string, response: Json): void {
  if (sendOrWarn({ type: 'user_response', payload: { executionId, nodeId, response } })) {
    useApp.setState((s) => ({ answered: { ...s.answered, [nodeId]: true } }));
  }
}

export function labelOf(nodeId: string): string {
  const s = useApp.getState();
  const n = s.graph.nodes.get(nodeId);
  return nodeLabel(n, n ? s.nodeTypes.get(n.type)?.title : undefined);
}

/** A snapshot for tests and debugging (window.__flowcraft.getState()). */
export function debugSnapshot() {
  const s = useApp.getState();
  return {
    graphId: s.graphId,
    version: s.version,
    nodes: s.graph.nodes.size,
    edges: s.graph.edges.size,
    pending: session?.engine.pendingOpCount ?? 0,
    status: s.status,
  };
}
