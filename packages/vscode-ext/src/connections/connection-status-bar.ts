import { type StatusBarItem, ThemeColor } from 'vscode';
import type { ConnectionSessions } from './connection-sessions.js';

const ICONS = { idle: '$(plug)', connecting: '$(sync~spin)', connected: '$(zap)', error: '$(error)' } as const;

/** Keeps a status-bar item showing the active connection and its state; clicking it picks another. */
export function bindConnectionStatusBar(item: StatusBarItem, sessions: ConnectionSessions): { dispose(): void } {
  const update = () => {
    const active = sessions.active;
    if (!active) {
      item.text = '$(plug) carbonTRACK: no connection';
      item.tooltip = 'Add a carbonTRACK connection or start the local simulator';
      item.command = 'carbontrack.connections.add';
      item.backgroundColor = undefined;
      item.show();
      return;
    }
    const status = sessions.status(active.id);
    item.text = `${ICONS[status.state]} carbonTRACK: ${active.name}`;
    const detail = status.state === 'error' && status.error instanceof Error ? `: ${status.error.message}` : '';
    item.tooltip = `${active.name} (${active.username} @ ${active.baseUrl}): ${status.state}${detail}`;
    item.command = 'carbontrack.connections.select';
    item.backgroundColor = status.state === 'error' ? new ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };
  update();
  return sessions.onDidChange(update);
}
