/**
 * The suite's `test`: Playwright's, plus
 *  - an automatic check that the browser app is served (fails the test at once, with the reason,
 *    instead of every locator timing out on the server's placeholder page);
 *  - `user(name)`: a fresh browser context + page per simulated user (closed after the test), with
 *    page errors and console errors collected and attached when the test fails;
 *  - `remote(graphId, opts)`: ws-protocol clients (closed after the test);
 *  - `graphId(label)`: unique graph ids (`e2e-<label>-<random>`).
 */
import { test as base, expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { ENV_APP_STATUS } from './paths';
import { FlowcraftClient } from './ws-client';
import { Editor } from './editor';

export { expect };

export function uniqueGraphId(label: string): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30);
  return `e2e-${slug}-${Math.random().toString(36).slice(2, 8)}`;
}

interface Fixtures {
  appServed: void;
  user: (name: string) => Promise<Editor>;
  remote: (graphId: string, opts?: { name?: string }) => Promise<FlowcraftClient>;
}

export const test = base.extend<Fixtures>({
  appServed: [async ({}, use, testInfo) => {
    // harness.spec.ts checks the harness itself (server, ws helper, socket control), without the app
    if (testInfo.file.endsWith('harness.spec.ts')) return use();
    const status = JSON.parse(process.env[ENV_APP_STATUS] ?? '{"ok":false,"problems":["global setup did not run"]}');
    if (!status.ok) {
      throw new Error(`The Flowcraft browser app is not served by the server under test: ${status.problems.join('; ')}. ` +
        `Build modules/web (vite build → target/classes/io/flowcraft/web/app) and rebuild modules/dist.`);
    }
    await use();
  }, { auto: true }],

  user: async ({ browser }, use, testInfo) => {
    const editors: Editor[] = [];
    await use(async (name: string) => {
      const editor = await openUser(browser, name, testInfo);
      editors.push(editor);
      return editor;
    });
    const failed = testInfo.status !== testInfo.expectedStatus;
    for (const e of editors) {
      if (failed) {
        if (e.errors.length) await testInfo.attach(`${e.name}-errors.txt`, { body: e.errors.join('\n'), contentType: 'text/plain' });
        await e.page.screenshot({ path: testInfo.outputPath(`failure-${e.name}.png`) }).catch(() => {});
      }
      await e.page.context().close().catch(() => {});
    }
  },

  remote: async ({}, use) => {
    const clients: FlowcraftClient[] = [];
    await use(async (graphId, opts = {}) => {
      const c = await FlowcraftClient.connect(graphId, opts);
      clients.push(c);
      return c;
    });
    await Promise.all(clients.map((c) => c.close()));
  },
});

async function openUser(browser: Browser, name: string, testInfo: TestInfo): Promise<Editor> {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    viewport: testInfo.project.use.viewport ?? { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  const page: Page = await context.newPage();
  const editor = new Editor(page, name);
  page.on('pageerror', (e) => editor.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') editor.errors.push(`console.error: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) editor.errors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });
  return editor;
}
