/**
 * Import through the file input (a DiPeO light YAML file, converted by the server, replacing the
 * graph in one patch), an invalid file (error notice, nothing changes), and export JSON / YAML
 * (downloads whose content is the stored graph).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { test, expect, uniqueGraphId } from './helpers/test';
import { expectConverged } from './helpers/editor';
import { getGraph, importDiagram } from './helpers/http';
import { FIXTURES_DIR } from './helpers/paths';
import type { Graph } from './helpers/ws-client';
import { twoNodes } from './helpers/diagrams';

const DIPEO = path.join(FIXTURES_DIR, 'simple_iter_code.light.yaml');

test('importing a DiPeO light YAML file replaces the graph in both pages', async ({ user, remote }) => {
  const id = uniqueGraphId('import');
  await (await remote(id)).syncGraph({ nodes: [{ id: 'old', type: 'start', position: { x: 100, y: 100 }, data: { label: 'Old node' } }], edges: [] });
  const expected = (await importDiagram(fs.readFileSync(DIPEO, 'utf8'))).graph; // what the server makes of the file
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });

  await a.tid('import-file').setInputFiles(DIPEO);
  await expect.poll(async () => (await getGraph(id)).graph.nodes.length, { message: 'the imported nodes are stored' })
    .toBe(expected.nodes.length);
  const stored = await expectConverged([a, b], id);
  expect(stored.version, 'the import is one patch').toBe(2);
  expect(stored.graph.nodes.some((n) => n.id === 'old'), 'the old content is replaced').toBe(false);
  const summary = (g: Graph) => g.nodes.map((n) => `${n.type}:${n.data?.label ?? ''}`).sort();
  expect(summary(stored.graph), 'the stored nodes are the converted file').toEqual(summary(expected));
  expect(stored.graph.edges.length).toBe(expected.edges.length);
  for (const ed of [a, b]) {
    const view = (await ed.view()).nodes;
    expect(view.map((n) => n.type).sort(), `${ed.name} shows the imported node types`).toEqual(expected.nodes.map((n) => n.type).sort());
    for (const n of stored.graph.nodes) {
      if (n.data?.label) expect(view.find((v) => v.id === n.id)?.text, `${ed.name} shows the label of ${n.id}`).toContain(String(n.data.label));
    }
  }
  await a.screenshot('import-dipeo-A.png');
  await b.screenshot('import-dipeo-B.png');
});

test('importing an invalid file shows an error notice and changes nothing', async ({ user, remote }, testInfo) => {
  const id = uniqueGraphId('import-invalid');
  await (await remote(id)).syncGraph(twoNodes());
  const bad = testInfo.outputPath('broken.light.yaml');
  fs.writeFileSync(bad, 'version: light\nnodes:\n- label: a\n  type: start\n  position: {x: 0, y: 0}\nconnections:\n- from: a\n  to: nowhere\n');
  const a = await user('Ann');
  await a.open(id, { version: 1 });
  await a.tid('import-file').setInputFiles(bad);
  await expect(a.notices('error').first(), 'an invalid file gives an error notice').toBeVisible();
  await a.screenshot('import-invalid-notice.png');
  expect((await getGraph(id)).version, 'nothing was stored').toBe(1);
  await a.expectVersion(1);
  await expect(a.node('n1')).toBeVisible();
});

test('export JSON and YAML download the current graph', async ({ user, remote }) => {
  const id = uniqueGraphId('export');
  const seed = await remote(id);
  await seed.syncGraph(twoNodes());
  await seed.setField('name', 'Export me');
  const a = await user('Ann');
  await a.open(id, { version: 2 });
  const stored = (await getGraph(id)).graph;

  const [json] = await Promise.all([a.page.waitForEvent('download'), a.tid('export-json').click()]);
  expect(json.suggestedFilename()).toBe(`${id}.json`);
  const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
  expectSameGraph(exported.nodes ? exported : exported.graph, stored, 'export-json');

  const [yml] = await Promise.all([a.page.waitForEvent('download'), a.tid('export-yaml').click()]);
  expect(yml.suggestedFilename()).toBe(`${id}.yaml`);
  const doc = YAML.parse(fs.readFileSync((await yml.path())!, 'utf8'));
  if (doc?.version === 'light') {
    // a DiPeO light document: nodes by label
    expect(doc.nodes.map((n: { label: string }) => n.label).sort()).toEqual(['First', 'Second']);
    expect(doc.connections).toHaveLength(1);
  } else {
    expectSameGraph(doc.nodes ? doc : doc.graph, stored, 'export-yaml');
  }
});

function expectSameGraph(actual: Graph, stored: Graph, what: string): void {
  const nodes = (g: Graph) => g.nodes.map((n) => ({ id: n.id, type: n.type, position: n.position, data: n.data ?? {} })).sort((x, y) => x.id.localeCompare(y.id));
  const edges = (g: Graph) => g.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })).sort((x, y) => x.id.localeCompare(y.id));
  expect(actual, `${what}: a graph with nodes and edges`).toBeTruthy();
  expect(nodes(actual), `${what}: nodes`).toEqual(nodes(stored));
  expect(edges(actual), `${what}: edges`).toEqual(edges(stored));
  if (stored.name) expect(actual.name, `${what}: the graph's name`).toBe(stored.name);
}
