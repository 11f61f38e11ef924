import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  commands,
  type ExtensionContext,
  env,
  languages,
  StatusBarAlignment,
  type TextDocument,
  Uri,
  window,
  workspace,
} from 'vscode';
import {
  addConnectionCommand,
  type ConnectionCommandDeps,
  editConnectionCommand,
  enterPasswordCommand,
  removeConnectionCommand,
  selectConnectionCommand,
} from './connections/connection-commands.js';
import { ConnectionSessions } from './connections/connection-sessions.js';
import { bindConnectionStatusBar } from './connections/connection-status-bar.js';
import { type ConnectionConfig, ConnectionStore } from './connections/connection-store.js';
import { LocalSimulator } from './connections/local-simulator.js';
import { offerConnection as offerConnectionTo } from './connections/offer-connection.js';
import { ErrorReporter } from './connections/report-error.js';
import {
  copyAsCodeCommand,
  copyDeviceIdCommand,
  type DeviceCommandDeps,
  exportMeasurementsCommand,
} from './devices/device-commands.js';
import type { FleetExportDeps } from './fleet/export-all-devices.js';
import { customerQueryText, deviceQueryText, openQuery } from './query/new-query.js';
import { QueryCodeLensProvider } from './query/query-codelens-provider.js';
import { type QueryCommandDeps, runQueryCommand, validateQueryDocument } from './query/query-command.js';
import { QueryResults } from './query/query-results.js';
import { CarbonTrackTreeProvider } from './tree/carbontrack-tree-provider.js';
import {
  type CustomerNode,
  type DeviceNode,
  type DistributorNode,
  isDeviceNode,
  type TreeNode,
} from './tree/tree-nodes.js';
import { MeasurementsPanels } from './webview/measurements-panel.js';
import { ResultsPanels } from './webview/results-panel.js';

/** What activate() returns: used by tests and the activation benchmark. */
export interface CarbonTrackApi {
  /** ms from activate() start to the first page of customers in the tree; undefined until then. */
  firstPageMs(): number | undefined;
  readonly tree: CarbonTrackTreeProvider;
  readonly sessions: ConnectionSessions;
}

