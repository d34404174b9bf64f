/**
 * Page helpers for the editor and list pages, written against the selectors of the web contract
 * (docs/web-client.md, "Test ids"). One Editor = one simulated user (own browser context).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { artifact } from './paths';
import { getGraph, type StoredGraph } from './http';

export interface NodeView { id: string; type: string | null; status: string | null; text: string; x: number; y: number; editedBy: string | null }
export interface CanvasView { version: number; nodes: NodeView[]; edges: string[] }

export class Editor {
  readonly errors: string[] = [];
  constructor(readonly page: Page, readonly name: string) {}

  tid(id: string): Locator { return this.page.getByTestId(id); }
  get connection(): Locator { return this.tid('connection-status'); }
  get versionBadge(): Locator { return this.tid('version'); }
  /** Our component inside a React Flow node. */
  node(id: string): Locator { return this.page.locator(`[data-testid="node"][data-node-id="${id}"]`); }
  /** React Flow's node wrapper. */
  rfNode(id: string): Locator { return this.page.getByTestId(`rf__node-${id}`); }
  edge(id: string): Locator { return this.page.getByTestId(`rf__edge-${id}`); }
  field(name: string): Locator { return this.tid(`field-${name}`); }
  notices(kind?: 'info' | 'warning' | 'error'): Locator {
    return this.page.locator(kind ? `[data-testid="notice"][data-kind="${kind}"]` : '[data-testid="notice"]');
  }

  /** Opens /graphs/ID and waits until the socket is connected (and, given, the version is shown). */
  async open(graphId: string, opts: { version?: number; userName?: boolean } = {}): Promise<void> {
    await this.page.goto(`/graphs/${encodeURIComponent(graphId)}`);
    await this.expectConnected();
    if (opts.userName !== false && await this.setUserName(this.name)) {
      // The contract only promises a presence message after hello and on selection changes, so
      // reload once: the name (kept in localStorage) then goes out with the first presence.
      await this.page.reload();
      await this.expectConnected();
      await expect(this.tid('user-name')).toHaveValue(this.name);
    }
    if (opts.version !== undefined) await this.expectVersion(opts.version);
  }

  async expectConnected(timeout = 10_000): Promise<void> {
    await expect(this.connection, `${this.name}: [data-testid=connection-status] should say data-status=connected`)
      .toHaveAttribute('data-status', 'connected', { timeout });
  }

  async version(): Promise<number> {
    return Number(await this.versionBadge.getAttribute('data-version'));
  }

  async expectVersion(v: number, timeout?: number): Promise<void> {
    await expect(this.versionBadge, `${this.name}: [data-testid=version] data-version`).toHaveAttribute('data-version', String(v), { timeout });
  }

  /** Types my display name into [data-testid=user-name] and commits it (Enter, then blur); false if it was already set. */
  async setUserName(name: string): Promise<boolean> {
    const input = this.tid('user-name');
    await expect(input, `${this.name}: [data-testid=user-name]`).toBeVisible();
    if ((await input.inputValue()) === name) return false;
    await input.fill(name);
    await input.press('Enter');
    await input.blur();
    return true;
  }

  async nodeIds(): Promise<string[]> {
    return this.page.locator('[data-testid="node"]').evaluateAll((els) => els
      .filter((e) => !e.closest('[data-testid="version-preview"]'))
      .map((e) => e.getAttribute('data-node-id') ?? ''));
  }

  async edgeIds(): Promise<string[]> {
    return this.page.locator('[data-testid^="rf__edge-"]').evaluateAll((els) => els
      .filter((e) => !e.closest('[data-testid="version-preview"]'))
      .map((e) => (e.getAttribute('data-testid') ?? '').slice('rf__edge-'.length)));
  }

  /** Clicks a palette item; returns the id of the node it added (the one new node id on the canvas). */
  async addFromPalette(type: string): Promise<string> {
    const before = new Set(await this.nodeIds());
    await this.page.locator(`[data-testid="palette-item"][data-node-type="${type}"]`).click();
    let added: string[] = [];
    await expect.poll(async () => {
      added = (await this.nodeIds()).filter((id) => !before.has(id));
      return added.length;
    }, { message: `${this.name}: clicking palette item ${type} should add exactly one [data-testid=node]` }).toBe(1);
    return added[0];
  }

  /** Clicks a node (selecting it) and waits for the properties panel. */
  async select(id: string): Promise<void> {
    await this.node(id).click();
    await expect(this.tid('properties'), `${this.name}: selecting node ${id} should open [data-testid=properties]`).toBeVisible();
  }

  /**
   * Sets a property field of the selected node the way a user does: text → fill + Enter (input)
   * or blur (textarea); select → choose; checkbox → (un)check.
   */
  async setField(name: string, value: string | boolean): Promise<void> {
    const f = this.field(name);
    await expect(f, `${this.name}: [data-testid=field-${name}]`).toBeVisible();
    const kind = await f.evaluate((e) => e.tagName === 'INPUT' ? `input:${(e as HTMLInputElement).type}` : e.tagName.toLowerCase());
    if (kind === 'select') await f.selectOption(String(value));
    else if (kind === 'input:checkbox') await f.setChecked(Boolean(value));
    else {
      await f.fill(String(value));
      if (kind === 'textarea') await f.blur(); else await f.press('Enter');
    }
  }

  /** The flow position of every rendered node, from React Flow's wrapper transform. */
  async view(): Promise<CanvasView> {
    // (nodes of a version preview overlay are not the live canvas)
    const nodes = await this.page.locator('.react-flow__node').evaluateAll((els) => els
      .filter((el) => !el.closest('[data-testid="version-preview"]')).map((el) => {
      const m = /translate\(\s*(-?[\d.e+-]+)px\s*,\s*(-?[\d.e+-]+)px\s*\)/.exec((el as HTMLElement).style.transform);
      const inner = el.querySelector('[data-testid="node"]');
      return {
        id: el.getAttribute('data-id') ?? '',
        type: inner?.getAttribute('data-node-type') ?? null,
        status: inner?.getAttribute('data-status') ?? null,
        editedBy: inner?.getAttribute('data-edited-by') ?? null,
        text: (inner ?? el).textContent ?? '',
        x: m ? Number(m[1]) : NaN,
        y: m ? Number(m[2]) : NaN,
      };
    }));
    return { version: await this.version(), nodes, edges: await this.edgeIds() };
  }

  /** Drags from a source handle of `source` to a target handle of `target`. */
  async connect(source: string, target: string, sourceHandle?: string, targetHandle?: string): Promise<void> {
    const sel = (id: string, kind: string, handle?: string) =>
      `.react-flow__node[data-id="${id}"] .react-flow__handle.${kind}${handle ? `[data-handleid="${handle}"]` : ''}`;
    const from = this.page.locator(sel(source, 'source', sourceHandle)).first();
    const to = this.page.locator(sel(target, 'target', targetHandle)).first();
    await expect(from, `${this.name}: source handle of ${source}`).toBeVisible();
    await expect(to, `${this.name}: target handle of ${target}`).toBeVisible();
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Drags a node by (dx, dy) screen pixels, grabbing it in the middle (away from its handles). */
  async dragNode(id: string, dx: number, dy: number): Promise<void> {
    const box = (await this.rfNode(id).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 4 });
    await this.page.mouse.up();
  }

  async openContextMenu(id: string): Promise<Locator> {
    await this.node(id).click({ button: 'right' });
    const menu = this.tid('context-menu');
    await expect(menu, `${this.name}: right-click on node ${id} should open [data-testid=context-menu]`).toBeVisible();
    return menu;
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: artifact(name) });
  }
}

