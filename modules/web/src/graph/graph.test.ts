import { describe, expect, it } from 'vitest';
import type { GraphOp, WireGraph } from '../protocol/ops';
import { applyOps, applyOpsStrict } from './apply';
import { conflictsBetween, stripConflict } from './conflicts';
import { diff } from './diff';
import { invertOps } from './invert';
import { graphFromWire, graphToWire, type Graph } from './model';

const base: WireGraph = {
  name: 'demo',
  persons: { Ann: { service: 'openai', model: 'gpt' } },
  nodes: [
    { id: 'a', type: 'start', position: { x: 0, y: 0 }, data: { label: 'Begin', custom_data: { k: 1 } } },
    { id: 'b', type: 'job', position: { x: 0, y: 100 }, data: { code: 'x = 1', language: 'python' }, width: 200 },
    { id: 'c', type: 'endpoint', position: { x: 0, y: 200 } },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'b', label: 'input' },
    { id: 'e2', source: 'b', target: 'c', sourceHandle: 'default', data: { contentType: 'raw_text' } },
  ],
};

/** A comparable form: order of nodes/edges/keys does not matter. */
function canon(g: Graph): unknown {
  const w = graphToWire(g);
  const sortDeep = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortDeep);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
    return v;
  };
  return sortDeep({
    ...w,
    nodes: [...w.nodes].sort((x, y) => x.id.localeCompare(y.id)),
    edges: [...w.edges].sort((x, y) => x.id.localeCompare(y.id)),
  });
}

const g0 = () => graphFromWire(structuredClone(base));

const everyKind: [string, GraphOp[]][] = [
  ['add_node', [{ op: 'add_node', node: { id: 'd', type: 'job', position: { x: 5, y: 6 }, data: { code: 'y' }, extraField: true } }]],
  ['update_node position+data+fields', [{ op: 'update_node', id: 'b', position: { x: 9, y: 9 }, data: { code: 'changed', language: null, newKey: [1, 2] }, fields: { width: null, type: 'code_job', parentId: 'a' } }]],
  ['remove_node (with its edges)', [{ op: 'remove_node', id: 'b' }]],
  ['add_edge', [{ op: 'add_edge', edge: { id: 'e3', source: 'a', target: 'c', targetHandle: 'first', data: { x: 1 } } }]],
  ['update_edge', [{ op: 'update_edge', id: 'e2', data: { contentType: null, more: 'x' }, fields: { label: 'lbl', sourceHandle: null, target: 'a' } }]],
  ['remove_edge', [{ op: 'remove_edge', id: 'e1' }]],
  ['set_field', [{ op: 'set_field', key: 'name', value: 'renamed' }, { op: 'set_field', key: 'persons', value: null }, { op: 'set_field', key: 'extra', value: { a: 1 } }]],
  ['a mix that depends on itself', [
    { op: 'add_node', node: { id: 'x', type: 'job', position: { x: 1, y: 1 } } },
    { op: 'add_edge', edge: { id: 'ex', source: 'x', target: 'a' } },
    { op: 'update_node', id: 'x', data: { label: 'X' } },
    { op: 'remove_node', id: 'a' },
    { op: 'update_node', id: 'x', position: { x: 2, y: 2 } },
  ]],
];

