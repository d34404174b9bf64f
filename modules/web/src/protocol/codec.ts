import { isObject, type JsonObject } from './json';
import type { ClientMessage, DecodeError, ServerMessage } from './messages';
import { decodeOp, decodeOps, encodeOp, isWireGraph } from './ops';

/** The JSON object a client message is sent as. */
export function toWire(msg: ClientMessage): JsonObject {
  const payload: JsonObject = msg.type === 'patch_graph'
    ? { baseVersion: msg.payload.baseVersion, ops: msg.payload.ops.map(encodeOp) }
    : (msg.payload as unknown as JsonObject);
  const out: JsonObject = { type: msg.type, payload };
  if (msg.correlationId !== undefined) out.correlationId = msg.correlationId;
  return out;
}

export function encode(msg: ClientMessage): string {
  return JSON.stringify(toWire(msg));
}

type Check = (p: JsonObject) => string | null;

const str = (k: string): Check => (p) => (typeof p[k] === 'string' ? null : `payload.${k} must be a string`);
const int = (k: string): Check => (p) => (typeof p[k] === 'number' && Number.isInteger(p[k]) ? null : `payload.${k} must be an integer`);
const arr = (k: string): Check => (p) => (Array.isArray(p[k]) ? null : `payload.${k} must be an array`);
const obj = (k: string): Check => (p) => (isObject(p[k]) ? null : `payload.${k} must be an object`);
const exec: Check[] = [str('executionId')];
const execNode: Check[] = [...exec, str('nodeId')];

/** Minimal shape checks per known type: enough that the client never trips over a field it reads. */
const CHECKS: Record<ServerMessage['type'], Check[]> = {
  hello: [int('version'), str('connectionId')],
  sync_graph: [int('version'), (p) => (isWireGraph(p.graph) ? null : 'payload.graph must be a graph')],
  graph_patch: [int('version'), arr('ops')],
  patch_rejected: [int('baseVersion'), int('version'), arr('conflicts'), arr('ops')],
  apply_changes: [arr('add'), arr('update'), arr('remove'), arr('addEdges'), arr('removeEdges'), int('version')],
  error: [str('code'), str('message')],
  presence: [arr('users')],
  catalogue_changed: [arr('actions')],
  broadcast_event: [],
  execution_started: exec,
  node_started: execNode,
  node_progress: [...execNode, str('text')],
  node_completed: execNode,
  node_skipped: execNode,
  node_failed: execNode,
  interactive_prompt: execNode,
  execution_paused: exec,
  execution_resumed: exec,
  execution_completed: exec,
  execution_failed: exec,
  execution_cancelled: exec,
  execution_state: [...exec, str('status'), obj('nodes')],
};

function fail(reason: string, messageType?: string): DecodeError {
  return messageType === undefined ? { type: 'decode_error', reason } : { type: 'decode_error', reason, messageType };
}

/**
 * Reads a server frame. Unknown types and malformed frames come back as a {@link DecodeError}
 * (the caller logs and ignores them); ops are converted to {@link GraphOp}s.
 */
export function decode(text: string): ServerMessage | DecodeError {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  if (!isObject(raw) || typeof raw.type !== 'string') return fail('not a message envelope');
  const type = raw.type;
  const payload = raw.payload;
  if (!isObject(payload)) return fail('payload must be an object', type);
  if (!Object.prototype.hasOwnProperty.call(CHECKS, type)) return fail(`unknown message type '${type}'`, type);
  for (const check of CHECKS[type as ServerMessage['type']]) {
    const problem = check(payload);
    if (problem) return fail(problem, type);
  }
  const envelope: { correlationId?: string; timestamp?: string } = {};
  if (typeof raw.correlationId === 'string') envelope.correlationId = raw.correlationId;
  if (typeof raw.timestamp === 'string') envelope.timestamp = raw.timestamp;

  switch (type) {
    case 'graph_patch':
    case 'patch_rejected': {
      const ops = decodeOps(payload.ops);
      if (typeof ops === 'string') return fail(ops, type);
      return { ...envelope, type, payload: { ...payload, ops } } as ServerMessage;
    }
    case 'apply_changes': {
      const update = [];
      for (const u of payload.update as unknown[]) {
        const op = decodeOp(isObject(u) ? { ...u, op: 'update_node' } : u);
        if (typeof op === 'string' || op.op !== 'update_node') return fail(`apply_changes.update: ${String(op)}`, type);
        const { op: _drop, ...rest } = op;
        void _drop;
        update.push(rest);
      }
      return { ...envelope, type, payload: { ...payload, update } } as ServerMessage;
    }
    case 'sync_graph': {
      const msg = { ...envelope, type, payload } as ServerMessage & { error?: string };
      if (raw.error === 'version_mismatch') msg.error = 'version_mismatch';
      return msg as ServerMessage;
    }
    default:
      return { ...envelope, type, payload } as unknown as ServerMessage;
  }
}
