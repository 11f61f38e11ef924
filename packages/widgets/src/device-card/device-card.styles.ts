import { css } from 'lit';
import theme from '../shared/theme.styles.js';

export default [
  theme,
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
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(110px, 1fr));
      gap: 12px;
      margin: 12px 0;
    }
    dl div {
      display: grid;
      gap: 2px;
    }
    dt {
      color: var(--_muted);
      font-size: 0.85em;
    }
    dd {
      margin: 0;
      font-size: 1.25em;
      font-variant-numeric: tabular-nums;
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