describe('applyOps / invertOps', () => {
  it.each(everyKind)('%s: inverse restores the graph', (_name, ops) => {
    const before = g0();
    const after = applyOpsStrict(before, ops);
    expect(canon(after)).not.toEqual(canon(before));
    const inverse = invertOps(before, ops);
    const restored = applyOpsStrict(after, inverse);
    expect(canon(restored)).toEqual(canon(before));
    // and the inverse of the inverse redoes it
    const again = applyOpsStrict(restored, invertOps(after, inverse));
    expect(canon(again)).toEqual(canon(after));
  });

  it('merges data, null deletes a key, other fields are top-level and null removes them', () => {
    const g = applyOpsStrict(g0(), [{ op: 'update_node', id: 'b', data: { language: null, timeout: 5 }, fields: { width: null, zIndex: 3 } }]);
    const b = g.nodes.get('b')!;
    expect(b.data).toEqual({ code: 'x = 1', timeout: 5 });
    expect(b.extra).toEqual({ zIndex: 3 });
    const wire = graphToWire(g).nodes.find((n) => n.id === 'b')!;
    expect(wire.zIndex).toBe(3);
    expect('width' in wire).toBe(false);
  });

  it('changes a node type through fields, never removes it', () => {
    const g = applyOps(g0(), [{ op: 'update_node', id: 'b', fields: { type: null } }]);
    expect(g.problems).toHaveLength(1);
    expect(g.graph.nodes.get('b')!.type).toBe('job');
    expect(applyOpsStrict(g0(), [{ op: 'update_node', id: 'b', fields: { type: 'db' } }]).nodes.get('b')!.type).toBe('db');
  });

  it('remove_node removes its edges and reports them before the node', () => {
    const r = applyOps(g0(), [{ op: 'remove_node', id: 'b' }]);
    expect(r.graph.edges.size).toBe(0);
    expect(r.applied).toEqual([{ op: 'remove_edge', id: 'e1' }, { op: 'remove_edge', id: 'e2' }, { op: 'remove_node', id: 'b' }]);
  });

  it('skips and reports ops that do not apply, like the server', () => {
    const r = applyOps(g0(), [
      { op: 'add_node', node: { id: 'a', type: 'job', position: { x: 0, y: 0 } } },
      { op: 'update_node', id: 'zz', data: { k: 1 } },
      { op: 'add_edge', edge: { id: 'e9', source: 'a', target: 'nope' } },
      { op: 'add_edge', edge: { id: 'e1', source: 'a', target: 'c' } },
      { op: 'remove_edge', id: 'missing' },
      { op: 'set_field', key: 'name', value: 'ok' },
    ]);
    expect(r.problems.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(r.graph.fields.name).toBe('ok');
  });

  it('keeps the identity of untouched nodes', () => {
    const before = g0();
    const after = applyOpsStrict(before, [{ op: 'update_node', id: 'b', data: { code: 'z' } }]);
    expect(after.nodes.get('a')).toBe(before.nodes.get('a'));
    expect(after.nodes.get('b')).not.toBe(before.nodes.get('b'));
    expect(after.edges).not.toBe(before.edges);
    expect(after.edges.get('e1')).toBe(before.edges.get('e1'));
  });

  it('round-trips wire graphs, keeping extra fields', () => {
    expect(canon(graphFromWire(graphToWire(g0())))).toEqual(canon(g0()));
    expect(graphToWire(g0()).persons).toEqual(base.persons);
    expect(graphToWire(g0()).edges[0]!.label).toBe('input');
  });
});

describe('diff', () => {
  it('gives the ops that turn one graph into another', () => {
    const a = g0();
    const b = graphFromWire({
      name: 'other',
      nodes: [
        { id: 'a', type: 'start', position: { x: 10, y: 0 }, data: { label: 'Begin!' } },
        { id: 'c', type: 'endpoint', position: { x: 0, y: 200 }, data: { save_to_file: true } },
        { id: 'n', type: 'job', position: { x: 3, y: 3 } },
      ],
      edges: [
        { id: 'e2', source: 'a', target: 'c' },
        { id: 'e5', source: 'n', target: 'c', label: 'x' },
      ],
    });
    const ops = diff(a, b);
    expect(canon(applyOpsStrict(a, ops))).toEqual(canon(b));
    expect(diff(b, b)).toEqual([]);
  });
});

describe('conflicts (the server rule, mirrored)', () => {
  const move = (id: string): GraphOp => ({ op: 'update_node', id, position: { x: 1, y: 1 } });
  const data = (id: string, k: string): GraphOp => ({ op: 'update_node', id, data: { [k]: 'v' } });

  it('moving A and editing B commute; two data keys of one node commute', () => {
    expect(conflictsBetween([move('a')], [data('b', 'code')])).toEqual([]);
    expect(conflictsBetween([data('b', 'code')], [data('b', 'language')])).toEqual([]);
    expect(conflictsBetween([move('b')], [data('b', 'code')])).toEqual([]);
  });

  it('the same position, data key, other field or diagram field conflict', () => {
    expect(conflictsBetween([move('a')], [move('a')])).toEqual([{ id: 'a', field: 'position' }]);
    expect(conflictsBetween([data('a', 'label')], [data('a', 'label')])).toEqual([{ id: 'a', field: 'data.label' }]);
    expect(conflictsBetween([{ op: 'update_node', id: 'a', fields: { width: 3 } }], [{ op: 'update_node', id: 'a', fields: { width: 4 } }]))
      .toEqual([{ id: 'a', field: 'width' }]);
    expect(conflictsBetween([{ op: 'set_field', key: 'name', value: 'x' }], [{ op: 'set_field', key: 'name', value: 'y' }]))
      .toEqual([{ id: '', field: 'name' }]);
    expect(conflictsBetween([{ op: 'update_edge', id: 'e1', fields: { label: 'x' } }], [{ op: 'update_edge', id: 'e1', fields: { label: 'y' } }]))
      .toEqual([{ id: 'e1', field: 'label' }]);
  });

  it('adding or removing what the other refers to conflicts (an edge refers to its end nodes)', () => {
    expect(conflictsBetween([data('b', 'code')], [{ op: 'remove_node', id: 'b' }])).toEqual([{ id: 'b', field: 'removed' }]);
    expect(conflictsBetween([{ op: 'remove_node', id: 'b' }], [move('b')])).toEqual([{ id: 'b', field: 'removed' }]);
    expect(conflictsBetween([{ op: 'add_edge', edge: { id: 'e9', source: 'a', target: 'b' } }], [{ op: 'remove_node', id: 'b' }]))
      .toEqual([{ id: 'b', field: 'removed' }]);
    expect(conflictsBetween([{ op: 'remove_edge', id: 'e1' }], [{ op: 'update_edge', id: 'e1', data: { k: 1 } }]))
      .toEqual([{ id: 'e1', field: 'removed' }]);
    expect(conflictsBetween([move('a')], [{ op: 'add_edge', edge: { id: 'e9', source: 'b', target: 'c' } }])).toEqual([]);
  });

  it('stripping a conflict keeps the non-conflicting parts', () => {
    const mine: GraphOp[] = [
      { op: 'update_node', id: 'b', position: { x: 1, y: 2 }, data: { label: 'L', code: 'c' } },
      { op: 'update_node', id: 'a', data: { label: 'A' } },
      { op: 'add_edge', edge: { id: 'e7', source: 'a', target: 'c' } },
    ];
    const s1 = stripConflict(mine, { id: 'b', field: 'data.label' });
    expect(s1.changed).toBe(true);
    expect(s1.ops[0]).toEqual({ op: 'update_node', id: 'b', position: { x: 1, y: 2 }, data: { code: 'c' } });
    const s2 = stripConflict(s1.ops, { id: 'b', field: 'position' });
    expect(s2.ops[0]).toEqual({ op: 'update_node', id: 'b', data: { code: 'c' } });
    const s3 = stripConflict(s2.ops, { id: 'b', field: 'data.code' });
    expect(s3.ops).toHaveLength(2); // the emptied update is gone
    const s4 = stripConflict(mine, { id: 'c', field: 'removed' });
    expect(s4.ops.map((o) => o.op)).toEqual(['update_node', 'update_node']);
    expect(stripConflict(mine, { id: 'zz', field: 'position' }).changed).toBe(false);
  });
});
