import { isObject, type Json, type JsonObject } from './json';

export interface XY {
  x: number;
  y: number;
}

/** A node as the wire carries it: any extra top-level field is kept. */
export interface WireNode {
  id: string;
  type: string;
  position: XY;
  data?: JsonObject;
  [extra: string]: unknown;
}

/** An edge as the wire carries it. */
export interface WireEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  label?: string;
  data?: JsonObject;
  [extra: string]: unknown;
}

/** A graph as the wire carries it: nodes, edges and diagram-level fields side by side. */
export interface WireGraph {
  nodes: WireNode[];
  edges: WireEdge[];
  [field: string]: unknown;
}

/**
 * One change to a graph (the unit of delta sync). The update operations keep their extra
 * top-level fields in {@link UpdateNodeOp.fields} / {@link UpdateEdgeOp.fields}; on the wire they
 * sit beside `id` (see {@link encodeOp}). In `data` and `fields`, `null` removes the key.
 */
export type GraphOp = AddNodeOp | UpdateNodeOp | RemoveNodeOp | AddEdgeOp | UpdateEdgeOp | RemoveEdgeOp | SetFieldOp;

export interface AddNodeOp {
  op: 'add_node';
  node: WireNode;
}
export interface UpdateNodeOp {
  op: 'update_node';
  id: string;
  position?: XY;
  data?: Record<string, Json>;
  fields?: Record<string, Json>;
}
export interface RemoveNodeOp {
  op: 'remove_node';
  id: string;
}
export interface AddEdgeOp {
  op: 'add_edge';
  edge: WireEdge;
}
export interface UpdateEdgeOp {
  op: 'update_edge';
  id: string;
  data?: Record<string, Json>;
  fields?: Record<string, Json>;
}
export interface RemoveEdgeOp {
  op: 'remove_edge';
  id: string;
}
export interface SetFieldOp {
  op: 'set_field';
  key: string;
  value: Json;
}

/** The wire form of an op (update ops flatten their fields). */
export function encodeOp(op: GraphOp): JsonObject {
  switch (op.op) {
    case 'update_node': {
      const out: JsonObject = { ...(op.fields ?? {}), op: 'update_node', id: op.id };
      if (op.position) out.position = { x: op.position.x, y: op.position.y };
      if (op.data && Object.keys(op.data).length > 0) out.data = op.data;
      return out;
    }
    case 'update_edge': {
      const out: JsonObject = { ...(op.fields ?? {}), op: 'update_edge', id: op.id };
      if (op.data && Object.keys(op.data).length > 0) out.data = op.data;
      return out;
    }
    case 'add_node':
      return { op: op.op, node: op.node as unknown as JsonObject };
    case 'add_edge':
      return { op: op.op, edge: op.edge as unknown as JsonObject };
    case 'remove_node':
    case 'remove_edge':
      return { op: op.op, id: op.id };
    case 'set_field':
      return { op: op.op, key: op.key, value: op.value };
  }
}

function isXY(v: unknown): v is XY {
  return isObject(v) && typeof v.x === 'number' && typeof v.y === 'number';
}

function isWireNode(v: unknown): v is WireNode {
  return isObject(v) && typeof v.id === 'string' && typeof v.type === 'string' && isXY(v.position)
    && (v.data === undefined || isObject(v.data));
}

function isWireEdge(v: unknown): v is WireEdge {
  return isObject(v) && typeof v.id === 'string' && typeof v.source === 'string' && typeof v.target === 'string'
    && (v.data === undefined || isObject(v.data));
}

export function isWireGraph(v: unknown): v is WireGraph {
  return isObject(v) && Array.isArray(v.nodes) && Array.isArray(v.edges)
    && v.nodes.every(isWireNode) && v.edges.every(isWireEdge);
}

/** Reads one op from the wire; a string describing the problem when it is malformed. */
export function decodeOp(v: unknown): GraphOp | string {
  if (!isObject(v) || typeof v.op !== 'string') return 'not an op';
  switch (v.op) {
    case 'add_node':
      return isWireNode(v.node) ? { op: 'add_node', node: v.node } : 'add_node without a valid node';
    case 'add_edge':
      return isWireEdge(v.edge) ? { op: 'add_edge', edge: v.edge } : 'add_edge without a valid edge';
    case 'remove_node':
    case 'remove_edge':
      return typeof v.id === 'string' ? { op: v.op, id: v.id } : `${v.op} without an id`;
    case 'set_field':
      return typeof v.key === 'string' && 'value' in v ? { op: 'set_field', key: v.key, value: v.value ?? null } : 'set_field without key/value';
    case 'update_node':
    case 'update_edge': {
      if (typeof v.id !== 'string') return `${v.op} without an id`;
      const fields: Record<string, Json> = {};
      let position: XY | undefined;
      let data: Record<string, Json> | undefined;
      for (const [k, val] of Object.entries(v)) {
        if (k === 'op' || k === 'id') continue;
        if (k === 'data') {
          if (!isObject(val)) return `${v.op}.data is not an object`;
          data = val;
        } else if (k === 'position' && v.op === 'update_node') {
          if (!isXY(val)) return 'update_node.position is not {x, y}';
          position = val;
        } else {
          fields[k] = val;
        }
      }
      const base = { id: v.id, ...(data ? { data } : {}), ...(Object.keys(fields).length ? { fields } : {}) };
      return v.op === 'update_node' ? { op: 'update_node', ...base, ...(position ? { position } : {}) } : { op: 'update_edge', ...base };
    }
    default:
      return `unknown op '${v.op}'`;
  }
}

export function decodeOps(v: unknown): GraphOp[] | string {
  if (!Array.isArray(v)) return 'ops is not an array';
  const out: GraphOp[] = [];
  for (let i = 0; i < v.length; i++) {
    const op = decodeOp(v[i]);
    if (typeof op === 'string') return `ops[${i}]: ${op}`;
    out.push(op);
  }
  return out;
}
