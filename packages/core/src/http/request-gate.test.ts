import { describe, expect, it } from 'vitest';
import { RequestGate } from './request-gate.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('RequestGate', () => {
  it('runs at most `slots` requests at once, lowest priority number first, then in arrival order', async () => {
    const gate = new RequestGate(2);
    let running = 0;
    let most = 0;
    const started: string[] = [];
    const releases = new Map<string, () => void>();
    const request = (name: string) => () =>
      new Promise<string>((resolve) => {
        running++;
        most = Math.max(most, running);
        started.push(name);
        releases.set(name, () => {
          running--;
          resolve(name);
        });
      });
    const results = [
      gate.run(request('a'), 5),
      gate.run(request('b'), 5),
      gate.run(request('late window'), 9),
      gate.run(request('early window'), 1),
      gate.run(request('early window, 2nd'), 1),
    ];
    await tick();
    expect(started).toEqual(['a', 'b']);
    releases.get('a')?.();
    await tick();
    expect(started).toEqual(['a', 'b', 'early window']);
    for (const name of ['b', 'early window']) releases.get(name)?.();
    await tick();
    expect(started).toEqual(['a', 'b', 'early window', 'early window, 2nd', 'late window']);
    for (const name of ['early window, 2nd', 'late window']) releases.get(name)?.();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'late window', 'early window', 'early window, 2nd']);
    expect(most).toBe(2);
  });

  it('frees the slot when a request fails, and a waiter whose signal aborts leaves the queue', async () => {
    const gate = new RequestGate(1);
    let finish: () => void = () => {};
    const holding = gate.run(() => new Promise<void>((resolve) => (finish = resolve)));
    const controller = new AbortController();
    const cancelled = gate.run(async () => 'never', 0, controller.signal);
    const failing = gate.run(async () => {
      throw new Error('boom');
    });
    const after = gate.run(async () => 'ran');
    controller.abort(new Error('gave up'));
    await expect(cancelled).rejects.toThrow('gave up');
    finish();
    await holding;
    await expect(failing).rejects.toThrow('boom');
    expect(await after).toBe('ran');
  });
});
