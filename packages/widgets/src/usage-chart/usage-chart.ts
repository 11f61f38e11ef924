import { defineElement } from '../shared/define-element.js';
import { CtUsageChart } from './usage-chart.component.js';

export type { ChartView } from './usage-chart.component.js';
export { CtUsageChart };
export default CtUsageChart;

defineElement('ct-usage-chart', CtUsageChart);

declare global {
  interface HTMLElementTagNameMap {
    'ct-usage-chart': CtUsageChart;
  }
}
