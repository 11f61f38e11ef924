import { css } from 'lit';
import theme from '../shared/theme.styles.js';

export default [
  theme,
  css`
    .title {
      font-weight: 600;
      margin-bottom: 8px;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
      gap: 12px;
      margin: 0;
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
  `,
];
