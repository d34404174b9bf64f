import { diff } from '../../graph/diff';
import { graphFromWire, graphToWire, type Graph } from '../../graph/model';
import { DEFAULT_SIZE, freeSpot } from '../../layout/layout';
import { api, ApiError } from '../../net/api';
import type { Json } from '../../protocol/json';
import type { GraphOp, XY } from '../../protocol/ops';
import { editGraph, nodeSizes, selectEdge, selectNode } from '../../store/session';
import { pushNotice, useApp } from '../../store/store';

function randomId(prefix: string): string {
  const rnd = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  return `${prefix}-${Date.now().toString(36).slice(-4)}${rnd}`;
}

export function newNodeId(type: string): string {
  return randomId(type.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 20) || 'node');
}

export function newEdgeId(): string {
  return randomId('e');
}

/** Where the canvas's visible centre is, in flow coordinates (set by the canvas). */
let viewportCenter: (() => XY) | null = null;
export function setViewportCenter(fn: (() => XY) | null): void {
  viewportCenter = fn;
}

const sizeOf = (id: string) => nodeSizes.get(id) ?? DEFAULT_SIZE;

/** Adds a node of a type: at `at` (a drop), else at a free spot near the viewport centre; selects it. */
export function addNode(type: string, at?: XY): void {
  const graph = useApp.getState().graph;
  const position = at
    ? { x: Math.round(at.x - DEFAULT_SIZE.width / 2), y: Math.round(at.y - DEFAULT_SIZE.height / 2) }
    : freeSpot(graph, viewportCenter?.() ?? { x: 0, y: 0 }, DEFAULT_SIZE, sizeOf);
  const id = newNodeId(type);
  if (editGraph([{ op: 'add_node', node: { id, type, position, data: {} } }])) selectNode(id);
}

export function deleteNodes(nodeIds: readonly string[], edgeIds: readonly string[] = []): void {
  const graph = useApp.getState().graph;
  const gone = new Set(nodeIds.filter((id) => graph.nodes.has(id)));
  const ops: GraphOp[] = [];
  for (const id of edgeIds) {
    const e = graph.edges.get(id);
    if (e && !gone.has(e.source) && !gone.has(e.target)) ops.push({ op: 'remove_edge', id });
  }
  for (const id of gone) ops.push({ op: 'remove_node', id });
  if (ops.length === 0) return;
  editGraph(ops);
  const s = useApp.getState();
  if (s.selectedNodeId && gone.has(s.selectedNodeId)) selectNode(null);
  if (s.selectedEdgeId && edgeIds.includes(s.selectedEdgeId)) selectEdge(null);
}

export function updateNodeData(nodeId: string, data: Record<string, Json>): void {
  editGraph([{ op: 'update_node', id: nodeId, data }]);
}

/* ------------------------------------------------------------------ import / export */

function download(name: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function exportGraph(format: 'json' | 'yaml'): Promise<void> {
  const s = useApp.getState();
  if (!s.graphId) return;
  const wire = graphToWire(s.graph);
  if (format === 'json') {
    download(`${s.graphId}.json`, `${JSON.stringify(wire, null, 2)}\n`, 'application/json');
    return;
  }
  const YAML = await import('yaml'); // loaded on first use: it is a third of the bundle
  download(`${s.graphId}.yaml`, YAML.stringify(wire), 'application/yaml');
}

/** The ops that replace `current`'s content by `imported` (keeping the current name when the import has none). */
export function replacementOps(current: Graph, imported: Graph): GraphOp[] {
  const fields = { ...imported.fields };
  if (fields.name === undefined && current.fields.name !== undefined) fields.name = current.fields.name;
  return diff(current, { ...imported, fields });
}

export async function importFile(file: File): Promise<void> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    pushNotice('error', `Could not read ${file.name}: ${(e as Error).message}`);
    return;
  }
  try {
    const res = await api.importDiagram(text, file.name);
    const imported = graphFromWire(res.graph);
    const ops = replacementOps(useApp.getState().graph, imported);
    if (ops.length === 0) {
      pushNotice('info', `${file.name} has the same content as the graph.`);
      return;
    }
    editGraph(ops, 'import');
    selectNode(null);
    pushNotice('info', `Imported ${file.name} (${res.format}): ${imported.nodes.size} nodes, ${imported.edges.size} edges.`);
    const warnings = res.warnings ?? [];
    if (warnings.length > 0) {
      pushNotice('warning', `${file.name} will not run as it is: ${warnings.slice(0, 5).map((w) => w.message).join('; ')}${warnings.length > 5 ? ' …' : ''}`);
    }
  } catch (e) {
    if (e instanceof ApiError && e.problems.length > 0) {
      const list = e.problems.slice(0, 8).map((p) => p.message).join('; ');
      pushNotice('error', `Could not import ${file.name}: ${list}${e.problems.length > 8 ? ` (and ${e.problems.length - 8} more)` : ''}`);
    } else {
      pushNotice('error', `Could not import ${file.name}: ${(e as Error).message}`);
    }
  }
}
