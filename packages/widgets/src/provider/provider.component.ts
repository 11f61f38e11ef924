import { createCarbonTrackCalls, type PowerUnit } from '@carbontrack/core';
import { LiveDataHub } from '@carbontrack/core/live';
import { ContextProvider } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { liveHubContext, providerTimeZoneContext } from '../shared/context.js';
import styles from './provider.styles.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * @summary Gives the carbonTRACK widgets inside it their data access and one shared cache.
 *
 * Talks either to a proxy that adds the credentials itself (`base-url` only: no Authorization
 * header) or to the API with bearer tokens from the `tokenProvider` property (the portal's backend
 * hands out short-lived tokens). There is deliberately no username or password attribute. All
 * widgets inside share one `LiveDataHub` from `@carbontrack/core/live`: ten widgets showing one
 * device make one request per refresh.
 *
 * @slot - The widgets.
 *
 * @customElement ct-provider
 */
export class CtProvider extends LitElement {
  static override styles = styles;

  /** API root or the URL of a proxy that adds credentials (e.g. `https://portal.example/ct`). */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Returns a bearer token from your backend; called again after a 401. Leave unset for a proxy. */
  @property({ attribute: false }) tokenProvider: (() => Promise<string>) | undefined;

  /** Per-request timeout in ms (default 30 000). */
  @property({ attribute: 'timeout-ms', type: Number }) timeoutMs = DEFAULT_TIMEOUT_MS;

  /**
   * The unit the API sends power in: `W` (default) or `kW`. With `kW` the values are read into
   * watts as they arrive, so every widget inside shows and sums them right.
   */
  @property({ attribute: 'power-unit' }) powerUnit: PowerUnit = 'W';

  /**
   * IANA time zone for every widget inside that sets none of its own. Default: each widget uses
   * its device's own zone (from the device's coordinates), else the browser's.
   */
  @property({ attribute: 'time-zone' })
  timeZone = '';

  /** The shared data hub, undefined without `base-url`. */
  @state()
  hub: LiveDataHub | undefined;

  // What descendants receive (the controllers, not @provide: the same library, fewer bytes).
  private readonly hubContext = new ContextProvider(this, { context: liveHubContext, initialValue: undefined });
  private readonly zoneContext = new ContextProvider(this, { context: providerTimeZoneContext, initialValue: '' });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('timeZone')) this.zoneContext.setValue(this.timeZone);
    if (
      changed.has('baseUrl') ||
      changed.has('tokenProvider') ||
      changed.has('timeoutMs') ||
      changed.has('powerUnit')
    ) {
      this.connectHub();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hub && this.hasUpdated) this.connectHub();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hub?.dispose();
    this.hub = undefined;
    this.hubContext.setValue(undefined);
  }

  private connectHub(): void {
    this.hub?.dispose();
    this.hub = undefined;
    if (!this.baseUrl) return;
    const baseUrl = new URL(this.baseUrl, document.baseURI).href.replace(/\/$/, '');
    const client = createCarbonTrackCalls({
      baseUrl,
      ...(this.tokenProvider ? { tokenProvider: this.tokenProvider } : { auth: 'none' as const }),
      timeoutMs: this.checkedTimeoutMs(),
      powerUnit: this.checkedPowerUnit(),
      // Through a proxy that offers it, measurement pages are cache-friendly GETs a CDN can keep.
      proxyReads: 'auto',
      // A visible retry button beats a long silent backoff in a widget.
      retry: { maxAttempts: 2, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 },
    });
    this.hub = new LiveDataHub(client);
    this.hubContext.setValue(this.hub);
  }

  // An attribute like timeout-ms="soon" reads as NaN: say so and keep the default rather than fail every widget.
  private checkedTimeoutMs(): number {
    const value = this.timeoutMs;
    if (Number.isInteger(value) && value >= 0) return value;
    console.warn(
      `<ct-provider>: timeout-ms must be a whole number of ms >= 0, got ${value}; using ${DEFAULT_TIMEOUT_MS}`,
    );
    return DEFAULT_TIMEOUT_MS;
  }

  // A unit other than W or kW would be a guess either way: say so and read watts, the API's documented default here.
  private checkedPowerUnit(): PowerUnit {
    const unit = this.powerUnit;
    if (unit === 'W' || unit === 'kW') return unit;
    console.warn(`<ct-provider>: power-unit must be W or kW, got ${String(unit)}; using W`);
    return 'W';
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
