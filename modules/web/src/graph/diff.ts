import { jsonEqual, type Json, type JsonObject } from '../protocol/json';
import type { GraphOp } from '../protocol/ops';
import { edgeToWire, nodeToWire, type Graph } from './model';

function objectPatch(a: Readonly<JsonObject>, b: Readonly<JsonObject>): Record<string, Json> | undefined {
  const out: Record<string, Json> = {};
  for (const k of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(b, k)) out[k] = null;
  for (const [k, v] of Object.entries(b)) if (!jsonEqual(a[k], v)) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The ops that turn `a` into `b`: edges that go away first, then nodes removed, added and
 * changed, then new and changed edges, then diagram fields.
 */
export function diff(a: Graph, b: Graph): GraphOp[] {
  const ops: GraphOp[] = [];
  const removedNodes = new Set<string>();
  for (const id of a.nodes.keys()) if (!b.nodes.has(id)) removedNodes.add(id);
  const replacedEdges = new Set<string>();
  for (const [id, e] of a.edges) {
    const other = b.edges.get(id);
    if (removedNodes.has(e.source) || removedNodes.has(e.target)) continue; // goes with its node
    if (!other || other.source !== e.source || other.target !== e.target) {
      ops.push({ op: 'remove_edge', id });
      if (other) replacedEdges.add(id);
    }
  }
  for (const id of removedNodes) ops.push({ op: 'remove_node', id });
  for (const [id, n] of b.nodes) {
    const old = a.nodes.get(id);
    if (!old) {
      ops.push({ op: 'add_node', node: nodeToWire(n) });
      continue;
    }
    if (old === n) continue;
    const u: Extract<GraphOp, { op: 'update_node' }> = { op: 'update_node', id };
    if (old.position.x !== n.position.x || old.position.y !== n.position.y) u.position = { ...n.position };
    const data = objectPatch(old.data, n.data);
    if (data) u.data = data;
    const fields = objectPatch(old.extra, n.extra) ?? {};
    if (old.type !== n.type) fields.type = n.type;
    if (Object.keys(fields).length > 0) u.fields = fields;
    if (u.position || u.data || u.fields) ops.push(u);
  }
  for (const [id, e] of b.edges) {
    const old = a.edges.get(id);
    const gone = old && (removedNodes.has(old.source) || removedNodes.has(old.target));
    if (!old || gone || replacedEdges.has(id)) {
      ops.push({ op: 'add_edge', edge: edgeToWire(e) });
      continue;
    }
    if (old === e) continue;
    const u: Extract<GraphOp, { op: 'update_edge' }> = { op: 'update_edge', id };
    const data = objectPatch(old.data, e.data);
    if (data) u.data = data;
    const fields = objectPatch(old.extra, e.extra) ?? {};
    if ((old.sourceHandle ?? null) !== (e.sourceHandle ?? null)) fields.sourceHandle = e.sourceHandle ?? null;
    if ((old.targetHandle ?? null) !== (e.targetHandle ?? null)) fields.targetHandle = e.targetHandle ?? null;
    if (Object.keys(fields).length > 0) u.fields = fields;
    if (u.data || u.fields) ops.push(u);
  }
  const fieldPatch = objectPatch(a.fields, b.fields);
  if (fieldPatch) for (const [key, value] of Object.entries(fieldPatch)) ops.push({ op: 'set_field', key, value });
  return ops;
}
