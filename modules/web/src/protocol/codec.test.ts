import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, toWire } from './codec';
import type { JsonObject } from './json';
import type { ClientMessage, ServerMessage } from './messages';
import type { GraphOp } from './ops';

/** docs/schemas of the repository, found from this file (modules/web/src/protocol → ../../../../docs/schemas). */
const SCHEMAS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../docs/schemas');

type Schema = { $id: string; $schema?: string };
let ajv: InstanceType<typeof Ajv2020>;
const ids = new Map<string, string>(); // "client/hello" → $id

function loadAll(): void {
  ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const files = ['common.schema.json', ...['client', 'server'].flatMap((dir) =>
    readdirSync(join(SCHEMAS, dir)).filter((f) => f.endsWith('.schema.json')).map((f) => `${dir}/${f}`))];
  for (const f of files) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as Schema;
    expect(schema.$schema, f).toBe('https://json-schema.org/draft/2020-12/schema');
    ajv.addSchema(schema);
    ids.set(f.replace('.schema.json', ''), schema.$id);
  }
}

function hasSchema(side: 'client' | 'server', type: string): boolean {
  return existsSync(join(SCHEMAS, side, `${type}.schema.json`));
}

function validate(side: 'client' | 'server', msg: unknown): void {
  const type = (msg as { type: string }).type;
  const id = ids.get(`${side}/${type}`);
  expect(id, `a schema for ${side}/${type}`).toBeDefined();
  const v = ajv.getSchema(id!)!;
  const ok = v(msg);
  expect(ok ? [] : v.errors, `${side}/${type} ${JSON.stringify(msg)}`).toEqual([]);
}

beforeAll(loadAll);

const node = { id: 'n1', type: 'job', position: { x: 1, y: 2 }, data: { code: 'x', label: 'L' }, width: 180 };
const edge = { id: 'e1', source: 'n1', target: 'n2', sourceHandle: 'condtrue', label: 'value', data: { contentType: 'raw_text' } };
const everyOp: GraphOp[] = [
  { op: 'add_node', node },
  { op: 'update_node', id: 'n1', position: { x: 3, y: 4 } },
  { op: 'update_node', id: 'n1', data: { code: 'y', gone: null } },
  { op: 'update_node', id: 'n1', fields: { type: 'code_job', width: null } },
  { op: 'remove_node', id: 'n1' },
  { op: 'add_edge', edge },
  { op: 'update_edge', id: 'e1', data: { contentType: 'object' }, fields: { label: 'other', targetHandle: null } },
  { op: 'update_edge', id: 'e1', fields: { source: 'n3', target: 'n4' } },
  { op: 'remove_edge', id: 'e1' },
  { op: 'set_field', key: 'name', value: 'My graph' },
  { op: 'set_field', key: 'persons', value: { Ann: { service: 'openai', model: 'gpt-4o' } } },
  { op: 'set_field', key: 'persons', value: null },
];