/**
 * Waits until every editor shows exactly the stored graph: same version, same node ids at the
 * same positions (±1 px), labels shown, same edge ids. Returns the stored graph.
 */
export async function expectConverged(editors: Editor[], graphId: string, timeout = 10_000): Promise<StoredGraph> {
  let stored!: StoredGraph;
  await expect(async () => {
    stored = await getGraph(graphId);
    for (const ed of editors) {
      const view = await ed.view();
      expect(view.version, `${ed.name} shows the stored version`).toBe(stored.version);
      expect(view.nodes.map((n) => n.id).sort(), `${ed.name} shows the stored nodes`).toEqual(stored.graph.nodes.map((n) => n.id).sort());
      expect(view.edges.sort(), `${ed.name} shows the stored edges`).toEqual(stored.graph.edges.map((e) => e.id).sort());
      for (const n of stored.graph.nodes) {
        const v = view.nodes.find((x) => x.id === n.id)!;
        expect(Math.abs(v.x - n.position.x), `${ed.name}: x of ${n.id} (${v.x} vs stored ${n.position.x})`).toBeLessThanOrEqual(1);
        expect(Math.abs(v.y - n.position.y), `${ed.name}: y of ${n.id} (${v.y} vs stored ${n.position.y})`).toBeLessThanOrEqual(1);
        if (typeof n.data?.label === 'string') expect(v.text, `${ed.name}: label of ${n.id}`).toContain(n.data.label);
      }
    }
  }).toPass({ timeout, intervals: [100, 250, 500, 1000] });
  return stored;
}

/** Do two boxes overlap (touching edges do not count)? */
export function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
