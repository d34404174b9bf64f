import { applyOps } from '../graph/apply';
import { conflictsBetween, stripConflict, touches, type Touches } from '../graph/conflicts';
import { invertOps } from '../graph/invert';
import { EMPTY_GRAPH, graphFromWire, type Graph } from '../graph/model';
import { layoutNewNodes } from '../layout/layout';
import type { JsonObject } from '../protocol/json';
import type {
  ApplyChangesMessage, Conflict, ErrorMessage, GraphPatchMessage, PatchRejectedMessage, ServerMessage, SyncGraphMessage,
} from '../protocol/messages';
import type { GraphOp } from '../protocol/ops';
import { conflictText, lossText, type Names } from './describe';
import { coalesce, freshInverse, opHolds } from './opsutil';
import {
  HISTORY_KEPT, INFLIGHT_TIMEOUT_MS, MAX_ATTEMPTS, MAX_UNDO, type Batch, type Inflight, type Notice, type Origin, type Size,
  type SyncEngineOptions,
} from './types';

/** The connection as the engine sees it. */
export type Phase = 'offline' | 'awaiting_hello' | 'ready' | 'resyncing';

interface UndoEntry {
  /** Ops that undo the change (computed against the view before it). */
  inverse: GraphOp[];
  /** The change itself: what the fields it wrote must still hold for the undo to restore them. */
  forward: GraphOp[];
}

interface RemoteChange {
  version: number;
  author: string | null;
  touches: Touches;
}

