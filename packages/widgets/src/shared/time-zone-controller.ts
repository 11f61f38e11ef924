import type { Device } from '@carbontrack/core';
import { deviceResource } from '@carbontrack/core/live';
import { deviceTimeZone, type ResolvedTimeZone, resolveTimeZone } from '@carbontrack/core/time-zone';
import { type AttributeProblem, problem } from './attribute-check.js';
import { LiveController, type LiveHost } from './live-controller.js';

/** What a {@link TimeZoneController} reads from its element. */
export interface TimeZoneHost extends LiveHost {
  /** The element's own `time-zone` attribute ('' for none). */
  readonly timeZone: string;
  /** The nearest provider's `time-zone` ('' for none). */
  readonly providerTimeZone: string | undefined;
  /** The device whose own zone applies when neither is set. */
  readonly zoneDeviceId: string;
}

/**
 * Core's one time-zone rule for a widget: its `time-zone`, else the provider's, else the device's
 * own zone from its coordinates (its Device record, shared by key through the hub), else the
 * browser's. The device record is only fetched when it decides.
 */
export class TimeZoneController {
  private readonly device: LiveController<Device>;
  /** The looked-up zone of the last device record seen (the lookup is asynchronous). */
  private lookedUp: { device: Device; zone: string | null } | null = null;
  private pending: Device | null = null;

  constructor(private readonly host: TimeZoneHost) {
    this.device = new LiveController<Device>(host, () =>
      this.needsDevice() ? deviceResource(this.host.zoneDeviceId) : null,
    );
  }

  /** The controller of the device record, for the host's list of live controllers. */
  get deviceController(): LiveController<unknown> {
    return this.device as LiveController<unknown>;
  }

  /**
   * The zone to show, null while the device record that decides it is loading. A device record
   * that cannot be fetched leaves the browser's zone (the data request shows that error).
   * @throws RangeError for a `time-zone` that is not an IANA zone.
   */
  get resolved(): ResolvedTimeZone | null {
    if (!this.needsDevice())
      return resolveTimeZone({ explicit: this.host.timeZone, shared: this.host.providerTimeZone });
    const state = this.device.state;
    const device = state.value;
    if (device === undefined) {
      if (state.error === undefined && this.host.hub) return null;
      return resolveTimeZone({});
    }
    if (this.lookedUp?.device !== device) {
      this.lookUp(device);
      return null;
    }
    return resolveTimeZone({ deviceZone: this.lookedUp.zone });
  }

  /** The zone's name, null while it is being decided or when `time-zone` is not a zone. */
  get timeZone(): string | null {
    try {
      return this.resolved?.timeZone ?? null;
    } catch {
      return null;
    }
  }

  /** The fatal problem of a `time-zone` (the element's or the provider's) that is not a zone, if any. */
  check(): AttributeProblem | null {
    try {
      this.resolved;
      return null;
    } catch (error) {
      return problem('time-zone', this.host.timeZone || this.host.providerTimeZone, (error as Error).message, true);
    }
  }

  private lookUp(device: Device): void {
    if (this.pending === device) return;
    this.pending = device;
    void deviceTimeZone(device)
      .catch(() => null)
      .then((zone) => {
        if (this.pending !== device) return;
        this.pending = null;
        this.lookedUp = { device, zone };
        this.host.requestUpdate();
      });
  }

  private needsDevice(): boolean {
    return !this.host.timeZone && !this.host.providerTimeZone && /^\d{16}$/.test(this.host.zoneDeviceId);
  }
}

/** How a widget names the zone it shows: "Australia/Sydney, the device's zone". */
export function zoneCaption(zone: ResolvedTimeZone): string {
  const why = {
    attribute: 'set by time-zone',
    provider: "the provider's time-zone",
    device: "the device's zone",
    browser: "this browser's zone",
  }[zone.source];
  return `Times in ${zone.timeZone} (${why})`;
}
