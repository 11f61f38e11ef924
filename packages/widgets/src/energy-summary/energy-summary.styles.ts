import { css } from 'lit';
import metricList from '../shared/metric-list.styles.js';
import theme from '../shared/theme.styles.js';

export default [
  theme,
  metricList,
  css`
    .title {
      font-weight: 600;
      margin-bottom: 2px;
    }
    .zone {
      font-size: 0.85em;
      margin-bottom: 8px;
    }
    :host {
      --_metric-min: 140px;
    }
    dl {
      margin: 0;
    }
    .delta {
      display: block;
      font-size: 0.68em;
      overflow-wrap: anywhere;
    }
    .coverage {
      font-size: 0.85em;
      margin-bottom: 8px;
      padding: 4px 8px;
      border-left: 3px solid var(--_solar);
    }
    .comparison,
    .tariff-name,
    .cost-error {
      font-size: 0.85em;
      margin: 8px 0 0;
      overflow-wrap: anywhere;
    }
    .cost-error {
      color: var(--_error);
    }
    [part~='cost'] {
      margin-top: 12px;
      padding-top: 12px;
      border-top: 1px solid var(--_border);
    }
    [part~='net'] dd {
      font-weight: 600;
    }
  `,
];
