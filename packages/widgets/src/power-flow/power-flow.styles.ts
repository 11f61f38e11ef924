import { css } from 'lit';
import theme from '../shared/theme.styles.js';

export default [
  theme,
  css`
    svg {
      display: block;
      width: 100%;
      max-width: var(--ct-flow-max-width, 420px);
      margin: 0 auto;
      overflow: visible;
    }
    .node circle {
      fill: var(--_bg);
      stroke-width: 2.5;
    }
    .node text {
      fill: var(--_fg);
      font-size: 13px;
      text-anchor: middle;
    }
    .node .label {
      fill: var(--_muted);
      font-size: 12px;
    }
    .node .value {
      font-size: 14px;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .node .caption {
      font-size: 12px;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .solar circle {
      stroke: var(--_solar);
    }
    .home circle {
      stroke: var(--_usage);
    }
    .grid circle {
      stroke: var(--_grid);
    }
    .battery circle {
      stroke: var(--_battery);
    }
    .track {
      fill: none;
      stroke: var(--_border);
      stroke-width: 2;
    }
    .flow {
      fill: none;
      stroke-linecap: round;
      stroke-dasharray: 2 10;
      animation: ct-flow var(--_duration, 2s) linear infinite;
    }
    .flow.from-solar {
      stroke: var(--_solar);
    }
    .flow.from-grid {
      stroke: var(--_grid);
    }
    .flow.from-battery {
      stroke: var(--_battery);
    }
    .arrow.from-solar {
      fill: var(--_solar);
    }
    .arrow.from-grid {
      fill: var(--_grid);
    }
    .arrow.from-battery {
      fill: var(--_battery);
    }
    @keyframes ct-flow {
      to {
        stroke-dashoffset: -24;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .flow {
        animation: none;
        stroke-dasharray: none;
      }
    }
  `,
];
