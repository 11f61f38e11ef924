/**
 * `@carbontrack/react`: the carbonTRACK widgets as React components, made with `@lit/react`.
 * Props are the elements' properties (`deviceId`, `range`, `timeZone` …, typed from the widget
 * classes), events are `onCtLoad`, `onCtReady`, `onCtError` and `onCtSelect`. Rendering on a
 * server is safe: the widgets define nothing without a DOM, and the elements upgrade in the browser.
 *
 * ```tsx
 * <CtProvider baseUrl="/ct">
 *   <CtUsageChart deviceId="1234567890123456" range="24h" onCtReady={() => console.log('drawn')} />
 * </CtProvider>
 * ```
 * @packageDocumentation
 */

import type { CtErrorEvent, CtLoadEvent, CtReadyEvent, CtSelectEvent } from '@carbontrack/widgets';
import { CtDeviceCard as DeviceCardElement } from '@carbontrack/widgets/device-card';
import { CtEnergySummary as EnergySummaryElement } from '@carbontrack/widgets/energy-summary';
import { CtPowerFlow as PowerFlowElement } from '@carbontrack/widgets/power-flow';
import { CtProvider as ProviderElement } from '@carbontrack/widgets/provider';
import { CtUsageChart as UsageChartElement } from '@carbontrack/widgets/usage-chart';
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';

/** The events every data widget fires, as React props. */
const dataEvents = {
  onCtLoad: 'ct-load' as EventName<CtLoadEvent>,
  onCtReady: 'ct-ready' as EventName<CtReadyEvent>,
  onCtError: 'ct-error' as EventName<CtErrorEvent>,
};

/** `<ct-provider>`: data access and one shared cache for the widgets inside it. */
export const CtProvider = createComponent({ tagName: 'ct-provider', elementClass: ProviderElement, react: React });

/** `<ct-device-card>`: live status of one device. */
export const CtDeviceCard = createComponent({
  tagName: 'ct-device-card',
  elementClass: DeviceCardElement,
  react: React,
  events: dataEvents,
});

/** `<ct-usage-chart>`: power or energy over time; `onCtSelect` when a point is clicked. */
export const CtUsageChart = createComponent({
  tagName: 'ct-usage-chart',
  elementClass: UsageChartElement,
  react: React,
  events: { ...dataEvents, onCtSelect: 'ct-select' as EventName<CtSelectEvent> },
});

/** `<ct-energy-summary>`: energy totals of one device over a period. */
export const CtEnergySummary = createComponent({
  tagName: 'ct-energy-summary',
  elementClass: EnergySummaryElement,
  react: React,
  events: dataEvents,
});

/** `<ct-power-flow>`: where power flows right now. */
export const CtPowerFlow = createComponent({
  tagName: 'ct-power-flow',
  elementClass: PowerFlowElement,
  react: React,
  events: dataEvents,
});
