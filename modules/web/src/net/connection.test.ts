import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay, socketUrl } from './connection';
import { graphIdOf, newGraphId } from '../ui/router';

describe('connection', () => {
  it('backs off from 0.5 s doubling to 10 s, with jitter', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(500);
    expect(backoffDelay(1, () => 0.5)).toBe(1000);
    expect(backoffDelay(4, () => 0.5)).toBe(8000);
    expect(backoffDelay(5, () => 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(30, () => 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(0, () => 0)).toBe(375);
    expect(backoffDelay(0, () => 0.999)).toBeLessThanOrEqual(625);
  });

  it('builds the socket URL with protocol=2 and since', () => {
    expect(socketUrl('g-1', undefined, 'ws://h:1')).toBe('ws://h:1/ws?graph=g-1&protocol=2');
    expect(socketUrl('g-1', 12, 'wss://h')).toBe('wss://h/ws?graph=g-1&protocol=2&since=12');
  });

  it('makes graph ids from names and reads them from paths', () => {
    const id = newGraphId('Héllo, World! 2', () => 0.5);
    expect(id).toBe('hello-world-2-iiiiii');
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(newGraphId('!!!', () => 0)).toBe('graph-000000');
    expect(newGraphId('x'.repeat(100))).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(graphIdOf('/graphs/abc-1')).toBe('abc-1');
    expect(graphIdOf('/')).toBeNull();
    expect(graphIdOf('/graphs/bad id')).toBeNull();
  });
});
