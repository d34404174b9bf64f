import type { Graph } from '../graph/model';
import type { ClientMessage } from '../protocol/messages';
import type { GraphOp, XY } from '../protocol/ops';

/** Where a local change came from: it decides the wording of notices about it. */
export type Origin = 'edit' | 'undo' | 'redo' | 'layout' | 'import';

/** A local change not yet acknowledged: the ops of one user gesture. */
export interface Batch {
  ops: GraphOp[];
  origin: Origin;
  /** Consecutive rejections of this change (bounded: it is dropped after {@link MAX_ATTEMPTS}). */
  attempts: number;
}

/** The patch the server is deciding about (at most one at a time). */
export interface Inflight {
  batches: Batch[];
  ops: GraphOp[];
  correlationId: string;
  baseVersion: number;
  /** The connection it was sent on: a replayed graph_patch by that author is its acknowledgement. */
  sentOn: string | null;
  sentAt: number;
}

export type NoticeKind = 'info' | 'warning' | 'error';

export interface Notice {
  kind: NoticeKind;
  text: string;
}

/** How the engine talks to the server: the connection, or a fake in tests. */
export interface Transport {
  /** Sends now; false when there is no open connection (the engine keeps its pending ops). */
  send(msg: ClientMessage): boolean;
  /** Closes the connection and opens a new one: with `since` = the engine's version, or fresh (a snapshot). */
  reconnect(fresh: boolean): void;
}

export interface Size {
  width: number;
  height: number;
}

export interface SyncEngineOptions {
  transport: Transport;
  onChange?: () => void;
  onNotice?: (n: Notice) => void;
  /** A display name for a connection (from presence), or null when unknown. */
  nameOf?: (connectionId: string) => string | null;
  /** The title of a node type, for notices. */
  typeTitle?: (type: string) => string | undefined;
  /** The rendered size of a node, for auto-layout. */
  sizeOf?: (id: string) => Size | undefined;
  /** Correlation ids (tests pass a deterministic one). */
  newCorrelationId?: () => string;
  now?: () => number;
  /** My action's changes arrived and were laid out: the action's node and the nodes it added. */
  onActionApplied?: (nodeIds: string[]) => void;
  /** Places new nodes; defaults to the dagre layout. */
  layout?: (graph: Graph, newIds: readonly string[], fallbackAnchor: string | null, sizeOf: (id: string) => Size) => Map<string, XY>;
}

export const MAX_ATTEMPTS = 5;
export const MAX_UNDO = 200;
export const HISTORY_KEPT = 200;
/** An unanswered patch older than this makes the engine reconnect (with since) to learn its fate. */
export const INFLIGHT_TIMEOUT_MS = 20_000;
