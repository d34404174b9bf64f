/**
 * Two users (two browser contexts, Ann = A and Bob = B) on one graph: palette + connecting by
 * dragging, presence, simultaneous edits converging, a genuine conflict (one value wins
 * everywhere, the loser is told), and undo of one's own last edit.
 */
import { test, expect, uniqueGraphId } from './helpers/test';
import { expectConverged, overlaps } from './helpers/editor';
import { getGraph } from './helpers/http';
import { SocketControl } from './helpers/socket';
import { twoNodes } from './helpers/diagrams';

test('A adds two nodes from the palette and connects them; B sees the nodes and the edge', async ({ user }) => {
  const id = uniqueGraphId('collab-palette');
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id);
  await b.open(id);

  const n1 = await a.addFromPalette('start');
  const n2 = await a.addFromPalette('endpoint');
  for (const [n, type] of [[n1, 'start'], [n2, 'endpoint']]) {
    await expect(b.rfNode(n), `B sees node ${n} (rf__node-${n})`).toBeVisible();
    await expect(b.node(n)).toHaveAttribute('data-node-type', type);
    await expect(a.node(n)).toHaveAttribute('data-status', 'idle');
  }
  const box1 = (await a.rfNode(n1).boundingBox())!;
  const box2 = (await a.rfNode(n2).boundingBox())!;
  expect(overlaps(box1, box2), 'the palette puts the second node on a free spot, not on the first').toBe(false);

  await a.connect(n1, n2);
  let edgeId = '';
  await expect.poll(async () => {
    const g = await getGraph(id);
    edgeId = g.graph.edges.find((e) => e.source === n1 && e.target === n2)?.id ?? '';
    return edgeId;
  }, { message: `dragging from ${n1}'s source handle to ${n2}'s target handle stores an edge ${n1} → ${n2}` }).not.toBe('');
  await expect(a.edge(edgeId), `A shows rf__edge-${edgeId}`).toBeAttached();
  await expect(b.edge(edgeId), `B shows rf__edge-${edgeId}`).toBeAttached();
  await expectConverged([a, b], id);
  await a.screenshot('collab-palette-A.png');
  await b.screenshot('collab-palette-B.png');
});

test('presence: each sees the other, and who edits which node', async ({ user, remote }) => {
  const id = uniqueGraphId('collab-presence');
  await (await remote(id)).syncGraph(twoNodes());
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });

  const annInB = b.page.locator('[data-testid="presence"] [data-testid="presence-user"]', { hasText: 'Ann' });
  const bobInA = a.page.locator('[data-testid="presence"] [data-testid="presence-user"]', { hasText: 'Bob' });
  await expect(annInB, 'B lists Ann in [data-testid=presence]').toHaveCount(1);
  await expect(bobInA, 'A lists Bob in [data-testid=presence]').toHaveCount(1);
  await expect(a.page.locator('[data-testid="presence-user"]', { hasText: 'Ann' }), 'A does not list herself').toHaveCount(0);
  await expect(annInB).toHaveAttribute('data-connection-id', /^\S+$/);

  await a.select('n1');
  await expect(annInB, 'B sees that Ann edits n1 (data-editing)').toHaveAttribute('data-editing', 'n1');
  await expect(b.node('n1'), 'B sees n1 marked data-edited-by=Ann').toHaveAttribute('data-edited-by', 'Ann');
  await b.screenshot('collab-presence-B.png');

  // a ws user with a name shows up with its connection id, and leaves
  const robot = await remote(id, { name: 'Robot' });
  robot.presence('Robot', 'n2');
  const robotInA = a.page.locator(`[data-testid="presence-user"][data-connection-id="${robot.connectionId}"]`);
  await expect(robotInA, 'a ws client with presence appears in A under its connectionId').toContainText('Robot');
  await expect(robotInA).toHaveAttribute('data-editing', 'n2');
  await expect(a.node('n2')).toHaveAttribute('data-edited-by', 'Robot');
  await robot.close();
  await expect(robotInA, 'a user who left disappears').toHaveCount(0);
  await expect(bobInA).toHaveCount(1);
});

