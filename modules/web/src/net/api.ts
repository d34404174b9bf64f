import type { Json, JsonObject } from '../protocol/json';
import type { ActionInfo } from '../protocol/messages';
import type { WireGraph } from '../protocol/ops';
import { authHeaders, reportAuthProblem } from './auth';

export type FieldType = 'string' | 'text' | 'code' | 'integer' | 'number' | 'boolean' | 'enum' | 'string_list' | 'object' | 'person';

export interface FieldSpec {
  name: string;
  type: FieldType | string;
  required: boolean;
  default?: Json;
  description?: string;
  options?: string[];
}

export interface HandleSpec {
  id: string;
  label: string;
}

export interface NodeTypeInfo {
  type: string;
  title: string;
  description: string;
  fields: FieldSpec[];
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  example?: JsonObject;
}

export interface GraphSummary {
  id: string;
  name?: string | null;
  version: number;
  createdAt?: string;
  updatedAt?: string;
  nodes: number;
  edges: number;
}

export interface VersionInfo {
  version: number;
  createdAt: string;
  author: string | null;
  /** The author's presence name when it had one. */
  authorName?: string | null;
  kind: string;
  nodes: number;
  edges: number;
}

export interface VersionDetail {
  graphId: string;
  version: number;
  updatedAt: string;
  author: string | null;
  ops: Json;
  graph: WireGraph;
}

export interface ImportProblem {
  code: string;
  message: string;
  id?: string;
}

/** A run as GET /api/executions/{id} describes it (the shape of execution_state). */
export interface ExecutionRecord {
  executionId: string;
  graphId: string;
  version: number | null;
  status: 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
  startedAt?: string;
  endedAt?: string | null;
  durationMs?: number;
  error?: string | null;
  outputs?: JsonObject;
  tokens?: { input: number; output: number };
  nodes?: Record<string, { status: string; runs?: number; output?: Json; error?: string | null; durationMs?: number }>;
  prompts?: { nodeId: string; prompt: string; timeoutSeconds: number }[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly problems: ImportProblem[] = []) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), ...authHeaders() } });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; problems?: ImportProblem[] } } | null)?.error;
    reportAuthProblem(res.status, err?.message ?? `${path} answered ${res.status}`);
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `${path} answered ${res.status}`, err?.problems ?? []);
  }
  return body as T;
}

const enc = encodeURIComponent;

export const api = {
  nodeTypes: () => call<{ nodeTypes: NodeTypeInfo[] }>('/api/node-types').then((r) => r.nodeTypes),
  actions: () => call<{ actions: ActionInfo[] }>('/api/actions').then((r) => r.actions),
  graphs: () => call<{ graphs: GraphSummary[] }>('/api/graphs').then((r) => r.graphs),
  versions: (graphId: string, limit = 100) =>
    call<{ graphId: string; current: number; versions: VersionInfo[] }>(`/api/graphs/${enc(graphId)}/versions?limit=${limit}`),
  version: (graphId: string, v: number) => call<VersionDetail>(`/api/graphs/${enc(graphId)}/versions/${v}`),
  rollback: (graphId: string, version: number, authorName?: string) =>
    call<{ graphId: string; version: number; rolledBackTo: number }>(`/api/graphs/${enc(graphId)}/rollback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(authorName ? { version, authorName } : { version }),
    }),
  executions: (graphId: string, limit = 1) =>
    call<{ executions: ExecutionRecord[] }>(`/api/executions?graphId=${enc(graphId)}&limit=${limit}`).then((r) => r.executions),
  execution: (id: string) => call<ExecutionRecord>(`/api/executions/${enc(id)}`),
  /** A cheap authenticated request: after a WebSocket that never opened, it tells a 401 from a network problem. */
  probe: (graphId: string) => call<unknown>(`/api/graphs/${enc(graphId)}/versions?limit=1`),
  /** Converts a diagram file (JSON or YAML, Flowcraft or DiPeO light) into a graph; nothing is stored. */
  importDiagram: (text: string, fileName = '') =>
    call<{ graph: WireGraph; format: string; warnings?: ImportProblem[] }>('/api/diagrams/import', {
      method: 'POST',
      headers: { 'Content-Type': /\.ya?ml$/i.test(fileName) ? 'application/yaml' : /\.json$/i.test(fileName) ? 'application/json' : 'text/plain' },
      body: text,
    }),
};
