import { randomUUID } from 'node:crypto';
import type { WindowPort } from '../ports.js';
import type { ConnectionSessions } from './connection-sessions.js';
import { type ConnectionConfig, validateBaseUrl } from './connection-store.js';

export interface ConnectionCommandDeps {
  sessions: ConnectionSessions;
  window: WindowPort;
  /** Called after any change, to refresh the tree. */
  changed: () => void;
}

const DEFAULT_BASE_URL = 'https://apiv2.carbontrack.com.au';

/** Input boxes for name, base URL, username and password (validated). Undefined when dismissed. */
async function askConnection(
  window: WindowPort,
  existing: ConnectionConfig | undefined,
  taken: string[],
): Promise<{ config: ConnectionConfig; password: string | undefined } | undefined> {
  const name = await window.showInputBox({
    title: existing ? 'Edit connection: name' : 'New connection: name',
    value: existing?.name ?? 'carbonTRACK',
    validateInput: (v) => {
      if (!v.trim()) return 'Enter a name';
      return taken.includes(v.trim()) ? 'Another connection has this name' : undefined;
    },
  });
  if (name === undefined) return undefined;
  const baseUrl = await window.showInputBox({
    title: 'API base URL',
    value: existing?.baseUrl ?? DEFAULT_BASE_URL,
    validateInput: validateBaseUrl,
  });
  if (baseUrl === undefined) return undefined;
  const username = await window.showInputBox({
    title: 'Username',
    value: existing?.username ?? '',
    validateInput: (v) => (v.trim() ? undefined : 'Enter the account username'),
  });
  if (username === undefined) return undefined;
  const password = await window.showInputBox({
    title: existing ? 'Password (leave empty to keep the stored one)' : 'Password',
    password: true,
    validateInput: (v) => (existing || v ? undefined : 'Enter the password'),
  });
  if (password === undefined) return undefined;
  return {
    config: {
      id: existing?.id ?? randomUUID(),
      name: name.trim(),
      baseUrl: baseUrl.trim().replace(/\/+$/, ''),
      username: username.trim(),
    },
    password: password || undefined,
  };
}

export async function addConnectionCommand(deps: ConnectionCommandDeps): Promise<ConnectionConfig | undefined> {
  const answer = await askConnection(
    deps.window,
    undefined,
    deps.sessions.list().map((c) => c.name),
  );
  if (!answer) return undefined;
  await deps.sessions.store.save(answer.config, answer.password);
  deps.sessions.setActive(answer.config.id);
  deps.changed();
  return answer.config;
}

export async function editConnectionCommand(
  deps: ConnectionCommandDeps,
  connection: ConnectionConfig | undefined,
): Promise<ConnectionConfig | undefined> {
  const target = connection ?? (await pickConnection(deps));
  if (!target) return undefined;
  const answer = await askConnection(
    deps.window,
    target,
    deps.sessions
      .list()
      .filter((c) => c.id !== target.id)
      .map((c) => c.name),
  );
  if (!answer) return undefined;
  const config = { ...answer.config, transient: target.transient };
  await deps.sessions.store.save(config, answer.password);
  deps.sessions.reset(config.id);
  deps.changed();
  return config;
}

export async function removeConnectionCommand(
  deps: ConnectionCommandDeps,
  connection: ConnectionConfig | undefined,
): Promise<boolean> {
  const target = connection ?? (await pickConnection(deps));
  if (!target) return false;
  const answer = await deps.window.showWarningMessage(
    `Remove the connection "${target.name}" and its stored password?`,
    { modal: true },
    'Remove',
  );
  if (answer !== 'Remove') return false;
  await deps.sessions.store.remove(target.id);
  deps.sessions.reset(target.id);
  deps.changed();
  return true;
}

export async function enterPasswordCommand(
  deps: ConnectionCommandDeps,
  connection: ConnectionConfig | undefined,
): Promise<boolean> {
  const target = connection ?? deps.sessions.active;
  if (!target) return false;
  const password = await deps.window.showInputBox({
    title: `Password for ${target.username} on ${target.name}`,
    password: true,
    validateInput: (v) => (v ? undefined : 'Enter the password'),
  });
  if (!password) return false;
  await deps.sessions.store.setPassword(target.id, password);
  deps.sessions.reset(target.id);
  deps.changed();
  return true;
}

export async function selectConnectionCommand(deps: ConnectionCommandDeps): Promise<ConnectionConfig | undefined> {
  const target = await pickConnection(deps);
  if (target) {
    deps.sessions.setActive(target.id);
    deps.changed();
  }
  return target;
}

async function pickConnection(deps: ConnectionCommandDeps): Promise<ConnectionConfig | undefined> {
  const items = deps.sessions.list().map((c) => ({ label: c.name, description: `${c.username} @ ${c.baseUrl}`, c }));
  if (items.length === 0) {
    void deps.window.showInformationMessage('No carbonTRACK connection yet: add one or start the local simulator.');
    return undefined;
  }
  return (await deps.window.showQuickPick(items, { title: 'carbonTRACK connection' }))?.c;
}
