/**
 * `@carbontrack/widgets`: web components showing live carbonTRACK data. Importing this entry
 * defines every tag; import `@carbontrack/widgets/<component>` for one.
 * @packageDocumentation
 */

export { CtDeviceCard } from './device-card/device-card.js';
export { CtEnergySummary } from './energy-summary/energy-summary.js';
export { CtPowerFlow } from './power-flow/power-flow.js';
export { CtProvider } from './provider/provider.js';
export type {
  CtErrorDetail,
  CtErrorEvent,
  CtLoadDetail,
  CtLoadEvent,
  CtReadyDetail,
  CtReadyEvent,
  CtSelectDetail,
  CtSelectEvent,
} from './shared/events.js';
export { type ChartView, CtUsageChart } from './usage-chart/usage-chart.js';
