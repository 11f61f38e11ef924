import type { LiveDataHub, LiveState } from '@carbontrack/core/live';
import { consume } from '@lit/context';
import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { liveHubContext } from './context.js';
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
  @consume({ context: liveHubContext, subscribe: true })
  @state()
  hub: LiveDataHub | undefined;

  private onScreen = true;
  private observer: IntersectionObserver | undefined;
  private formatter: Formatter | undefined;
  protected readonly controllers: LiveController<unknown>[] = [];

  get refreshIntervalMs(): number {
    const seconds = Number(this.refreshInterval);
    return Number.isFinite(seconds) && seconds > 0 ? Math.max(1, seconds) * 1000 : 0;
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
    for (const c of this.controllers) c.sync();
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
   * have a value (render the content then).
   */
  protected renderStatus(states: readonly LiveState<unknown>[]): TemplateResult | null {
    const failed = states.find((s) => s.error !== undefined);
    if (failed) {
      return html`<div class="error" part="error" role="alert">
        <p part="error-message">${messageOf(failed.error)}</p>
        <button part="retry-button" type="button" @click=${() => this.retry()}>Retry</button>
      </div>`;
    }
    if (!this.hub) {
      return html`<div class="error" part="error" role="alert">
        <p part="error-message">No &lt;ct-provider&gt; around this widget.</p>
      </div>`;
    }
    if (states.some((s) => s.value === undefined)) {
      return html`<div class="skeleton" part="skeleton" role="status" aria-busy="true" aria-label="Loading">
        <span></span><span></span><span></span>
      </div>`;
    }
    return null;
  }

  protected renderEmpty(message: string): TemplateResult {
    return html`<div class="empty" part="empty"><p>${message}</p></div>`;
  }
}
