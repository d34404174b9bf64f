/** The server's HTTP API (docs/protocol.md "HTTP API"), for setting up and for checking stored state. */
import type { Graph, Json } from './ws-client';
import { baseURL } from './paths';

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: string, what: string) {
    super(`${what} → HTTP ${status}: ${body.slice(0, 500)}`);
  }
}

export async function api<T = Json>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(baseURL() + path, init);
  const text = await res.text();
  if (!res.ok) throw new HttpError(res.status, text, `${init?.method ?? 'GET'} ${path}`);
  return JSON.parse(text) as T;
}

export interface StoredGraph { graphId: string; version: number; updatedAt: string; graph: Graph }

export const getGraph = (id: string) => api<StoredGraph>(`/api/graphs/${encodeURIComponent(id)}`);

/** The stored graph, or null while it does not exist (404). */
export async function getGraphOrNull(id: string): Promise<StoredGraph | null> {
  try { return await getGraph(id); } catch (e) { if (e instanceof HttpError && e.status === 404) return null; throw e; }
}

export interface GraphSummary { id: string; name: string | null; version: number; createdAt: string; updatedAt: string; nodes: number; edges: number }
export const listGraphs = async () => (await api<{ graphs: GraphSummary[] }>('/api/graphs')).graphs;

export interface VersionSummary { version: number; createdAt: string; author: string | null; kind: string; nodes: number; edges: number }
export const listVersions = (id: string, limit = 100) =>
  api<{ graphId: string; current: number; versions: VersionSummary[] }>(`/api/graphs/${encodeURIComponent(id)}/versions?limit=${limit}`);
export const getVersion = (id: string, v: number) =>
  api<{ graphId: string; version: number; author: string | null; ops: Json[] | null; graph: Graph }>(`/api/graphs/${encodeURIComponent(id)}/versions/${v}`);

export interface ExecutionSummary { executionId: string; graphId: string; version: number | null; status: string; prompts: Json[]; error: Json }
export const listExecutions = async (graphId: string) =>
  (await api<{ executions: ExecutionSummary[] }>(`/api/executions?graphId=${encodeURIComponent(graphId)}`)).executions;
export const getExecution = (id: string) =>
  api<ExecutionSummary & { outputs: Json; nodes: Record<string, { status: string; runs: number; output: Json; error: Json }> }>(`/api/executions/${encodeURIComponent(id)}`);

export const nodeTypes = async () => (await api<{ nodeTypes: Json[] }>('/api/node-types')).nodeTypes;
export const actions = async () => (await api<{ actions: Json[] }>('/api/actions')).actions;

/** POST /api/diagrams/import: the server's conversion of a file (what the client's import uses). */
export const importDiagram = (text: string) =>
  api<{ graph: Graph; format: string }>('/api/diagrams/import', { method: 'POST', body: text, headers: { 'content-type': 'text/plain' } });
