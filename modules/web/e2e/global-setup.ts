/**
 * Starts one real Flowcraft server for the whole run (fresh data directory, port 0) and checks
 * that the browser app is served. The base URL and the app's status reach the workers through
 * environment variables (see helpers/paths.ts); global-teardown.ts stops the server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ARTIFACTS_DIR, CHROMIUM, DEFAULT_JAVA_HOME, ENV_APP_STATUS, ENV_BASE_URL, ENV_DATA_DIR,
  ENV_SERVER_PID, FLOWCRAFT_HOME, SERVER_LOG,
} from './helpers/paths';

const LISTENING = /Flowcraft listening on https?:\/\/[^\s:/]+:(\d+)/;
const START_TIMEOUT_MS = 60_000;

export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. The e2e tests use Debian's Chromium (Playwright's own browser ` +
      `downloads do not work here): install Debian's chromium: apt-get install chromium ` +
      `(or point FLOWCRAFT_CHROMIUM at another Chromium binary).`);
  }
  const launcher = path.join(FLOWCRAFT_HOME, 'bin', 'flowcraft');
  if (!fs.existsSync(launcher)) {
    throw new Error(
      `No Flowcraft distribution at ${FLOWCRAFT_HOME} (missing bin/flowcraft). Build it first ` +
      `(the modules/dist package), or set FLOWCRAFT_HOME to an unpacked distribution.`);
  }

  // Fresh artifacts for this run: stale screenshots from an earlier run must not mislead.
  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });

  const env = { ...process.env };
  if (!env.JAVA_HOME && fs.existsSync(DEFAULT_JAVA_HOME)) env.JAVA_HOME = DEFAULT_JAVA_HOME;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcraft-e2e-'));
  const logFd = fs.openSync(SERVER_LOG, 'w');
  const args = ['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir,
    '--plugins-dir', path.join(FLOWCRAFT_HOME, 'plugins')];
  // detached: the server gets its own process group, which teardown kills as a whole
  const child = spawn(launcher, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  let exited: string | null = null;
  child.on('exit', (code, signal) => { exited = `exited with ${signal ?? code}`; });
  child.on('error', (e) => { exited = `could not start: ${e.message}`; });
  const pid = child.pid!;
  // Safety net: if the runner dies without running teardown, do not leave the server behind.
  process.once('exit', () => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } });

  const started = Date.now();
  let port: string | undefined;
  while (!port) {
    const log = fs.readFileSync(SERVER_LOG, 'utf8');
    port = LISTENING.exec(log)?.[1];
    if (port) break;
    if (exited || Date.now() - started > START_TIMEOUT_MS) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      throw new Error(
        `The Flowcraft server did not report "Flowcraft listening on http://127.0.0.1:PORT" ` +
        `within ${START_TIMEOUT_MS / 1000} s (${exited ?? 'still running, killed'}).\n` +
        `Command: ${launcher} ${args.join(' ')}\nJAVA_HOME=${env.JAVA_HOME ?? '(unset)'}\n` +
        `--- server output ---\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = `http://127.0.0.1:${port}`;
  process.env[ENV_BASE_URL] = base;
  process.env[ENV_SERVER_PID] = String(pid);
  process.env[ENV_DATA_DIR] = dataDir;
  process.env[ENV_APP_STATUS] = JSON.stringify(await probeApp(base));
  console.log(`[e2e] Flowcraft server pid ${pid} at ${base} (data ${dataDir}, log ${SERVER_LOG})`);
  const app = JSON.parse(process.env[ENV_APP_STATUS]!);
  if (!app.ok) console.log(`[e2e] WARNING: the browser app is not served: ${app.problems.join('; ')}`);
}

/** Is the built React app served at / and at /graphs/<id> (client-side routing)? */
async function probeApp(base: string): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = [];
  for (const route of ['/', '/graphs/e2e-probe']) {
    try {
      const res = await fetch(base + route);
      const html = await res.text();
      if (res.status !== 200) problems.push(`GET ${route} → HTTP ${res.status}`);
      else if (html.includes('The browser editor arrives in a later release') || html.includes('has no browser editor'))
        problems.push(`GET ${route} serves the server's placeholder page ("no browser editor"), not the app`);
      else if (!/<script[^>]+type="module"/.test(html) || !html.includes('/assets/'))
        problems.push(`GET ${route} is not the vite-built index.html (no module script from /assets/)`);
    } catch (e) {
      problems.push(`GET ${route} failed: ${(e as Error).message}`);
    }
  }
  return { ok: problems.length === 0, problems };
}
