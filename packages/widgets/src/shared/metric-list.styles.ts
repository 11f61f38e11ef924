import { css } from 'lit';

/** A `<dl>` of labelled figures (label small and muted, value large with tabular digits). */
export default css`
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(var(--_metric-min, 120px), 1fr));
    gap: 12px;
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
`;
