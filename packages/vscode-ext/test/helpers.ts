import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { ConnectionSessions } from '../src/connections/connection-sessions.js';
import { type ConnectionConfig, ConnectionStore } from '../src/connections/connection-store.js';
import type { WindowPort } from '../src/ports.js';
import type { DeviceNode } from '../src/tree/tree-nodes.js';
import { createCancellation, TestSecrets } from './vscode-double.js';

/** A real simulator on 127.0.0.1 and a store/sessions pair pointing at it (demo/demo). */
export async function startSimulator(): Promise<{
  running: RunningSimulator;
  sessions: ConnectionSessions;
  secrets: TestSecrets;
  settings: Map<string, unknown>;
  connection: ConnectionConfig;
  close: () => Promise<void>;
}> {
  const running = await listen({ seed: 1 }, { port: 0 });
  const settings = new Map<string, unknown>();
  const secrets = new TestSecrets();
  const store = new ConnectionStore(
    { get: (key) => settings.get(key) as never, update: async (key, value) => void settings.set(key, value) },
    secrets,
  );
  const connection: ConnectionConfig = { id: 'sim', name: 'Simulator', baseUrl: running.url, username: 'demo' };
  await store.save(connection, 'demo');
  const sessions = new ConnectionSessions(store, { retry: { maxAttempts: 1 } });
  return { running, sessions, secrets, settings, connection, close: () => running.close() };
}

/** The tree node of `deviceId` (default: the simulator's first online device), read through the connection. */
export async function deviceNode(
  sim: Awaited<ReturnType<typeof startSimulator>>,
  deviceId?: string,
): Promise<DeviceNode> {
  const id = deviceId ?? (sim.running.simulator.world.devices.find((d) => d.offlineSinceMs === null)?.id as string);
  const client = await sim.sessions.client(sim.connection);
  return {
    kind: 'device',
    connection: sim.connection,
    deviceId: id,
    device: await client.device(id),
    reading: undefined,
  };
}

/** A scripted window: input boxes and quick picks answer from `answers` in order. */
export function scriptedWindow(answers: unknown[]) {
  const messages: Array<{ level: string; text: string; items: unknown[] }> = [];
  const inputs: Array<{ validateInput?: (value: string) => unknown; title?: string }> = [];
  const quickPicks: Array<Array<{ label: string; description?: string }>> = [];
  let cancelAfter: number | undefined;
  const cancellation = createCancellation();
  const window = {
    showInputBox: async (options: { validateInput?: (value: string) => unknown; title?: string }) => {
      inputs.push(options);
      return answers.shift();
    },
    showQuickPick: async (items: Array<{ label: string; description?: string }>) => {
      quickPicks.push(items);
      const answer = answers.shift();
      return typeof answer === 'string' ? items.find((i) => i.label === answer) : answer;
    },
    showSaveDialog: async () => answers.shift(),
    showOpenDialog: async () => answers.shift(),
    showInformationMessage: async (text: string, ...items: unknown[]) => {
      messages.push({ level: 'info', text, items });
      return undefined;
    },
    showWarningMessage: async (text: string, ...items: unknown[]) => {
      messages.push({ level: 'warning', text, items });
      return answers.shift();
    },
    showErrorMessage: async (text: string, ...items: unknown[]) => {
      messages.push({ level: 'error', text, items });
      return answers.shift();
    },
    showTextDocument: async (document: unknown) => ({ document }),
    withProgress: async (
      _options: unknown,
      task: (progress: { report: (value: unknown) => void }, token: unknown) => Promise<unknown>,
    ) => {
      let reports = 0;
      return task(
        {
          report: () => {
            reports++;
            if (cancelAfter !== undefined && reports >= cancelAfter) cancellation.cancel();
          },
        },
        cancellation.token,
      );
    },
  };
  return {
    window: window as unknown as WindowPort & Pick<typeof import('vscode').window, 'showOpenDialog'>,
    messages,
    inputs,
    /** The items of every quick pick shown, in order. */
    quickPicks,
    /** Cancels the progress after this many progress reports. */
    cancelAfterReports(count: number) {
      cancelAfter = count;
    },
  };
}
