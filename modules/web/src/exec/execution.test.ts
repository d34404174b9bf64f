import { describe, expect, it } from 'vitest';
import { decode } from '../protocol/codec';
import type { ExecutionEvent } from '../protocol/messages';
import { IDLE_EXECUTION, reduceExecution, type ExecutionView } from './execution';

function ev(type: string, payload: Record<string, unknown>): ExecutionEvent {
  const m = decode(JSON.stringify({ type, payload: { graphId: 'g', ...payload } }));
  if (m.type === 'decode_error') throw new Error(m.reason);
  return m as ExecutionEvent;
}

const run = (...events: ExecutionEvent[]): ExecutionView => events.reduce(reduceExecution, IDLE_EXECUTION);

describe('reduceExecution', () => {
  it('follows a run: statuses, streamed text, outputs, terminal status', () => {
    const v = run(
      ev('execution_started', { executionId: 'x', version: 1 }),
      ev('node_started', { executionId: 'x', nodeId: 'a', iteration: 0 }),
      ev('node_progress', { executionId: 'x', nodeId: 'a', text: 'Hel' }),
      ev('node_progress', { executionId: 'x', nodeId: 'a', text: 'lo' }),
      ev('node_completed', { executionId: 'x', nodeId: 'a', output: { r: 1 }, durationMs: 7, tokens: { input: 1, output: 2 } }),
      ev('node_skipped', { executionId: 'x', nodeId: 'b', reason: 'branch' }),
      ev('node_started', { executionId: 'x', nodeId: 'c', iteration: 0 }),
      ev('node_failed', { executionId: 'x', nodeId: 'c', error: 'boom' }),
      ev('execution_failed', { executionId: 'x', error: 'c failed', nodeId: 'c', durationMs: 20 }),
    );
    expect(v.status).toBe('failed');
    expect(v.order).toEqual(['a', 'b', 'c']);
    expect(v.nodes.a).toMatchObject({ status: 'completed', stream: 'Hello', output: { r: 1 }, durationMs: 7, tokens: { input: 1, output: 2 } });
    expect(v.nodes.b).toMatchObject({ status: 'skipped', reason: 'branch' });
    expect(v.nodes.c).toMatchObject({ status: 'failed', error: 'boom' });
    expect(v.error).toBe('c failed');
  });

  it('a prompt waits until its node completes or the run ends; pause and resume', () => {
    let v = run(
      ev('execution_started', { executionId: 'x', version: 1 }),
      ev('interactive_prompt', { executionId: 'x', nodeId: 'q', prompt: 'Go?', timeoutSeconds: 30 }),
    );
    expect(v.nodes.q!.status).toBe('waiting');
    expect(v.prompts.q).toEqual({ executionId: 'x', nodeId: 'q', prompt: 'Go?', timeoutSeconds: 30 });
    v = reduceExecution(v, ev('execution_paused', { executionId: 'x' }));
    expect(v.status).toBe('paused');
    v = reduceExecution(v, ev('execution_resumed', { executionId: 'x' }));
    expect(v.status).toBe('running');
    const answered = reduceExecution(v, ev('node_completed', { executionId: 'x', nodeId: 'q', output: 'yes', durationMs: 1 }));
    expect(answered.prompts).toEqual({});
    const ended = reduceExecution(v, ev('execution_cancelled', { executionId: 'x', reason: 'stop' }));
    expect(ended.prompts).toEqual({});
    expect(ended.status).toBe('cancelled');
  });

  it('execution_state restores a running run for a late joiner', () => {
    const v = run(ev('execution_state', {
      executionId: 'x', status: 'paused', nodes: { a: { status: 'completed', runs: 1, output: 3, error: null, durationMs: 2 }, q: { status: 'running', runs: 0 } },
      prompts: [{ nodeId: 'q', prompt: 'Name?', timeoutSeconds: 10 }],
    }));
    expect(v.executionId).toBe('x');
    expect(v.status).toBe('paused');
    expect(v.nodes.a).toMatchObject({ status: 'completed', output: 3 });
    expect(v.nodes.q!.status).toBe('waiting');
    expect(v.prompts.q!.prompt).toBe('Name?');
  });

  it('a new run replaces the previous one; stray events of another run are ignored while one is live', () => {
    let v = run(ev('execution_started', { executionId: 'x', version: 1 }), ev('node_started', { executionId: 'x', nodeId: 'a', iteration: 0 }));
    v = reduceExecution(v, ev('node_started', { executionId: 'other', nodeId: 'z', iteration: 0 }));
    expect(v.nodes.z).toBeUndefined();
    v = reduceExecution(v, ev('execution_completed', { executionId: 'x', outputs: {}, durationMs: 1, tokens: { input: 0, output: 0 } }));
    v = reduceExecution(v, ev('execution_started', { executionId: 'y', version: 2 }));
    expect(v).toMatchObject({ executionId: 'y', status: 'running', order: [] });
  });
});
