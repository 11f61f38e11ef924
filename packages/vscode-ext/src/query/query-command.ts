import { basename, dirname } from 'node:path';
import {
  isMeasurementField,
  type MeasurementField,
  type MeasurementSeries,
  measurementField,
  NotFoundError,
} from '@carbontrack/core';
import {
  CancellationError,
  Diagnostic,
  type DiagnosticCollection,
  DiagnosticSeverity,
  ProgressLocation,
  Range,
  type TextDocument,
  type Uri,
} from 'vscode';
import type { ConnectionSessions } from '../connections/connection-sessions.js';
import type { WindowPort, WorkspacePort } from '../ports.js';
import type { ResultsPanels } from '../webview/results-panel.js';
import { toSeriesMessage } from '../webview/series-message.js';
import { type CtQuery, locateProblem, measurementFields, parseQuery, type QueryProblem } from './ct-query.js';
import type { QueryResults } from './query-results.js';
import { QueryPropertyError, type QueryResult, runQuery } from './query-runner.js';

export interface QueryCommandDeps {
  sessions: ConnectionSessions;
  window: WindowPort;
  workspace: WorkspacePort;
  diagnostics: DiagnosticCollection;
  /** Time zone for summaries. */
  timeZone: () => string;
  /** Asks the user for a connection when there is none (e.g. offers to start the simulator). */
  noConnection: () => unknown;
  /** The text of results: read-only documents, one per query file ("Open as Text"). */
  results: QueryResults;
  /** The results view; without it the text document is shown instead. */
  resultsView?: ResultsPanels;
  /** Shows a short status ("day.ctquery on Local simulator: 7 rows in 0.4 s"). */
  status?: (text: string) => void;
}

/** Diagnostics of a query document, from the same checks the runner applies. */
export function queryDiagnostics(document: TextDocument, problems: QueryProblem[]): Diagnostic[] {
  const text = document.getText();
  return problems.map((problem) => {
    const { start, end } = locateProblem(text, problem);
    const diagnostic = new Diagnostic(
      new Range(document.positionAt(start), document.positionAt(end)),
      problem.message,
      DiagnosticSeverity.Error,
    );
    diagnostic.source = 'carbonTRACK';
    return diagnostic;
  });
}

/** Re-checks a query document as it changes (syntax and format only, no request). */
export function validateQueryDocument(deps: Pick<QueryCommandDeps, 'diagnostics'>, document: TextDocument): void {
  if (document.languageId !== 'ctquery') return;
  const parsed = parseQuery(document.getText());
  deps.diagnostics.set(document.uri, 'problems' in parsed ? queryDiagnostics(document, parsed.problems) : []);
}

/**
 * "Run query": parses the file, runs it with the active connection and shows the result (JSON or
 * CSV) in the query file's read-only results document, reused run after run. Problems, including
 * API errors, become diagnostics on the property they concern.
 */
export async function runQueryCommand(deps: QueryCommandDeps, uri: Uri | undefined): Promise<QueryResult | undefined> {
  const document = uri
    ? await deps.workspace.openTextDocument(uri)
    : (deps.window as { activeTextEditor?: { document: TextDocument } }).activeTextEditor?.document;
  if (!document) return undefined;
  const parsed = parseQuery(document.getText());
  if ('problems' in parsed) {
    deps.diagnostics.set(document.uri, queryDiagnostics(document, parsed.problems));
    void deps.window.showErrorMessage('carbonTRACK: the query has problems; see the Problems panel.');
    return undefined;
  }
  const connection = deps.sessions.active;
  if (!connection) {
    await deps.noConnection();
    return undefined;
  }
  deps.diagnostics.set(document.uri, []);
  let result: QueryResult;
  const started = Date.now();
  try {
    result = await deps.window.withProgress(
      { location: ProgressLocation.Notification, title: `Running ${parsed.query.endpoint} query`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort(new CancellationError()));
        return deps.sessions.run(connection, (client) =>
          runQuery(client, parsed.query, {
            signal: controller.signal,
            timeZone: deps.timeZone(),
            baseDir: document.uri.scheme === 'file' ? dirname(document.uri.fsPath) : undefined,
          }),
        );
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem = { message: `Query failed: ${message}`, path: failedProperty(error, parsed.query) };
    deps.diagnostics.set(document.uri, queryDiagnostics(document, [problem]));
    // The notification names the file and the line the diagnostic is on.
    const line = document.positionAt(locateProblem(document.getText(), problem).start).line + 1;
    if (error instanceof Error && !isAbortLike(error)) {
      error.message = `${basename(document.uri.path)}, line ${line}: ${message}`;
    }
    throw error;
  }
  const durationMs = Date.now() - started;
  const textUri = deps.results.set(document.uri, result.content, result.language);
  const openText = async () =>
    deps.window.showTextDocument(await deps.workspace.openTextDocument(textUri), { preview: false });
  if (deps.resultsView) {
    deps.resultsView.show(document.uri, {
      header: {
        query: basename(document.uri.path),
        endpoint: parsed.query.endpoint,
        connection: connection.name,
        rows: result.rows,
        durationMs,
        ...(result.timeZone ? { timeZone: result.timeZone } : {}),
      },
      table: result.table,
      openText,
      ...(result.series
        ? {
            chart: chartOf(result.series, parsed.query),
            records: {
              series: result.series,
              fields: measurementFields(parsed.query) ?? [],
              ...(result.timeZone ? { timeZone: result.timeZone } : {}),
            },
          }
        : {}),
    });
  } else {
    await openText();
  }
  const seconds = (durationMs / 1000).toFixed(1);
  deps.status?.(
    `carbonTRACK: ${basename(document.uri.path)} on ${connection.name}: ${result.rows} ${result.rows === 1 ? 'row' : 'rows'} in ${seconds} s`,
  );
  return result;
}

/**
 * The property a failed run points at: the tariff for a tariff problem, the device ID when the
 * API says a device is not found (a 404 on measurements, summary or devices); else the whole file.
 */
function failedProperty(error: unknown, query: CtQuery): string[] {
  if (error instanceof QueryPropertyError) return error.path;
  if (error instanceof NotFoundError && query.filters.deviceId !== undefined) return ['filters', 'deviceId'];
  return [];
}

/** What the results view charts of a measurements result: the query's power fields, else the usual three. */
function chartOf(series: MeasurementSeries, query: CtQuery) {
  const power = (query.fields ?? []).filter(
    (f): f is MeasurementField => isMeasurementField(f) && measurementField(f).kind === 'power',
  );
  return {
    series: toSeriesMessage(series),
    fields: power.length > 0 ? power : (['PowerUsage', 'Generating', 'PowerExported'] as MeasurementField[]),
  };
}

function isAbortLike(error: Error): boolean {
  return error.name === 'AbortError' || error.name === 'CancellationError';
}
