import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import { Uri, ViewColumn, window as vscodeWindow, type WebviewPanel } from 'vscode';
import type { ClipboardPort, WindowPort } from '../ports.js';
import { type ResultTable, tableToCsv, tableToJson, tableToMarkdown } from '../results/result-table.js';
import type { SeriesMessage } from './panel-messages.js';
import { renderResultsHtml } from './results-html.js';
import type { ResultsHeader, ResultsHostMessage, ResultsPageMessage } from './results-messages.js';
import { createNonce } from './webview-page.js';

/** What a results view shows: the header and the table; `text` is the query's own output, for "Open as Text". */
export interface ResultsContent {
  header: ResultsHeader;
  table: ResultTable;
  openText: () => unknown;
  /** Records to chart (a measurements query without buckets). */
  chart?: { series: SeriesMessage; fields: MeasurementField[] };
  /** The records themselves, for Export Parquet (a measurements query without buckets). */
  records?: { series: MeasurementSeries; fields: readonly MeasurementField[]; timeZone?: string };
}

/** What the results views need from the editor. */
export interface ResultsPanelDeps {
  window: Pick<WindowPort, 'showSaveDialog' | 'showInformationMessage' | 'showErrorMessage'>;
  clipboard: ClipboardPort;
  /** Folder holding results-page.js (dist/webview), and ct-widgets.js when it was bundled. */
  webviewRoot: Uri;
  /** Whether ct-widgets.js was bundled (the Chart tab needs it). */
  hasWidgets?: boolean;
  /** Folder the save dialog proposes. */
  defaultFolder?: () => Uri | undefined;
  open?: (file: Uri) => unknown;
  reveal?: (file: Uri) => unknown;
  /** Writes records as Parquet (the CLI's writer, loaded on first use); returns the rows written. */
  writeParquet?: (
    path: string,
    series: MeasurementSeries,
    options: { timeZone?: string; fields?: readonly MeasurementField[] },
  ) => Promise<number>;
  /** Creates the panel (tests pass a stand-in). */
  createPanel?: typeof vscodeWindow.createWebviewPanel;
}

/**
 * One results view per query file, reused run after run (like REST Client's response pane): a
 * header with the query, the connection, the row count, the duration and the zone; a virtualised
 * grid; Export CSV / JSON (full precision, units in the CSV header), Copy as Markdown and Open as
 * Text.
 */
export class ResultsPanels {
  private readonly panels = new Map<string, { panel: WebviewPanel; content: ResultsContent | undefined }>();

  constructor(private readonly deps: ResultsPanelDeps) {}

  /** Shows `content` in the query file's view, creating the view on first use. */
  show(queryUri: Uri, content: ResultsContent): WebviewPanel {
    const key = queryUri.toString();
    let entry = this.panels.get(key);
    if (!entry) {
      const title = `${basename(queryUri.path) || 'query'} · results`;
      const create = this.deps.createPanel ?? vscodeWindow.createWebviewPanel;
      const panel = create(
        'carbontrack.results',
        title,
        { viewColumn: ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          retainContextWhenHidden: true,
          localResourceRoots: [this.deps.webviewRoot],
        },
      );
      const scriptUri = panel.webview.asWebviewUri(Uri.joinPath(this.deps.webviewRoot, 'results-page.js')).toString();
      const widgetsUri = this.deps.hasWidgets
        ? panel.webview.asWebviewUri(Uri.joinPath(this.deps.webviewRoot, 'ct-widgets.js')).toString()
        : undefined;
      panel.webview.html = renderResultsHtml({
        cspSource: panel.webview.cspSource,
        nonce: createNonce(),
        scriptUri,
        widgetsUri,
        title,
      });
      const created = { panel, content: undefined as ResultsContent | undefined };
      entry = created;
      panel.webview.onDidReceiveMessage((message: ResultsPageMessage) => this.onMessage(created, message));
      panel.onDidDispose(() => this.panels.delete(key));
      this.panels.set(key, created);
    } else {
      entry.panel.reveal(ViewColumn.Beside, true);
    }
    entry.content = content;
    void this.post(entry.panel, this.resultMessage(content));
    return entry.panel;
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
  }

  private resultMessage(content: ResultsContent): ResultsHostMessage {
    return {
      type: 'result',
      header: { ...content.header, parquet: Boolean(content.records && this.deps.writeParquet) },
      table: content.table,
      ...(content.chart ? { chart: content.chart } : {}),
    };
  }

  private post(panel: WebviewPanel, message: ResultsHostMessage): Thenable<boolean> {
    return panel.webview.postMessage(message);
  }

  private async onMessage(
    entry: { panel: WebviewPanel; content: ResultsContent | undefined },
    message: ResultsPageMessage,
  ) {
    const content = entry.content;
    if (!content) return;
    if (message.type === 'ready') {
      await this.post(entry.panel, this.resultMessage(content));
      return;
    }
    if (message.type === 'open-text') {
      await content.openText();
      return;
    }
    if (message.type === 'copy-markdown') {
      await this.deps.clipboard.writeText(tableToMarkdown(content.table));
      await this.post(entry.panel, { type: 'status', text: `Copied ${content.table.rows.length} rows as Markdown` });
      return;
    }
    const { format } = message;
    const records = content.records;
    if (format === 'parquet' && (!records || !this.deps.writeParquet)) {
      await this.post(entry.panel, {
        type: 'status',
        text: 'Parquet holds measurement records: this result has none.',
        error: true,
      });
      return;
    }
    const name = `${content.header.query.replace(/\.ctquery$/, '')}-results.${format}`;
    const folder = this.deps.defaultFolder?.();
    const target = await this.deps.window.showSaveDialog({
      title: 'Export results',
      defaultUri: folder ? Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : format === 'json' ? { JSON: ['json'] } : { Parquet: ['parquet'] },
    });
    if (!target) return;
    try {
      if (format === 'parquet' && records && this.deps.writeParquet) {
        await this.deps.writeParquet(target.fsPath, records.series, {
          fields: records.fields,
          ...(records.timeZone ? { timeZone: records.timeZone } : {}),
        });
      } else {
        await writeFile(
          target.fsPath,
          format === 'csv' ? tableToCsv(content.table) : tableToJson(content.table),
          'utf8',
        );
      }
    } catch (error) {
      const text = `Could not write ${target.fsPath}: ${(error as Error).message}`;
      await this.post(entry.panel, { type: 'status', text, error: true });
      void this.deps.window.showErrorMessage(`carbonTRACK: ${text}`);
      return;
    }
    const rows = content.table.rows.length;
    await this.post(entry.panel, { type: 'status', text: `Exported ${rows} rows to ${target.fsPath}` });
    void this.deps.window
      .showInformationMessage(`Exported ${rows} rows to ${target.fsPath}`, 'Open', 'Reveal')
      .then((choice) =>
        choice === 'Open' ? this.deps.open?.(target) : choice === 'Reveal' ? this.deps.reveal?.(target) : undefined,
      );
  }
}
