import { join } from 'node:path';
import type { FleetTarget } from '@carbontrack/core';
import { exportFleet, type FleetExportResult, type OutputFormat, readManifest } from '@carbontrack/export';
import { Uri } from 'vscode';
import type { ConnectionSessions } from '../connections/connection-sessions.js';
import { isoDay } from '../devices/date-range.js';
import { pickRange } from '../devices/device-commands.js';
import type { WindowPort } from '../ports.js';
import { withCancellableProgress } from '../progress/cancellable-progress.js';
import type { CustomerNode, DistributorNode } from '../tree/tree-nodes.js';

/** What "Export All Devices…" needs. */
export interface FleetExportDeps {
  sessions: ConnectionSessions;
  window: WindowPort & Pick<typeof import('vscode').window, 'showOpenDialog'>;
  /** Folder proposed by the folder dialog. */
  defaultFolder?: () => Uri | undefined;
  now?: () => number;
  /** The `carbontrack.timeZone` setting: the local days of the range ('' for UTC). Files are partitioned by UTC date either way. */
  timeZone?: () => string;
  /** Shows the finished folder in the system's file manager. */
  reveal?: (folder: Uri) => unknown;
}

/**
 * "Export All Devices…" on a customer or distributor: range, format and a parent folder, then the
 * CLI's fleet export (`exportFleet` of `@carbontrack/export`, the same function `ct export` runs)
 * into `carbontrack-<who>-<from>-<to>/`, with cancellable progress. A cancelled export keeps its
 * finished files and manifest; running the command again on the same folder resumes it.
 * @returns the export folder, or undefined when a prompt was dismissed.
 */
export async function exportAllDevicesCommand(
  deps: FleetExportDeps,
  node: CustomerNode | DistributorNode,
): Promise<{ folder: Uri; result: FleetExportResult } | undefined> {
  const zone = deps.timeZone?.() || 'UTC';
  const range = await pickRange(deps.window, deps.now?.(), zone);
  if (!range) return undefined;
  const picked = await deps.window.showQuickPick(
    [
      {
        label: 'Parquet',
        description: 'typed and compressed: DuckDB, pandas, Spark, BigQuery',
        format: 'parquet' as const,
      },
      { label: 'CSV', format: 'csv' as const },
      { label: 'NDJSON', description: 'one JSON object a line', format: 'ndjson' as const },
    ],
    { title: 'Export format' },
  );
  if (!picked) return undefined;
  const format: OutputFormat = picked.format;
  const parents = await deps.window.showOpenDialog({
    title: 'Export all devices into a new folder inside…',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Export Here',
    defaultUri: deps.defaultFolder?.(),
  });
  const parent = parents?.[0];
  if (!parent) return undefined;
  const who =
    node.kind === 'customer'
      ? (node.customer.AccountNumber ?? 'customer')
      : (node.distributor.UserName ?? 'distributor');
  const folder = Uri.file(
    join(parent.fsPath, `carbontrack-${slug(who)}-${isoDay(range.from, zone)}-${isoDay(range.to, zone)}`),
  );
  const target: FleetTarget =
    node.kind === 'customer'
      ? { deviceIds: [...(node.customer.Devices ?? [])] }
      : { distributorId: node.distributor.ID as string };
  if ('deviceIds' in target && target.deviceIds.length === 0) {
    void deps.window.showInformationMessage(`${who} has no devices to export.`);
    return undefined;
  }
  const earlier = await readManifest(folder.fsPath).catch(() => undefined);
  const resume = earlier !== undefined && !earlier.complete;
  const title = `${resume ? 'Resuming the export of' : 'Exporting'} ${who} (${range.label})`;
  const result = await withCancellableProgress(deps.window, title, (signal, report) =>
    deps.sessions.run(node.connection, (client) =>
      exportFleet(client, target, {
        out: folder.fsPath,
        format,
        from: range.from,
        to: range.to,
        resume,
        signal,
        onProgress: (p) =>
          report(p.total > 0 ? p.done / p.total : 0, `${p.done} of ${p.total} device-days, ${p.files} files`),
      }),
    ),
  );
  const { manifest } = result;
  if (result.complete) {
    const choice = await deps.window.showInformationMessage(
      `Exported ${manifest.files} files (${manifest.records.toLocaleString('en-AU')} records) of ${who} to ${folder.fsPath}`,
      'Reveal in File Explorer',
    );
    if (choice === 'Reveal in File Explorer') deps.reveal?.(folder);
  } else if (result.interrupted) {
    void deps.window.showWarningMessage(
      `Export stopped at ${manifest.done} of ${manifest.total ?? '?'} device-days. Run Export All Devices with the same range and folder to finish it.`,
    );
  } else {
    throw result.error;
  }
  return { folder, result };
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
}