describe('client messages validate against docs/schemas/client', () => {
  const graph = { nodes: [node, { ...node, id: 'n2' }], edges: [edge], name: 'x', persons: {} };
  const messages: ClientMessage[] = [
    { type: 'hello', payload: { capabilities: ['patch', 'presence'] } },
    { type: 'hello', payload: { capabilities: ['patch'], since: 4 } },
    { type: 'sync_graph', payload: { version: 3, graph }, correlationId: 'c-1' },
    { type: 'execute_action', payload: { actionId: 'generate-children', nodeId: 'n1' }, correlationId: 'a-1' },
    { type: 'execute_action', payload: { actionId: 'insert-between', nodeId: 'n1', params: { edgeId: 'e1' } } },
    { type: 'execute_diagram', payload: { graphId: 'my-graph_1' } },
    { type: 'execute_diagram', payload: { diagram: graph, inputs: { a: 1 }, options: { timeoutSeconds: 10, maxConcurrency: 2 } } },
    { type: 'pause_execution', payload: { executionId: 'x1' } },
    { type: 'resume_execution', payload: { executionId: 'x1' } },
    { type: 'cancel_execution', payload: { executionId: 'x1' } },
    { type: 'user_response', payload: { executionId: 'x1', nodeId: 'n1', response: 'yes' } },
    { type: 'broadcast_event', payload: { kind: 'cursor', x: 1 } },
  ];
  it.each(messages.map((m) => [m.type, m] as const))('%s', (_t, m) => validate('client', toWire(m)));

  it.each(everyOp.map((op, i) => [`${op.op} #${i}`, op] as const))('patch_graph with %s', (_t, op) => {
    validate('client', toWire({ type: 'patch_graph', payload: { baseVersion: 7, ops: [op] }, correlationId: 'p1' }));
  });

  it('patch_graph puts update fields at the top level of the op', () => {
    const wire = toWire({ type: 'patch_graph', payload: { baseVersion: 1, ops: [everyOp[3]!] } }) as { payload: { ops: JsonObject[] } };
    expect(wire.payload.ops[0]).toEqual({ op: 'update_node', id: 'n1', type: 'code_job', width: null });
  });

  it('presence (picked up once docs/schemas/client/presence.schema.json exists)', () => {
    const msg = toWire({ type: 'presence', payload: { name: 'Ann', editing: 'n1' } });
    const idle = toWire({ type: 'presence', payload: { name: null, editing: null } });
    if (!hasSchema('client', 'presence')) {
      console.warn('docs/schemas/client/presence.schema.json is missing: presence not validated yet');
      return;
    }
    validate('client', msg);
    validate('client', idle);
  });

  it('the validator does reject bad messages (it is not vacuous)', () => {
    const bad = toWire({ type: 'patch_graph', payload: { baseVersion: -1, ops: [{ op: 'remove_node' } as unknown as GraphOp] } });
    expect(() => validate('client', bad)).toThrow();
    expect(() => validate('server', { type: 'graph_patch', payload: { version: 1, ops: [], author: 'c1' } })).toThrow(); // no timestamp
  });

  it('every client schema type is one the client can encode', () => {
    const known = new Set(['hello', 'presence', 'patch_graph', 'sync_graph', 'execute_action', 'execute_diagram', 'pause_execution',
      'resume_execution', 'cancel_execution', 'user_response', 'broadcast_event']);
    for (const f of readdirSync(join(SCHEMAS, 'client'))) expect(known, f).toContain(f.replace('.schema.json', ''));
  });
});

