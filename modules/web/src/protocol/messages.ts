import type { Json, JsonObject } from './json';
import type { GraphOp, UpdateNodeOp, WireEdge, WireGraph, WireNode } from './ops';

/* ---------------------------------------------------------------- client → server */

interface ClientEnvelope<T extends string, P> {
  type: T;
  payload: P;
  correlationId?: string;
}

export type HelloRequest = ClientEnvelope<'hello', { capabilities: string[]; since?: number }>;
export type PresenceRequest = ClientEnvelope<'presence', { name: string | null; editing: string | null }>;
export type PatchGraphRequest = ClientEnvelope<'patch_graph', { baseVersion: number; ops: GraphOp[] }>;
export type SyncGraphRequest = ClientEnvelope<'sync_graph', { version: number; graph: WireGraph }>;
export type ExecuteActionRequest = ClientEnvelope<'execute_action', { actionId: string; nodeId: string; params?: JsonObject }>;
export type ExecuteDiagramRequest = ClientEnvelope<'execute_diagram', {
  graphId?: string;
  diagram?: JsonObject;
  inputs?: JsonObject;
  options?: { timeoutSeconds?: number; maxConcurrency?: number };
}>;
export type ControlRequest = ClientEnvelope<'pause_execution' | 'resume_execution' | 'cancel_execution', { executionId: string }>;
export type UserResponseRequest = ClientEnvelope<'user_response', { executionId: string; nodeId: string; response: Json }>;
export type BroadcastEventRequest = ClientEnvelope<'broadcast_event', JsonObject>;

export type ClientMessage =
  | HelloRequest
  | PresenceRequest
  | PatchGraphRequest
  | SyncGraphRequest
  | ExecuteActionRequest
  | ExecuteDiagramRequest
  | ControlRequest
  | UserResponseRequest
  | BroadcastEventRequest;

/* ---------------------------------------------------------------- server → client */

interface ServerEnvelope<T extends string, P> {
  type: T;
  payload: P;
  correlationId?: string;
  timestamp?: string;
}

export interface Conflict {
  id: string;
  field: string;
}

export interface PresenceUser {
  connectionId: string;
  name: string | null;
  editing: string | null;
}

export interface ActionInfo {
  id: string;
  label: string;
  description?: string;
  nodeTypes: string[];
  parameters?: ActionParameter[];
  plugin: string;
}

export interface ActionParameter {
  name: string;
  type: string;
  required?: boolean;
  default?: Json;
  description?: string;
}

export interface Tokens {
  input: number;
  output: number;
  /** US dollars, when the models' prices are known. */
  costUsd?: number;
}

export type ExecutionStatus = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface ExecutionNodeRecord {
  status: string;
  runs?: number;
  output?: Json;
  error?: string | null;
  durationMs?: number;
}

export interface PendingPrompt {
  nodeId: string;
  prompt: string;
  timeoutSeconds: number;
}

/** The connection's role when the server has authentication on (everyone is an operator otherwise). */
export type Role = 'viewer' | 'editor' | 'operator';

export type HelloReply = ServerEnvelope<'hello', { protocol: number; capabilities: string[]; version: number; connectionId: string; role?: Role }>;
export type SyncGraphMessage = ServerEnvelope<'sync_graph', { version: number; graph: WireGraph }> & { error?: 'version_mismatch' };
export type GraphPatchMessage = ServerEnvelope<'graph_patch', { version: number; ops: GraphOp[]; author: string }>;
export type PatchRejectedMessage = ServerEnvelope<'patch_rejected', {
  baseVersion: number;
  version: number;
  conflicts: Conflict[];
  ops: GraphOp[];
  resync?: boolean;
}>;
export type ApplyChangesMessage = ServerEnvelope<'apply_changes', {
  add: WireNode[];
  update: Omit<UpdateNodeOp, 'op'>[];
  remove: string[];
  addEdges: WireEdge[];
  removeEdges: string[];
  version: number;
  actionId: string;
}>;
export type ErrorMessage = ServerEnvelope<'error', { code: string; message: string; details?: JsonObject }>;
export type PresenceMessage = ServerEnvelope<'presence', { users: PresenceUser[] }>;
export type CatalogueChangedMessage = ServerEnvelope<'catalogue_changed', { actions: ActionInfo[] }>;
export type BroadcastEventMessage = ServerEnvelope<'broadcast_event', JsonObject>;