/** Wires settings, secrets, the tree, commands, the status bar, query files and the webview together. */
export function activate(context: ExtensionContext): CarbonTrackApi {
  const started = performance.now();
  let firstPageMs: number | undefined;
  const config = () => workspace.getConfiguration('carbontrack');
  const output = window.createOutputChannel('carbonTRACK');
  const store = new ConnectionStore(
    { get: (key) => config().get(key), update: (key, value) => config().update(key, value, true) },
    context.secrets,
  );
  const sessions = new ConnectionSessions(store);
  const simulator = new LocalSimulator();

  const reporter = new ErrorReporter(window, {
    reenterPassword: (connection) => commands.executeCommand('carbontrack.connections.enterPassword', connection),
    retry: () => tree.refresh(),
  });
  // A failure is shown once until its connection's state changes (it connects again, or is reset).
  context.subscriptions.push(
    sessions.onDidChange(() => {
      for (const connection of sessions.list()) {
        if (sessions.status(connection.id).state !== 'error') reporter.forget(connection.id);
      }
    }),
  );
  const offerConnection = (purpose: string) =>
    offerConnectionTo(window, (command) => commands.executeCommand(command), purpose);
  const tree = new CarbonTrackTreeProvider(sessions, {
    timeZone: () => config().get<string>('timeZone') ?? '',
    pageSize: () => config().get<number>('customerPageSize') ?? 25,
    onError: (error, connection) => void reporter.report(error, connection),
    onFirstCustomerPage: () => {
      firstPageMs = performance.now() - started;
      output.appendLine(`Activation to first page of customers: ${firstPageMs.toFixed(1)} ms`);
    },
  });
  const view = window.createTreeView('carbontrack.explorer', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = window.createStatusBarItem('carbontrack.connection', StatusBarAlignment.Left, 50);
  statusBar.name = 'carbonTRACK connection';

  const connectionDeps: ConnectionCommandDeps = { sessions, window, changed: () => tree.refresh() };
  const deviceDeps: DeviceCommandDeps = {
    sessions,
    window,
    clipboard: env.clipboard,
    defaultFolder: () => workspace.workspaceFolders?.[0]?.uri,
    timeZone: () => config().get<string>('timeZone') ?? '',
    open: (file) => commands.executeCommand('vscode.open', file),
    reveal: (file) => commands.executeCommand('revealFileInOS', file),
  };
  const fleetDeps: FleetExportDeps = {
    sessions,
    window,
    defaultFolder: () => workspace.workspaceFolders?.[0]?.uri,
    timeZone: () => config().get<string>('timeZone') ?? '',
    reveal: (folder) => commands.executeCommand('revealFileInOS', folder),
  };
  const webviewRoot = Uri.joinPath(context.extensionUri, 'dist', 'webview');
  const panels = new MeasurementsPanels(
    sessions,
    webviewRoot,
    existsSync(Uri.joinPath(webviewRoot, 'ct-widgets.js').fsPath),
    () => config().get<string>('timeZone') ?? '',
    () => ({
      tariffFile: config().get<string>('tariffFile') ?? '',
      comparison: config().get<'previous' | 'year' | 'none'>('summaryComparison') ?? 'previous',
      workspaceFolder: workspace.workspaceFolders?.[0]?.uri.fsPath,
    }),
    {
      window,
      defaultFolder: () => workspace.workspaceFolders?.[0]?.uri,
      open: (file) => commands.executeCommand('vscode.open', file),
      reveal: (file) => commands.executeCommand('revealFileInOS', file),
    },
  );
  const diagnostics = languages.createDiagnosticCollection('carbontrack');
  const queryResults = new QueryResults();
  const resultsView = new ResultsPanels({
    window,
    clipboard: env.clipboard,
    webviewRoot,
    hasWidgets: existsSync(Uri.joinPath(webviewRoot, 'ct-widgets.js').fsPath),
    // A separate bundle, loaded on first use (see scripts/build.mjs).
    writeParquet: async (path, series, options) => {
      const { writeResultParquet } = await import('./results/parquet-export.js');
      return writeResultParquet(path, series, options);
    },
    defaultFolder: () => workspace.workspaceFolders?.[0]?.uri,
    open: (file) => commands.executeCommand('vscode.open', file),
    reveal: (file) => commands.executeCommand('revealFileInOS', file),
  });
  context.subscriptions.push(resultsView);
  context.subscriptions.push(
    queryResults,
    workspace.registerTextDocumentContentProvider(QueryResults.scheme, queryResults),
  );
  const queryDeps: QueryCommandDeps = {
    sessions,
    window,
    workspace,
    diagnostics,
    // Empty: each query's device's own zone (core's rule, applied by the runner).
    timeZone: () => config().get<string>('timeZone') ?? '',
    results: queryResults,
    resultsView,
    status: (text) => window.setStatusBarMessage(text, 15_000),
    noConnection: () => offerConnection('run the query with'),
  };

  const startSimulator = async () => {
    const { connection, password } = await window.withProgress(
      { location: { viewId: 'carbontrack.explorer' }, title: 'Starting the local simulator' },
      () => simulator.start(),
    );
    await store.save(connection, password);
    sessions.reset(connection.id);
    sessions.setActive(connection.id);
    tree.refresh();
    output.appendLine(`Local simulator listening on ${connection.baseUrl} (demo/demo)`);
    return connection;
  };
  /** Runs a command and turns its failure into a notification with an action. */
  const guarded =
    <A extends unknown[]>(run: (...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      try {
        return await run(...args);
      } catch (error) {
        const node = args.find((a): a is TreeNode => typeof a === 'object' && a !== null && 'kind' in a);
        const connection = node && 'connection' in node ? node.connection : sessions.active;
        void reporter.report(error, connection);
        return undefined;
      }
    };
  const device = (node: unknown): DeviceNode => {
    if (!isDeviceNode(node)) throw new Error('Run this command from a device in the carbonTRACK view');
    return node;
  };
  const fleetNode = (node: unknown): CustomerNode | DistributorNode => {
    const kind = (node as TreeNode | undefined)?.kind;
    if (kind !== 'customer' && kind !== 'distributor') {
      throw new Error('Run this command from a customer or distributor in the carbonTRACK view');
    }
    return node as CustomerNode | DistributorNode;
  };
  // Connection commands get a tree node from menus, a connection from notifications, nothing from the palette.
  const connectionOf = (arg: unknown): ConnectionConfig | undefined => {
    if (typeof arg !== 'object' || arg === null) return undefined;
    if ('connection' in arg) return (arg as { connection: ConnectionConfig }).connection;
    return 'baseUrl' in arg ? (arg as ConnectionConfig) : undefined;
  };

  context.subscriptions.push(
    output,
    view,
    statusBar,
    tree,
    sessions,
    diagnostics,
    panels,
    { dispose: () => void simulator.dispose() },
    bindConnectionStatusBar(statusBar, sessions),
    sessions.onDidChange(() => tree.refresh()),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('carbontrack')) tree.refresh();
    }),
    commands.registerCommand(
      'carbontrack.connections.add',
      guarded(() => addConnectionCommand(connectionDeps)),
    ),
    commands.registerCommand(
      'carbontrack.connections.edit',
      guarded((node?: unknown) => editConnectionCommand(connectionDeps, connectionOf(node))),
    ),
    commands.registerCommand(
      'carbontrack.connections.remove',
      guarded((node?: unknown) => removeConnectionCommand(connectionDeps, connectionOf(node))),
    ),
    commands.registerCommand(
      'carbontrack.connections.enterPassword',
      guarded((node?: unknown) => enterPasswordCommand(connectionDeps, connectionOf(node))),
    ),
    commands.registerCommand(
      'carbontrack.connections.select',
      guarded(() => selectConnectionCommand(connectionDeps)),
    ),
    commands.registerCommand('carbontrack.simulator.start', guarded(startSimulator)),
    commands.registerCommand('carbontrack.tree.refresh', () => tree.refresh()),
    commands.registerCommand('carbontrack.node.refresh', (node?: TreeNode) => tree.refresh(node)),
    commands.registerCommand(
      'carbontrack.customers.loadMore',
      guarded(async (node?: TreeNode) => {
        if (node?.kind === 'load-more' || node?.kind === 'distributor') await tree.loadMore(node);
      }),
    ),
    commands.registerCommand(
      'carbontrack.customers.search',
      guarded(async (node?: TreeNode) => {
        const connection = connectionOf(node) ?? sessions.active;
        if (!connection) return offerConnection('search customers on');
        const current = tree.filter(connection.id) ?? {};
        const field = await window.showQuickPick(
          [
            { label: 'Customer reference', key: 'customerRef' as const, hint: 'e.g. CT-1002 (prefix)' },
            { label: 'Phone', key: 'phone' as const, hint: 'digits, e.g. 0412' },
            { label: 'Address', key: 'address' as const, hint: 'e.g. Fitzroy' },
          ],
          { title: 'Search customers by' },
        );
        if (!field) return;
        const value = await window.showInputBox({
          title: `Customers whose ${field.label.toLowerCase()} matches`,
          prompt: field.hint,
          value: current[field.key] ?? '',
          validateInput: (v) =>
            field.key === 'phone' && v.trim() && !/\d/.test(v) ? 'A phone filter needs digits' : undefined,
        });
        if (value === undefined) return;
        tree.setFilter(connection.id, { [field.key]: value.trim() || undefined });
      }),
    ),
    commands.registerCommand('carbontrack.customers.clearSearch', (node?: TreeNode) => {
      const connection = connectionOf(node) ?? sessions.active;
      if (connection) tree.setFilter(connection.id, undefined);
    }),
    commands.registerCommand(
      'carbontrack.devices.showMeasurements',
      guarded(async (node: unknown) => panels.show(device(node))),
    ),
    commands.registerCommand(
      'carbontrack.devices.exportMeasurements',
      guarded((node: unknown) => exportMeasurementsCommand(deviceDeps, device(node))),
    ),
    commands.registerCommand(
      'carbontrack.fleet.exportAll',
      guarded(async (node: unknown) => {
        const target = fleetNode(node);
        // A separate bundle, loaded on first use (see scripts/build.mjs).
        const { exportAllDevicesCommand } = await import('./fleet/export-all-devices.js');
        return exportAllDevicesCommand(fleetDeps, target);
      }),
    ),
    commands.registerCommand(
      'carbontrack.devices.copyId',
      guarded((node: unknown) => copyDeviceIdCommand(deviceDeps, device(node))),
    ),
    commands.registerCommand(
      'carbontrack.devices.copyAsCode',
      guarded((node: unknown) => copyAsCodeCommand(deviceDeps, device(node))),
    ),
    commands.registerCommand(
      'carbontrack.query.run',
      guarded((uri?: Uri) => runQueryCommand(queryDeps, uri ?? window.activeTextEditor?.document.uri)),
    ),
    commands.registerCommand(
      'carbontrack.query.newForDevice',
      guarded((node: unknown) => openQuery({ window, workspace }, deviceQueryText(device(node).deviceId))),
    ),
    commands.registerCommand(
      'carbontrack.query.newForCustomer',
      guarded((node: unknown) => {
        if ((node as TreeNode | undefined)?.kind !== 'customer') {
          throw new Error('Run this command from a customer in the carbonTRACK view');
        }
        return openQuery({ window, workspace }, customerQueryText((node as CustomerNode).customer));
      }),
    ),
    commands.registerCommand('carbontrack.query.new', async () => {
      const document = await workspace.openTextDocument({ language: 'ctquery', content: '' });
      const editor = await window.showTextDocument(document);
      await commands.executeCommand('editor.action.insertSnippet', { langId: 'ctquery', name: 'carbonTRACK query' });
      return editor;
    }),
    languages.registerCodeLensProvider({ language: 'ctquery' }, new QueryCodeLensProvider(sessions)),
    workspace.onDidOpenTextDocument((document: TextDocument) => validateQueryDocument(queryDeps, document)),
    workspace.onDidChangeTextDocument((event) => validateQueryDocument(queryDeps, event.document)),
    workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
  );
  for (const document of workspace.textDocuments) validateQueryDocument(queryDeps, document);

  return { firstPageMs: () => firstPageMs, tree, sessions };
}

export function deactivate(): void {}
