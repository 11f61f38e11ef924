import type { Device, MeasurementField } from '@carbontrack/core';
import { DEFAULT_OFFLINE_AFTER_MINUTES, deviceHasBattery, deviceStatus, lastDataTime } from '@carbontrack/core/devices';
import { deviceResource, type LatestReading, latestReadingResource } from '@carbontrack/core/live';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { type AttributeProblem, problem } from '../shared/attribute-check.js';
import { CtElement } from '../shared/ct-element.js';
import { fieldUnit } from '../shared/field-info.js';
import { LiveController } from '../shared/live-controller.js';
import styles from './device-card.styles.js';

/**
 * @summary Live status of one device: name, customer, online state, current power, battery, signal, firmware and weather.
 *
 * @csspart card - The card's content wrapper.
 * @csspart header - Name, customer reference and status.
 * @csspart name - The device name.
 * @csspart customer - The customer reference.
 * @csspart status - The online/offline badge.
 * @csspart metrics - The list of current values.
 * @csspart metric - One value (label and number).
 * @csspart footer - Firmware, weather and last update.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart error-message - The error's message.
 * @csspart retry-button - The retry button.
 * @csspart empty - The empty state.
 *
 * @cssproperty --ct-color-text - Text colour.
 * @cssproperty --ct-color-muted - Secondary text colour.
 * @cssproperty --ct-color-surface - Background.
 * @cssproperty --ct-color-border - Border colour.
 * @cssproperty --ct-color-accent - Buttons and focus rings.
 * @cssproperty --ct-color-online - Online badge.
 * @cssproperty --ct-color-error - Error text.
 * @cssproperty --ct-color-skeleton - Loading placeholder.
 * @cssproperty --ct-font-family - Font family.
 * @cssproperty --ct-font-size - Base font size.
 * @cssproperty --ct-radius - Corner radius.
 * @cssproperty --ct-spacing - Inner padding.
 *
 * @event {CtLoadDetail} ct-load - Fresh data arrived (once per resource and fetch).
 * @event {CtReadyDetail} ct-ready - The card shows its first data (once per element).
 * @event {CtErrorDetail} ct-error - A fetch failed; the card shows the message and a retry button.
 *
 * @customElement ct-device-card
 */
export class CtDeviceCard extends CtElement {
  static override styles = styles;

  /** The 16-digit device ID. */
  @property({ attribute: 'device-id' }) deviceId = '';

  /** Minutes without a data update after which the device counts as offline (a number > 0). */
  @property({ attribute: 'offline-after', type: Number }) offlineAfter = 15;

  /** Seconds between live refreshes while visible; 0 turns polling off. */
  @property({ attribute: 'refresh-interval', type: Number }) override refreshInterval = 60;

  static override refreshIntervalDefault = 60;

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

  /** When the device last sent data, epoch ms (the newer of its update time and its latest record). */
  get lastDataUpdate(): number | null {
    const device = this.device.state.value;
    return device ? lastDataTime(device, this.latest.state.value?.time) : null;
  }

  /** Whether the device sent data within `offline-after` minutes (core's `deviceStatus`). */
  get online(): boolean {
    const device = this.device.state.value;
    if (!device) return false;
    const offlineAfterMinutes =
      Number(this.offlineAfter) > 0 ? Number(this.offlineAfter) : DEFAULT_OFFLINE_AFTER_MINUTES;
    return deviceStatus(device, { latestRecordTime: this.latest.state.value?.time, offlineAfterMinutes }) === 'online';
  }

  protected override checkAttributes(): AttributeProblem[] {
    const found = super.checkAttributes();
    if (!(Number(this.offlineAfter) > 0)) {
      found.push(
        problem(
          'offline-after',
          this.getAttribute('offline-after') ?? this.offlineAfter,
          'must be a number of minutes > 0; using 15',
        ),
      );
    }
    return found;
  }

  protected override get showsData(): boolean {
    return this.rendered('card');
  }

  protected override render() {
    const status = this.renderStatus([this.device.state, this.latest.state]);
    if (status) return status;
    const device = this.device.state.value as Device;
    const reading = this.latest.state.value?.series ?? null;
    const f = this.format;
    const value = (field: MeasurementField): number => reading?.columns[field][0] ?? Number.NaN;
    const metric = (label: string, field: MeasurementField) =>
      html`<div part="metric"><dt>${label}</dt><dd>${f.withUnit(value(field), fieldUnit(field))}</dd></div>`;
    const hasBattery = deviceHasBattery(device);
    const signal = value('SignalStrength');
    const last = this.lastDataUpdate;
    const online = this.online;
    const weather = device.Weather;
    return html`<div part="card">
      <div class="header" part="header">
        <div>
          <div class="name" part="name">${device.DeviceName ?? this.deviceId}</div>
          <div class="muted" part="customer">${device.CustomerRef ?? ''}</div>
        </div>
        <span class="status ${online ? 'online' : 'offline'}" part="status">${online ? 'Online' : 'Offline'}</span>
      </div>
      ${
        reading
          ? html`<dl part="metrics">
              ${metric('Usage', 'PowerUsage')} ${metric('Generation', 'Generating')}
              ${metric('Export', 'PowerExported')} ${hasBattery ? metric('Battery', 'BatteryCharge') : nothing}
              ${Number.isFinite(signal) && signal !== 0 ? metric('Signal', 'SignalStrength') : nothing}
            </dl>`
          : this.renderEmpty('No data in the last hour.')
      }
      <div class="footer" part="footer">
        ${device.FirmwareVersion ? html`<span>Firmware ${device.FirmwareVersion}</span>` : nothing}
        ${
          weather?.WeatherLocation
            ? html`<span
                >${weather.WeatherLocation}${weather.WeatherTemperature ? html`, ${weather.WeatherTemperature} °C` : nothing}${
                  weather.WeatherIcon ? html` (${weather.WeatherIcon})` : nothing
                }</span
              >`
            : nothing
        }
        ${
          last !== null
            ? html`<span>Updated <time datetime=${new Date(last).toISOString()}>${f.relative(last)}</time></span>`
            : nothing
        }
      </div>
    </div>`;
  }
}
