import { type ComparisonKind, comparisonPeriod, shiftLocalTime } from '@carbontrack/core/energy';
import { deviceTimeZone, resolveTimeZone } from '@carbontrack/core/time-zone';
import { type Uri, ViewColumn, type WebviewPanel, window } from 'vscode';
import type { ConnectionSessions } from '../connections/connection-sessions.js';
import { type DateRange, presetRange, type RangePreset } from '../devices/date-range.js';
import { exportRange, pickCustomRange } from '../devices/device-commands.js';
import type { WindowPort } from '../ports.js';
import type { DeviceNode } from '../tree/tree-nodes.js';
import { renderPanelHtml } from './panel-html.js';
import type { HostMessage, PageMessage, SeriesMessage } from './panel-messages.js';
import { toSeriesMessage } from './series-message.js';
import { readTariffSetting } from './tariff-setting.js';
import { createNonce } from './webview-page.js';

export type { SeriesMessage };
export { toSeriesMessage };

const RANGES: Record<string, RangePreset | '24h'> = {
  '24h': '24h',
  today: 'today',
  yesterday: 'yesterday',
  '7d': '7d',
  '30d': '30d',
  month: 'month',
  lastMonth: 'lastMonth',
};

/** The prompts and buttons of the panel's "Custom…" and "Export…". */
export interface MeasurementsPanelUi {
  window: WindowPort;
  defaultFolder?: () => Uri | undefined;
  open?: (file: Uri) => unknown;
  reveal?: (file: Uri) => unknown;
}

/** The summary's settings: `carbontrack.tariffFile` and `carbontrack.summaryComparison`. */
export interface SummarySettings {
  tariffFile: string;
  comparison: 'previous' | 'year' | 'none';
  /** Where a relative tariffFile is read from. */
  workspaceFolder: string | undefined;
}

/**
 * "Show Measurements": one webview panel per device with `<ct-usage-chart>` and `<ct-energy-summary>`.
 * The extension host fetches with core and posts the series and the time zone to show it in (the
 * `carbontrack.timeZone` setting, else the device's own zone); `<ct-energy-summary>` sums the series with core.
 * With the summary settings it also posts the earlier period (the same length before, or a year
 * earlier) and the checked tariff, so the summary shows signed changes and the cost. The page has
 * no network access and never sees credentials.
 */
export class MeasurementsPanels {
  private readonly panels = new Map<string, WebviewPanel>();

  constructor(
    private readonly sessions: ConnectionSessions,
    /** Folder holding ct-widgets.js (dist/webview). */
    private readonly webviewRoot: Uri,
    /** Whether ct-widgets.js was bundled. */
    private readonly hasWidgets: boolean,
    private readonly timeZone: () => string,
    private readonly summary: () => SummarySettings = () => ({
      tariffFile: '',
      comparison: 'previous',
      workspaceFolder: undefined,
    }),
    /** The prompts of "Custom…" and "Export…", and what the export's notification buttons do. */
    private readonly ui?: MeasurementsPanelUi,
  ) {}

  /** The range each panel shows now (what "Export…" writes). */
  private readonly shown = new Map<string, { from: number; to: number; timeZone: string }>();

