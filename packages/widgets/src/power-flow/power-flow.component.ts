import { type LatestReading, latestReadingResource } from '@carbontrack/core/live';
import { html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { CtElement } from '../shared/ct-element.js';
import { LiveController } from '../shared/live-controller.js';
import styles from './power-flow.styles.js';

/** Power flowing between two nodes, W (always ≥ 0; the direction is from → to). */
export interface PowerFlowLink {
  from: 'solar' | 'grid' | 'battery';
  to: 'home' | 'grid' | 'battery';
  watts: number;
}

/**
 * Flows of one reading. Uses the simulator's and the API's identities: import = max(0, usage −
 * generation + B), export = max(0, generation − usage − B), so the battery power B (+ charging)
 * is generation − usage + import − export. The battery only charges from solar.
 */
export function powerFlows(reading: { usage: number; generation: number; importNet: number; exportNet: number }): {
  links: PowerFlowLink[];
  batteryW: number;
} {
  const g = Math.max(0, reading.generation || 0);
  const u = Math.max(0, reading.usage || 0);
  const imp = Math.max(0, reading.importNet || 0);
  const exp = Math.max(0, reading.exportNet || 0);
  const battery = g - u + imp - exp;
  const links: PowerFlowLink[] = [
    { from: 'solar', to: 'home', watts: Math.min(g, u) },
    { from: 'solar', to: 'battery', watts: Math.max(0, battery) },
    { from: 'solar', to: 'grid', watts: exp },
    { from: 'battery', to: 'home', watts: Math.max(0, -battery) },
    { from: 'grid', to: 'home', watts: imp },
  ];
  return { links, batteryW: battery };
}

const POS = {
  solar: [160, 40],
  grid: [40, 150],
  home: [280, 150],
  battery: [160, 260],
} as const;

/**
 * @summary Live power flow between solar, home, grid and battery, with direction and magnitude from the latest reading.
 *
 * Line thickness and animation speed follow the power; there is no animation under
 * `prefers-reduced-motion: reduce`. A visually hidden list states every flow for screen readers.
 *
 * @csspart diagram - The SVG diagram.
 * @csspart description - The visually hidden list of flows.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart error-message - The error's message.
 * @csspart retry-button - The retry button.
 * @csspart empty - The empty state.
 *
 * @cssproperty --ct-flow-max-width - Largest width of the diagram (default 420px).
 * @cssproperty --ct-color-solar - Solar node.
 * @cssproperty --ct-color-usage - Home node.
 * @cssproperty --ct-color-grid - Grid node.
 * @cssproperty --ct-color-battery - Battery node.
 * @cssproperty --ct-color-accent - Flow lines, buttons and focus rings.
 * @cssproperty --ct-color-text - Text colour.
 * @cssproperty --ct-color-muted - Secondary text.
 * @cssproperty --ct-color-surface - Background.
 * @cssproperty --ct-color-border - Idle links and border.
 * @cssproperty --ct-color-error - Error text.
 * @cssproperty --ct-font-family - Font family.
 * @cssproperty --ct-radius - Corner radius.
 * @cssproperty --ct-spacing - Inner padding.
 *
 * @event {CtLoadEvent} ct-load - Fresh data arrived.
 * @event {CtErrorEvent} ct-error - A fetch failed; the widget shows the message and a retry button.
 */
export class CtPowerFlow extends CtElement {
  static override styles = styles;

  /** The 16-digit device ID. */
  @property({ attribute: 'device-id' }) deviceId = '';

  private readonly latest = new LiveController<LatestReading>(this, () =>
    this.deviceId ? latestReadingResource(this.deviceId) : null,
  );

  constructor() {
    super();
    this.controllers.push(this.latest as LiveController<unknown>);
    this.refreshInterval = 30;
  }

  protected override render() {
    const status = this.renderStatus([this.latest.state]);
    if (status) return status;
    const reading = this.latest.state.value?.series;
    if (!reading) return this.renderEmpty('No data in the last hour.');
    const value = (field: 'PowerUsage' | 'Generating' | 'PowerUsageNet' | 'PowerExportedNet') =>
      reading.columns[field][0] ?? Number.NaN;
    const { links, batteryW } = powerFlows({
      usage: value('PowerUsage'),
      generation: value('Generating'),
      importNet: value('PowerUsageNet'),
      exportNet: value('PowerExportedNet'),
    });
    const f = this.format;
    const hasBattery = batteryW !== 0 || (reading.columns.BatteryCharge[0] ?? 0) > 0;
    const max = Math.max(1, ...links.map((l) => l.watts));
    const nodes: [keyof typeof POS, string, string][] = [
      ['solar', 'Solar', f.power(value('Generating'))],
      ['grid', 'Grid', f.power(value('PowerUsageNet') - value('PowerExportedNet'))],
      ['home', 'Home', f.power(value('PowerUsage'))],
      ...(hasBattery
        ? [
            ['battery', 'Battery', `${f.number(reading.columns.BatteryCharge[0] ?? 0, 0)} %`] as [
              keyof typeof POS,
              string,
              string,
            ],
          ]
        : []),
    ];
    const active = links.filter((l) => l.watts >= 1 && (hasBattery || (l.from !== 'battery' && l.to !== 'battery')));
    return html`<svg part="diagram" viewBox="0 0 320 300" aria-hidden="true">
        ${svg`${[
          ['solar', 'home'],
          ['solar', 'grid'],
          ['grid', 'home'],
          ...(hasBattery
            ? [
                ['solar', 'battery'],
                ['battery', 'home'],
              ]
            : []),
        ].map(([a, b]) => svg`<path class="link" d=${path(a as keyof typeof POS, b as keyof typeof POS)}></path>`)}
        ${active.map(
          (l) =>
            svg`<path class="flow" data-flow="${l.from}-${l.to}" d=${path(l.from, l.to)}
              style="stroke-width:${(1.5 + (4.5 * l.watts) / max).toFixed(2)}px;--_duration:${(3 - (2.4 * l.watts) / max).toFixed(2)}s"></path>`,
        )}
        ${nodes.map(
          ([key, label, text]) =>
            svg`<g class="node ${key}" transform="translate(${POS[key][0]} ${POS[key][1]})">
              <circle r="32"></circle>
              <text y="-4">${label}</text>
              <text class="value" y="13">${text}</text>
            </g>`,
        )}`}
      </svg>
      <ul class="visually-hidden" part="description">
        ${active.length === 0 ? html`<li>No power is flowing.</li>` : nothing}
        ${active.map((l) => html`<li>${capital(l.from)} to ${l.to}: ${f.power(l.watts)}</li>`)}
      </ul>`;
  }
}

function path(from: keyof typeof POS, to: keyof typeof POS): string {
  const [x1, y1] = POS[from];
  const [x2, y2] = POS[to];
  return `M${x1} ${y1} L${x2} ${y2}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
