import { moduleScript, pageHead } from './webview-page.js';
import { GRID_CSS, WIDGET_THEME_VARS } from './webview-styles.js';

/**
 * The results view's page: a header (query, connection, rows, duration, zone, status), the export
 * and copy buttons, and the grid. The same strict CSP as the measurements page: no network, scripts
 * only with this page's nonce; styles only from here (the grid positions rows with `transform`).
 */
export function renderResultsHtml(options: {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  /** ct-widgets.js, for the Chart tab; without it the tab is not offered. */
  widgetsUri?: string;
  title: string;
}): string {
  const { cspSource, nonce } = options;
  const widgets = moduleScript(nonce, options.widgetsUri);
  return `${pageHead({ cspSource, nonce, title: options.title })}
  html, body { height: 100%; margin: 0; }
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); display: flex; flex-direction: column;
    font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
  header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; padding: 8px 12px; border-bottom: 1px solid var(--vscode-panel-border); }
  header strong { font-size: 1.1em; }
  header span { color: var(--vscode-descriptionForeground); }
  .actions { margin-left: auto; display: flex; gap: 6px; flex-wrap: wrap; }
  button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
    border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; }
  #status { padding: 2px 12px; color: var(--vscode-descriptionForeground); min-height: 1.4em; }
  #status.error { color: var(--vscode-errorForeground); }
  #grid { flex: 1; min-height: 0; display: flex; flex-direction: column; font-family: var(--vscode-editor-font-family); }
  ${GRID_CSS}
  #grid-viewport { flex: 1; }
  #tabs { display: flex; gap: 4px; padding: 0 12px 6px; }
  #tabs[hidden], #chart[hidden], #grid[hidden] { display: none; }
  [role="tab"][aria-selected="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  #chart { display: block; margin: 0 12px; min-height: 360px;
    ${WIDGET_THEME_VARS} }
</style>
</head>
<body>
<header>
  <strong id="query"></strong>
  <span>on <span id="connection"></span></span>
  <span id="rows"></span>
  <span id="duration"></span>
  <span id="zone"></span>
  <div class="actions">
    <button type="button" data-action="export-csv">Export CSV</button>
    <button type="button" data-action="export-json">Export JSON</button>
    <button type="button" data-action="export-parquet" hidden>Export Parquet</button>
    <button type="button" data-action="copy-markdown">Copy as Markdown</button>
    <button type="button" data-action="open-text">Open as Text</button>
  </div>
</header>
<div id="status" role="status">Running…</div>
<div id="tabs" role="tablist" aria-label="View" hidden>
  <button type="button" role="tab" id="tab-table" aria-selected="true" aria-controls="grid">Table</button>
  <button type="button" role="tab" id="tab-chart" aria-selected="false" aria-controls="chart">Chart</button>
</div>
<ct-usage-chart id="chart" theme="auto" hidden></ct-usage-chart>
<div id="grid" role="grid">
  <div id="grid-viewport">
    <div id="grid-head" role="row"></div>
    <div id="grid-rows"></div>
  </div>
</div>
${widgets}
${moduleScript(nonce, options.scriptUri)}
</body>
</html>`;
}
