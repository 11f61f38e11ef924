import { deviceTimeZone, resolveTimeZone } from '@carbontrack/core/time-zone';
import { type QuickPickItem, Uri } from 'vscode';
import type { ConnectionSessions } from '../connections/connection-sessions.js';
import type { RowFormat } from '../measurements/measurement-rows.js';
import type { ClipboardPort, WindowPort } from '../ports.js';
import { withCancellableProgress } from '../progress/cancellable-progress.js';
import type { DeviceNode } from '../tree/tree-nodes.js';
import { deviceSnippet } from './copy-as-code.js';
import { type DateRange, isoDay, parseLocalDateInput, presetRange, type RangePreset } from './date-range.js';
import { exportMeasurements } from './export-measurements.js';

export interface DeviceCommandDeps {
  sessions: ConnectionSessions;
  window: WindowPort;
  clipboard: ClipboardPort;
  /** Folder proposed by the save dialog. */
  defaultFolder?: () => Uri | undefined;
  now?: () => number;
  /** The `carbontrack.timeZone` setting ('' for each device's own zone). */
  timeZone?: () => string;
  /** Opens an exported file in an editor (the done notification's "Open"). */
  open?: (file: Uri) => unknown;
  /** Shows an exported file in the system's file manager ("Reveal"). */
  reveal?: (file: Uri) => unknown;
}

interface RangeItem extends QuickPickItem {
  preset: RangePreset | 'custom';
}

/**
 * Asks for a range in local days of `timeZone`: today and this month (to now), yesterday and last
 * month (whole), the last 7 or 30 days, or custom dates (local midnights, validated). Undefined
 * when dismissed.
 */
export async function pickRange(
  window: WindowPort,
  now = Date.now(),
  timeZone = 'UTC',
): Promise<DateRange | undefined> {
  const items: RangeItem[] = [
    { label: 'Today', description: `since midnight, ${timeZone}`, preset: 'today' },
    { label: 'Yesterday', description: `midnight to midnight, ${timeZone}`, preset: 'yesterday' },
    { label: 'Last 7 days', preset: '7d' },
    { label: 'Last 30 days', preset: '30d' },
    { label: 'This month', description: `since the 1st, ${timeZone}`, preset: 'month' },
    { label: 'Last month', description: timeZone, preset: 'lastMonth' },
    { label: 'Custom dates…', description: `YYYY-MM-DD to YYYY-MM-DD, ${timeZone}`, preset: 'custom' },
  ];
  const picked = await window.showQuickPick(items, { title: 'Measurement range', placeHolder: 'Range' });
  if (!picked) return undefined;
  if (picked.preset !== 'custom') return presetRange(picked.preset, now, timeZone);
  return pickCustomRange(window, now, timeZone);
}

/** Asks for custom dates, local midnights of `timeZone` (validated: a date, the end after the start). */
export async function pickCustomRange(
  window: WindowPort,
  now = Date.now(),
  timeZone = 'UTC',
): Promise<DateRange | undefined> {
  const parse = (v: string) => parseLocalDateInput(v, timeZone);
  const fromText = await window.showInputBox({
    title: `From (inclusive, local midnight in ${timeZone})`,
    value: isoDay(now - 7 * 86_400_000, timeZone),
    validateInput: (v) => (parse(v) === undefined ? 'A date such as 2026-01-31' : undefined),
  });
  if (fromText === undefined) return undefined;
  const from = parse(fromText) as number;
  const toText = await window.showInputBox({
    title: `To (exclusive, local midnight in ${timeZone})`,
    value: isoDay(now + 86_400_000, timeZone),
    validateInput: (v) => {
      const to = parse(v);
      if (to === undefined) return 'A date such as 2026-02-01';
      return to <= from ? 'Must be after the start date' : undefined;
    },
  });
  if (toText === undefined) return undefined;
  return { from, to: parse(toText) as number, label: `${fromText.trim()} to ${toText.trim()} (${timeZone})` };
}

export async function pickFormat(window: WindowPort): Promise<RowFormat | undefined> {
  const picked = await window.showQuickPick(
    [
      { label: 'CSV', format: 'csv' as const },
      { label: 'JSON', format: 'json' as const },
    ],
    { title: 'Export format' },
  );
  return picked?.format;
}

/** "Today" is the device's day: core's one time-zone rule (the setting, else the device's own zone). */
async function zoneOf(deps: DeviceCommandDeps, node: DeviceNode): Promise<string> {
  return resolveTimeZone({ explicit: deps.timeZone?.(), deviceZone: await deviceTimeZone(node.device) }).timeZone;
}

/** "Export Measurements…": range, format, file, then a cancellable streamed export. */
export async function exportMeasurementsCommand(deps: DeviceCommandDeps, node: DeviceNode): Promise<Uri | undefined> {
  const timeZone = await zoneOf(deps, node);
  const range = await pickRange(deps.window, deps.now?.(), timeZone);
  if (!range) return undefined;
  return (await exportRange(deps, node, range, timeZone))?.file;
}

/**
 * Exports `range` of a device: the format and the file asked for, then a cancellable streamed
 * export with local times of `timeZone` and units, and a notification with Open and Reveal.
 * Shared by "Export Measurements…" and the measurements panel's "Export…".
 * @returns the file written, or undefined when a prompt was dismissed.
 */
export async function exportRange(
  deps: Pick<DeviceCommandDeps, 'sessions' | 'window' | 'defaultFolder' | 'open' | 'reveal'>,
  node: DeviceNode,
  range: DateRange,
  timeZone: string,
): Promise<{ file: Uri; rows: number } | undefined> {
  const format = await pickFormat(deps.window);
  if (!format) return undefined;
  const name = `${node.deviceId}-${isoDay(range.from, timeZone)}-${isoDay(range.to, timeZone)}.${format}`;
  const folder = deps.defaultFolder?.();
  const target = await deps.window.showSaveDialog({
    title: 'Export measurements',
    defaultUri: folder ? Uri.joinPath(folder, name) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
  });
  if (!target) return undefined;
  const rows = await withCancellableProgress(
    deps.window,
    `Exporting ${node.deviceId} (${range.label})`,
    (signal, report) =>
      deps.sessions.run(node.connection, (client) =>
        exportMeasurements(client, {
          deviceId: node.deviceId,
          range,
          format,
          path: target.fsPath,
          timeZone,
          signal,
          onProgress: (done, count) => report(done, `${count} rows`),
        }),
      ),
  );
  // Not awaited: the command is done; the buttons act when (if) they are pressed.
  void deps.window
    .showInformationMessage(`Exported ${rows} rows to ${target.fsPath}`, 'Open', 'Reveal')
    .then((choice) => {
      if (choice === 'Open') return deps.open?.(target);
      if (choice === 'Reveal') return deps.reveal?.(target);
      return undefined;
    });
  return { file: target, rows };
}

export async function copyDeviceIdCommand(deps: DeviceCommandDeps, node: DeviceNode): Promise<void> {
  await deps.clipboard.writeText(node.deviceId);
  void deps.window.showInformationMessage(`Copied device ID ${node.deviceId}`);
}

/** "Copy as Code": a TypeScript snippet using `@carbontrack/core` for this device and a chosen range. */
export async function copyAsCodeCommand(deps: DeviceCommandDeps, node: DeviceNode): Promise<string | undefined> {
  const range = await pickRange(deps.window, deps.now?.(), await zoneOf(deps, node));
  if (!range) return undefined;
  const code = deviceSnippet(node.connection, node.deviceId, range);
  await deps.clipboard.writeText(code);
  void deps.window.showInformationMessage('Copied a @carbontrack/core snippet for this device');
  return code;
}
