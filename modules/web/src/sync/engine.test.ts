import { describe, expect, it } from 'vitest';
import { overlaps } from '../layout/layout';
import type { JsonObject } from '../protocol/json';
import { encodeOp, type GraphOp } from '../protocol/ops';
import { MAX_ATTEMPTS } from './types';
import { connected, sampleGraph, server } from './testkit';

const wireOps = (ops: GraphOp[]) => ops.map(encodeOp) as unknown as JsonObject[];
const label = (id: string, value: string | null): GraphOp => ({ op: 'update_node', id, data: { label: value } });
const move = (id: string, x: number, y: number): GraphOp => ({ op: 'update_node', id, position: { x, y } });

describe('SyncEngine: sending and acknowledgements', () => {
  it('sends one patch at a time on the confirmed version and advances on the ack', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'One')]);
    expect(h.transport.patches()).toHaveLength(1);
    const p1 = h.transport.lastPatch();
    expect(p1.payload).toEqual({ baseVersion: 5, ops: [label('n1', 'One')] });
    expect(p1.correlationId).toBe('corr-1');
    expect(h.engine.view.nodes.get('n1')!.data.label).toBe('One'); // optimistic

    h.engine.edit([label('n2', 'Two')]);
    h.engine.edit([move('n3', 10, 20)]);
    expect(h.transport.patches()).toHaveLength(1); // queued behind the one in flight
    expect(h.engine.pendingOpCount).toBe(3);

    h.deliver('graph_patch', { version: 6, ops: wireOps([label('n1', 'One')]), author: 'c1' }, { correlationId: 'corr-1' });
    expect(h.engine.version).toBe(6);
    expect(h.engine.confirmed.nodes.get('n1')!.data.label).toBe('One');
    const p2 = h.transport.lastPatch();
    expect(p2.payload.baseVersion).toBe(6);
    expect(p2.payload.ops).toEqual([label('n2', 'Two'), move('n3', 10, 20)]); // the queue goes out as one patch
    expect(h.engine.inflight?.correlationId).toBe(p2.correlationId);

    h.deliver('graph_patch', { version: 7, ops: wireOps(p2.payload.ops), author: 'c1' }, { correlationId: p2.correlationId! });
    expect(h.engine.version).toBe(7);
    expect(h.engine.pendingOpCount).toBe(0);
    expect(h.engine.inflight).toBeNull();
    expect(h.transport.patches()).toHaveLength(2);
    expect(h.notices).toEqual([]);
  });

  it('applies the server ops of the ack (with the implied edge removals)', () => {
    const h = connected(5);
    h.engine.edit([{ op: 'remove_node', id: 'n2' }]);
    expect(h.engine.view.edges.size).toBe(0);
    h.deliver('graph_patch', {
      version: 6, author: 'c1',
      ops: wireOps([{ op: 'remove_edge', id: 'e1' }, { op: 'remove_edge', id: 'e2' }, { op: 'remove_node', id: 'n2' }]),
    }, { correlationId: 'corr-1' });
    expect(h.engine.confirmed.nodes.has('n2')).toBe(false);
    expect(h.engine.confirmed.edges.size).toBe(0);
    expect(h.engine.view).toBe(h.engine.confirmed);
  });

  it('coalesces moves of the same node waiting in the queue', () => {
    const h = connected(5);
    h.engine.edit([label('n2', 'x')]);
    h.engine.edit([move('n1', 1, 1)]);
    h.engine.edit([move('n1', 2, 2), move('n2', 5, 5)]);
    h.engine.edit([move('n1', 3, 3)]);
    h.deliver('graph_patch', { version: 6, ops: wireOps([label('n2', 'x')]), author: 'c1' }, { correlationId: 'corr-1' });
    expect(h.transport.lastPatch().payload.ops).toEqual([move('n1', 3, 3), move('n2', 5, 5)]);
  });

  it('keeps edits made while disconnected and sends them once the connection is ready', () => {
    const h = connected(5);
    h.engine.connectionClosed();
    h.transport.open = false;
    h.engine.edit([label('n1', 'offline')]);
    expect(h.transport.patches()).toHaveLength(0);
    expect(h.engine.view.nodes.get('n1')!.data.label).toBe('offline');
    h.transport.open = true;
    h.engine.connectionOpened();
    expect(h.transport.sent.map((m) => m.type)).toEqual(['hello']);
    h.deliver('hello', { protocol: 2, capabilities: ['patch'], version: 5, connectionId: 'c9' });
    expect(h.transport.lastPatch().payload).toEqual({ baseVersion: 5, ops: [label('n1', 'offline')] });
  });
});

