import { listen } from '@carbontrack/simulator';
import type { TestProject } from 'vitest/node';
import { runningSimulatorOrNull, setRunningSimulator } from './simulator-state.js';

/** Devices the browser tests use, picked from the simulator's world on the Node side. */
export interface TestDevices {
  /** Online, with solar and a battery. */
  live: string;
  /** Another online device of the same account. */
  other: string;
  /** Offline longest: no latest reading, no data today. */
  offline: string;
  /** The hostile fixture whose names carry HTML. */
  hostile: string;
  /** The IANA zone of `live`'s city (its coordinates are in it). */
  liveZone: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
    devices: TestDevices;
  }
}

export default async function setup(project: TestProject) {
  const port = process.env.CT_WIDGETS_TEST_PORT;
  const cors = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  // Global setup runs once per project (the root and its chromium instance): share one simulator.
  const existing = runningSimulatorOrNull();
  const running = existing ?? (await listen({ seed: 5, cors, hostileFixtures: true }, { port: 0 }));
  setRunningSimulator(running);
  const { world } = running.simulator;
  const mine = world.devices.filter((d) => d.distributorId === world.distributors[0]?.ID);
  const online = mine.filter((d) => d.offlineSinceMs === null && !d.name.includes('<'));
  const live = online.find((d) => d.battery && d.solarKwp > 0);
  const other = online.find((d) => d !== live);
  // The one offline longest (the simulator's range is 2 hours to 5 days): no data today anywhere.
  const offline = mine
    .filter((d) => d.offlineSinceMs !== null)
    .sort((a, b) => (a.offlineSinceMs as number) - (b.offlineSinceMs as number))[0];
  const hostile = mine.find((d) => d.name.includes('<img'));
  if (!live || !other || !offline || !hostile) throw new Error('the simulator world lacks a device the tests need');
  project.provide('simulatorUrl', running.url);
  project.provide('devices', {
    live: live.id,
    other: other.id,
    offline: offline.id,
    hostile: hostile.id,
    liveZone: live.timeZone,
  });
  if (existing) return;
  return async () => {
    setRunningSimulator(undefined);
    await running.close();
  };
}
