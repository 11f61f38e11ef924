import { css } from 'lit';
import metricList from '../shared/metric-list.styles.js';
import theme from '../shared/theme.styles.js';

export default [
  theme,
  metricList,
  css`
    .header {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 8px;
      flex-wrap: wrap;
    }
    .name {
      font-weight: 600;
      font-size: 1.1em;
      overflow-wrap: anywhere;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 0.9em;
    }
    .status::before {
      content: '';
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--_muted);
    }
    .status.online {
      color: var(--_online);
    }
    .status.online::before {
      background: var(--_online);
    }
    .status.offline {
      color: var(--_muted);
    }
    :host {
      --_metric-min: 110px;
    }
    dl {
      margin: 12px 0;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      font-size: 0.85em;
      color: var(--_muted);
    }
  `,
];