test('simultaneous edits by A and B converge in both pages and on the server', async ({ user, remote }) => {
  const id = uniqueGraphId('collab-concurrent');
  await (await remote(id)).syncGraph(twoNodes());
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });
  const before = (await getGraph(id)).graph.nodes.find((n) => n.id === 'n2')!.position;

  // no awaiting between A's and B's edits
  await Promise.all([
    (async () => { await a.select('n1'); await a.setField('label', 'Alpha'); })(),
    (async () => { await b.select('n2'); await b.setField('file_path', 'out/e2e.txt'); await b.dragNode('n2', 90, 70); })(),
  ]);

  const stored = await expectConverged([a, b], id);
  const n1 = stored.graph.nodes.find((n) => n.id === 'n1')!;
  const n2 = stored.graph.nodes.find((n) => n.id === 'n2')!;
  expect(n1.data?.label, "A's label edit is stored").toBe('Alpha');
  expect(n2.data?.file_path, "B's field edit is stored").toBe('out/e2e.txt');
  expect(n2.position.x - before.x, "B's move is stored").toBeGreaterThan(20);
  expect(n2.position.y - before.y, "B's move is stored").toBeGreaterThan(20);
  await expect(a.page.getByText('Alpha').first()).toBeVisible();
  await b.select('n1');
  await expect(b.field('label'), "B's properties panel shows A's label").toHaveValue('Alpha');
  await a.select('n2');
  await expect(a.field('file_path'), "A's properties panel shows B's field value").toHaveValue('out/e2e.txt');
  await expect(a.notices('warning'), 'no conflict: no warning in A').toHaveCount(0);
  await expect(b.notices('warning'), 'no conflict: no warning in B').toHaveCount(0);
  await a.screenshot('collab-converged-A.png');
  await b.screenshot('collab-converged-B.png');
});

test('a conflicting edit: one value wins everywhere and the loser gets a warning notice', async ({ user, remote }) => {
  const id = uniqueGraphId('collab-conflict');
  await (await remote(id)).syncGraph(twoNodes());
  const a = await user('Ann');
  const b = await user('Bob');
  // B's socket goes through a gate, so B surely edits the old version (a real conflict, not a race)
  const bSocket = await SocketControl.install(b.page);
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });
  await a.select('n2');
  await b.select('n2');

  bSocket.hold();                              // B stops hearing from the server
  await a.setField('label', 'From Ann');
  await expect.poll(async () => (await getGraph(id)).graph.nodes.find((n) => n.id === 'n2')?.data?.label,
    { message: "A's label is stored" }).toBe('From Ann');
  await b.setField('label', 'From Bob');       // B still holds version 1
  await expect.poll(() => bSocket.sent('patch_graph').length, { message: 'B sends its edit as patch_graph' }).toBeGreaterThan(0);
  await expect.poll(() => bSocket.fromServer.some((m) => m?.type === 'patch_rejected'),
    { message: "the server rejects B's conflicting patch" }).toBe(true);
  bSocket.release();

  const stored = await expectConverged([a, b], id);
  const winner = stored.graph.nodes.find((n) => n.id === 'n2')!.data?.label;
  expect(['From Ann', 'From Bob'], 'one of the two values wins').toContain(winner);
  const [loser, other] = winner === 'From Ann' ? [b, a] : [a, b];
  await expect(loser.notices('warning').first(), `${loser.name} (whose edit lost) sees a warning notice`).toBeVisible();
  await expect(other.notices('warning'), `${other.name} (whose edit won) sees no warning`).toHaveCount(0);
  await a.screenshot('collab-conflict-A.png');
  await b.screenshot('collab-conflict-B.png');
  // the properties panels show the winning value too (soft: the blur check below must run as well)
  await expect.soft(a.field('label'), "A's properties panel shows the winning label").toHaveValue(winner);
  await expect.soft(b.field('label'), "B's properties panel shows the winning label").toHaveValue(winner);
  // leaving the field must not send the losing value again
  const sentBefore = bSocket.sent('patch_graph').length;
  await loser.field('label').blur();
  await loser.page.waitForTimeout(1000);
  if (loser === b) {
    const resent = bSocket.sent('patch_graph').slice(sentBefore).map((m) => JSON.stringify(m.payload.ops));
    expect.soft(resent, 'B sends nothing when leaving the label field after losing the conflict').toEqual([]);
  }
  expect((await getGraph(id)).graph.nodes.find((n) => n.id === 'n2')!.data?.label,
    `${loser.name} leaving the label field after losing does not overwrite the winner`).toBe(winner);
  await expectConverged([a, b], id);
});