describe('SyncEngine: remote changes', () => {
  it('applies a remote patch to confirmed and rebases the pending changes on it', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]); // in flight
    h.engine.edit([label('n2', 'Queued')]); // queued
    h.deliver('graph_patch', { version: 6, ops: wireOps([move('n3', 50, 60)]), author: 'c2' }, { correlationId: 'theirs' });
    expect(h.engine.version).toBe(6);
    expect(h.engine.confirmed.nodes.get('n3')!.position).toEqual({ x: 50, y: 60 });
    expect(h.engine.confirmed.nodes.get('n1')!.data.label).toBe('Fetch');
    const v = h.engine.view;
    expect(v.nodes.get('n1')!.data.label).toBe('Mine');
    expect(v.nodes.get('n2')!.data.label).toBe('Queued');
    expect(v.nodes.get('n3')!.position).toEqual({ x: 50, y: 60 });
    expect(h.engine.inflight?.correlationId).toBe('corr-1'); // still waiting for its answer
    expect(h.notices).toEqual([]);
  });

  it('drops pending changes to a node someone removed, saying what was lost', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]);
    h.engine.edit([label('n2', 'Lost'), move('n1', 7, 7)]);
    h.deliver('graph_patch', {
      version: 6, author: 'c2',
      ops: wireOps([{ op: 'remove_edge', id: 'e1' }, { op: 'remove_edge', id: 'e2' }, { op: 'remove_node', id: 'n2' }]),
    });
    expect(h.engine.queuedBatches.flatMap((b) => b.ops)).toEqual([move('n1', 7, 7)]);
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]!.kind).toBe('warning');
    expect(h.notices[0]!.text).toContain('Parse');
    expect(h.notices[0]!.text).toContain('Ann');
  });

  it('a queued edit of the same field as a remote change keeps their value, with a notice', () => {
    const h = connected(5);
    h.engine.edit([move('n3', 1, 1)]); // in flight
    h.engine.edit([{ op: 'update_node', id: 'n1', data: { label: 'Mine', code: 'kept' } }]);
    h.deliver('graph_patch', { version: 6, ops: wireOps([label('n1', 'Theirs')]), author: 'c2' });
    expect(h.engine.view.nodes.get('n1')!.data).toEqual({ label: 'Theirs', code: 'kept' });
    expect(h.notices.map((n) => n.text)).toEqual(['Ann changed Theirs.label at the same time — kept their value']);
  });

  it('ignores duplicate and stale patches', () => {
    const h = connected(5);
    const before = h.engine.confirmed;
    h.deliver('graph_patch', { version: 5, ops: wireOps([label('n1', 'dup')]), author: 'c2' });
    h.deliver('graph_patch', { version: 3, ops: wireOps([label('n1', 'old')]), author: 'c2' });
    expect(h.engine.confirmed).toBe(before);
    expect(h.engine.version).toBe(5);
    expect(h.transport.reconnects).toEqual([]);
  });

  it('a gap in versions makes it reconnect with since (and apply nothing)', () => {
    const h = connected(5);
    h.deliver('graph_patch', { version: 8, ops: wireOps([label('n1', 'future')]), author: 'c2' });
    expect(h.transport.reconnects).toEqual([false]);
    expect(h.engine.version).toBe(5);
    expect(h.engine.since).toBe(5);
    expect(h.engine.confirmed.nodes.get('n1')!.data.label).toBe('Fetch');
    // the old connection's leftovers are ignored until the new one opens
    h.deliver('graph_patch', { version: 6, ops: wireOps([label('n1', 'late')]), author: 'c2' });
    expect(h.engine.version).toBe(5);
  });

  it('a version_mismatch snapshot replaces the state; pending changes are rebased on it', () => {
    const h = connected(5);
    h.engine.connectionClosed();
    h.transport.open = false;
    h.engine.edit([label('n1', 'keep')]);
    h.engine.edit([label('n2', 'gone')]);
    h.transport.open = true;
    const g = { nodes: [{ id: 'n1', type: 'job', position: { x: 0, y: 0 }, data: { label: 'Fetch', code: 'new' } }], edges: [], name: 'x' };
    h.engine.connectionOpened();
    h.deliver('sync_graph', { version: 12, graph: g }, { error: 'version_mismatch' });
    expect(h.engine.version).toBe(12);
    expect(h.engine.confirmed.nodes.size).toBe(1);
    expect(h.engine.view.nodes.get('n1')!.data).toEqual({ label: 'keep', code: 'new' });
    expect(h.notices.some((n) => n.text.includes('Parse') && n.text.includes('lost'))).toBe(true);
    h.deliver('hello', { protocol: 2, capabilities: ['patch'], version: 12, connectionId: 'c7' });
    expect(h.transport.lastPatch().payload).toEqual({ baseVersion: 12, ops: [label('n1', 'keep')] });
  });

  it('a backlog snapshot that already contains the patch in flight counts as its acknowledgement', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]);
    const g = structuredClone(sampleGraphWith('n1', 'Mine'));
    h.deliver('sync_graph', { version: 9, graph: g });
    expect(h.engine.inflight).toBeNull();
    expect(h.engine.version).toBe(9);
    expect(h.engine.pendingOpCount).toBe(0);
  });
});

