import type { LiveDataHub, LiveState } from '@carbontrack/core/live';
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type AttributeProblem, describeProblem, problem, warnOnce } from './attribute-check.js';
import { liveHubContext, providerTimeZoneContext } from './context.js';
import { emit } from './events.js';
import { type LiveController, messageOf } from './live-controller.js';
import { Formatter, nearestLang } from './locale.js';

/**
 * What every widget shares: the hub from the nearest `<ct-provider>`, the `theme` and
 * `refresh-interval` attributes, on-screen tracking that pauses polling, locale lookup, and the
 * loading, error and empty states.
 */
export class CtElement extends LitElement {
  /** `light`, `dark`, or `auto` (the default: follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Seconds between live refreshes while the widget is visible; 0 turns polling off. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 60;

  /** Data access from the nearest `<ct-provider>`. */
  @state()
  hub: LiveDataHub | undefined;

  /** The `time-zone` of the nearest `<ct-provider>`, if it sets one. */
  @state()
  providerTimeZone: string | undefined;

  constructor() {
    super();
    // The controllers (they register themselves with this element), not @consume: the same
    // library, fewer bytes in the bundle.
    void new ContextConsumer(this, {
      context: liveHubContext,
      subscribe: true,
      callback: (hub) => {
        this.hub = hub;
      },
    });
    void new ContextConsumer(this, {
      context: providerTimeZoneContext,
      subscribe: true,
      callback: (zone) => {
        this.providerTimeZone = zone;
      },
    });
  }

  /** What is wrong with the attributes, as of the last update (see {@link checkAttributes}). */
  protected problems: AttributeProblem[] = [];

  private readyEmitted = false;
  private onScreen = true;
  private observer: IntersectionObserver | undefined;
  private formatter: Formatter | undefined;
  protected readonly controllers: LiveController<unknown>[] = [];

  /** The poll interval in ms: `refresh-interval` when valid, else the element's default. */
  get refreshIntervalMs(): number {
    const given = Number(this.refreshInterval);
    const seconds = Number.isFinite(given) && given >= 0 ? given : this.defaultRefreshInterval;
    return seconds > 0 ? Math.max(1, seconds) * 1000 : 0;
  }

  /** The element's documented `refresh-interval` default, in seconds (used for invalid values). */
  protected get defaultRefreshInterval(): number {
    return (this.constructor as typeof CtElement).refreshIntervalDefault;
  }

  /** Default of `refresh-interval` in seconds; each widget sets its own. */
  static refreshIntervalDefault = 60;

  /**
   * Checks the attributes; each problem is logged once as a console warning naming the element,
   * attribute and value, and a fatal one replaces the content with an error state naming it.
   * Widgets extend the list with their own checks.
   */
  protected checkAttributes(): AttributeProblem[] {
    const found: AttributeProblem[] = [];
    // A removed attribute reads as null: that is the default, not a mistake.
    if (this.theme !== null && !['light', 'dark', 'auto'].includes(this.theme)) {
      found.push(problem('theme', this.theme, "must be 'light', 'dark' or 'auto'; using 'auto'"));
    }
    const deviceId = (this as { deviceId?: unknown }).deviceId;
    if (typeof deviceId === 'string' && deviceId !== '' && !/^\d{16}$/.test(deviceId)) {
      found.push(problem('device-id', deviceId, 'must be the 16-digit device ID', true));
    }
    const interval = Number(this.refreshInterval);
    if (!Number.isFinite(interval) || interval < 0) {
      const given = this.getAttribute('refresh-interval') ?? String(this.refreshInterval);
      found.push(
        problem('refresh-interval', given, `must be a number of seconds >= 0; using ${this.defaultRefreshInterval}`),
      );
    }
    return found;
  }

  /** On screen in a visible tab. */
  isActive(): boolean {
    return this.onScreen && globalThis.document?.visibilityState !== 'hidden';
  }

  /** Formatting in the locale of the nearest `lang`. */
  get format(): Formatter {
    const lang = nearestLang(this);
    if (this.formatter?.lang !== lang) this.formatter = new Formatter(lang);
    return this.formatter;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    if (typeof IntersectionObserver === 'function') {
      this.observer = new IntersectionObserver((entries) => {
        const visible = entries.some((e) => e.isIntersecting);
        if (visible === this.onScreen) return;
        this.onScreen = visible;
        this.hub?.activityChanged();
      });
      this.observer.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
    this.observer = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.problems = this.checkAttributes();
    for (const p of this.problems) warnOnce(this, p);
    for (const c of this.controllers) c.sync();
  }

  /**
   * Whether the last render showed data (not a skeleton, an error or an empty state). Each widget
   * says so; `ct-ready` fires the first time it is true.
   */
  protected get showsData(): boolean {
    return false;
  }

  /** Whether the shadow root holds the part that shows a widget's data. */
  protected rendered(part: string): boolean {
    return this.renderRoot.querySelector(`[part~="${part}"]`) !== null;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.readyEmitted || !this.showsData) return;
    this.readyEmitted = true;
    // After what the update queued before it settled (uPlot draws in a microtask): on screen by then.
    void this.updateComplete.then(() => emit(this, 'ct-ready', { shownAt: Date.now() }));
  }

  /** The error state of the first fatal attribute problem, or null when there is none. */
  protected renderProblems(): TemplateResult | null {
    const fatal = this.problems.find((p) => p.fatal);
    if (!fatal) return null;
    return html`<div class="error" part="error" role="alert">
      <p part="error-message">${describeProblem(this, fatal)}</p>
    </div>`;
  }

  private readonly onVisibility = (): void => {
    this.hub?.activityChanged();
  };

  /** Retries every failed resource of the widget. */
  retry(): Promise<void> {
    return Promise.all(this.controllers.map((c) => c.retry())).then(() => undefined);
  }

  /**
   * The skeleton, error or "no provider" state while any of `states` is not ready; null when all
   * have a value (render the content then). `needsHub` false: data given in memory needs no provider.
   */
  protected renderStatus(states: readonly LiveState<unknown>[], needsHub = true): TemplateResult | null {
    const invalid = this.renderProblems();
    if (invalid) return invalid;
    const failed = states.find((s) => s.error !== undefined);
    if (failed) {
      return html`<div class="error" part="error" role="alert">
        <p part="error-message">${messageOf(failed.error)}</p>
        <button part="retry-button" type="button" @click=${() => this.retry()}>Retry</button>
      </div>`;
    }
    if (needsHub && !this.hub) {
      return html`<div class="error" part="error" role="alert">
        <p part="error-message">No &lt;ct-provider&gt; around this widget.</p>
      </div>`;
    }
    if (states.some((s) => s.value === undefined)) {
      const progress = states.find((s) => s.progress)?.progress;
      const label = progress ? `Loading ${progress.done} of ${progress.total} ${progress.unit}s` : 'Loading';
      return html`<div class="skeleton" part="skeleton" role="status" aria-busy="true" aria-label=${label}>
        <span></span><span></span><span></span>
        ${progress ? html`<p class="progress" part="progress">${label}</p>` : nothing}
      </div>`;
    }
    return null;
  }

  protected renderEmpty(message: string): TemplateResult {
    return html`<div class="empty" part="empty"><p>${message}</p></div>`;
  }
}
