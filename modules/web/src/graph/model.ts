import { isObject, type Json, type JsonObject } from '../protocol/json';
import type { WireEdge, WireGraph, WireNode, XY } from '../protocol/ops';

/**
 * The client's graph model: immutable values; a change makes new maps and new objects only for
 * what it touches, so unchanged nodes keep their identity (the canvas relies on it).
 */
export interface GraphNode {
  readonly id: string;
  readonly type: string;
  readonly position: XY;
  readonly data: Readonly<JsonObject>;
  /** Any other top-level field (width, parentId, …), kept as it is. */
  readonly extra: Readonly<JsonObject>;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string;
  readonly targetHandle?: string;
  readonly data: Readonly<JsonObject>;
  /** label and any other top-level field. */
  readonly extra: Readonly<JsonObject>;
}

export interface Graph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: ReadonlyMap<string, GraphEdge>;
  /** Diagram-level fields (name, persons, …). */
  readonly fields: Readonly<JsonObject>;
}

export const EMPTY_GRAPH: Graph = { nodes: new Map(), edges: new Map(), fields: {} };

const NODE_KEYS = new Set(['id', 'type', 'position', 'data']);
const EDGE_KEYS = new Set(['id', 'source', 'target', 'sourceHandle', 'targetHandle', 'data']);

function extras(v: Record<string, unknown>, known: Set<string>): JsonObject {
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) {
    if (!known.has(k) && val !== undefined) out[k] = val as Json;
  }
  return out;
}

export function nodeFromWire(n: WireNode): GraphNode {
  return {
    id: n.id,
    type: n.type,
    position: { x: n.position.x, y: n.position.y },
    data: isObject(n.data) ? n.data : {},
    extra: extras(n, NODE_KEYS),
  };
}

export function edgeFromWire(e: WireEdge): GraphEdge {
  const out: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = {
    id: e.id,
    source: e.source,
    target: e.target,
    data: isObject(e.data) ? e.data : {},
    extra: extras(e, EDGE_KEYS),
  };
  if (typeof e.sourceHandle === 'string') out.sourceHandle = e.sourceHandle;
  if (typeof e.targetHandle === 'string') out.targetHandle = e.targetHandle;
  return out;
}

export function nodeToWire(n: GraphNode): WireNode {
  return { ...n.extra, id: n.id, type: n.type, position: { x: n.position.x, y: n.position.y }, data: { ...n.data } };
}

export function edgeToWire(e: GraphEdge): WireEdge {
  const out: WireEdge = { ...e.extra, id: e.id, source: e.source, target: e.target };
  if (e.sourceHandle !== undefined) out.sourceHandle = e.sourceHandle;
  if (e.targetHandle !== undefined) out.targetHandle = e.targetHandle;
  if (Object.keys(e.data).length > 0) out.data = { ...e.data };
  return out;
}

export function graphFromWire(g: WireGraph): Graph {
  const nodes = new Map<string, GraphNode>();
  for (const n of g.nodes) nodes.set(n.id, nodeFromWire(n));
  const edges = new Map<string, GraphEdge>();
  for (const e of g.edges) edges.set(e.id, edgeFromWire(e));
  const fields: JsonObject = {};
  for (const [k, v] of Object.entries(g)) {
    if (k !== 'nodes' && k !== 'edges' && v !== undefined) fields[k] = v as Json;
  }
  return { nodes, edges, fields };
}

export function graphToWire(g: Graph): WireGraph {
  return {
    ...g.fields,
    nodes: [...g.nodes.values()].map(nodeToWire),
    edges: [...g.edges.values()].map(edgeToWire),
  };
}

/** What a person calls a node: its label, else the given type title, else its type. */
export function nodeLabel(n: GraphNode | undefined, typeTitle?: string): string {
  if (!n) return 'a node';
  const l = n.data.label;
  if (typeof l === 'string' && l.trim() !== '') return l;
  return typeTitle ?? n.type;
}

export function graphName(g: Graph): string | null {
  const n = g.fields.name;
  return typeof n === 'string' && n !== '' ? n : null;
}
