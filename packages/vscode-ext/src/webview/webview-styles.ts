// CSS both webview pages share: the widgets' documented custom properties mapped onto VS Code's
// theme variables, and the results grid.

/** The `--ct-*` properties the widgets read (their custom-elements.json lists them), from VS Code's theme. */
export const WIDGET_THEME_VARS = `
    --ct-color-text: var(--vscode-foreground);
    --ct-color-muted: var(--vscode-descriptionForeground);
    --ct-color-surface: var(--vscode-sideBar-background);
    --ct-color-border: var(--vscode-panel-border);
    --ct-color-accent: var(--vscode-focusBorder);
    --ct-color-error: var(--vscode-errorForeground);
    --ct-color-usage: var(--vscode-charts-blue);
    --ct-color-solar: var(--vscode-charts-yellow);
    --ct-color-power-grid: var(--vscode-charts-purple);
    --ct-color-battery: var(--vscode-charts-green);
    --ct-font-family: var(--vscode-font-family);`;

/** The grid of `results-grid.ts`: a sticky header row, rows placed by transform, numbers right-aligned. */
export const GRID_CSS = `
  #grid-viewport { overflow: auto; position: relative; }
  #grid-head { display: grid; position: sticky; top: 0; z-index: 1; background: var(--vscode-editorGroupHeader-tabsBackground);
    font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border); }
  #grid-rows { position: relative; }
  .row { display: grid; position: absolute; top: 0; left: 0; height: 22px; line-height: 22px; }
  .row:nth-child(even) { background: var(--vscode-list-hoverBackground); }
  #grid-head div, .row div { padding: 0 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }`;
