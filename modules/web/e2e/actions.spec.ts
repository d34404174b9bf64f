/**
 * Graph actions from the context menu: the menu lists the actions for the node's type; running
 * generate-children adds the children in both pages, laid out next to the parent without overlaps,
 * and the layout (positions) is stored on the server.
 */
import { test, expect, uniqueGraphId } from './helpers/test';
import { expectConverged, overlaps } from './helpers/editor';
import { actions, getGraph, listVersions, getVersion } from './helpers/http';

test('context menu → generate-children: children appear in both pages, laid out and stored', async ({ user, remote }) => {
  const id = uniqueGraphId('actions');
  const seed = await remote(id);
  await seed.syncGraph({
    nodes: [{ id: 'parent', type: 'job', position: { x: 300, y: 80 }, data: { label: 'Parent', language: 'python', code: 'result = 1' } }],
    edges: [],
  });
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });

  const menu = await a.openContextMenu('parent');
  const expected = (await actions()).filter((x) => x.nodeTypes.length === 0 || x.nodeTypes.includes('job')).map((x) => x.id).sort();
  const listed = await menu.locator('[data-testid="action-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action-id')));
  expect(listed.sort(), 'the context menu lists the actions for a job node').toEqual(expected);
  await a.screenshot('actions-context-menu-A.png');
  await menu.locator('[data-testid="action-item"][data-action-id="generate-children"]').click();

  // the action's version: 3 children + 3 edges
  let children: string[] = [];
  await expect.poll(async () => {
    const g = await getGraph(id);
    children = g.graph.edges.filter((e) => e.source === 'parent').map((e) => e.target);
    return children.length;
  }, { message: 'generate-children stores 3 children connected from the parent' }).toBe(3);
  for (const c of children) {
    await expect(a.rfNode(c), `A shows child ${c}`).toBeVisible();
    await expect(b.rfNode(c), `B shows child ${c}`).toBeVisible();
  }

  // the client's layout goes out as a patch after the action's version
  const actionVersion = (await listVersions(id)).versions.find((v) => v.kind.startsWith('action'))?.version ?? 2;
  await expect.poll(async () => {
    const later = (await listVersions(id)).versions.filter((v) => v.version > actionVersion);
    for (const v of later) {
      const ops = (await getVersion(id, v.version)).ops ?? [];
      if (ops.some((op) => op.op === 'update_node' && children.includes(op.id) && op.position)) return true;
    }
    return false;
  }, { message: `the laid-out positions of the children are sent as a patch after version ${actionVersion}` }).toBe(true);

  // both pages show exactly the stored positions
  const stored = await expectConverged([a, b], id);
  const parentPos = stored.graph.nodes.find((n) => n.id === 'parent')!.position;
  for (const c of children) {
    const p = stored.graph.nodes.find((n) => n.id === c)!.position;
    const d = Math.hypot(p.x - parentPos.x, p.y - parentPos.y);
    expect(d, `child ${c} is placed next to the parent (distance ${Math.round(d)} px)`).toBeLessThan(700);
  }

  // no overlaps among the children and the parent, in both pages
  for (const ed of [a, b]) {
    const ids = ['parent', ...children];
    const boxes = await Promise.all(ids.map(async (n) => (await ed.rfNode(n).boundingBox())!));
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        expect(overlaps(boxes[i], boxes[j]), `${ed.name}: ${ids[i]} and ${ids[j]} do not overlap`).toBe(false);
      }
    }
  }
  await a.screenshot('actions-generate-children-A.png');
  await b.screenshot('actions-generate-children-B.png');
});