let correlationCounter = 0;
function defaultCorrelationId(): string {
  correlationCounter += 1;
  return `p${Date.now().toString(36)}-${correlationCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

const DEFAULT_SIZE: Size = { width: 180, height: 60 };

function flatten(batches: readonly Batch[]): GraphOp[] {
  return batches.flatMap((b) => b.ops);
}

function conflictTouched(t: Touches, c: Conflict): boolean {
  if (c.id === '') return t.fine.has(`g:${c.field}`);
  if (c.field === 'added' || c.field === 'removed') return t.structural.has(`n:${c.id}`) || t.structural.has(`e:${c.id}`);
  return t.fine.has(`n:${c.id}:${c.field}`) || t.fine.has(`e:${c.id}:${c.field}`) || t.refs.has(`n:${c.id}`) || t.refs.has(`e:${c.id}`);
}

/**
 * The client side of delta sync. It holds the graph the server confirmed (`confirmed` at
 * `version`), at most one patch the server is deciding about (`inflight`) and the local changes
 * not yet sent (`queued`); what the user sees is `view` = confirmed + inflight + queued.
 *
 * Local edits are optimistic; remote changes are applied to `confirmed` and the pending changes
 * are rebased on top (what can no longer apply is dropped, with a notice). A rejected patch keeps
 * its non-conflicting parts and is retried on the new version, at most {@link MAX_ATTEMPTS} times.
 * Free of DOM and timers: the transport and the clock are injected.
 */
export class SyncEngine {
  private confirmedGraph: Graph = EMPTY_GRAPH;
  private confirmedVersion = -1;
  private inflightPatch: Inflight | null = null;
  private queued: Batch[] = [];
  private viewGraph: Graph = EMPTY_GRAPH;
  private undoStack: UndoEntry[] = [];
  private redoStack: UndoEntry[] = [];
  private history: RemoteChange[] = [];
  private readonly actions = new Map<string, { actionId: string; nodeId: string }>();
  private phaseValue: Phase = 'offline';
  private connection: string | null = null;
  private readonly mine = new Set<string>();
  private loadedValue = false;

  constructor(private readonly opts: SyncEngineOptions) {}

  /* ------------------------------------------------------------------ state */

  get view(): Graph {
    return this.viewGraph;
  }
  get confirmed(): Graph {
    return this.confirmedGraph;
  }
  get version(): number {
    return this.confirmedVersion;
  }
  get inflight(): Readonly<Inflight> | null {
    return this.inflightPatch;
  }
  get queuedBatches(): readonly Batch[] {
    return this.queued;
  }
  get pendingOpCount(): number {
    return (this.inflightPatch?.ops.length ?? 0) + this.queued.reduce((n, b) => n + b.ops.length, 0);
  }
  get phase(): Phase {
    return this.phaseValue;
  }
  get loaded(): boolean {
    return this.loadedValue;
  }
  get connectionId(): string | null {
    return this.connection;
  }
  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
  /** The `since` to reconnect with, or undefined before the first snapshot. */
  get since(): number | undefined {
    return this.confirmedVersion >= 0 ? this.confirmedVersion : undefined;
  }

  /* ------------------------------------------------------------------ connection */

  /** A connection opened: say hello; patches wait for the answer. */
  connectionOpened(): void {
    this.phaseValue = 'awaiting_hello';
    this.connection = null; // until hello names this connection
    this.opts.transport.send({ type: 'hello', payload: { capabilities: ['patch', 'presence'] } });
    this.changed();
  }

  connectionClosed(): void {
    this.phaseValue = 'offline';
    this.connection = null;
    this.changed();
  }

  /** Checks for a patch nobody answered (its answer may have been lost): reconnect to learn its fate. */
  tick(): void {
    const f = this.inflightPatch;
    if (f && this.phaseValue === 'ready' && this.now() - f.sentAt > INFLIGHT_TIMEOUT_MS) {
      this.requestReconnect(false);
    }
  }

  /* ------------------------------------------------------------------ local changes */

  /**
   * A local change: shown at once, sent when nothing else is in flight. Ops that do not apply to
   * the view are left out. Returns false when nothing was left.
   */
  edit(ops: readonly GraphOp[], origin: Origin = 'edit', undoable = true): boolean {
    const r = applyOps(this.viewGraph, ops);
    const kept = r.problems.length === 0 ? [...ops] : ops.filter((_, i) => !r.problems.some((p) => p.index === i));
    if (r.problems.length > 0) console.warn('flowcraft: edit ops that do not apply were left out', r.problems);
    if (kept.length === 0) return false;
    if (undoable) {
      this.pushUndo({ inverse: invertOps(this.viewGraph, kept), forward: kept });
      this.redoStack = [];
    }
    this.queued.push({ ops: kept, origin, attempts: 0 });
    this.viewGraph = r.problems.length === 0 ? r.graph : applyOps(this.viewGraph, kept).graph;
    this.flush();
    this.changed();
    return true;
  }

  undo(): boolean {
    return this.replay(this.undoStack, this.redoStack, 'undo');
  }

  redo(): boolean {
    return this.replay(this.redoStack, this.undoStack, 'redo');
  }

  private replay(from: UndoEntry[], to: UndoEntry[], origin: 'undo' | 'redo'): boolean {
    const entry = from.pop();
    if (!entry) return false;
    const fresh = freshInverse(this.viewGraph, entry.forward, entry.inverse);
    for (const s of fresh.skipped) {
      this.notice('warning', conflictText(s, this.whoChanged(s, -1), origin, this.names([this.viewGraph]), this.title).replace('at the same time', 'since'));
    }
    const r = applyOps(this.viewGraph, fresh.ops);
    const kept = fresh.ops.filter((op, i) => {
      if (!r.problems.some((p) => p.index === i)) return true;
      const text = lossText(op, origin, this.names([this.viewGraph]), this.title);
      if (text) this.notice('warning', text);
      return false;
    });
    if (kept.length === 0) {
      this.changed();
      return false;
    }
    to.push({ inverse: invertOps(this.viewGraph, kept), forward: kept });
    this.queued.push({ ops: kept, origin, attempts: 0 });
    this.viewGraph = applyOps(this.viewGraph, kept).graph;
    this.flush();
    this.changed();
    return true;
  }

  private pushUndo(e: UndoEntry): void {
    this.undoStack.push(e);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
  }

  /** Asks the server to run an action on a node; its apply_changes is laid out here. */
  executeAction(actionId: string, nodeId: string, params?: JsonObject): boolean {
    const correlationId = this.newCorrelationId();
    const sent = this.opts.transport.send({
      type: 'execute_action',
      payload: params && Object.keys(params).length > 0 ? { actionId, nodeId, params } : { actionId, nodeId },
      correlationId,
    });
    if (sent) this.actions.set(correlationId, { actionId, nodeId });
    else this.notice('error', 'Not connected: the action was not run. Try again once the connection is back.');
    return sent;
  }

  /* ------------------------------------------------------------------ server messages */

  /** Handles a server message; returns false when it is not the engine's business. */
  receive(msg: ServerMessage): boolean {
    switch (msg.type) {
      case 'hello':
        this.onHello(msg.payload.connectionId);
        return true;
      case 'sync_graph':
        this.onSnapshot(msg);
        return true;
      case 'graph_patch':
        this.onPatch(msg);
        return true;
      case 'patch_rejected':
        this.onRejected(msg);
        return true;
      case 'apply_changes':
        this.onApplyChanges(msg);
        return true;
      case 'error':
        return this.onError(msg);
      default:
        return false;
    }
  }

  private onHello(connectionId: string): void {
    this.connection = connectionId;
    this.mine.add(connectionId);
    this.phaseValue = 'ready';
    const f = this.inflightPatch;
    if (f && f.sentOn !== connectionId) {
      // sent on a connection that is gone, and no replay acknowledged it: send it again, unless
      // the graph already shows all of it
      this.inflightPatch = null;
      if (!f.ops.every((op) => opHolds(this.confirmedGraph, op))) this.queued.unshift(...f.batches);
      this.rebaseQueued([this.viewGraph]);
      this.recompute();
    }
    this.flush();
    this.changed();
  }

  private onSnapshot(msg: SyncGraphMessage): void {
    if (this.phaseValue === 'resyncing') return; // the old connection's leftovers
    const before: Names = [this.confirmedGraph, this.viewGraph];
    this.confirmedGraph = graphFromWire(msg.payload.graph);
    this.confirmedVersion = msg.payload.version;
    this.loadedValue = true;
    this.history = [];
    const f = this.inflightPatch;
    if (f && f.ops.every((op) => opHolds(this.confirmedGraph, op))) {
      this.inflightPatch = null; // the snapshot already has it: it was accepted
    } else if (f && this.phaseValue === 'awaiting_hello') {
      this.inflightPatch = null; // a fresh connection's snapshot without it: send it again
      this.queued.unshift(...f.batches);
    }
    this.rebaseQueued(before);
    this.recompute();
    this.flush();
    this.changed();
  }

  /** Checks a change's version: true to apply it; a gap makes the engine reconnect. */
  private inOrder(version: number): boolean {
    if (this.phaseValue === 'resyncing' || !this.loadedValue) return false;
    if (version <= this.confirmedVersion) return false; // duplicate or stale
    if (version > this.confirmedVersion + 1) {
      this.requestReconnect(false);
      return false;
    }
    return true;
  }

  private onPatch(msg: GraphPatchMessage): void {
    const { version, ops, author } = msg.payload;
    if (!this.inOrder(version)) return;
    const f = this.inflightPatch;
    const isAck = f !== null && (
      (msg.correlationId !== undefined && msg.correlationId === f.correlationId)
      || (f.sentOn !== null && f.sentOn !== this.connection && author === f.sentOn));
    if (isAck) {
      this.inflightPatch = null;
      this.applyConfirmed(ops, version, null);
    } else {
      this.applyConfirmed(ops, version, author);
    }
    this.flush();
    this.changed();
  }

  /**
   * Applies accepted ops to `confirmed` at `version`. For someone else's change (`author` given
   * or null for unknown) the queued changes lose what conflicts with it; then they are rebased.
   */
  private applyConfirmed(ops: readonly GraphOp[], version: number, author: string | null | undefined, remote = author !== null): void {
    const before: Names = [this.confirmedGraph, this.viewGraph];
    const r = applyOps(this.confirmedGraph, ops);
    if (r.problems.length > 0) {
      console.warn('flowcraft: a server change did not apply to the local copy; reloading', r.problems);
      this.confirmedGraph = r.graph;
      this.confirmedVersion = version;
      this.requestReconnect(true);
      return;
    }
    this.confirmedGraph = r.graph;
    this.confirmedVersion = version;
    if (remote) {
      const t = touches(ops);
      this.history.push({ version, author: author ?? null, touches: t });
      if (this.history.length > HISTORY_KEPT) this.history.shift();
      this.stripQueued(conflictsBetween(flatten(this.queued), ops), before, version - 1);
    }
    this.rebaseQueued(before);
    this.recompute();
  }

  private onRejected(msg: PatchRejectedMessage): void {
    const f = this.inflightPatch;
    if (!f || msg.correlationId !== f.correlationId) return;
    const p = msg.payload;
    this.inflightPatch = null;
    const before: Names = [this.confirmedGraph, this.viewGraph];
    if (p.resync) {
      this.queued.unshift(...f.batches);
      this.requestReconnect(true);
      this.changed();
      return;
    }
    let reconnect = false;
    if (this.confirmedVersion < p.version) {
      if (this.confirmedVersion === p.baseVersion) {
        this.confirmedGraph = applyOps(this.confirmedGraph, p.ops).graph;
        this.confirmedVersion = p.version;
        this.history.push({ version: p.version, author: null, touches: touches(p.ops) });
        this.stripQueued(conflictsBetween(flatten(this.queued), p.ops), before, p.baseVersion);
      } else {
        reconnect = true; // some of those changes are missing here: fetch them
      }
    }
    // keep what does not conflict; their value stays
    let batches = f.batches.map((b) => ({ ...b, attempts: b.attempts + 1 }));
    for (const c of p.conflicts) {
      batches = batches.map((b) => {
        const s = stripConflict(b.ops, c);
        if (s.changed) this.notice('warning', conflictText(c, this.whoChanged(c, p.baseVersion), b.origin, this.names(before), this.title));
        return { ...b, ops: s.ops };
      });
    }
    batches = batches.filter((b) => b.ops.length > 0);
    const exhausted = batches.filter((b) => b.attempts >= MAX_ATTEMPTS);
    if (exhausted.length > 0) {
      batches = batches.filter((b) => b.attempts < MAX_ATTEMPTS);
      this.notice('error', `Your change could not be saved after ${MAX_ATTEMPTS} attempts (others kept changing the same things); it was dropped and the graph reloaded.`);
      this.queued.unshift(...batches);
      this.recompute();
      this.requestReconnect(true);
      this.changed();
      return;
    }
    this.queued.unshift(...batches);
    if (reconnect) {
      this.requestReconnect(false);
      this.changed();
      return;
    }
    this.rebaseQueued(before);
    this.recompute();
    this.flush();
    this.changed();
  }

  private onApplyChanges(msg: ApplyChangesMessage): void {
    const p = msg.payload;
    if (!this.inOrder(p.version)) return;
    const ops: GraphOp[] = [
      ...p.removeEdges.map((id): GraphOp => ({ op: 'remove_edge', id })),
      ...p.remove.map((id): GraphOp => ({ op: 'remove_node', id })),
      ...p.add.map((node): GraphOp => ({ op: 'add_node', node })),
      ...p.update.map((u): GraphOp => ({ ...u, op: 'update_node' })),
      ...p.addEdges.map((edge): GraphOp => ({ op: 'add_edge', edge })),
    ];
    const request = msg.correlationId !== undefined ? this.actions.get(msg.correlationId) : undefined;
    const confirmedBefore = this.confirmedGraph;
    this.applyConfirmed(ops, p.version, request ? null : undefined, request === undefined);
    if (!request || msg.correlationId === undefined) {
      this.flush();
      this.changed();
      return;
    }
    this.actions.delete(msg.correlationId);
    this.pushUndo({ inverse: invertOps(confirmedBefore, ops), forward: ops });
    this.redoStack = [];
    const added = p.add.map((n) => n.id).filter((id) => this.viewGraph.nodes.has(id));
    if (added.length > 0) {
      const layout = this.opts.layout ?? layoutNewNodes;
      const sizeOf = (id: string) => this.opts.sizeOf?.(id) ?? DEFAULT_SIZE;
      const positions = layout(this.viewGraph, added, request.nodeId, sizeOf);
      const moves: GraphOp[] = [];
      for (const [id, position] of positions) {
        const n = this.viewGraph.nodes.get(id);
        if (n && (n.position.x !== position.x || n.position.y !== position.y)) moves.push({ op: 'update_node', id, position });
      }
      if (moves.length > 0) this.edit(moves, 'layout', false);
      this.opts.onActionApplied?.([request.nodeId, ...added]);
    }
    this.flush();
    this.changed();
  }

  private onError(msg: ErrorMessage): boolean {
    const id = msg.correlationId;
    if (id === undefined) return false;
    const f = this.inflightPatch;
    if (f && id === f.correlationId) {
      this.inflightPatch = null;
      const before: Names = [this.confirmedGraph, this.viewGraph];
      this.notice('error', `Your change was refused: ${msg.payload.message}`);
      this.rebaseQueued(before);
      this.recompute();
      this.flush();
      this.changed();
      return true;
    }
    const action = this.actions.get(id);
    if (action) {
      this.actions.delete(id);
      this.notice('error', `The action ${action.actionId} failed: ${msg.payload.message}`);
      return true;
    }
    return false;
  }

  /* ------------------------------------------------------------------ internals */

  /** Sends the queued changes as one patch when nothing is in flight and the connection is ready. */
  private flush(): void {
    if (this.inflightPatch || this.queued.length === 0 || this.phaseValue !== 'ready') return;
    const batches = this.queued;
    const ops = coalesce(flatten(batches));
    if (ops.length === 0) {
      this.queued = [];
      return;
    }
    const patch: Inflight = {
      batches,
      ops,
      correlationId: this.newCorrelationId(),
      baseVersion: this.confirmedVersion,
      sentOn: this.connection,
      sentAt: this.now(),
    };
    const sent = this.opts.transport.send({
      type: 'patch_graph',
      payload: { baseVersion: patch.baseVersion, ops },
      correlationId: patch.correlationId,
    });
    if (!sent) return; // stays queued until the next connection
    this.queued = [];
    this.inflightPatch = patch;
  }

  /** Drops the queued parts that conflict with someone else's accepted change, with a notice. */
  private stripQueued(conflicts: readonly Conflict[], before: Names, sinceVersion: number): void {
    for (const c of conflicts) {
      this.queued = this.queued.map((b) => {
        const s = stripConflict(b.ops, c);
        if (s.changed) this.notice('warning', conflictText(c, this.whoChanged(c, sinceVersion), b.origin, this.names(before), this.title));
        return s.changed ? { ...b, ops: s.ops } : b;
      }).filter((b) => b.ops.length > 0);
    }
  }

  /** Re-applies the queued changes on confirmed + inflight; what no longer applies is dropped, with a notice. */
  private rebaseQueued(before: Names): void {
    let g = this.inflightPatch ? applyOps(this.confirmedGraph, this.inflightPatch.ops).graph : this.confirmedGraph;
    const out: Batch[] = [];
    for (const b of this.queued) {
      const r = applyOps(g, b.ops);
      if (r.problems.length === 0) {
        out.push(b);
      } else {
        const failed = new Set(r.problems.map((p) => p.index));
        const kept = b.ops.filter((op, i) => {
          if (!failed.has(i)) return true;
          if (opHolds(g, op) && op.op !== 'add_node') return false; // already so: nothing lost
          if (op.op === 'add_node' && opHolds(g, op)) {
            const existing = g.nodes.get(op.node.id);
            if (existing && existing.type === op.node.type) return false; // the same node came back (it was applied)
          }
          const text = lossText(op, b.origin, this.names(before), this.title);
          if (text) this.notice('warning', text);
          return false;
        });
        if (kept.length > 0) out.push({ ...b, ops: kept });
      }
      g = r.graph;
    }
    this.queued = out;
  }

  private recompute(): void {
    let g = this.confirmedGraph;
    if (this.inflightPatch) g = applyOps(g, this.inflightPatch.ops).graph;
    for (const b of this.queued) g = applyOps(g, b.ops).graph;
    this.viewGraph = g;
  }

  private requestReconnect(fresh: boolean): void {
    this.phaseValue = 'resyncing';
    if (fresh) this.history = [];
    this.opts.transport.reconnect(fresh);
  }

  /** Who made the latest remote change after `sinceVersion` that touched what a conflict names. */
  private whoChanged(c: Conflict, sinceVersion: number): string {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const h = this.history[i]!;
      if (h.version <= sinceVersion) break;
      if (conflictTouched(h.touches, c)) {
        if (h.author === null || this.mine.has(h.author)) return 'someone';
        return this.opts.nameOf?.(h.author) ?? 'someone';
      }
    }
    return 'someone';
  }

  /** Where to look names up: the current confirmed graph first. */
  private names(before: Names): Names {
    return [this.confirmedGraph, ...before];
  }

  private readonly title = (type: string): string | undefined => this.opts.typeTitle?.(type);

  private notice(kind: Notice['kind'], text: string): void {
    this.opts.onNotice?.({ kind, text });
  }

  private changed(): void {
    this.opts.onChange?.();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private newCorrelationId(): string {
    return this.opts.newCorrelationId?.() ?? defaultCorrelationId();
  }
}