interface ExecBase {
  executionId: string;
  graphId?: string;
}
export type ExecutionStartedMessage = ServerEnvelope<'execution_started', ExecBase & { version: number | null }>;
export type NodeStartedMessage = ServerEnvelope<'node_started', ExecBase & { nodeId: string; iteration: number }>;
export type NodeProgressMessage = ServerEnvelope<'node_progress', ExecBase & { nodeId: string; text: string }>;
export type NodeCompletedMessage = ServerEnvelope<'node_completed', ExecBase & {
  nodeId: string;
  iteration?: number;
  output: Json;
  durationMs: number;
  tokens?: Tokens;
}>;
export type NodeSkippedMessage = ServerEnvelope<'node_skipped', ExecBase & { nodeId: string; reason: string }>;
export type NodeFailedMessage = ServerEnvelope<'node_failed', ExecBase & { nodeId: string; error: string }>;
export type InteractivePromptMessage = ServerEnvelope<'interactive_prompt', ExecBase & { nodeId: string; prompt: string; timeoutSeconds: number }>;
export type ExecutionPausedMessage = ServerEnvelope<'execution_paused', ExecBase>;
export type ExecutionResumedMessage = ServerEnvelope<'execution_resumed', ExecBase>;
export type ExecutionCompletedMessage = ServerEnvelope<'execution_completed', ExecBase & { outputs: JsonObject; durationMs: number; tokens: Tokens }>;
export type ExecutionFailedMessage = ServerEnvelope<'execution_failed', ExecBase & { error: string; nodeId?: string; durationMs?: number }>;
export type ExecutionCancelledMessage = ServerEnvelope<'execution_cancelled', ExecBase & { reason?: string; durationMs?: number }>;
export type ExecutionStateMessage = ServerEnvelope<'execution_state', ExecBase & {
  version?: number | null;
  status: ExecutionStatus;
  startedAt?: string;
  durationMs?: number;
  nodes: Record<string, ExecutionNodeRecord>;
  prompts?: PendingPrompt[];
  outputs?: JsonObject;
  error?: string | null;
  tokens?: Tokens;
}>;

export type ExecutionEvent =
  | ExecutionStartedMessage
  | NodeStartedMessage
  | NodeProgressMessage
  | NodeCompletedMessage
  | NodeSkippedMessage
  | NodeFailedMessage
  | InteractivePromptMessage
  | ExecutionPausedMessage
  | ExecutionResumedMessage
  | ExecutionCompletedMessage
  | ExecutionFailedMessage
  | ExecutionCancelledMessage
  | ExecutionStateMessage;

export type ServerMessage =
  | HelloReply
  | SyncGraphMessage
  | GraphPatchMessage
  | PatchRejectedMessage
  | ApplyChangesMessage
  | ErrorMessage
  | PresenceMessage
  | CatalogueChangedMessage
  | BroadcastEventMessage
  | ExecutionEvent;

export type ServerMessageType = ServerMessage['type'];

/** What {@link decode} returns for a frame it cannot use. */
export interface DecodeError {
  type: 'decode_error';
  reason: string;
  /** The frame's type when it had one (an unknown type is tolerated and ignored). */
  messageType?: string;
}

const EXECUTION_EVENT_TYPES: ReadonlySet<string> = new Set([
  'execution_started', 'node_started', 'node_progress', 'node_completed', 'node_skipped', 'node_failed',
  'interactive_prompt', 'execution_paused', 'execution_resumed', 'execution_completed', 'execution_failed',
  'execution_cancelled', 'execution_state',
]);

export function isExecutionEvent(m: ServerMessage): m is ExecutionEvent {
  return EXECUTION_EVENT_TYPES.has(m.type);
}
