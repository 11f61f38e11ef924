import { CarbonTrackError, type Customer } from '@carbontrack/core';
import { deviceHasSolar, deviceStatus } from '@carbontrack/core/devices';
import { deviceTimeZone, formatLocalIso, resolveTimeZone } from '@carbontrack/core/time-zone';
import {
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  type TreeDataProvider,
  TreeItem,
  TreeItemCollapsibleState,
} from 'vscode';
import { type ConnectionSessions, isAbort } from '../connections/connection-sessions.js';
import type { ConnectionConfig } from '../connections/connection-store.js';
import { describeReading, fetchLatestReading, formatPower } from '../devices/latest-reading.js';
import type {
  ConnectionNode,
  CustomerFilter,
  CustomerNode,
  DeviceNode,
  DistributorNode,
  LoadMoreNode,
  MessageNode,
  TreeNode,
} from './tree-nodes.js';

/** Options of the tree provider. */
export interface TreeProviderOptions {
  /** Customers per page. */
  pageSize: () => number;
  /** Called once, when the first page of customers of any distributor is in (activation benchmark). */
  onFirstCustomerPage?: () => void;
  /** Called with every failure of a listing (the extension turns them into notifications). */
  onError?: (error: unknown, connection: ConnectionConfig) => void;
  /** Clock, for tests. */
  now?: () => number;
  /** The `carbontrack.timeZone` setting ('' for each device's own zone): where reading times are shown. */
  timeZone?: () => string;
}

/** Customers of one distributor node, fetched page by page through core's `customers().pages()`. */
interface CustomerPages {
  filter: CustomerFilter | undefined;
  pageSize: number;
  pages: AsyncGenerator<Customer[], void, undefined>;
  /** The listing the pages come from: it knows the total once a page is in. */
  listing: { readonly total: number | undefined };
  loaded: CustomerNode[];
  done: boolean;
  pending?: Promise<void>;
}

/** connection → distributor → customers (paged, with "Load more…") → devices with their latest reading. */
export class CarbonTrackTreeProvider implements TreeDataProvider<TreeNode> {
  private readonly _onDidChangeTreeData = new EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  private readonly connectionNodes = new Map<string, ConnectionNode>();
  private readonly distributorNodes = new Map<string, DistributorNode[]>();
  private readonly customerPages = new Map<DistributorNode, CustomerPages>();
  private readonly filters = new Map<string, CustomerFilter>();
  private firstPageReported = false;

  constructor(
    private readonly sessions: ConnectionSessions,
    private readonly options: TreeProviderOptions,
  ) {}

  /** Refreshes one node, or the whole tree when none is given. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.connectionNodes.clear();
      this.distributorNodes.clear();
      this.customerPages.clear();
      this._onDidChangeTreeData.fire(undefined);
      return;
    }
    if (node.kind === 'connection') {
      this.distributorNodes.delete(node.connection.id);
      this.sessions.reset(node.connection.id);
    }
    if (node.kind === 'distributor') this.customerPages.delete(node);
    if (node.kind === 'load-more' || node.kind === 'message') {
      this._onDidChangeTreeData.fire(undefined);
      return;
    }
    this._onDidChangeTreeData.fire(node);
  }

  /** Filters the customers of a connection (all its distributor nodes) through the API's filters. */
  setFilter(connectionId: string, filter: CustomerFilter | undefined): void {
    if (filter && (filter.customerRef || filter.phone || filter.address)) this.filters.set(connectionId, filter);
    else this.filters.delete(connectionId);
    for (const node of this.distributorNodes.get(connectionId) ?? []) this.refresh(node);
  }

  filter(connectionId: string): CustomerFilter | undefined {
    return this.filters.get(connectionId);
  }

  /** Fetches the next page of a distributor's customers and shows it. */
  async loadMore(node: LoadMoreNode | DistributorNode): Promise<void> {
    const distributor = node.kind === 'load-more' ? node.parent : node;
    const state = this.customerPages.get(distributor);
    if (!state || state.done) return;
    await this.fetchNextPage(distributor, state);
    this._onDidChangeTreeData.fire(distributor);
  }

