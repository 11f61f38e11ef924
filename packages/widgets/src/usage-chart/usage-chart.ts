import { CtUsageChart } from './usage-chart.component.js';

export type { ChartView } from './usage-chart.component.js';
export { CtUsageChart };
export default CtUsageChart;

if (!customElements.get('ct-usage-chart')) customElements.define('ct-usage-chart', CtUsageChart);

declare global {
  interface HTMLElementTagNameMap {
    'ct-usage-chart': CtUsageChart;
  }
}
