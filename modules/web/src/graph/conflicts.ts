import type { Conflict } from '../protocol/messages';
import type { GraphOp } from '../protocol/ops';

/** What a list of ops touches, as the server's Conflicts.touch sees it. */
export interface Touches {
  /** "n:ID" / "e:ID" → "added" | "removed": entities the ops add or remove. */
  structural: Map<string, string>;
  /** Entities the ops refer to in any way (an edge refers to its end nodes). */
  refs: Set<string>;
  /** Fine-grained things written ("n:ID:position", "n:ID:data.k", "e:ID:label", "g:name") → the conflict they would report. */
  fine: Map<string, Conflict>;
}

export function touches(ops: readonly GraphOp[]): Touches {
  const structural = new Map<string, string>();
  const refs = new Set<string>();
  const fine = new Map<string, Conflict>();
  for (const op of ops) {
    switch (op.op) {
      case 'add_node':
        structural.set(`n:${op.node.id}`, 'added');
        refs.add(`n:${op.node.id}`);
        break;
      case 'remove_node':
        structural.set(`n:${op.id}`, 'removed');
        refs.add(`n:${op.id}`);
        break;
      case 'update_node':
        refs.add(`n:${op.id}`);
        if (op.position) fine.set(`n:${op.id}:position`, { id: op.id, field: 'position' });
        for (const k of Object.keys(op.data ?? {})) fine.set(`n:${op.id}:data.${k}`, { id: op.id, field: `data.${k}` });
        for (const k of Object.keys(op.fields ?? {})) fine.set(`n:${op.id}:${k}`, { id: op.id, field: k });
        break;
      case 'add_edge':
        structural.set(`e:${op.edge.id}`, 'added');
        refs.add(`e:${op.edge.id}`);
        refs.add(`n:${op.edge.source}`);
        refs.add(`n:${op.edge.target}`);
        break;
      case 'remove_edge':
        structural.set(`e:${op.id}`, 'removed');
        refs.add(`e:${op.id}`);
        break;
      case 'update_edge':
        refs.add(`e:${op.id}`);
        for (const k of Object.keys(op.data ?? {})) fine.set(`e:${op.id}:data.${k}`, { id: op.id, field: `data.${k}` });
        for (const [k, v] of Object.entries(op.fields ?? {})) {
          fine.set(`e:${op.id}:${k}`, { id: op.id, field: k });
          if ((k === 'source' || k === 'target') && typeof v === 'string') refs.add(`n:${v}`);
        }
        break;
      case 'set_field':
        fine.set(`g:${op.key}`, { id: '', field: op.key });
        break;
    }
  }
  return { structural, refs, fine };
}

/** The conflicts between my ops and ops accepted since their base (the server's rule, mirrored). */
export function conflictsBetween(mine: readonly GraphOp[], theirs: readonly GraphOp[]): Conflict[] {
  const m = touches(mine);
  const t = touches(theirs);
  const out = new Map<string, Conflict>();
  const add = (c: Conflict) => out.set(`${c.id}\u0000${c.field}`, c);
  for (const [entity, what] of t.structural) if (m.refs.has(entity)) add({ id: entity.slice(2), field: what });
  for (const [entity, what] of m.structural) if (t.refs.has(entity)) add({ id: entity.slice(2), field: t.structural.get(entity) ?? what });
  for (const [key, c] of m.fine) if (t.fine.has(key)) add(c);
  return [...out.values()];
}

/** Whether an op writes or refers to what a conflict names. */
function refersTo(op: GraphOp, id: string): boolean {
  switch (op.op) {
    case 'add_node':
      return op.node.id === id;
    case 'add_edge':
      return op.edge.id === id || op.edge.source === id || op.edge.target === id;
    case 'update_edge':
      return op.id === id || op.fields?.source === id || op.fields?.target === id;
    case 'set_field':
      return false;
    default:
      return op.id === id;
  }
}

function without<T extends object>(obj: Readonly<Record<string, T | unknown>> | undefined, key: string) {
  if (!obj || !Object.prototype.hasOwnProperty.call(obj, key)) return obj;
  const { [key]: _gone, ...rest } = obj;
  void _gone;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * Removes from `ops` the parts a conflict names, keeping the rest: a conflicting data key of an
 * update is dropped, the other keys stay; for `added`/`removed`, every op that refers to the
 * entity goes. Returns the ops kept and whether anything was dropped.
 */
export function stripConflict(ops: readonly GraphOp[], c: Conflict): { ops: GraphOp[]; changed: boolean } {
  let changed = false;
  const out: GraphOp[] = [];
  for (const op of ops) {
    let next: GraphOp | null = op;
    if (c.field === 'added' || c.field === 'removed') {
      if (c.id !== '' && refersTo(op, c.id)) next = null;
    } else if (c.id === '') {
      if (op.op === 'set_field' && op.key === c.field) next = null;
    } else if ((op.op === 'update_node' || op.op === 'update_edge') && op.id === c.id) {
      if (c.field === 'position' && op.op === 'update_node' && op.position) {
        const { position: _p, ...rest } = op;
        void _p;
        next = rest;
      } else if (c.field.startsWith('data.') && op.data && Object.prototype.hasOwnProperty.call(op.data, c.field.slice(5))) {
        next = { ...op, data: without(op.data, c.field.slice(5)) as Record<string, never> | undefined };
        if (next.data === undefined) delete next.data;
      } else if (op.fields && Object.prototype.hasOwnProperty.call(op.fields, c.field)) {
        next = { ...op, fields: without(op.fields, c.field) as Record<string, never> | undefined };
        if (next.fields === undefined) delete next.fields;
      }
      if (next && next.op === 'update_node' && !next.position && !next.data && !next.fields) next = null;
      if (next && next.op === 'update_edge' && !next.data && !next.fields) next = null;
    }
    if (next !== op) changed = true;
    if (next) out.push(next);
  }
  return { ops: changed ? out : [...ops], changed };
}