const ts = '2026-05-01T10:00:00.000Z';
const serverSamples: { msg: JsonObject; check: (m: ServerMessage) => void }[] = [
  {
    msg: { type: 'hello', payload: { protocol: 2, capabilities: ['patch'], version: 4, connectionId: 'c12' } },
    check: (m) => expect(m.type === 'hello' && m.payload.connectionId).toBe('c12'),
  },
  {
    msg: { type: 'hello', payload: { protocol: 2, capabilities: ['patch'], version: 4, connectionId: 'c13', role: 'viewer' } },
    check: (m) => expect(m.type === 'hello' && m.payload.role).toBe('viewer'),
  },
  {
    msg: { type: 'error', payload: { code: 'unauthorized', message: "your role 'viewer' may not send patch_graph: it needs editor or above", details: { type: 'patch_graph', role: 'viewer', requiredRole: 'editor' } }, correlationId: 'p-9' },
    check: (m) => expect(m.type === 'error' && m.payload.code).toBe('unauthorized'),
  },
  {
    msg: { type: 'error', payload: { code: 'rate_limited', message: 'too many messages', details: { retryAfterMs: 250, messagesPerSecond: 200, burst: 400 } } },
    check: (m) => expect(m.type === 'error' && m.payload.code).toBe('rate_limited'),
  },
  {
    msg: { type: 'error', payload: { code: 'too_many_executions', message: '4 runs of graph g are going', details: { limit: 4, scope: 'graph', setting: 'flowcraft.limits.executions-per-graph' } }, correlationId: 'r-1' },
    check: (m) => expect(m.type === 'error' && m.payload.code).toBe('too_many_executions'),
  },
  {
    msg: { type: 'sync_graph', payload: { version: 4, graph: { nodes: [node], edges: [], name: 'g' } } },
    check: (m) => expect(m.type === 'sync_graph' && m.payload.graph.nodes[0]!.id).toBe('n1'),
  },
  {
    msg: { type: 'sync_graph', payload: { version: 9, graph: { nodes: [], edges: [] } }, error: 'version_mismatch', correlationId: 'c-1' },
    check: (m) => {
      expect(m.type).toBe('sync_graph');
      expect((m as { error?: string }).error).toBe('version_mismatch');
      expect(m.correlationId).toBe('c-1');
    },
  },
  {
    msg: { type: 'graph_patch', payload: { version: 5, author: 'c3', ops: [{ op: 'update_node', id: 'n1', position: { x: 1, y: 1 }, data: { a: null }, type: 'db' }, { op: 'remove_edge', id: 'e1' }] }, correlationId: 'p-1' },
    check: (m) => {
      expect(m.type).toBe('graph_patch');
      if (m.type !== 'graph_patch') return;
      expect(m.payload.ops[0]).toEqual({ op: 'update_node', id: 'n1', position: { x: 1, y: 1 }, data: { a: null }, fields: { type: 'db' } });
      expect(m.payload.author).toBe('c3');
    },
  },
  {
    msg: { type: 'patch_rejected', payload: { baseVersion: 3, version: 5, conflicts: [{ id: 'n1', field: 'data.prompt' }, { id: '', field: 'persons' }], ops: [{ op: 'set_field', key: 'persons', value: {} }] }, correlationId: 'p-2' },
    check: (m) => expect(m.type === 'patch_rejected' && m.payload.conflicts).toHaveLength(2),
  },
  {
    msg: { type: 'patch_rejected', payload: { baseVersion: 0, version: 900, conflicts: [], ops: [], resync: true } },
    check: (m) => expect(m.type === 'patch_rejected' && m.payload.resync).toBe(true),
  },
  {
    msg: { type: 'apply_changes', payload: { add: [node], update: [{ id: 'n0', position: { x: 0, y: 9 }, data: { k: 1 } }], remove: ['n9'], addEdges: [edge], removeEdges: ['e9'], version: 6, actionId: 'generate-children' }, correlationId: 'a-1' },
    check: (m) => {
      expect(m.type).toBe('apply_changes');
      if (m.type === 'apply_changes') expect(m.payload.update[0]).toEqual({ id: 'n0', position: { x: 0, y: 9 }, data: { k: 1 } });
    },
  },
  {
    msg: { type: 'error', payload: { code: 'invalid_graph', message: 'the graph is invalid', details: { problems: [{ code: 'unknown_node', message: 'ops[0]: x', id: 'n1' }] } }, correlationId: 'p-3' },
    check: (m) => expect(m.type === 'error' && m.payload.code).toBe('invalid_graph'),
  },
  { msg: { type: 'catalogue_changed', payload: { actions: [{ id: 'duplicate', label: 'Duplicate', nodeTypes: [], parameters: [], plugin: 'graph-actions' }] } }, check: (m) => expect(m.type).toBe('catalogue_changed') },
  { msg: { type: 'broadcast_event', payload: { any: 'thing' } }, check: (m) => expect(m.type).toBe('broadcast_event') },
  { msg: { type: 'execution_started', payload: { executionId: 'x1', graphId: 'g', version: 3 }, correlationId: 'r-1' }, check: (m) => expect(m.type).toBe('execution_started') },
  { msg: { type: 'node_started', payload: { executionId: 'x1', graphId: 'g', nodeId: 'n1', iteration: 0 } }, check: (m) => expect(m.type).toBe('node_started') },
  { msg: { type: 'node_progress', payload: { executionId: 'x1', graphId: 'g', nodeId: 'n1', text: 'tok' } }, check: (m) => expect(m.type === 'node_progress' && m.payload.text).toBe('tok') },
  { msg: { type: 'node_completed', payload: { executionId: 'x1', graphId: 'g', nodeId: 'n1', iteration: 0, output: { a: [1] }, durationMs: 12, tokens: { input: 3, output: 4 } } }, check: (m) => expect(m.type).toBe('node_completed') },
  { msg: { type: 'node_skipped', payload: { executionId: 'x1', graphId: 'g', nodeId: 'n2', reason: 'branch not taken' } }, check: (m) => expect(m.type).toBe('node_skipped') },
  { msg: { type: 'node_failed', payload: { executionId: 'x1', graphId: 'g', nodeId: 'n2', error: 'boom' } }, check: (m) => expect(m.type).toBe('node_failed') },
  { msg: { type: 'interactive_prompt', payload: { executionId: 'x1', graphId: 'g', nodeId: 'n3', prompt: 'Go on?', timeoutSeconds: 60 } }, check: (m) => expect(m.type).toBe('interactive_prompt') },
  { msg: { type: 'execution_paused', payload: { executionId: 'x1', graphId: 'g' } }, check: (m) => expect(m.type).toBe('execution_paused') },
  { msg: { type: 'execution_resumed', payload: { executionId: 'x1', graphId: 'g' } }, check: (m) => expect(m.type).toBe('execution_resumed') },
  { msg: { type: 'execution_completed', payload: { executionId: 'x1', graphId: 'g', outputs: { n9: 1 }, durationMs: 30, tokens: { input: 0, output: 0 } } }, check: (m) => expect(m.type).toBe('execution_completed') },
  { msg: { type: 'execution_failed', payload: { executionId: 'x1', graphId: 'g', error: 'node n2 failed', nodeId: 'n2', durationMs: 5 } }, check: (m) => expect(m.type).toBe('execution_failed') },
  { msg: { type: 'execution_cancelled', payload: { executionId: 'x1', graphId: 'g', reason: 'cancelled by a client', durationMs: 5 } }, check: (m) => expect(m.type).toBe('execution_cancelled') },
  {
    msg: { type: 'execution_state', payload: { executionId: 'x1', graphId: 'g', version: 3, status: 'running', startedAt: ts, durationMs: 10, nodes: { n1: { status: 'completed', runs: 1, output: 'o', error: null, durationMs: 3 } }, prompts: [{ nodeId: 'n3', prompt: 'Go?', timeoutSeconds: 60 }], outputs: {} } },
    check: (m) => expect(m.type === 'execution_state' && m.payload.prompts).toHaveLength(1),
  },
];

