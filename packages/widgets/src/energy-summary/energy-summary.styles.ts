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
  `,
];
