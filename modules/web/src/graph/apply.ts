import type { Json, JsonObject } from '../protocol/json';
import type { GraphOp } from '../protocol/ops';
import { edgeFromWire, nodeFromWire, type Graph, type GraphEdge, type GraphNode } from './model';

export interface ApplyResult {
  graph: Graph;
  /** The ops as they took effect: a remove_node is preceded by the remove_edges of its edges. */
  applied: GraphOp[];
  /** One entry per op that could not apply (it was skipped), with its index. */
  problems: { index: number; message: string }[];
}

/** Merges a data patch: `null` removes a key. */
export function mergeData(base: Readonly<JsonObject>, patch: Readonly<Record<string, Json>> | undefined): Readonly<JsonObject> {
  if (!patch) return base;
  const keys = Object.keys(patch);
  if (keys.length === 0) return base;
  const out: JsonObject = { ...base };
  for (const k of keys) {
    const v = patch[k];
    if (v === null || v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * Applies ops in order, like the server's editor: an op that cannot apply (unknown id, duplicate
 * id, dangling edge) is skipped and reported. The input graph is not modified; unchanged nodes and
 * edges keep their identity.
 */
export function applyOps(graph: Graph, ops: readonly GraphOp[]): ApplyResult {
  if (ops.length === 0) return { graph, applied: [], problems: [] };
  const nodes = new Map(graph.nodes);
  const edges = new Map(graph.edges);
  let fields: JsonObject | null = null;
  const applied: GraphOp[] = [];
  const problems: ApplyResult['problems'] = [];
  const problem = (index: number, message: string) => problems.push({ index, message });

  ops.forEach((op, index) => {
    switch (op.op) {
      case 'add_node':
        if (nodes.has(op.node.id)) return problem(index, `node '${op.node.id}' already exists`);
        nodes.set(op.node.id, nodeFromWire(op.node));
        applied.push(op);
        return;
      case 'update_node': {
        const n = nodes.get(op.id);
        if (!n) return problem(index, `there is no node '${op.id}' to update`);
        let type = n.type;
        let extra = n.extra;
        if (op.fields) {
          const next: JsonObject = { ...n.extra };
          for (const [k, v] of Object.entries(op.fields)) {
            if (k === 'type') {
              if (typeof v !== 'string' || v === '') return problem(index, "a node's type must be a non-empty string");
              type = v;
            } else if (v === null) delete next[k];
            else next[k] = v;
          }
          extra = next;
        }
        const updated: GraphNode = {
          id: n.id,
          type,
          position: op.position ? { x: op.position.x, y: op.position.y } : n.position,
          data: mergeData(n.data, op.data),
          extra,
        };
        nodes.set(n.id, updated);
        applied.push(op);
        return;
      }
      case 'remove_node': {
        if (!nodes.has(op.id)) return problem(index, `there is no node '${op.id}' to remove`);
        nodes.delete(op.id);
        for (const e of [...edges.values()]) {
          if (e.source === op.id || e.target === op.id) {
            edges.delete(e.id);
            applied.push({ op: 'remove_edge', id: e.id });
          }
        }
        applied.push(op);
        return;
      }
      case 'add_edge': {
        const e = op.edge;
        if (edges.has(e.id)) return problem(index, `edge '${e.id}' already exists`);
        if (!nodes.has(e.source)) return problem(index, `edge '${e.id}' starts at node '${e.source}', which does not exist`);
        if (!nodes.has(e.target)) return problem(index, `edge '${e.id}' ends at node '${e.target}', which does not exist`);
        edges.set(e.id, edgeFromWire(e));
        applied.push(op);
        return;
      }
      case 'update_edge': {
        const e = edges.get(op.id);
        if (!e) return problem(index, `there is no edge '${op.id}' to update`);
        const next: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = { ...e, data: mergeData(e.data, op.data) };
        if (op.fields) {
          const extra: JsonObject = { ...e.extra };
          for (const [k, v] of Object.entries(op.fields)) {
            if (k === 'source' || k === 'target') {
              if (typeof v !== 'string' || !nodes.has(v)) return problem(index, `edge '${op.id}': ${k} must be an existing node`);
              next[k] = v;
            } else if (k === 'sourceHandle' || k === 'targetHandle') {
              if (v === null) delete next[k];
              else if (typeof v === 'string') next[k] = v;
              else return problem(index, `edge '${op.id}': ${k} must be a string or null`);
            } else if (v === null) delete extra[k];
            else extra[k] = v;
          }
          next.extra = extra;
        }
        edges.set(e.id, next);
        applied.push(op);
        return;
      }
      case 'remove_edge':
        if (!edges.delete(op.id)) return problem(index, `there is no edge '${op.id}' to remove`);
        applied.push(op);
        return;
      case 'set_field':
        if (op.key === 'nodes' || op.key === 'edges') return problem(index, `set_field cannot set '${op.key}'`);
        fields ??= { ...graph.fields };
        if (op.value === null) delete fields[op.key];
        else fields[op.key] = op.value;
        applied.push(op);
        return;
    }
  });
  return { graph: { nodes, edges, fields: fields ?? graph.fields }, applied, problems };
}

/** Applies ops that must apply (the server's): throws on the first problem. */
export function applyOpsStrict(graph: Graph, ops: readonly GraphOp[]): Graph {
  const r = applyOps(graph, ops);
  if (r.problems.length > 0) throw new Error(`ops do not apply: ${r.problems.map((p) => `ops[${p.index}]: ${p.message}`).join('; ')}`);
  return r.graph;
}