  show(node: DeviceNode): WebviewPanel {
    const key = `${node.connection.id}/${node.deviceId}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const title = `${node.device.DeviceName ?? node.deviceId} · measurements`;
    const panel = window.createWebviewPanel('carbontrack.measurements', title, ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [this.webviewRoot],
    });
    const widgetsUri = this.hasWidgets
      ? panel.webview.asWebviewUri(this.webviewRoot.with({ path: `${this.webviewRoot.path}/ct-widgets.js` })).toString()
      : undefined;
    panel.webview.html = renderPanelHtml({
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
      widgetsUri,
      pageScriptUri: panel.webview
        .asWebviewUri(this.webviewRoot.with({ path: `${this.webviewRoot.path}/measurements-page.js` }))
        .toString(),
      title,
    });
    let request = 0;
    panel.webview.onDidReceiveMessage(async (message: PageMessage) => {
      const mine = ++request;
      try {
        const posted = await this.respond(node, message);
        if (posted && (mine === request || posted.type === 'status')) await panel.webview.postMessage(posted);
      } catch (error) {
        if (mine === request) {
          const failed: HostMessage = {
            type: 'error',
            message: error instanceof Error ? error.message : String(error),
          };
          await panel.webview.postMessage(failed);
        }
      }
    });
    panel.onDidDispose(() => this.panels.delete(key));
    this.panels.set(key, panel);
    return panel;
  }

  /**
   * What the page gets for one of its messages: the series for a range (a preset, or custom dates
   * asked for in a prompt), or, for "Export…", a status line once the shown range is written.
   */
  async respond(node: DeviceNode, message: PageMessage): Promise<HostMessage | undefined> {
    if (message.type === 'export') return this.exportShown(node);
    if (message.range !== 'custom') return this.load(node, RANGES[message.range ?? '24h'] ?? '24h');
    const timeZone = await this.zoneOf(node);
    const picked = this.ui ? await pickCustomRange(this.ui.window, Date.now(), timeZone) : undefined;
    if (!picked) return { type: 'status', text: 'No dates picked: the range shown is unchanged.' };
    return this.load(node, 'custom', picked);
  }

  /** Core's one rule: the setting when it names a zone, else the device's own zone (the page has no network to look it up itself). */
  private async zoneOf(node: DeviceNode): Promise<string> {
    return resolveTimeZone({ explicit: this.timeZone(), deviceZone: await deviceTimeZone(node.device) }).timeZone;
  }

  /** "Export…": the range the panel shows, as a CSV or JSON file with local times and units. */
  private async exportShown(node: DeviceNode): Promise<HostMessage | undefined> {
    const shown = this.shown.get(`${node.connection.id}/${node.deviceId}`);
    const ui = this.ui;
    if (!shown || !ui) return { type: 'status', text: 'Nothing to export yet.', error: true };
    const done = await exportRange(
      { sessions: this.sessions, ...ui },
      node,
      { from: shown.from, to: shown.to, label: 'the range shown' },
      shown.timeZone,
    );
    if (!done) return undefined;
    return { type: 'status', text: `Exported ${done.rows} rows to ${done.file.fsPath}` };
  }

  /** The message the page gets for a range: the series and the zone it is shown in. */
  async load(
    node: DeviceNode,
    range: RangePreset | '24h' | 'custom',
    custom?: DateRange,
  ): Promise<HostMessage & { type: 'series' }> {
    const now = Date.now();
    // Today, yesterday and the months are local days of the zone shown.
    const timeZone = await this.zoneOf(node);
    const { from, to, label } =
      range === 'custom' && custom
        ? custom
        : range === '24h' || range === 'custom'
          ? { from: now - 86_400_000, to: now, label: 'last 24 hours' }
          : presetRange(range, now, timeZone);
    this.shown.set(`${node.connection.id}/${node.deviceId}`, { from, to, timeZone });
    const series = await this.sessions.run(node.connection, (client) =>
      client.measurements({ deviceId: node.deviceId, from, to }).collect(),
    );
    const settings = this.summary();
    const kind = settings.comparison === 'none' ? null : settings.comparison;
    let earlier: (HostMessage & { type: 'series' })['earlier'] = null;
    if (kind) {
      const period = earlierPeriod(range, { from, to }, kind, timeZone);
      const before = await this.sessions.run(node.connection, (client) =>
        client.measurements({ deviceId: node.deviceId, from: period.from, to: period.to }).collect(),
      );
      earlier = { kind, series: toSeriesMessage(before), ...period };
    }
    const tariff = await readTariffSetting(settings.tariffFile, settings.workspaceFolder);
    return {
      type: 'series',
      range,
      label,
      series: toSeriesMessage(series),
      timeZone,
      from,
      to,
      earlier,
      tariff: tariff?.tariff ?? null,
      tariffError: tariff?.error ?? null,
    };
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
  }
}

/**
 * The period a range is compared with: a year earlier, or the one before it in the range's own
 * terms: yesterday for today (to the same time), the day before yesterday, last month for this
 * month (to the same day), the month before last month; the same length before for 24 hours and
 * the rolling 7 and 30 days.
 */
export function earlierPeriod(
  range: RangePreset | '24h' | 'custom',
  period: { from: number; to: number },
  kind: ComparisonKind,
  timeZone: string,
): { from: number; to: number } {
  if (kind === 'previous') {
    const by =
      range === 'today' || range === 'yesterday'
        ? { days: -1 }
        : range === 'month' || range === 'lastMonth'
          ? { months: -1 }
          : null;
    if (by) return { from: shiftLocalTime(period.from, by, timeZone), to: shiftLocalTime(period.to, by, timeZone) };
  }
  return comparisonPeriod(period, kind, timeZone);
}
