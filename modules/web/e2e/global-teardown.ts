/** Stops the server global-setup.ts started (its whole process group) and removes its data directory. */
import fs from 'node:fs';
import { ENV_DATA_DIR, ENV_SERVER_PID, SERVER_LOG } from './helpers/paths';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env[ENV_SERVER_PID]);
  if (pid > 0) {
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
    console.log(`[e2e] server stopped; its log: ${SERVER_LOG}`);
  }
  const dataDir = process.env[ENV_DATA_DIR];
  if (dataDir && !process.env.FLOWCRAFT_E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
}
