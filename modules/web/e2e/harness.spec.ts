/**
 * The harness itself, independent of the browser app: the server under test answers, the ws
 * helper speaks the protocol (sync, patch, rebase, conflict), and SocketControl can hold, release
 * and drop a page's WebSocket to the real server.
 */
import { test, expect, uniqueGraphId } from './helpers/test';
import { getGraph } from './helpers/http';
import { SocketControl } from './helpers/socket';
import { ProtocolError } from './helpers/ws-client';
import { twoNodes } from './helpers/diagrams';

test('harness: the ws helper syncs, patches and sees conflicts; the HTTP API agrees', async ({ remote }) => {
  const id = uniqueGraphId('harness-ws');
  const one = await remote(id);
  const two = await remote(id, { name: 'Two' });
  expect(await one.syncGraph(twoNodes())).toBe(1);
  await two.waitFor((m) => m.type === 'graph_patch' && m.payload.version === 1);
  expect(two.graph.nodes.map((n) => n.id)).toEqual(['n1', 'n2']);

  // two edits on different nodes from the same base both apply (rebase)
  const base = one.version;
  const p1 = one.patch([{ op: 'update_node', id: 'n1', data: { label: 'A' } }]);
  two.version = base;
  const p2 = two.patch([{ op: 'update_node', id: 'n2', position: { x: 1, y: 2 } }]);
  expect((await Promise.all([p1, p2])).sort()).toEqual([2, 3]);

  // the same field from a stale base conflicts
  two.version = 1;
  const err = await two.patch([{ op: 'update_node', id: 'n1', data: { label: 'B' } }]).catch((e) => e);
  expect(err).toBeInstanceOf(ProtocolError);
  expect((err as ProtocolError).reply.type).toBe('patch_rejected');

  await one.waitFor((m) => m.type === 'graph_patch' && m.payload.version === 3);
  const stored = await getGraph(id);
  expect(stored.version).toBe(3);
  expect(stored.graph.nodes).toEqual(one.graph.nodes);
});

test('harness: SocketControl holds, releases and drops a page WebSocket to the real server', async ({ browser, remote, baseURL }) => {
  const id = uniqueGraphId('harness-socket');
  const other = await remote(id);
  await other.syncGraph(twoNodes());
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const control = await SocketControl.install(page);
  await page.goto('/api/graphs');   // any page of the server's origin
  await page.evaluate((graph) => {
    const w = window as any;
    w.log = [];
    w.ws = new WebSocket(`ws://${location.host}/ws?graph=${graph}&protocol=2`);
    w.ws.onmessage = (e: MessageEvent) => w.log.push(JSON.parse(e.data));
    w.ws.onclose = (e: CloseEvent) => w.log.push({ type: 'closed', code: e.code });
  }, id);
  const types = () => page.evaluate(() => (window as any).log.map((m: any) => m.type + (m.payload?.version !== undefined ? ':' + m.payload.version : '')));
  await expect.poll(types).toEqual(['sync_graph:1']);

  control.hold();
  await other.patch([{ op: 'update_node', id: 'n1', data: { label: 'held' } }]);
  await expect.poll(() => control.heldCount).toBe(1);
  expect(await types()).toEqual(['sync_graph:1']);
  control.release();
  await expect.poll(types).toEqual(['sync_graph:1', 'graph_patch:2']);

  await control.dropAndGoOffline();
  await expect.poll(types).toEqual(['sync_graph:1', 'graph_patch:2', 'closed']);
  expect(await page.evaluate(() => (window as any).log.at(-1).code)).toBe(1006);
  // refused while offline, accepted when online again
  await page.evaluate((graph) => { const w = window as any; w.ws2 = new WebSocket(`ws://${location.host}/ws?graph=${graph}&protocol=2`); w.ws2.onclose = (e: CloseEvent) => w.log.push({ type: 'closed2', code: e.code }); }, id);
  await expect.poll(types).toContain('closed2');
  expect(control.refused).toBe(1);
  control.online();
  await page.evaluate((graph) => { const w = window as any; w.ws3 = new WebSocket(`ws://${location.host}/ws?graph=${graph}&protocol=2&since=1`); w.ws3.onmessage = (e: MessageEvent) => w.log.push(JSON.parse(e.data)); }, id);
  await expect.poll(types).toContain('graph_patch:2');
  expect(control.urls.at(-1)).toContain('since=1');
  await context.close();
});
