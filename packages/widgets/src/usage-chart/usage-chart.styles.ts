import { css } from 'lit';
import theme from '../shared/theme.styles.js';
import uplot from './uplot.styles.js';

export default [
  theme,
  uplot,
  css`
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 8px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .legend button {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      color: var(--_fg);
      border-color: var(--_border);
    }
    .legend button[aria-pressed='false'] {
      color: var(--_muted);
      text-decoration: line-through;
    }
    .swatch {
      width: 12px;
      height: 12px;
      border-radius: 2px;
      background: var(--_swatch);
    }
    .legend button[aria-pressed='false'] .swatch {
      opacity: 0.35;
    }
    .legend .muted-series .swatch {
      opacity: 0.4;
      outline: 1px dashed var(--_swatch);
      outline-offset: 1px;
    }
    .compare-note {
      font-size: 0.85em;
      flex-basis: 100%;
      overflow-wrap: anywhere;
    }
    .zone {
      font-size: 0.85em;
    }
    .plot {
      position: relative;
      height: var(--ct-chart-height, 240px);
      min-width: 0;
      /* A drag across the plot zooms; it must not select the page's text. */
      user-select: none;
      -webkit-user-select: none;
      border-radius: 4px;
    }
    .plot:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .plot-mount {
      position: absolute;
      inset: 0;
      overflow: hidden;
    }
    .plot .uplot {
      font-family: inherit;
    }
    .u-select {
      background: color-mix(in srgb, var(--_accent) 20%, transparent);
    }
    .tooltip {
      position: absolute;
      pointer-events: none;
      z-index: 10;
      background: var(--_bg);
      color: var(--_fg);
      border: 1px solid var(--_border);
      border-radius: 6px;
      padding: 6px 8px;
      font-size: 0.85em;
      white-space: nowrap;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    }
    .tooltip div {
      display: flex;
      gap: 8px;
      justify-content: space-between;
    }
    .probe {
      display: none;
    }
  `,
];
