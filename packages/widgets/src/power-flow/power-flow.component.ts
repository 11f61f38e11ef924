import type { Device } from '@carbontrack/core';
import { deviceHasBattery } from '@carbontrack/core/devices';
import { deviceResource, type LatestReading, latestReadingResource } from '@carbontrack/core/live';
import { property } from 'lit/decorators.js';
import { CtElement } from '../shared/ct-element.js';
import { LazyModule } from '../shared/lazy-module.js';
import { LiveController } from '../shared/live-controller.js';
import styles from './power-flow.styles.js';

export type { PowerFlowLink } from './power-flows.js';

type PowerFlowDiagram = typeof import('./power-flow-diagram.js');
const diagramModule = new LazyModule<PowerFlowDiagram>(
  'the power-flow diagram',
  () => import('./power-flow-diagram.js'),
);

/**
 * @summary Live power flow between solar, home, grid and battery, with direction and magnitude from the latest reading.
 *
 * Home sits in the middle with solar, grid and battery around it; links between the outer nodes
 * are arcs around the outside, so no two lines cross. Each flow takes the colour of its source and
 * ends in an arrowhead; thickness and dash speed follow the power. Under
 * `prefers-reduced-motion: reduce` the lines are solid and still, and the arrowheads show the
 * direction. The grid says whether it is importing or exporting, the battery its charge and whether
 * it is charging or discharging; the battery is shown whenever the device has one (core's
 * `deviceHasBattery`), also when empty or idle. A visually hidden list states every flow for
 * screen readers.
 *
 * @csspart diagram - The SVG diagram.
 * @csspart node - One node: an SVG group with its circle, name, value and caption.
 * @csspart flow - One active flow line, in its source's colour, with an arrowhead at its target.
 * @csspart track - The quiet line of one possible link, drawn whether power flows or not.
 * @csspart caption - The state under the grid and battery nodes ("Importing 715 W", "Charging 500 W", "Idle").
 * @csspart description - The visually hidden list of flows.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart error-message - The error's message.
 * @csspart retry-button - The retry button.
 * @csspart empty - The empty state.
 *
 * @cssproperty --ct-flow-max-width - Largest width of the diagram (default 420px).
 * @cssproperty --ct-color-solar - Solar node, and the flows and arrowheads from solar.
 * @cssproperty --ct-color-usage - Home node.
 * @cssproperty --ct-color-power-grid - The electricity grid's node, and the flows and arrowheads from it (`--ct-color-grid` still works).
 * @cssproperty --ct-color-battery - Battery node, and the flows and arrowheads from the battery.
 * @cssproperty --ct-color-accent - Buttons and focus rings.
 * @cssproperty --ct-color-text - Text colour.
 * @cssproperty --ct-color-muted - Node names.
 * @cssproperty --ct-color-surface - Background.
 * @cssproperty --ct-color-border - Tracks (idle links) and border.
 * @cssproperty --ct-color-error - Error text.
 * @cssproperty --ct-color-skeleton - Loading placeholder.
 * @cssproperty --ct-font-family - Font family.
 * @cssproperty --ct-font-size - Base font size.
 * @cssproperty --ct-radius - Corner radius.
 * @cssproperty --ct-spacing - Inner padding.
 *
 * @event {CtLoadDetail} ct-load - Fresh data arrived (once per resource and fetch).
 * @event {CtReadyDetail} ct-ready - The diagram shows its first reading (once per element).
 * @event {CtErrorDetail} ct-error - A fetch, or a chunk it loads on demand (key `module:…`), failed; the widget shows the message and a retry button.
 *
 * @customElement ct-power-flow
 */
export class CtPowerFlow extends CtElement {
  static override styles = styles;

  /** The 16-digit device ID. */
  @property({ attribute: 'device-id' }) deviceId = '';

  /** Seconds between live refreshes while visible; 0 turns polling off. */
  @property({ attribute: 'refresh-interval', type: Number }) override refreshInterval = 30;

  static override refreshIntervalDefault = 30;

  private readonly device = new LiveController<Device>(this, () =>
    this.deviceId ? deviceResource(this.deviceId) : null,
  );
  private readonly latest = new LiveController<LatestReading>(this, () =>
    this.deviceId ? latestReadingResource(this.deviceId) : null,
  );

  constructor() {
    super();
    this.controllers.push(this.device as LiveController<unknown>, this.latest as LiveController<unknown>);
  }

  /** Retries the failed fetches and the diagram's chunk. */
  override retry(): Promise<void> {
    diagramModule.retry();
    this.requestUpdate();
    return super.retry();
  }

  protected override get showsData(): boolean {
    return this.rendered('diagram');
  }

  protected override render() {
    const status = this.renderStatus([this.device.state, this.latest.state, diagramModule.state(this)]);
    if (status) return status;
    const diagram = diagramModule.value as PowerFlowDiagram;
    const reading = this.latest.state.value?.series;
    if (!reading) return this.renderEmpty('No data in the last hour.');
    const value = (field: 'PowerUsage' | 'Generating' | 'PowerUsageNet' | 'PowerExportedNet' | 'BatteryCharge') =>
      reading.columns[field][0] ?? Number.NaN;
    return diagram.renderPowerFlowDiagram(
      {
        usage: value('PowerUsage'),
        generation: value('Generating'),
        importNet: value('PowerUsageNet'),
        exportNet: value('PowerExportedNet'),
        batteryCharge: value('BatteryCharge'),
      },
      { hasBattery: deviceHasBattery(this.device.state.value as Device), format: this.format },
    );
  }
}