function sampleGraphWith(id: string, lbl: string): JsonObject {
  const g = connected().engine.confirmed; // a fresh copy of the sample
  const nodes = [...g.nodes.values()].map((n) => ({ id: n.id, type: n.type, position: n.position, data: n.id === id ? { ...n.data, label: lbl } : n.data }));
  const edges = [...g.edges.values()].map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return { nodes, edges } as unknown as JsonObject;
}

describe('SyncEngine: rejected patches', () => {
  it('non-conflicting rejection: applies the missing ops and retries on the new version with the same ops', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]);
    h.deliver('patch_rejected', { baseVersion: 5, version: 6, conflicts: [], ops: wireOps([move('n2', 9, 9)]) }, { correlationId: 'corr-1' });
    expect(h.engine.version).toBe(6);
    expect(h.engine.confirmed.nodes.get('n2')!.position).toEqual({ x: 9, y: 9 });
    const retry = h.transport.lastPatch();
    expect(retry.payload).toEqual({ baseVersion: 6, ops: [label('n1', 'Mine')] });
    expect(retry.correlationId).not.toBe('corr-1');
    expect(h.notices).toEqual([]);
  });

  it('does not apply the ops twice when their graph_patch came first', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]);
    h.deliver('graph_patch', { version: 6, ops: wireOps([{ op: 'add_node', node: { id: 'x', type: 'job', position: { x: 0, y: 0 } } }]), author: 'c2' });
    h.deliver('patch_rejected', {
      baseVersion: 5, version: 6, conflicts: [],
      ops: wireOps([{ op: 'add_node', node: { id: 'x', type: 'job', position: { x: 0, y: 0 } } }]),
    }, { correlationId: 'corr-1' });
    expect(h.engine.confirmed.nodes.size).toBe(4);
    expect(h.transport.reconnects).toEqual([]);
    expect(h.transport.lastPatch().payload.baseVersion).toBe(6);
  });

  it('conflict: adopts their value, says who, and retries only the non-conflicting part', () => {
    const h = connected(5);
    h.engine.edit([{ op: 'update_node', id: 'n1', data: { label: 'Mine', code: 'print(1)' } }]);
    h.deliver('graph_patch', { version: 6, ops: wireOps([label('n1', 'Theirs')]), author: 'c2' });
    h.deliver('patch_rejected', {
      baseVersion: 5, version: 6, conflicts: [{ id: 'n1', field: 'data.label' }], ops: wireOps([label('n1', 'Theirs')]),
    }, { correlationId: 'corr-1' });
    expect(h.notices).toEqual([{ kind: 'warning', text: 'Ann changed Theirs.label at the same time — kept their value' }]);
    expect(h.transport.lastPatch().payload).toEqual({ baseVersion: 6, ops: [{ op: 'update_node', id: 'n1', data: { code: 'print(1)' } }] });
    expect(h.engine.view.nodes.get('n1')!.data).toEqual({ label: 'Theirs', code: 'print(1)' });
  });

  it('conflict with a removal drops the change to the removed node with a notice', () => {
    const h = connected(5);
    h.engine.edit([label('n2', 'Mine'), move('n1', 4, 4)]);
    const removal = wireOps([{ op: 'remove_edge', id: 'e1' }, { op: 'remove_edge', id: 'e2' }, { op: 'remove_node', id: 'n2' }]);
    h.deliver('patch_rejected', { baseVersion: 5, version: 6, conflicts: [{ id: 'n2', field: 'removed' }], ops: removal }, { correlationId: 'corr-1' });
    expect(h.engine.version).toBe(6);
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]!.text).toBe('someone removed Parse at the same time — your change to it was dropped');
    expect(h.transport.lastPatch().payload).toEqual({ baseVersion: 6, ops: [move('n1', 4, 4)] });
  });

  it(`gives up after ${MAX_ATTEMPTS} rejections of the same change: dropped, error notice, resync; no endless loop`, () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Stubborn')]);
    for (let i = 0; i < 10; i++) {
      const last = h.transport.lastPatch();
      const v = h.engine.version;
      h.deliver('patch_rejected', { baseVersion: last.payload.baseVersion, version: v, conflicts: [], ops: [] }, { correlationId: last.correlationId! });
    }
    expect(h.transport.patches()).toHaveLength(MAX_ATTEMPTS);
    expect(h.notices.filter((n) => n.kind === 'error')).toHaveLength(1);
    expect(h.transport.reconnects).toEqual([true]);
    expect(h.engine.pendingOpCount).toBe(0);
    expect(h.engine.view.nodes.get('n1')!.data.label).toBe('Fetch');
  });

  it('a rejection whose history is gone (resync) reconnects fresh and keeps the change', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]);
    h.deliver('patch_rejected', { baseVersion: 5, version: 40, conflicts: [], ops: [], resync: true }, { correlationId: 'corr-1' });
    expect(h.transport.reconnects).toEqual([true]);
    expect(h.engine.pendingOpCount).toBe(1);
    h.engine.connectionOpened();
    h.deliver('sync_graph', { version: 40, graph: sampleGraph() as unknown as JsonObject });
    h.deliver('hello', { protocol: 2, capabilities: ['patch'], version: 40, connectionId: 'c8' });
    expect(h.transport.lastPatch().payload).toEqual({ baseVersion: 40, ops: [label('n1', 'Mine')] });
  });

  it('a rejection naming versions it does not have here reconnects with since', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]);
    h.deliver('graph_patch', { version: 6, ops: wireOps([move('n3', 1, 1)]), author: 'c2' });
    // base 4 < 6 < 8: the flattened ops cannot be split, fetch what is missing
    h.deliver('patch_rejected', { baseVersion: 4, version: 8, conflicts: [], ops: wireOps([move('n3', 1, 1), move('n2', 2, 2)]) }, { correlationId: 'corr-1' });
    expect(h.transport.reconnects).toEqual([false]);
    expect(h.engine.version).toBe(6);
    expect(h.engine.pendingOpCount).toBe(1);
  });

  it('an error answering the patch drops it, says why and restores the view', () => {
    const h = connected(5);
    h.engine.edit([{ op: 'add_edge', edge: { id: 'bad', source: 'n1', target: 'n3' } }]);
    h.engine.edit([label('n2', 'Next')]);
    h.deliver('error', { code: 'invalid_graph', message: 'the graph is invalid (1 problem): ops[0]: nope' }, { correlationId: 'corr-1' });
    expect(h.notices).toEqual([{ kind: 'error', text: 'Your change was refused: the graph is invalid (1 problem): ops[0]: nope' }]);
    expect(h.engine.view.edges.has('bad')).toBe(false);
    expect(h.transport.lastPatch().payload).toEqual({ baseVersion: 5, ops: [label('n2', 'Next')] });
  });
});

