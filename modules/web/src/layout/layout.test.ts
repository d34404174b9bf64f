import { describe, expect, it } from 'vitest';
import { applyOpsStrict } from '../graph/apply';
import { graphFromWire, type Graph } from '../graph/model';
import type { GraphOp, WireNode } from '../protocol/ops';
import { DEFAULT_SIZE, anchorsOf, freeSpot, layoutNewNodes, overlaps, type Rect } from './layout';

const n = (id: string, x: number, y: number, type = 'job'): WireNode => ({ id, type, position: { x, y } });
const rect = (g: Graph, id: string, at = g.nodes.get(id)!.position): Rect => ({ ...at, ...DEFAULT_SIZE });

function withChildren(g: Graph, parent: string, ids: string[], at = { x: 0, y: 0 }): Graph {
  const ops: GraphOp[] = [
    ...ids.map((id): GraphOp => ({ op: 'add_node', node: n(id, at.x, at.y) })),
    ...ids.map((id): GraphOp => ({ op: 'add_edge', edge: { id: `e-${id}`, source: parent, target: id } })),
  ];
  return applyOpsStrict(g, ops);
}

function expectNoOverlaps(g: Graph, placed: Map<string, { x: number; y: number }>) {
  const all = [...g.nodes.keys()].map((id) => ({ id, r: rect(g, id, placed.get(id)) }));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      expect(overlaps(all[i]!.r, all[j]!.r), `${all[i]!.id} overlaps ${all[j]!.id}`).toBe(false);
    }
  }
}

describe('layoutNewNodes', () => {
  it('places children below their parent, side by side, without overlaps', () => {
    const g = withChildren(graphFromWire({ nodes: [n('p', 400, 100)], edges: [] }), 'p', ['a', 'b', 'c']);
    const pos = layoutNewNodes(g, ['a', 'b', 'c'], 'p');
    expect([...pos.keys()].sort()).toEqual(['a', 'b', 'c']);
    const ys = [...pos.values()].map((p) => p.y);
    for (const y of ys) expect(y).toBeGreaterThan(100 + DEFAULT_SIZE.height);
    expect(new Set(ys).size).toBe(1); // one rank
    const xs = [...pos.values()].map((p) => p.x).sort((a, b) => a - b);
    const mid = (xs[0]! + xs[2]! + DEFAULT_SIZE.width) / 2;
    expect(Math.abs(mid - (400 + DEFAULT_SIZE.width / 2))).toBeLessThan(2); // centred under the parent
    expectNoOverlaps(g, pos);
  });

  it('moves the group away from existing nodes in the way, never moving those', () => {
    const base = graphFromWire({ nodes: [n('p', 0, 0), n('x', -50, 140), n('y', 150, 150), n('z', 300, 260)], edges: [] });
    const g = withChildren(base, 'p', ['a', 'b', 'c', 'd']);
    const pos = layoutNewNodes(g, ['a', 'b', 'c', 'd'], 'p');
    expectNoOverlaps(g, pos);
    for (const p of pos.values()) expect(p.y).toBeGreaterThan(0);
    for (const p of pos.values()) expect(p.y).toBeLessThan(900); // still near the parent
  });

  it('lays out chains of new nodes by their edges, and uses the fallback anchor when nothing connects them', () => {
    let g = graphFromWire({ nodes: [n('p', 0, 0), n('q', 600, 0)], edges: [] });
    g = applyOpsStrict(g, [
      { op: 'add_node', node: n('a', 0, 0) }, { op: 'add_node', node: n('b', 0, 0) }, { op: 'add_node', node: n('lone', 0, 0) },
      { op: 'add_edge', edge: { id: 'e1', source: 'p', target: 'a' } }, { op: 'add_edge', edge: { id: 'e2', source: 'a', target: 'b' } },
    ]);
    expect(anchorsOf(g, ['a', 'b', 'lone'], 'q')).toEqual(new Map([['a', 'p'], ['b', 'p'], ['lone', 'q']]));
    const pos = layoutNewNodes(g, ['a', 'b', 'lone'], 'q');
    expect(pos.get('b')!.y).toBeGreaterThan(pos.get('a')!.y);
    expect(Math.abs(pos.get('lone')!.x - 600)).toBeLessThan(200);
    expectNoOverlaps(g, pos);
  });

  it('uses the measured sizes it is given', () => {
    const g = withChildren(graphFromWire({ nodes: [n('p', 0, 0)], edges: [] }), 'p', ['a', 'b']);
    const big = { width: 400, height: 200 };
    const pos = layoutNewNodes(g, ['a', 'b'], 'p', () => big);
    const [a, b] = [pos.get('a')!, pos.get('b')!];
    expect(overlaps({ ...a, ...big }, { ...b, ...big })).toBe(false);
    expect(Math.min(a.y, b.y)).toBeGreaterThanOrEqual(200);
  });
});

describe('freeSpot', () => {
  it('takes the centre when it is free, else the nearest free place', () => {
    const empty = graphFromWire({ nodes: [], edges: [] });
    expect(freeSpot(empty, { x: 100, y: 100 })).toEqual({ x: 10, y: 70 });
    const g = graphFromWire({ nodes: [n('a', 10, 70)], edges: [] });
    const p = freeSpot(g, { x: 100, y: 100 });
    expect(overlaps({ ...p, ...DEFAULT_SIZE }, rect(g, 'a'))).toBe(false);
    expect(Math.hypot(p.x - 10, p.y - 70)).toBeLessThan(400);
  });
});