test("undo in A reverts A's last edit in both pages, not B's", async ({ user, remote }) => {
  const id = uniqueGraphId('collab-undo');
  await (await remote(id)).syncGraph(twoNodes());
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });

  await a.select('n1');
  await a.setField('label', 'Alpha');
  await expect(b.node('n1')).toContainText('Alpha');
  await b.dragNode('n2', 60, 80);
  const afterMove = await expectConverged([a, b], id);
  const movedTo = afterMove.graph.nodes.find((n) => n.id === 'n2')!.position;

  await a.tid('undo').click();
  await expect(b.node('n1'), "B sees A's label edit undone").toContainText('First');
  await expect(a.node('n1'), "A sees her label edit undone").toContainText('First');
  const undone = await expectConverged([a, b], id);
  expect(undone.graph.nodes.find((n) => n.id === 'n1')!.data?.label, 'the undo is stored').toBe('First');
  expect(undone.graph.nodes.find((n) => n.id === 'n2')!.position, "B's move stays").toEqual(movedTo);

  await a.tid('redo').click();
  await expect(b.node('n1'), 'redo brings the label back in B').toContainText('Alpha');
  await expectConverged([a, b], id);
  await a.screenshot('collab-undo-redo-A.png');
});

test('properties: invalid values show a field error and are not sent; delete-node removes the node for both', async ({ user, remote }) => {
  const id = uniqueGraphId('collab-props');
  await (await remote(id)).syncGraph({
    nodes: [
      { id: 'ask', type: 'user_response', position: { x: 120, y: 120 }, data: { label: 'Ask', prompt: 'Why?', timeout: 30 } },
      { id: 'end', type: 'endpoint', position: { x: 440, y: 120 }, data: { label: 'End' } },
    ],
    edges: [{ id: 'e1', source: 'ask', target: 'end' }],
  });
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });

  await a.select('ask');
  await a.field('timeout').fill('soon');
  await a.field('timeout').press('Enter');
  await expect(a.tid('field-error-timeout'), 'a non-integer timeout shows [data-testid=field-error-timeout]').toBeVisible();
  await a.field('prompt').fill('');
  await a.field('prompt').blur();
  await expect(a.tid('field-error-prompt'), 'an empty required prompt shows [data-testid=field-error-prompt]').toBeVisible();
  await a.page.waitForTimeout(300);
  const stored = await getGraph(id);
  expect(stored.version, 'invalid values are not sent').toBe(1);
  expect(stored.graph.nodes.find((n) => n.id === 'ask')!.data).toMatchObject({ prompt: 'Why?', timeout: 30 });
  await a.screenshot('collab-field-errors-A.png');

  await a.field('timeout').fill('45');
  await a.field('timeout').press('Enter');
  await expect(a.tid('field-error-timeout')).toHaveCount(0);
  await expect.poll(async () => (await getGraph(id)).graph.nodes.find((n) => n.id === 'ask')!.data?.timeout,
    { message: 'a valid integer is stored as a number' }).toBe(45);

  await a.select('end');
  await a.tid('delete-node').click();
  await expect(a.rfNode('end')).toHaveCount(0);
  await expect(b.rfNode('end'), 'B sees the deleted node disappear').toHaveCount(0);
  await expect(b.edge('e1'), 'and its edge').toHaveCount(0);
  const after = await expectConverged([a, b], id);
  expect(after.graph.nodes.map((n) => n.id)).toEqual(['ask']);
  expect(after.graph.edges).toEqual([]);
});