describe('server messages: hand-built samples validate and decode to the right member', () => {
  it.each(serverSamples.map((s) => [s.msg.type as string, s] as const))('%s', (_t, s) => {
    const wire = { ...s.msg, timestamp: ts };
    validate('server', wire);
    const m = decode(JSON.stringify(wire));
    expect(m.type).toBe(s.msg.type);
    s.check(m as ServerMessage);
  });

  it('presence (picked up once docs/schemas/server/presence.schema.json exists)', () => {
    const wire = { type: 'presence', payload: { users: [{ connectionId: 'c1', name: 'Ann', editing: 'n1' }, { connectionId: 'c2', name: null, editing: null }] }, timestamp: ts };
    const m = decode(JSON.stringify(wire));
    expect(m.type === 'presence' && m.payload.users).toHaveLength(2);
    if (hasSchema('server', 'presence')) validate('server', wire);
    else console.warn('docs/schemas/server/presence.schema.json is missing: presence not validated yet');
  });

  it('every server schema type decodes (none is unknown to the client)', () => {
    for (const f of readdirSync(join(SCHEMAS, 'server'))) {
      const type = f.replace('.schema.json', '');
      const m = decode(JSON.stringify({ type, payload: {} }));
      // an empty payload may be malformed, but the type itself must be known
      expect(m.type === 'decode_error' ? m.reason : '', type).not.toMatch(/unknown message type/);
    }
  });

  it('tolerates unknown types and rejects malformed frames without throwing', () => {
    expect(decode('{"type":"future_thing","payload":{}}')).toMatchObject({ type: 'decode_error', messageType: 'future_thing' });
    expect(decode('not json')).toMatchObject({ type: 'decode_error' });
    expect(decode('{"type":"graph_patch","payload":{"version":"x","ops":[]}}')).toMatchObject({ type: 'decode_error', messageType: 'graph_patch' });
    expect(decode('{"type":"graph_patch","payload":{"version":1,"author":"c","ops":[{"op":"explode"}]}}')).toMatchObject({ type: 'decode_error' });
    expect(decode('{"type":"sync_graph","payload":{"version":1,"graph":{"nodes":[{"id":1}],"edges":[]}}}')).toMatchObject({ type: 'decode_error' });
  });
});
