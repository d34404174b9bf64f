/**
 * The graph list page (/): shows the stored graphs (name or id, version, node count) as links;
 * creating a graph by name navigates to /graphs/<slug>-<6 random>; renaming in the editor shows
 * in the list and survives a reload (stored as the diagram field `name`).
 */
import { test, expect, uniqueGraphId } from './helpers/test';
import { getGraphOrNull } from './helpers/http';
import { twoNodes } from './helpers/diagrams';

const rand = () => Math.random().toString(36).slice(2, 8).replace(/[^a-z0-9]/g, 'x').padEnd(6, 'x');

test('the list shows stored graphs with name, version and node count, and opens one', async ({ user, remote }) => {
  const namedId = uniqueGraphId('list-named');
  const named = await remote(namedId);
  await named.syncGraph(twoNodes());                                   // v1, 2 nodes
  const title = `Seeded graph ${rand().replace(/[0-9]/g, 'q')}`;
  await named.setField('name', title);                                 // v2
  await named.patch([{ op: 'update_node', id: 'n1', position: { x: 110, y: 130 } }]); // v3
  const unnamedId = uniqueGraphId('list-unnamed');
  const unnamed = await remote(unnamedId);
  await unnamed.syncGraph({ nodes: [twoNodes().nodes[0]], edges: [] }); // v1, 1 node

  const ann = await user('Ann');
  await ann.page.goto('/');
  const list = ann.tid('graph-list');
  await expect(list, '[data-testid=graph-list] on /').toBeVisible();
  const item = list.locator(`[data-testid="graph-item"][data-graph-id="${namedId}"]`);
  await expect(item, 'the named graph is listed under its name').toContainText(title);
  // the item's other texts (not its name, id or a date) show version 3 and 2 nodes
  const texts = (await item.evaluate((el) => {
    const out: string[] = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
    return out;
  })).filter((t) => !t.includes(title) && !t.includes(namedId) && !/[/:]/.test(t));
  expect(texts.some((t) => /(^|\D)3(\D|$)/.test(t)), `the item shows the version (3): ${JSON.stringify(texts)}`).toBe(true);
  expect(texts.some((t) => /(^|\D)2(\D|$)/.test(t)), `the item shows the node count (2): ${JSON.stringify(texts)}`).toBe(true);
  const plain = list.locator(`[data-testid="graph-item"][data-graph-id="${unnamedId}"]`);
  await expect(plain, 'an unnamed graph is listed under its id').toContainText(unnamedId);
  await ann.screenshot('graphs-list.png');

  await item.click();
  await expect(ann.page).toHaveURL(new RegExp(`/graphs/${namedId}$`));
  await expect(ann.tid('graph-name')).toContainText(title);
  await ann.expectConnected();
  await ann.expectVersion(3);
});

test('create a graph by name, rename it, and the list and a reload keep the new name', async ({ user }) => {
  const ann = await user('Ann');
  const suffix = rand();
  const name = `E2E Graph ${suffix}`;
  await ann.page.goto('/');
  await ann.tid('new-graph-name').fill(name);
  await ann.tid('create-graph').click();

  // id = slug of the name + "-" + 6 random base36 characters
  await expect(ann.page).toHaveURL(new RegExp(`/graphs/e2e-graph-${suffix}-[a-z0-9]{6}$`));
  const id = new URL(ann.page.url()).pathname.split('/').pop()!;
  await ann.expectConnected();
  await expect(ann.tid('graph-name'), 'the new graph shows its name').toContainText(name);
  await expect.poll(async () => (await getGraphOrNull(id))?.graph.name, { message: 'the name is stored (set_field name)' }).toBe(name);

  // rename: click → input, Enter saves
  const renamed = `Renamed ${suffix}`;
  await ann.tid('graph-name').click();
  const input = ann.tid('graph-name-input');
  await expect(input, 'clicking graph-name shows [data-testid=graph-name-input]').toBeVisible();
  await input.fill(renamed);
  await input.press('Enter');
  await expect(ann.tid('graph-name')).toContainText(renamed);
  await expect.poll(async () => (await getGraphOrNull(id))?.graph.name, { message: 'the new name is stored' }).toBe(renamed);

  // Escape cancels
  await ann.tid('graph-name').click();
  await ann.tid('graph-name-input').fill('Not saved');
  await ann.tid('graph-name-input').press('Escape');
  await expect(ann.tid('graph-name')).toContainText(renamed);
  await expect(ann.tid('graph-name')).not.toContainText('Not saved');

  // the list shows the new name
  await ann.tid('back-to-list').click();
  await expect(ann.page).toHaveURL(/\/$/);
  const item = ann.page.locator(`[data-testid="graph-item"][data-graph-id="${id}"]`);
  await expect(item).toContainText(renamed);
  await ann.page.reload();
  await expect(item, 'after a reload the list still shows the new name').toContainText(renamed);
  expect((await getGraphOrNull(id))?.graph.name, 'Escape did not store anything').toBe(renamed);

  // and so does the editor after a reload
  await ann.page.goto(`/graphs/${id}`);
  await ann.expectConnected();
  await expect(ann.tid('graph-name')).toContainText(renamed);
  await ann.screenshot('graphs-renamed-editor.png');
});
