import type { CarbonTrackClient, Customer, Device } from '@carbontrack/core';

/** The controls of the picker. */
export interface PickerElements {
  distributor: HTMLSelectElement;
  searchField: HTMLSelectElement;
  searchText: HTMLInputElement;
  customer: HTMLSelectElement;
  device: HTMLSelectElement;
  status: HTMLElement;
}

/**
 * Distributor → customer (searched through the API's own filters) → device, from live lists.
 * Every name from the API goes into `Option` text, never into HTML.
 */
export class DevicePicker {
  private customers: Customer[] = [];
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchGeneration = 0;

  constructor(
    private readonly client: CarbonTrackClient,
    private readonly el: PickerElements,
    private readonly onDevice: (device: Device) => void,
  ) {
    el.searchText.addEventListener('input', () => this.scheduleSearch());
    el.searchField.addEventListener('change', () => this.scheduleSearch());
    el.customer.addEventListener('change', () => void this.loadDevices());
    el.device.addEventListener('change', () => this.chooseDevice());
  }

  private devices: Device[] = [];

  /** Loads the distributor and the first customers, and picks the first device. */
  async start(): Promise<void> {
    const distributors = await this.client.distributors().collect();
    this.el.distributor.replaceChildren(...distributors.map((d) => new Option(d.UserName ?? d.ID ?? '', d.ID ?? '')));
    await this.search();
  }

  private scheduleSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.search(), 250);
  }

  private async search(): Promise<void> {
    const generation = ++this.searchGeneration;
    const text = this.el.searchText.value.trim();
    const field = this.el.searchField.value as 'address' | 'customerRef' | 'phone';
    this.say('Searching customers…');
    try {
      const firstPage = await this.client
        .customers({ pageSize: 50, ...(text ? { [field]: text } : {}) })
        .pages()
        .next();
      if (generation !== this.searchGeneration) return; // a newer search won
      this.customers = firstPage.done ? [] : firstPage.value;
      this.el.customer.replaceChildren(
        ...this.customers.map(
          (c) =>
            new Option(
              `${c.AccountNumber ?? ''} · ${c.FirstName ?? ''} ${c.LastName ?? ''} · ${c.Location ?? ''}`,
              c.CustomerId ?? '',
            ),
        ),
      );
      if (this.customers.length === 0) {
        this.el.device.replaceChildren();
        this.say('No customer matches.');
        return;
      }
      this.el.customer.selectedIndex = 0;
      await this.loadDevices();
    } catch (error) {
      this.say(`Could not load customers: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async loadDevices(): Promise<void> {
    const customer = this.customers.find((c) => c.CustomerId === this.el.customer.value);
    if (!customer?.AccountNumber) return;
    this.say('Loading devices…');
    try {
      this.devices = await this.client.devices({ customerReference: customer.AccountNumber }).collect();
      this.el.device.replaceChildren(
        ...this.devices.map((d) => new Option(`${d.DeviceName ?? ''} (${d.DeviceID ?? ''})`, d.DeviceID ?? '')),
      );
      this.say(`${this.devices.length} device(s) for ${customer.AccountNumber}.`);
      this.chooseDevice();
    } catch (error) {
      this.say(`Could not load devices: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private chooseDevice(): void {
    const device = this.devices.find((d) => d.DeviceID === this.el.device.value);
    if (device) this.onDevice(device);
  }

  private say(text: string): void {
    this.el.status.textContent = text;
  }
}
