import type { Json } from '../protocol/json';
import type { GraphOp } from '../protocol/ops';
import { applyOps } from './apply';
import { edgeToWire, nodeToWire, type Graph } from './model';

/**
 * The ops that undo `ops`, computed against `graph` (the state before them). Ops that would not
 * apply are ignored (they changed nothing). Applying the result to `applyOps(graph, ops).graph`
 * gives back a graph equal to `graph` (node and edge order aside).
 */
export function invertOps(graph: Graph, ops: readonly GraphOp[]): GraphOp[] {
  const inverse: GraphOp[][] = [];
  let g = graph;
  for (const op of ops) {
    const r = applyOps(g, [op]);
    if (r.problems.length > 0) continue;
    inverse.push(invertOne(g, op));
    g = r.graph;
  }
  return inverse.reverse().flat();
}

function previous(obj: Readonly<Record<string, Json>>, key: string): Json {
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj[key] as Json) : null;
}

function invertOne(g: Graph, op: GraphOp): GraphOp[] {
  switch (op.op) {
    case 'add_node':
      return [{ op: 'remove_node', id: op.node.id }];
    case 'remove_node': {
      const n = g.nodes.get(op.id)!;
      const out: GraphOp[] = [{ op: 'add_node', node: nodeToWire(n) }];
      for (const e of g.edges.values()) {
        if (e.source === op.id || e.target === op.id) out.push({ op: 'add_edge', edge: edgeToWire(e) });
      }
      return out;
    }
    case 'update_node': {
      const n = g.nodes.get(op.id)!;
      const inv: Extract<GraphOp, { op: 'update_node' }> = { op: 'update_node', id: op.id };
      if (op.position) inv.position = { ...n.position };
      if (op.data) inv.data = Object.fromEntries(Object.keys(op.data).map((k) => [k, previous(n.data, k)]));
      if (op.fields) {
        inv.fields = Object.fromEntries(Object.keys(op.fields).map((k) => [k, k === 'type' ? n.type : previous(n.extra, k)]));
      }
      return [inv];
    }
    case 'add_edge':
      return [{ op: 'remove_edge', id: op.edge.id }];
    case 'remove_edge':
      return [{ op: 'add_edge', edge: edgeToWire(g.edges.get(op.id)!) }];
    case 'update_edge': {
      const e = g.edges.get(op.id)!;
      const inv: Extract<GraphOp, { op: 'update_edge' }> = { op: 'update_edge', id: op.id };
      if (op.data) inv.data = Object.fromEntries(Object.keys(op.data).map((k) => [k, previous(e.data, k)]));
      if (op.fields) {
        inv.fields = Object.fromEntries(Object.keys(op.fields).map((k): [string, Json] => {
          if (k === 'source' || k === 'target') return [k, e[k]];
          if (k === 'sourceHandle' || k === 'targetHandle') return [k, e[k] ?? null];
          return [k, previous(e.extra, k)];
        }));
      }
      return [inv];
    }
    case 'set_field':
      return [{ op: 'set_field', key: op.key, value: previous(g.fields, op.key) }];
  }
}
