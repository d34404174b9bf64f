import { nodeLabel, type Graph } from '../graph/model';
import type { Conflict } from '../protocol/messages';
import type { GraphOp } from '../protocol/ops';
import type { Origin } from './types';

type Title = (type: string) => string | undefined;

function prefix(origin: Origin): string {
  return origin === 'undo' ? 'Undo: ' : origin === 'redo' ? 'Redo: ' : '';
}

/** Graphs to name things from, in order of preference (the current one first, then older ones). */
export type Names = readonly Graph[];

function findNode(gs: Names, id: string) {
  for (const g of gs) {
    const n = g.nodes.get(id);
    if (n) return n;
  }
  return undefined;
}

export function entityName(gs: Names, id: string, title: Title): string {
  const n = findNode(gs, id);
  if (n) return nodeLabel(n, title(n.type));
  for (const g of gs) {
    const e = g.edges.get(id);
    if (e) {
      const s = findNode(gs, e.source);
      const t = findNode(gs, e.target);
      return `the connection ${s ? nodeLabel(s, title(s.type)) : e.source} → ${t ? nodeLabel(t, title(t.type)) : e.target}`;
    }
  }
  return id;
}

/** "Ann changed Fetch.prompt at the same time — kept their value", and its variants. */
export function conflictText(c: Conflict, who: string, origin: Origin, g: Names, title: Title): string {
  const p = prefix(origin);
  if (c.id === '') return `${p}${who} changed the diagram's ${c.field} at the same time — kept their value`;
  const name = entityName(g, c.id, title);
  if (c.field === 'removed') return `${p}${who} removed ${name} at the same time — your change to it was dropped`;
  if (c.field === 'added') return `${p}${who} added ${name} at the same time — kept their version`;
  const field = c.field.startsWith('data.') ? c.field.slice(5) : c.field;
  return `${p}${who} changed ${name}.${field} at the same time — kept their value`;
}

/** Why a pending op was dropped because it no longer applies; null when nothing was really lost. */
export function lossText(op: GraphOp, origin: Origin, before: Names, title: Title): string | null {
  const p = prefix(origin);
  switch (op.op) {
    case 'remove_node':
    case 'remove_edge':
      return null; // already gone: what the user wanted
    case 'update_node':
      return `${p}Your change to ${entityName(before, op.id, title)} was lost: the node was removed`;
    case 'update_edge':
      return `${p}Your change to ${entityName(before, op.id, title)} was lost: the connection was removed`;
    case 'add_edge':
      return `${p}Your new connection was lost: one of its nodes was removed`;
    case 'add_node':
      return `${p}Your new node ${op.node.id} was lost: a node with that id exists`;
    case 'set_field':
      return `${p}Your change to the diagram's ${op.key} was lost`;
  }
}