describe('SyncEngine: reconnecting', () => {
  it('resends the unanswered patch and the queue, based on the version it has, after a reconnect with since', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'A')]);
    h.engine.edit([label('n2', 'B')]);
    h.engine.connectionClosed();
    expect(h.engine.since).toBe(5);
    h.engine.connectionOpened();
    h.deliver('graph_patch', { version: 6, ops: wireOps([move('n3', 3, 3)]), author: 'c2' }); // replayed
    h.deliver('hello', { protocol: 2, capabilities: ['patch'], version: 6, connectionId: 'c4' });
    const p = h.transport.lastPatch();
    expect(p.payload).toEqual({ baseVersion: 6, ops: [label('n1', 'A'), label('n2', 'B')] });
    expect(h.transport.patches()).toHaveLength(2);
  });

  it('a replayed patch by its old connection is the lost acknowledgement: not sent twice', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'A')]);
    h.engine.edit([label('n2', 'B')]);
    h.engine.connectionClosed();
    h.engine.connectionOpened();
    h.deliver('graph_patch', { version: 6, ops: wireOps([label('n1', 'A')]), author: 'c1' }); // replay, no correlation id
    h.deliver('hello', { protocol: 2, capabilities: ['patch'], version: 6, connectionId: 'c4' });
    expect(h.transport.lastPatch().payload).toEqual({ baseVersion: 6, ops: [label('n2', 'B')] });
    expect(h.engine.view.nodes.get('n1')!.data.label).toBe('A');
  });

  it('after a reconnect, a lost patch the graph already shows is not sent again', () => {
    const h = connected(5);
    h.engine.edit([move('n1', 40, 40)]);
    h.engine.connectionClosed();
    h.engine.connectionOpened();
    // the history was pruned: a snapshot that (thanks to the lost patch) has the move already
    const g = sampleGraph();
    g.nodes[0]!.position = { x: 40, y: 40 };
    h.deliver('sync_graph', { version: 30, graph: g as unknown as JsonObject });
    h.deliver('hello', { protocol: 2, capabilities: ['patch'], version: 30, connectionId: 'c5' });
    expect(h.transport.patches()).toHaveLength(1); // only the original send
    expect(h.engine.pendingOpCount).toBe(0);
  });

  it('an unanswered patch makes it reconnect after the timeout', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'A')]);
    h.clock.now += 5_000;
    h.engine.tick();
    expect(h.transport.reconnects).toEqual([]);
    h.clock.now += 30_000;
    h.engine.tick();
    expect(h.transport.reconnects).toEqual([false]);
  });
});

