import type { Graph } from '../graph/model';
import { jsonEqual, type Json } from '../protocol/json';
import type { GraphOp } from '../protocol/ops';

function positionOnly(op: GraphOp): op is Extract<GraphOp, { op: 'update_node' }> {
  return op.op === 'update_node' && op.position !== undefined && op.data === undefined && op.fields === undefined;
}

/**
 * Merges position-only moves of the same node (the last one wins, in the first one's place) when
 * nothing in between adds or removes that node: a burst of moves goes out as one.
 */
export function coalesce(ops: readonly GraphOp[]): GraphOp[] {
  const out: (GraphOp | null)[] = [];
  const lastMove = new Map<string, number>();
  for (const op of ops) {
    if (op.op === 'add_node') lastMove.delete(op.node.id);
    if (op.op === 'remove_node') lastMove.delete(op.id);
    if (positionOnly(op)) {
      const at = lastMove.get(op.id);
      if (at !== undefined) {
        out[at] = op;
        continue;
      }
      lastMove.set(op.id, out.length);
    }
    out.push(op);
  }
  return out.filter((o): o is GraphOp => o !== null);
}

function has(obj: Readonly<Record<string, Json>>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, k);
}

function valueIs(obj: Readonly<Record<string, Json>>, k: string, v: Json): boolean {
  return v === null ? !has(obj, k) : jsonEqual(obj[k], v);
}

/** Whether `g` already shows the effect of `op` (it was applied, or someone made the same change). */
export function opHolds(g: Graph, op: GraphOp): boolean {
  switch (op.op) {
    case 'add_node':
      return g.nodes.has(op.node.id);
    case 'remove_node':
      return !g.nodes.has(op.id);
    case 'add_edge':
      return g.edges.has(op.edge.id);
    case 'remove_edge':
      return !g.edges.has(op.id);
    case 'set_field':
      return valueIs(g.fields, op.key, op.value);
    case 'update_node': {
      const n = g.nodes.get(op.id);
      if (!n) return false;
      if (op.position && (n.position.x !== op.position.x || n.position.y !== op.position.y)) return false;
      for (const [k, v] of Object.entries(op.data ?? {})) if (!valueIs(n.data, k, v)) return false;
      for (const [k, v] of Object.entries(op.fields ?? {})) {
        if (k === 'type' ? n.type !== v : !valueIs(n.extra, k, v)) return false;
      }
      return true;
    }
    case 'update_edge': {
      const e = g.edges.get(op.id);
      if (!e) return false;
      for (const [k, v] of Object.entries(op.data ?? {})) if (!valueIs(e.data, k, v)) return false;
      for (const [k, v] of Object.entries(op.fields ?? {})) {
        if (k === 'source' || k === 'target') {
          if (e[k] !== v) return false;
        } else if (k === 'sourceHandle' || k === 'targetHandle') {
          if ((e[k] ?? null) !== v) return false;
        } else if (!valueIs(e.extra, k, v)) return false;
      }
      return true;
    }
  }
}

/**
 * The parts of an undo (`inverse`) that are still safe: a field is restored only while it still
 * holds the value the undone change (`forward`) gave it; someone else's later value is kept.
 * Returns the ops to apply and the parts skipped ({id, field}).
 */
export function freshInverse(g: Graph, forward: readonly GraphOp[], inverse: readonly GraphOp[]):
  { ops: GraphOp[]; skipped: { id: string; field: string }[] } {
  const expected = new Map<string, Json>();
  for (const op of forward) {
    if (op.op === 'update_node') {
      if (op.position) expected.set(`n:${op.id}:position`, { x: op.position.x, y: op.position.y });
      for (const [k, v] of Object.entries(op.data ?? {})) expected.set(`n:${op.id}:data.${k}`, v);
      for (const [k, v] of Object.entries(op.fields ?? {})) expected.set(`n:${op.id}:${k}`, v);
    } else if (op.op === 'update_edge') {
      for (const [k, v] of Object.entries(op.data ?? {})) expected.set(`e:${op.id}:data.${k}`, v);
      for (const [k, v] of Object.entries(op.fields ?? {})) expected.set(`e:${op.id}:${k}`, v);
    } else if (op.op === 'set_field') {
      expected.set(`g:${op.key}`, op.value);
    }
  }
  const skipped: { id: string; field: string }[] = [];
  const ok = (key: string, probe: GraphOp, id: string, field: string): boolean => {
    if (!expected.has(key)) return true;
    if (opHolds(g, probe)) return true;
    skipped.push({ id, field });
    return false;
  };
  const out: GraphOp[] = [];
  for (const op of inverse) {
    if (op.op === 'update_node') {
      const next: Extract<GraphOp, { op: 'update_node' }> = { op: 'update_node', id: op.id };
      if (op.position) {
        const want = expected.get(`n:${op.id}:position`) as { x: number; y: number } | undefined;
        if (!want || ok(`n:${op.id}:position`, { op: 'update_node', id: op.id, position: want }, op.id, 'position')) next.position = op.position;
      }
      for (const [k, v] of Object.entries(op.data ?? {})) {
        const key = `n:${op.id}:data.${k}`;
        if (ok(key, { op: 'update_node', id: op.id, data: { [k]: expected.get(key) ?? null } }, op.id, `data.${k}`)) (next.data ??= {})[k] = v;
      }
      for (const [k, v] of Object.entries(op.fields ?? {})) {
        const key = `n:${op.id}:${k}`;
        if (ok(key, { op: 'update_node', id: op.id, fields: { [k]: expected.get(key) ?? null } }, op.id, k)) (next.fields ??= {})[k] = v;
      }
      if (next.position || next.data || next.fields) out.push(next);
    } else if (op.op === 'update_edge') {
      const next: Extract<GraphOp, { op: 'update_edge' }> = { op: 'update_edge', id: op.id };
      for (const [k, v] of Object.entries(op.data ?? {})) {
        const key = `e:${op.id}:data.${k}`;
        if (ok(key, { op: 'update_edge', id: op.id, data: { [k]: expected.get(key) ?? null } }, op.id, `data.${k}`)) (next.data ??= {})[k] = v;
      }
      for (const [k, v] of Object.entries(op.fields ?? {})) {
        const key = `e:${op.id}:${k}`;
        if (ok(key, { op: 'update_edge', id: op.id, fields: { [k]: expected.get(key) ?? null } }, op.id, k)) (next.fields ??= {})[k] = v;
      }
      if (next.data || next.fields) out.push(next);
    } else if (op.op === 'set_field') {
      if (ok(`g:${op.key}`, { op: 'set_field', key: op.key, value: expected.get(`g:${op.key}`) ?? null }, '', op.key)) out.push(op);
    } else {
      out.push(op);
    }
  }
  return { ops: out, skipped };
}
