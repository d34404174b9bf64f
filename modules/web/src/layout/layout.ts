import dagre from '@dagrejs/dagre';
import type { Graph } from '../graph/model';
import type { XY } from '../protocol/ops';

export interface Size {
  width: number;
  height: number;
}

export const DEFAULT_SIZE: Size = { width: 180, height: 60 };
const GAP = 24;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * The node each new node hangs from: for every group of new nodes connected by edges, the
 * existing node an edge comes from (else goes to), else the fallback (the node an action ran on).
 */
export function anchorsOf(graph: Graph, newIds: readonly string[], fallback: string | null): Map<string, string | null> {
  const isNew = new Set(newIds);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const id of newIds) parent.set(id, id);
  const external = new Map<string, { from?: string; to?: string }>();
  for (const e of graph.edges.values()) {
    const s = isNew.has(e.source);
    const t = isNew.has(e.target);
    if (s && t) parent.set(find(e.source), find(e.target));
  }
  for (const e of graph.edges.values()) {
    const s = isNew.has(e.source);
    const t = isNew.has(e.target);
    if (t && !s && graph.nodes.has(e.source)) {
      const root = find(e.target);
      const x = external.get(root) ?? {};
      x.from ??= e.source;
      external.set(root, x);
    } else if (s && !t && graph.nodes.has(e.target)) {
      const root = find(e.source);
      const x = external.get(root) ?? {};
      x.to ??= e.target;
      external.set(root, x);
    }
  }
  const out = new Map<string, string | null>();
  for (const id of newIds) {
    const x = external.get(find(id));
    const anchor = x?.from ?? x?.to ?? fallback;
    out.set(id, anchor !== null && anchor !== undefined && graph.nodes.has(anchor) && !isNew.has(anchor) ? anchor : null);
  }
  return out;
}

/**
 * Positions for new nodes: each group is laid out with dagre (top to bottom) together with its
 * anchor, placed so the anchor stays where it is, then moved down until it overlaps no other
 * node. Existing nodes never move.
 */
export function layoutNewNodes(graph: Graph, newIds: readonly string[], fallbackAnchor: string | null,
                               sizeOf: (id: string) => Size = () => DEFAULT_SIZE): Map<string, XY> {
  const out = new Map<string, XY>();
  if (newIds.length === 0) return out;
  const anchors = anchorsOf(graph, newIds, fallbackAnchor);
  const groups = new Map<string, string[]>();
  for (const id of newIds) {
    const key = anchors.get(id) ?? '';
    const g = groups.get(key) ?? [];
    g.push(id);
    groups.set(key, g);
  }
  const isNew = new Set(newIds);
  const obstacles: Rect[] = [];
  for (const n of graph.nodes.values()) {
    if (!isNew.has(n.id)) obstacles.push({ ...n.position, ...sizeOf(n.id) });
  }

  for (const [anchorKey, ids] of groups) {
    const anchor = anchorKey === '' ? null : graph.nodes.get(anchorKey)!;
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 70, marginx: 0, marginy: 0 });
    g.setDefaultEdgeLabel(() => ({}));
    const members = new Set(ids);
    if (anchor) members.add(anchor.id);
    for (const id of members) g.setNode(id, { ...sizeOf(id) });
    const fed = new Set<string>();
    for (const e of graph.edges.values()) {
      if (members.has(e.source) && members.has(e.target) && e.source !== e.target) {
        g.setEdge(e.source, e.target);
        fed.add(e.target);
      }
    }
    // new nodes nothing leads to hang below the anchor all the same
    if (anchor) for (const id of ids) if (!fed.has(id) && !g.hasEdge(id, anchor.id)) g.setEdge(anchor.id, id);
    dagre.layout(g);
    let dx: number;
    let dy: number;
    if (anchor) {
      const a = g.node(anchor.id);
      const size = sizeOf(anchor.id);
      dx = anchor.position.x + size.width / 2 - a.x;
      dy = anchor.position.y + size.height / 2 - a.y;
    } else {
      dx = 0;
      dy = 0;
    }
    const rects = ids.map((id) => {
      const p = g.node(id);
      const size = sizeOf(id);
      return { id, rect: { x: p.x + dx - size.width / 2, y: p.y + dy - size.height / 2, ...size } };
    });
    // when the laid-out group sits above its anchor (it feeds it), keep that side; else go down
    const up = anchor ? rects.every((r) => r.rect.y + r.rect.height <= anchor.position.y) : false;
    const step = (up ? -1 : 1) * 40;
    let shift = 0;
    for (let tries = 0; tries < 2000; tries++) {
      const clash = rects.some(({ rect }) => obstacles.some((o) => overlaps({ ...rect, y: rect.y + shift }, o, GAP)));
      if (!clash) break;
      shift += step;
    }
    for (const { id, rect } of rects) {
      const placed = { ...rect, y: rect.y + shift };
      out.set(id, { x: Math.round(placed.x), y: Math.round(placed.y) });
      obstacles.push(placed);
    }
  }
  return out;
}

/**
 * A free spot for a new node near `center` (spiralling outwards), not on top of another node.
 */
export function freeSpot(graph: Graph, center: XY, size: Size = DEFAULT_SIZE, sizeOf: (id: string) => Size = () => DEFAULT_SIZE): XY {
  const rects: Rect[] = [...graph.nodes.values()].map((n) => ({ ...n.position, ...sizeOf(n.id) }));
  const start = { x: center.x - size.width / 2, y: center.y - size.height / 2 };
  const free = (p: XY) => !rects.some((r) => overlaps({ ...p, ...size }, r, GAP));
  if (free(start)) return { x: Math.round(start.x), y: Math.round(start.y) };
  for (let ring = 1; ring < 60; ring++) {
    const stepX = (size.width + GAP) * ring;
    const stepY = (size.height + GAP) * ring;
    const candidates: XY[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: start.x + (i * stepX) / ring, y: start.y - stepY });
      candidates.push({ x: start.x + (i * stepX) / ring, y: start.y + stepY });
      candidates.push({ x: start.x - stepX, y: start.y + (i * stepY) / ring });
      candidates.push({ x: start.x + stepX, y: start.y + (i * stepY) / ring });
    }
    // nearest first; on a tie, below and right of the centre before above and left
    const cost = (p: XY) => Math.hypot(p.x - start.x, p.y - start.y) + (p.y < start.y ? 0.5 : 0) + (p.x < start.x ? 0.25 : 0);
    candidates.sort((a, b) => cost(a) - cost(b));
    const found = candidates.find(free);
    if (found) return { x: Math.round(found.x), y: Math.round(found.y) };
  }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}