describe('SyncEngine: actions', () => {
  function withChildren(corr: string | undefined) {
    const h = connected(5);
    h.engine.executeAction('generate-children', 'n1', { count: 3 });
    const req = h.transport.sent.find((m) => m.type === 'execute_action')!;
    expect(req.payload).toEqual({ actionId: 'generate-children', nodeId: 'n1', params: { count: 3 } });
    const kids = ['k1', 'k2', 'k3'];
    // the plugin stacks them all on one spot: the client must spread them out
    h.deliver('apply_changes', {
      add: kids.map((id) => ({ id, type: 'job', position: { x: 0, y: 150 }, data: { label: id } })),
      update: [], remove: [],
      addEdges: kids.map((id) => ({ id: `e-${id}`, source: 'n1', target: id })),
      removeEdges: [], version: 6, actionId: 'generate-children',
    }, corr === undefined ? {} : { correlationId: corr === 'mine' ? req.correlationId! : corr });
    return { h, kids };
  }

  it('the requester lays the new nodes out next to the parent, without overlaps, and sends their positions', () => {
    const { h, kids } = withChildren('mine');
    expect(h.engine.version).toBe(6);
    expect(h.engine.confirmed.nodes.size).toBe(6);
    const p = h.transport.lastPatch();
    expect(p.payload.baseVersion).toBe(6);
    expect(p.payload.ops.map((o) => o.op === 'update_node' && o.id).sort()).toEqual(kids);
    const size = { width: 180, height: 60 };
    const placed = kids.map((id) => ({ ...h.engine.view.nodes.get(id)!.position, ...size }));
    const parent = h.engine.view.nodes.get('n1')!.position;
    for (const r of placed) {
      expect(Math.abs(r.x - parent.x)).toBeLessThan(600);
      expect(r.y - parent.y).toBeGreaterThan(0);
      expect(r.y - parent.y).toBeLessThan(700);
    }
    const others = ['n1', 'n2', 'n3'].map((id) => ({ ...h.engine.view.nodes.get(id)!.position, ...size }));
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
      for (const o of others) expect(overlaps(placed[i]!, o)).toBe(false);
    }
    // the action is one undo step: undo removes the children
    h.deliver('graph_patch', { version: 7, ops: wireOps(p.payload.ops), author: 'c1' }, { correlationId: p.correlationId! });
    h.engine.undo();
    expect(h.transport.lastPatch().payload.ops.filter((o) => o.op === 'remove_node').map((o) => o.op === 'remove_node' && o.id).sort()).toEqual(kids);
  });

  it('others only receive the change: no layout patch', () => {
    const { h } = withChildren('someone-else');
    expect(h.engine.version).toBe(6);
    expect(h.transport.patches()).toHaveLength(0);
    const { h: h2 } = withChildren(undefined);
    expect(h2.transport.patches()).toHaveLength(0);
    expect(h2.engine.canUndo).toBe(false);
  });

  it('an action error is reported', () => {
    const h = connected(5);
    h.engine.executeAction('duplicate', 'n1');
    const req = h.transport.sent.find((m) => m.type === 'execute_action')!;
    expect(req.payload).toEqual({ actionId: 'duplicate', nodeId: 'n1' });
    h.engine.receive(server('error', { code: 'action_failed', message: 'boom' }, { correlationId: req.correlationId! }));
    expect(h.notices).toEqual([{ kind: 'error', text: 'The action duplicate failed: boom' }]);
  });
});

