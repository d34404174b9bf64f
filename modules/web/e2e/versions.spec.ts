/**
 * The versions panel: lists the stored versions, previews one read-only, and rolls back to it
 * (a new version with the old content, shown in both pages).
 */
import { test, expect, uniqueGraphId } from './helpers/test';
import { expectConverged } from './helpers/editor';
import { getGraph } from './helpers/http';
import { twoNodes } from './helpers/diagrams';

test('versions: list, preview, close, rollback — both pages follow', async ({ user, remote }) => {
  const id = uniqueGraphId('versions');
  const seed = await remote(id);
  await seed.syncGraph(twoNodes());                                                    // v1
  await seed.patch([{ op: 'update_node', id: 'n1', data: { label: 'Changed' } }]);      // v2
  await seed.patch([{ op: 'add_node', node: { id: 'n3', type: 'endpoint', position: { x: 260, y: 320 }, data: { label: 'Third' } } }]); // v3
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 3 });
  await b.open(id, { version: 3 });

  await a.tid('versions-toggle').click();
  const panel = a.tid('versions-panel');
  await expect(panel, '[data-testid=versions-panel] opens').toBeVisible();
  for (const v of [1, 2, 3]) {
    await expect(panel.locator(`[data-testid="version-item"][data-version="${v}"]`), `version ${v} is listed`).toBeVisible();
  }
  await expect(panel.locator('[data-testid="version-item"][data-version="1"]'), 'v1 shows its kind').toContainText(/sync/i);
  await expect(panel.locator('[data-testid="version-item"][data-version="2"]'), 'v2 shows its kind').toContainText(/patch/i);

  // preview v1: its content, read-only, over the live canvas (still at v3)
  await panel.locator('[data-testid="version-item"][data-version="1"]').click();
  const preview = a.page.locator('[data-testid="version-preview"][data-version="1"]');
  await expect(preview, 'clicking v1 opens [data-testid=version-preview][data-version=1]').toBeVisible();
  // (the contract does not say how the preview draws nodes: check what it shows as text)
  await expect(preview, 'the preview shows v1\'s label of n1').toContainText('First');
  await expect(preview, 'the preview shows v1\'s n2').toContainText('Second');
  await expect(preview, 'v1 has no n3').not.toContainText('Third');
  await expect(preview, 'v1 is not v2').not.toContainText('Changed');
  await a.expectVersion(3);
  await a.screenshot('versions-preview-A.png');
  await preview.getByTestId('version-preview-close').click();
  await expect(a.tid('version-preview'), 'the preview closes').toHaveCount(0);
  expect((await getGraph(id)).version, 'previewing changes nothing').toBe(3);

  // rollback to v1
  await panel.locator('[data-testid="version-item"][data-version="1"]').click();
  await expect(preview).toBeVisible();
  await preview.getByTestId('version-rollback').click();
  await expect.poll(async () => (await getGraph(id)).version, { message: 'the rollback is stored as version 4' }).toBe(4);
  const stored = await expectConverged([a, b], id);
  expect(stored.graph.nodes.map((n) => n.id).sort()).toEqual(['n1', 'n2']);
  expect(stored.graph.nodes.find((n) => n.id === 'n1')!.data?.label).toBe('First');
  await expect(b.node('n1'), 'B shows the rolled-back label').toContainText('First');
  await expect(b.rfNode('n3'), 'B no longer shows n3').toHaveCount(0);
  await a.expectVersion(4);
  await b.expectVersion(4);
  if (!(await panel.isVisible())) await a.tid('versions-toggle').click();
  await expect(panel.locator('[data-testid="version-item"][data-version="4"]'), 'the panel lists the rollback version').toBeVisible();
  await a.screenshot('versions-rolled-back-A.png');
  await b.screenshot('versions-rolled-back-B.png');
});
