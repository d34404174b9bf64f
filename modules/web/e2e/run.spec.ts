/**
 * Running diagrams from the browser: the prompt of a user_response reaches every watcher and is
 * answered by another user; statuses on the nodes, the run panel's output; a condition's skipped
 * branch; pause, resume and cancel.
 */
import { test, expect, uniqueGraphId } from './helpers/test';
import type { Editor } from './helpers/editor';
import { getExecution, listExecutions } from './helpers/http';
import { askName, branch, twoQuestions } from './helpers/diagrams';

async function executionStatus(ed: Editor, status: string, timeout?: number): Promise<void> {
  await expect(ed.tid('execution-status'), `${ed.name}: [data-testid=execution-status] data-status=${status}`)
    .toHaveAttribute('data-status', status, { timeout });
}

test('run in A, answer the prompt in B: both see the prompt, the statuses and the output', async ({ user, remote }) => {
  const id = uniqueGraphId('run-prompt');
  await (await remote(id)).syncGraph(askName());
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });
  await executionStatus(a, 'idle');
  for (const n of ['start', 'ask', 'end']) await expect(a.node(n)).toHaveAttribute('data-status', 'idle');

  await a.tid('run').click();
  for (const ed of [a, b]) {
    const dialog = ed.page.locator('[data-testid="prompt-dialog"][data-node-id="ask"]');
    await expect(dialog, `${ed.name} sees the prompt dialog`).toBeVisible();
    await expect(dialog.getByTestId('prompt-text')).toContainText('Your name?');
    await executionStatus(ed, 'running');
    await expect(ed.node('start')).toHaveAttribute('data-status', 'completed');
    await expect(ed.node('ask')).toHaveAttribute('data-status', /waiting|running/);
  }
  const executionId = (await listExecutions(id))[0]?.executionId;
  expect(executionId, 'the server has the run').toBeTruthy();
  await expect(a.tid('execution-status')).toHaveAttribute('data-execution-id', executionId);
  await expect(b.tid('execution-status')).toHaveAttribute('data-execution-id', executionId);
  await a.screenshot('run-prompt-A.png');
  await b.screenshot('run-prompt-B.png');

  await b.tid('prompt-input').fill('Ada');
  await b.tid('prompt-submit').click();
  for (const ed of [a, b]) {
    await expect(ed.tid('prompt-dialog'), `${ed.name}: the dialog closes once answered`).toHaveCount(0);
    await executionStatus(ed, 'completed');
    for (const n of ['start', 'ask', 'end']) {
      await expect(ed.node(n), `${ed.name}: node ${n} shows completed`).toHaveAttribute('data-status', 'completed');
    }
    const endRun = ed.page.locator('[data-testid="run-panel"] [data-testid="node-run"][data-node-id="end"]');
    await expect(endRun, `${ed.name}: the run panel shows the endpoint's output`).toContainText('Ada');
    await expect(endRun).toHaveAttribute('data-status', 'completed');
  }
  const run = await getExecution(executionId);
  expect(run.status).toBe('completed');
  expect(run.outputs).toEqual({ end: 'Ada' });
  await a.screenshot('run-completed-A.png');
  await b.screenshot('run-completed-B.png');
});

test('a condition: the branch not taken shows data-status=skipped', async ({ user, remote }) => {
  const id = uniqueGraphId('run-branch');
  await (await remote(id)).syncGraph(branch());
  const a = await user('Ann');
  await a.open(id, { version: 1 });
  await a.tid('run').click();
  await executionStatus(a, 'completed');
  await expect(a.node('yes'), 'the condtrue branch is skipped (1 > 2 is false)').toHaveAttribute('data-status', 'skipped');
  for (const n of ['start', 'check', 'no']) await expect(a.node(n)).toHaveAttribute('data-status', 'completed');
  await expect(a.page.locator('[data-testid="node-run"][data-node-id="no"]')).toHaveAttribute('data-status', 'completed');
  await a.screenshot('run-branch-skipped.png');
});

test('pause, resume and cancel a run that waits for an answer', async ({ user, remote }) => {
  const id = uniqueGraphId('run-control');
  await (await remote(id)).syncGraph(twoQuestions());
  const a = await user('Ann');
  const b = await user('Bob');
  await a.open(id, { version: 1 });
  await b.open(id, { version: 1 });
  for (const c of ['pause', 'resume', 'cancel']) await expect(a.tid(c), `${c} is disabled before a run`).toBeDisabled();

  await a.tid('run').click();
  await expect(a.page.locator('[data-testid="prompt-dialog"][data-node-id="ask1"]')).toBeVisible();
  await executionStatus(a, 'running');
  await expect(a.tid('pause')).toBeEnabled();
  await expect(a.tid('cancel')).toBeEnabled();
  await expect(a.tid('resume')).toBeDisabled();

  await a.tid('pause').click();
  await executionStatus(a, 'paused');
  await executionStatus(b, 'paused');
  await expect(a.tid('resume')).toBeEnabled();
  await a.screenshot('run-paused-A.png');

  await a.tid('resume').click();
  await executionStatus(a, 'running');
  await executionStatus(b, 'running');

  await a.tid('cancel').click();
  for (const ed of [a, b]) {
    await executionStatus(ed, 'cancelled');
    await expect(ed.tid('prompt-dialog'), `${ed.name}: the prompt closes when the run ends`).toHaveCount(0);
    await expect(ed.node('ask2'), `${ed.name}: ask2 never ran`).not.toHaveAttribute('data-status', 'completed');
  }
  for (const c of ['pause', 'resume', 'cancel']) await expect(a.tid(c), `${c} is disabled after the run`).toBeDisabled();
  await expect.poll(async () => (await listExecutions(id))[0]?.status).toBe('cancelled');
  await b.screenshot('run-cancelled-B.png');
});
