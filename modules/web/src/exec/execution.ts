import type { Json } from '../protocol/json';
import type { ExecutionEvent, Tokens } from '../protocol/messages';

export type NodeRunStatus = 'idle' | 'pending' | 'running' | 'completed' | 'skipped' | 'failed' | 'waiting';
export type RunStatus = 'idle' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface NodeRun {
  status: NodeRunStatus;
  output?: Json;
  error?: string;
  reason?: string;
  durationMs?: number;
  tokens?: Tokens;
  iteration?: number;
  /** Streamed text (node_progress), appended. */
  stream: string;
}

export interface Prompt {
  executionId: string;
  nodeId: string;
  prompt: string;
  timeoutSeconds: number;
}

/** What the client shows of the current run of its graph. */
export interface ExecutionView {
  executionId: string | null;
  status: RunStatus;
  /** Per node, in the order they first appeared. */
  nodes: Readonly<Record<string, NodeRun>>;
  order: readonly string[];
  prompts: Readonly<Record<string, Prompt>>;
  error?: string;
  durationMs?: number;
  tokens?: Tokens;
  outputs?: Json;
  /** Loaded from the history when the editor opened (not watched live). */
  restored?: boolean;
}

export const IDLE_EXECUTION: ExecutionView = { executionId: null, status: 'idle', nodes: {}, order: [], prompts: {} };

const TERMINAL: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);

export function isTerminal(s: RunStatus): boolean {
  return TERMINAL.has(s);
}

function withNode(v: ExecutionView, nodeId: string, change: (n: NodeRun) => NodeRun): ExecutionView {
  const prev = v.nodes[nodeId];
  const next = change(prev ?? { status: 'idle', stream: '' });
  return {
    ...v,
    nodes: { ...v.nodes, [nodeId]: next },
    order: prev ? v.order : [...v.order, nodeId],
  };
}

function withoutPrompt(v: ExecutionView, nodeId: string): ExecutionView {
  if (!v.prompts[nodeId]) return v;
  const { [nodeId]: _gone, ...rest } = v.prompts;
  void _gone;
  return { ...v, prompts: rest };
}

function asNodeStatus(s: string): NodeRunStatus {
  return (['pending', 'running', 'completed', 'skipped', 'failed', 'waiting'] as const).find((x) => x === s) ?? 'idle';
}

/**
 * The execution view after an event. Events of another run than the current one start following
 * that run when it is newer (execution_started, or a running execution_state); stray events of an
 * older run are ignored.
 */
export function reduceExecution(v: ExecutionView, e: ExecutionEvent): ExecutionView {
  const p = e.payload;
  if (e.type === 'execution_started') {
    return { executionId: p.executionId, status: 'running', nodes: {}, order: [], prompts: {} };
  }
  if (e.type === 'execution_state') {
    const s = e.payload;
    if (v.executionId !== s.executionId && v.executionId !== null && !isTerminal(v.status) && isTerminal(s.status)) return v;
    let next: ExecutionView = { executionId: s.executionId, status: s.status, nodes: {}, order: [], prompts: {} };
    for (const [nodeId, rec] of Object.entries(s.nodes)) {
      const run: NodeRun = { status: asNodeStatus(rec.status), stream: '' };
      if (rec.output !== undefined && rec.output !== null) run.output = rec.output;
      if (typeof rec.error === 'string') run.error = rec.error;
      if (typeof rec.durationMs === 'number') run.durationMs = rec.durationMs;
      next = withNode(next, nodeId, () => run);
    }
    for (const pr of s.prompts ?? []) {
      next = withNode(next, pr.nodeId, (n) => ({ ...n, status: 'waiting' }));
      next = { ...next, prompts: { ...next.prompts, [pr.nodeId]: { executionId: s.executionId, ...pr } } };
    }
    if (typeof s.durationMs === 'number') next.durationMs = s.durationMs;
    if (typeof s.error === 'string') next.error = s.error;
    if (s.tokens) next.tokens = s.tokens;
    if (s.outputs) next.outputs = s.outputs;
    return next;
  }
  if (v.executionId !== p.executionId) {
    // joined mid-run without its start: follow it unless we follow a live one
    if (v.executionId !== null && !isTerminal(v.status)) return v;
    v = { executionId: p.executionId, status: 'running', nodes: {}, order: [], prompts: {} };
  }
  switch (e.type) {
    case 'node_started':
      return withNode(v, e.payload.nodeId, (n) => ({ ...n, status: 'running', iteration: e.payload.iteration, stream: '' }));
    case 'node_progress':
      return withNode(v, e.payload.nodeId, (n) => ({ ...n, status: n.status === 'idle' ? 'running' : n.status, stream: n.stream + e.payload.text }));
    case 'node_completed': {
      const q = e.payload;
      const next = withNode(v, q.nodeId, (n) => {
        const run: NodeRun = { ...n, status: 'completed', output: q.output, durationMs: q.durationMs };
        delete run.error;
        if (q.tokens) run.tokens = q.tokens;
        return run;
      });
      return withoutPrompt(next, q.nodeId);
    }
    case 'node_skipped':
      return withoutPrompt(withNode(v, e.payload.nodeId, (n) => ({ ...n, status: 'skipped', reason: e.payload.reason })), e.payload.nodeId);
    case 'node_failed':
      return withoutPrompt(withNode(v, e.payload.nodeId, (n) => ({ ...n, status: 'failed', error: e.payload.error })), e.payload.nodeId);
    case 'interactive_prompt': {
      const q = e.payload;
      const next = withNode(v, q.nodeId, (n) => ({ ...n, status: 'waiting' }));
      return { ...next, prompts: { ...next.prompts, [q.nodeId]: { executionId: q.executionId, nodeId: q.nodeId, prompt: q.prompt, timeoutSeconds: q.timeoutSeconds } } };
    }
    case 'execution_paused':
      return isTerminal(v.status) ? v : { ...v, status: 'paused' };
    case 'execution_resumed':
      return isTerminal(v.status) ? v : { ...v, status: 'running' };
    case 'execution_completed':
      return { ...v, status: 'completed', prompts: {}, outputs: e.payload.outputs, durationMs: e.payload.durationMs, tokens: e.payload.tokens };
    case 'execution_failed': {
      const next: ExecutionView = { ...v, status: 'failed', prompts: {}, error: e.payload.error };
      if (typeof e.payload.durationMs === 'number') next.durationMs = e.payload.durationMs;
      return next;
    }
    case 'execution_cancelled': {
      const next: ExecutionView = { ...v, status: 'cancelled', prompts: {} };
      if (e.payload.reason) next.error = e.payload.reason;
      if (typeof e.payload.durationMs === 'number') next.durationMs = e.payload.durationMs;
      return next;
    }
  }
}
