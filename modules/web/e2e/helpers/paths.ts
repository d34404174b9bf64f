/**
 * Paths and environment shared by the Playwright config, global setup/teardown and the specs.
 * Everything is resolved from this file's location, so the suite runs from any working directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** modules/web/e2e */
export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** modules/web */
export const WEB_DIR = path.resolve(E2E_DIR, '..');
/** the repository root */
export const REPO_DIR = path.resolve(WEB_DIR, '..', '..');
/** Playwright's outputDir (traces, failure screenshots) */
export const RESULTS_DIR = path.join(WEB_DIR, 'target', 'e2e-results');
/** Our own artifacts: named screenshots, the server's log, perf.json */
export const ARTIFACTS_DIR = path.join(WEB_DIR, 'target', 'e2e-artifacts');
export const FIXTURES_DIR = path.join(E2E_DIR, 'fixtures');

export const FLOWCRAFT_HOME = process.env.FLOWCRAFT_HOME
  ? path.resolve(process.env.FLOWCRAFT_HOME)
  : path.join(REPO_DIR, 'modules', 'dist', 'target', 'flowcraft');

export const DEFAULT_JAVA_HOME = '/usr/lib/jvm/temurin-25-jdk-amd64';

export const CHROMIUM = process.env.FLOWCRAFT_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Environment variables global setup hands to the workers. */
export const ENV_BASE_URL = 'FLOWCRAFT_E2E_BASE_URL';
export const ENV_APP_STATUS = 'FLOWCRAFT_E2E_APP';
export const ENV_SERVER_PID = 'FLOWCRAFT_E2E_SERVER_PID';
export const ENV_DATA_DIR = 'FLOWCRAFT_E2E_DATA_DIR';
export const SERVER_LOG = path.join(ARTIFACTS_DIR, 'server.log');

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}

export function baseURL(): string {
  const url = process.env[ENV_BASE_URL];
  if (!url) throw new Error(`${ENV_BASE_URL} is not set: the suite's global setup did not start a server`);
  return url;
}
