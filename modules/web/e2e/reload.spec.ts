/**
 * State that must survive: a reload shows the stored graph and version (and, if the app restores
 * it, the last run's statuses; a run still going is restored through execution_state); a dropped
 * connection recovers and shows what a remote user changed meanwhile.
 */
import { test, expect, uniqueGraphId } from './helpers/test';
import { expectConverged } from './helpers/editor';
import { getGraph, listExecutions } from './helpers/http';
import { SocketControl } from './helpers/socket';
import { askName, twoNodes } from './helpers/diagrams';

test('after edits and a run, a reload shows the graph and its version', async ({ user, remote }) => {
  const id = uniqueGraphId('reload-after-run');
  await (await remote(id)).syncGraph(twoNodes());
  const a = await user('Ann');
  await a.open(id, { version: 1 });
  await a.select('n2');
  await a.setField('label', 'Finish');
  await a.dragNode('n1', 40, 60);
  const edited = await expectConverged([a], id);
  expect(edited.graph.nodes.find((n) => n.id === 'n2')!.data?.label).toBe('Finish');

  await a.tid('run').click();
  await expect(a.tid('execution-status')).toHaveAttribute('data-status', 'completed');
  await expect(a.node('n2')).toHaveAttribute('data-status', 'completed');
  expect((await listExecutions(id))[0]?.status).toBe('completed');

  await a.page.reload();
  await a.expectConnected();
  await a.expectVersion(edited.version);
  await expect(a.node('n2')).toContainText('Finish');
  await expectConverged([a], id);

  // Restoring a finished run is not in the contract: record what the app does.
  let restored = true;
  try {
    await expect(a.node('n2')).toHaveAttribute('data-status', 'completed', { timeout: 3000 });
  } catch {
    restored = false;
  }
  test.info().annotations.push({
    type: 'note',
    description: restored
      ? 'after a reload the app shows the last (finished) run\'s node statuses'
      : 'after a reload the app does NOT restore the last finished run\'s statuses (only graph + version checked)',
  });
  console.log(`[reload] last finished run restored after reload: ${restored}`);
  await a.screenshot('reload-after-run.png');
});

test('a reload during a run brings the waiting prompt back (execution_state)', async ({ user, remote }) => {
  const id = uniqueGraphId('reload-running');
  await (await remote(id)).syncGraph(askName());
  const a = await user('Ann');
  await a.open(id, { version: 1 });
  await a.tid('run').click();
  const dialog = a.page.locator('[data-testid="prompt-dialog"][data-node-id="ask"]');
  await expect(dialog).toBeVisible();

  await a.page.reload();
  await a.expectConnected();
  await expect(dialog, 'the prompt is shown again after the reload').toBeVisible();
  await expect(a.tid('execution-status')).toHaveAttribute('data-status', 'running');
  await expect(a.node('start')).toHaveAttribute('data-status', 'completed');
  await a.tid('prompt-input').fill('Grace');
  await a.tid('prompt-submit').click();
  await expect(a.tid('execution-status')).toHaveAttribute('data-status', 'completed');
  await expect(a.page.locator('[data-testid="node-run"][data-node-id="end"]')).toContainText('Grace');
});

test('a dropped connection reconnects and shows what a remote user changed meanwhile', async ({ user, remote }) => {
  const id = uniqueGraphId('reload-reconnect');
  const other = await remote(id);
  await other.syncGraph(twoNodes());
  const a = await user('Ann');
  const socket = await SocketControl.install(a.page);
  await a.open(id, { version: 1 });
  const connectsBefore = socket.urls.length;

  await socket.dropAndGoOffline();
  await expect(a.connection, 'the page notices the drop').not.toHaveAttribute('data-status', 'connected');
  await a.screenshot('reconnect-offline.png');
  await other.patch([{ op: 'update_node', id: 'n2', data: { label: 'Edited remotely' } }]);
  await other.patch([{ op: 'update_node', id: 'n1', position: { x: 160, y: 280 } }]);
  const version = (await getGraph(id)).version;
  // stay offline until the app has tried (and failed) to reconnect at least once
  await expect.poll(() => socket.refused, { message: 'the app retries while the network is down', timeout: 15_000 }).toBeGreaterThan(0);
  await expect(a.connection).not.toHaveAttribute('data-status', 'connected');

  socket.online();
  await a.expectConnected(30_000);
  await expect(a.node('n2'), 'the remote edit made during the outage is shown').toContainText('Edited remotely');
  await a.expectVersion(version);
  await expectConverged([a], id);
  await a.screenshot('reconnect-recovered.png');

  const reconnects = socket.urls.slice(connectsBefore);
  const usedSince = reconnects.some((u) => /[?&]since=\d+/.test(u));
  test.info().annotations.push({ type: 'note', description: `reconnect attempts: ${reconnects.length} (${socket.refused} refused); since= used: ${usedSince}` });
  console.log(`[reconnect] attempts ${reconnects.length}, refused ${socket.refused}, since used: ${usedSince}; urls: ${reconnects.join(' ')}`);
});
