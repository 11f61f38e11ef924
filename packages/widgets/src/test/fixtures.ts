import { type CarbonTrackClient, createCarbonTrackClient } from '@carbontrack/core';
import axe from 'axe-core';
import { render, type TemplateResult } from 'lit';
import { expect, inject, vi } from 'vitest';
import { commands } from 'vitest/browser';
import '../index.js';

export const devices = inject('devices');
export const simulatorUrl = inject('simulatorUrl');

/** Token source of a test provider; `failWith` makes it throw (a token service outage). */
export interface TestAuth {
  failWith: string | null;
  calls: number;
}

let token: Promise<string> | undefined;
/** A demo token, fetched Node-side by a browser command (the password never reaches the page). */
export function demoToken(): Promise<string> {
  token ??= commands.demoToken();
  return token;
}

/** Renders `content` inside a `<ct-provider>` that gets tokens from `auth`; returns the provider. */
export async function mount(
  content: TemplateResult,
  auth: TestAuth = { failWith: null, calls: 0 },
): Promise<HTMLElementTagNameMap['ct-provider']> {
  const container = document.createElement('div');
  container.style.width = '640px';
  const provider = document.createElement('ct-provider');
  provider.tokenProvider = async () => {
    auth.calls++;
    if (auth.failWith) throw new Error(auth.failWith);
    return demoToken();
  };
  provider.setAttribute('base-url', simulatorUrl);
  render(content, provider);
  container.append(provider);
  document.body.append(container);
  await provider.updateComplete;
  return provider;
}

export function cleanup(): void {
  for (const el of [...document.body.children]) if (el.tagName === 'DIV') el.remove();
}

/** A client for reading the simulator directly, to compare with what widgets show. */
export function directClient(): CarbonTrackClient {
  return createCarbonTrackClient({ baseUrl: simulatorUrl, tokenProvider: demoToken });
}

/** Text of an element's shadow root, whitespace collapsed. */
export function shadowText(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null;
}

export function waitForPart(element: Element, name: string, timeout = 10_000): Promise<HTMLElement> {
  return vi.waitFor(
    () => {
      const found = part(element, name);
      if (!found) throw new Error(`no part ${name} yet in: ${shadowText(element).slice(0, 200)}`);
      return found;
    },
    { timeout, interval: 20 },
  );
}

/** axe-core on the element in the light and the dark theme: zero violations in both. */
export async function expectAccessible(element: HTMLElement): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    element.setAttribute('theme', theme);
    await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    const results = await axe.run(element, { resultTypes: ['violations'] });
    const summary = results.violations.map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
    expect(summary).toEqual([]);
  }
  element.removeAttribute('theme');
}

export async function routes(): Promise<Record<string, number>> {
  return commands.simulatorRoutes();
}