describe('SyncEngine: undo and redo', () => {
  function ack(h: ReturnType<typeof connected>, author = 'c1') {
    const p = h.transport.lastPatch();
    h.deliver('graph_patch', { version: h.engine.version + 1, ops: wireOps(p.payload.ops), author }, { correlationId: p.correlationId! });
  }

  it('undo sends the inverse of the edit; redo sends it again', () => {
    const h = connected(5);
    h.engine.edit([{ op: 'update_node', id: 'n1', data: { label: 'New', timeout: 3 }, position: { x: 5, y: 5 } }]);
    ack(h);
    expect(h.engine.undo()).toBe(true);
    expect(h.transport.lastPatch().payload.ops).toEqual([{ op: 'update_node', id: 'n1', position: { x: 0, y: 0 }, data: { label: 'Fetch', timeout: null } }]);
    ack(h);
    expect(h.engine.view.nodes.get('n1')!.data).toEqual({ label: 'Fetch', code: 'a' });
    expect(h.engine.canRedo).toBe(true);
    expect(h.engine.redo()).toBe(true);
    expect(h.transport.lastPatch().payload.ops).toEqual([{ op: 'update_node', id: 'n1', position: { x: 5, y: 5 }, data: { label: 'New', timeout: 3 } }]);
    ack(h);
    expect(h.engine.view.nodes.get('n1')!.data).toEqual({ label: 'New', code: 'a', timeout: 3 });
  });

  it('undoing a removal brings the node back with its edges', () => {
    const h = connected(5);
    h.engine.edit([{ op: 'remove_node', id: 'n2' }]);
    ack(h);
    h.engine.undo();
    const ops = h.transport.lastPatch().payload.ops;
    expect(ops.map((o) => o.op)).toEqual(['add_node', 'add_edge', 'add_edge']);
    ack(h);
    expect(h.engine.view.nodes.has('n2')).toBe(true);
    expect([...h.engine.view.edges.keys()].sort()).toEqual(['e1', 'e2']);
  });

  it('remote edits do not enter the undo stack; a new edit clears redo', () => {
    const h = connected(5);
    h.deliver('graph_patch', { version: 6, ops: wireOps([label('n1', 'Theirs')]), author: 'c2' });
    expect(h.engine.canUndo).toBe(false);
    expect(h.engine.undo()).toBe(false);
    h.engine.edit([label('n2', 'x')]);
    ack(h);
    h.engine.undo();
    ack(h);
    expect(h.engine.canRedo).toBe(true);
    h.engine.edit([label('n3', 'y')]);
    expect(h.engine.canRedo).toBe(false);
  });

  it('undo keeps a value someone changed since, and says so', () => {
    const h = connected(5);
    h.engine.edit([{ op: 'update_node', id: 'n1', data: { label: 'Mine', code: 'mine' } }]);
    ack(h);
    h.deliver('graph_patch', { version: 7, ops: wireOps([label('n1', 'Later')]), author: 'c3' });
    h.engine.undo();
    expect(h.transport.lastPatch().payload.ops).toEqual([{ op: 'update_node', id: 'n1', data: { code: 'a' } }]);
    expect(h.notices.map((n) => n.text)).toEqual(['Undo: Bob changed Later.label since — kept their value']);
  });

  it('an undo rejected by a conflict says it was the undo', () => {
    const h = connected(5);
    h.engine.edit([label('n1', 'Mine')]);
    ack(h);
    h.engine.undo();
    const undoPatch = h.transport.lastPatch();
    h.deliver('graph_patch', { version: 7, ops: wireOps([{ op: 'update_node', id: 'n1', data: { label: 'Theirs' } }]), author: 'c2' });
    h.deliver('patch_rejected', { baseVersion: 6, version: 7, conflicts: [{ id: 'n1', field: 'data.label' }], ops: [] }, { correlationId: undoPatch.correlationId! });
    expect(h.notices.map((n) => n.text)).toEqual(['Undo: Ann changed Theirs.label at the same time — kept their value']);
    expect(h.engine.view.nodes.get('n1')!.data.label).toBe('Theirs');
    expect(h.engine.pendingOpCount).toBe(0);
  });
});
