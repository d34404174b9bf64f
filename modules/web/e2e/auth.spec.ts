/**
 * Authentication in the browser, against a second server of the distribution started here with
 * authentication on (static tokens from the environment): without a token the editor asks for
 * one; a pasted token connects it (sent as the `flowcraft.bearer.` subprotocol and a bearer
 * header); `?token=` is kept for the tab and leaves the address bar; a viewer is told it is
 * read-only and its edits are refused with a clear notice; a refused token is named.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_JAVA_HOME, FLOWCRAFT_HOME, artifact } from './helpers/paths';

const EDITOR = 'e2e-editor-token-0000000001';
const VIEWER = 'e2e-viewer-token-0000000001';
const LISTENING = /Flowcraft listening on https?:\/\/[^\s:/]+:(\d+)/;

let server: ChildProcess | null = null;
let dataDir = '';
let base = '';

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcraft-e2e-auth-'));
  const env = {
    ...process.env,
    JAVA_HOME: process.env.JAVA_HOME ?? DEFAULT_JAVA_HOME,
    FLOWCRAFT_AUTH_ENABLED: 'true',
    FLOWCRAFT_AUTH_TOKENS_ANN: `editor:${EDITOR}`,
    FLOWCRAFT_AUTH_TOKENS_VIC: `viewer:${VIEWER}`,
  };
  const log = fs.openSync(artifact('server-auth.log'), 'w');
  server = spawn(path.join(FLOWCRAFT_HOME, 'bin', 'flowcraft'), ['serve', '--port', '0', '--host', '127.0.0.1',
    '--data-dir', dataDir, '--plugins-dir', path.join(FLOWCRAFT_HOME, 'plugins')], { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const deadline = Date.now() + 60_000;
  while (!base) {
    const port = LISTENING.exec(fs.readFileSync(artifact('server-auth.log'), 'utf8'))?.[1];
    if (port) base = `http://127.0.0.1:${port}`;
    else if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the auth server did not start: see ${artifact('server-auth.log')}`);
    else await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(() => {
  if (server?.pid) {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const connected = (page: Page) => expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');

test('without a token the editor asks for one; a pasted token connects it and can edit', async ({ page }) => {
  await page.goto(`${base}/graphs/auth-a`);
  const prompt = page.getByTestId('token-prompt');
  await expect(prompt, 'a 401 shows the token prompt').toBeVisible();
  await expect(page.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'connected');
  await page.getByTestId('token-input').fill(EDITOR);
  await page.getByTestId('token-submit').click();
  await connected(page);
  await expect(prompt).toHaveCount(0);
  await page.getByTestId('graph-name').click();
  await page.getByTestId('graph-name-input').fill('Secured');
  await page.getByTestId('graph-name-input').press('Enter');
  await expect.poll(async () => {
    const res = await fetch(`${base}/api/graphs/auth-a`, { headers: { Authorization: `Bearer ${EDITOR}` } });
    return ((await res.json()) as { graph: { name?: string } }).graph.name;
  }, { message: 'the editor\'s rename is stored' }).toBe('Secured');
  expect((await fetch(`${base}/api/graphs/auth-a`)).status, 'the API itself still wants the token').toBe(401);
});

test('?token= is kept for the tab and leaves the address bar; a viewer is read-only', async ({ page }) => {
  await page.goto(`${base}/graphs/auth-b?token=${VIEWER}`);
  await connected(page);
  await expect(page).toHaveURL(`${base}/graphs/auth-b`);
  await expect(page.locator('[data-testid="notice"][data-kind="info"]')).toContainText('Read-only');
  await page.reload();
  await connected(page);
  await page.getByTestId('graph-name').click();
  await page.getByTestId('graph-name-input').fill('Not allowed');
  await page.getByTestId('graph-name-input').press('Enter');
  await expect(page.locator('[data-testid="notice"][data-kind="error"]').first(),
    'the refusal names the role').toContainText("role 'viewer'");
});

test('a refused token is named and can be replaced', async ({ page }) => {
  await page.goto(`${base}/?token=not-a-valid-token-000000`);
  await expect(page.getByTestId('token-prompt')).toBeVisible();
  await expect(page.getByTestId('token-reason')).toContainText('not valid');
  await page.getByTestId('token-input').fill(VIEWER);
  await page.getByTestId('token-submit').click();
  await expect(page.getByTestId('graph-list')).toBeVisible();
  await expect(page.getByTestId('token-prompt')).toHaveCount(0);
});