  getTreeItem(node: TreeNode): TreeItem {
    switch (node.kind) {
      case 'connection':
        return this.connectionItem(node);
      case 'distributor': {
        const item = new TreeItem(node.distributor.UserName ?? 'Distributor', TreeItemCollapsibleState.Expanded);
        const filter = this.filters.get(node.connection.id);
        item.id = `${node.connection.id}/distributor/${node.distributor.ID}`;
        item.description = filter ? `filtered: ${describeFilter(filter)}` : undefined;
        item.tooltip = `Distributor ${node.distributor.ID ?? ''}`;
        item.iconPath = new ThemeIcon('organization');
        item.contextValue = filter ? 'carbontrack.distributor.filtered' : 'carbontrack.distributor';
        return item;
      }
      case 'customer': {
        const c = node.customer;
        const name = [c.FirstName, c.LastName].filter(Boolean).join(' ') || (c.AccountNumber ?? 'Customer');
        const item = new TreeItem(name, TreeItemCollapsibleState.Collapsed);
        item.id = `${node.connection.id}/customer/${c.CustomerId ?? c.AccountNumber}`;
        item.description = `${c.AccountNumber ?? ''} · ${c.Location ?? ''}`;
        const tooltip = new MarkdownString();
        tooltip.appendText(`${name}\n\n${c.AccountNumber ?? ''}\n\n${c.Location ?? ''}\n\n${c.Mobile ?? ''}`);
        item.tooltip = tooltip;
        item.iconPath = new ThemeIcon('person');
        item.contextValue = 'carbontrack.customer';
        return item;
      }
      case 'device':
        return this.deviceItem(node);
      case 'load-more': {
        const state = this.customerPages.get(node.parent);
        const total = state?.listing.total;
        const label = state && total !== undefined ? `Load more… (${state.loaded.length} of ${total})` : 'Load more…';
        const item = new TreeItem(label, TreeItemCollapsibleState.None);
        item.id = `${node.parent.connection.id}/distributor/${node.parent.distributor.ID}/load-more`;
        item.iconPath = new ThemeIcon('ellipsis');
        item.contextValue = 'carbontrack.loadMore';
        item.command = { command: 'carbontrack.customers.loadMore', title: 'Load more', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new TreeItem(node.text, TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new ThemeIcon(node.error ? 'error' : 'info');
        item.contextValue = node.error ? 'carbontrack.error' : 'carbontrack.message';
        return item;
      }
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.sessions.list().map((connection) => this.connectionNode(connection));
    try {
      if (node.kind === 'connection') return await this.distributors(node);
      if (node.kind === 'distributor') return await this.customers(node);
      if (node.kind === 'customer') return await this.devices(node);
      return [];
    } catch (error) {
      const connection = node.kind === 'load-more' ? node.parent.connection : node.connection;
      if (!isAbort(error)) this.options.onError?.(error, connection);
      return [errorNode(connection, error)];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'connection') return undefined;
    if (node.kind === 'load-more') return node.parent;
    return this.connectionNodes.get(node.connection.id);
  }

  dispose(): void {
    this._onDidChangeTreeData.dispose();
  }

  private connectionNode(connection: ConnectionConfig): ConnectionNode {
    const existing = this.connectionNodes.get(connection.id);
    if (existing && existing.connection === connection) return existing;
    const node: ConnectionNode = { kind: 'connection', connection };
    this.connectionNodes.set(connection.id, node);
    return node;
  }

  private connectionItem(node: ConnectionNode): TreeItem {
    const { connection } = node;
    const status = this.sessions.status(connection.id);
    const active = this.sessions.active?.id === connection.id;
    const item = new TreeItem(connection.name, TreeItemCollapsibleState.Expanded);
    item.id = `${connection.id}/connection`;
    item.description = `${connection.username} @ ${hostOf(connection.baseUrl)}${active ? ' · active' : ''}`;
    item.tooltip = `${connection.name}\n${connection.baseUrl}\nUser: ${connection.username}\nState: ${status.state}`;
    item.iconPath =
      status.state === 'error'
        ? new ThemeIcon('debug-disconnect', new ThemeColor('errorForeground'))
        : new ThemeIcon(connection.transient ? 'server-process' : 'plug');
    item.contextValue = connection.transient ? 'carbontrack.connection.transient' : 'carbontrack.connection';
    return item;
  }

  private deviceItem(node: DeviceNode): TreeItem {
    const { device, reading } = node;
    // Core's one threshold; a device whose last data time is unknown is not flagged.
    const offline = deviceStatus(device, { latestRecordTime: reading?.time, now: this.now() }) === 'offline';
    const item = new TreeItem(device.DeviceName || node.deviceId, TreeItemCollapsibleState.None);
    item.id = `${node.connection.id}/device/${node.deviceId}`;
    const latest = reading ? describeReading(reading, deviceHasSolar(device)) : 'no recent data';
    const state = offline ? `offline · ${latest}` : latest;
    item.description = node.sharesName && device.DeviceName ? `${node.deviceId} · ${state}` : state;
    const md = new MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(device.DeviceName ?? node.deviceId)}**${offline ? ' (offline)' : ''}\n\n`);
    const rows: Array<[string, string | undefined]> = [
      ['Device ID', node.deviceId],
      ['Customer', device.CustomerRef],
      ['Registered', device.IsRegistered === undefined ? undefined : device.IsRegistered ? 'yes' : 'no'],
      ['Firmware', device.FirmwareVersion],
      ['Sensors', device.SensorConfig],
      ['Last data', device.DeviceDataUpdateDateTime],
      ['IP address', device.IPAddress],
      [
        'Weather',
        device.Weather
          ? `${device.Weather.WeatherLocation ?? ''} ${device.Weather.WeatherTemperature ?? ''}`
          : undefined,
      ],
      [
        'Latest reading',
        reading
          ? `${formatPower(reading.usageW)} use, ${formatPower(reading.solarW)} solar at ${formatLocalIso(reading.time, node.timeZone ?? 'UTC')}${node.timeZone ? ` (${node.timeZone})` : ''}`
          : undefined,
      ],
    ];
    for (const [label, value] of rows) {
      if (value !== undefined && value !== '') md.appendMarkdown(`${label}: ${escapeMarkdown(value)}  \n`);
    }
    item.tooltip = md;
    item.iconPath = offline
      ? new ThemeIcon('circle-slash', new ThemeColor('disabledForeground'))
      : new ThemeIcon('pulse', new ThemeColor('charts.green'));
    item.contextValue = offline ? 'carbontrack.device.offline' : 'carbontrack.device.online';
    item.command = { command: 'carbontrack.devices.showMeasurements', title: 'Show Measurements', arguments: [node] };
    return item;
  }

  private async distributors(node: ConnectionNode): Promise<TreeNode[]> {
    let nodes = this.distributorNodes.get(node.connection.id);
    if (!nodes) {
      const list = await this.sessions.run(node.connection, (client) => client.distributors().collect());
      nodes = list.map((distributor) => ({ kind: 'distributor', connection: node.connection, distributor }));
      this.distributorNodes.set(node.connection.id, nodes);
    }
    if (nodes.length === 0) return [{ kind: 'message', connection: node.connection, text: 'No distributor' }];
    return nodes;
  }

  private async customers(node: DistributorNode): Promise<TreeNode[]> {
    let state = this.customerPages.get(node);
    const filter = this.filters.get(node.connection.id);
    if (!state || state.filter !== filter) {
      const client = await this.sessions.client(node.connection);
      const pageSize = this.options.pageSize();
      const listing = client.customers({ ...filter, pageSize });
      state = { filter, pageSize, pages: listing.pages(), listing, loaded: [], done: false };
      this.customerPages.set(node, state);
      await this.fetchNextPage(node, state);
    } else if (state.pending) {
      await state.pending;
    }
    if (state.loaded.length === 0) {
      return [{ kind: 'message', connection: node.connection, text: 'No customers match' }];
    }
    const children: TreeNode[] = [...state.loaded];
    if (!state.done) children.push({ kind: 'load-more', parent: node });
    return children;
  }

  private fetchNextPage(node: DistributorNode, state: CustomerPages): Promise<void> {
    state.pending ??= this.sessions
      .run(node.connection, () => state.pages.next())
      .then((next) => {
        if (next.done) state.done = true;
        else {
          state.loaded.push(...next.value.map((customer) => this.customerNode(node, customer)));
          // A short page is the last one: no "Load more…" that would only find nothing.
          if (next.value.length < state.pageSize) state.done = true;
        }
        if (!this.firstPageReported) {
          this.firstPageReported = true;
          this.options.onFirstCustomerPage?.();
        }
      })
      .finally(() => {
        state.pending = undefined;
      });
    return state.pending;
  }

  private customerNode(node: DistributorNode, customer: Customer): CustomerNode {
    return { kind: 'customer', connection: node.connection, customer };
  }

  private async devices(node: CustomerNode): Promise<TreeNode[]> {
    const ref = node.customer.AccountNumber;
    if (!ref) return [];
    const now = this.now();
    const devices = await this.sessions.run(node.connection, (client) =>
      client.devices({ customerReference: ref }).collect(),
    );
    const client = await this.sessions.client(node.connection);
    const nodes = await Promise.all(
      devices.map(async (device): Promise<DeviceNode> => {
        let reading: DeviceNode['reading'];
        try {
          reading = await fetchLatestReading(client, device, { now });
        } catch (error) {
          if (!(error instanceof CarbonTrackError)) throw error;
          reading = undefined;
        }
        const timeZone = resolveTimeZone({
          explicit: this.options.timeZone?.() || undefined,
          deviceZone: await deviceTimeZone(device),
        }).timeZone;
        return {
          kind: 'device',
          connection: node.connection,
          deviceId: device.DeviceID as string,
          device,
          reading,
          timeZone,
        };
      }),
    );
    if (nodes.length === 0) return [{ kind: 'message', connection: node.connection, text: 'No devices' }];
    // Two devices of one customer with the same name ("Scarborough solar" twice) are told apart by ID.
    const names = new Map<string, number>();
    for (const n of nodes) names.set(n.device.DeviceName ?? '', (names.get(n.device.DeviceName ?? '') ?? 0) + 1);
    for (const n of nodes) n.sharesName = (names.get(n.device.DeviceName ?? '') ?? 0) > 1;
    return nodes;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function errorNode(connection: ConnectionConfig, error: unknown): MessageNode {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'message', connection, text: `Error: ${message}`, tooltip: message, error };
}

export function describeFilter(filter: CustomerFilter): string {
  return [
    filter.customerRef && `ref ${filter.customerRef}`,
    filter.phone && `phone ${filter.phone}`,
    filter.address && `address ${filter.address}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|&]/g, (c) => `\\${c}`);
}
