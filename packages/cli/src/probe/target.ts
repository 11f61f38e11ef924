// The base URL a probe runs against, made safe to send to and to print: no credentials in it (a
// password there would travel in every request and land in the report), no query or fragment.
import type { Redactor } from './redactor.js';

/** A base URL, checked. */
export interface Target {
  /** The URL requests are sent to, without a trailing slash; null when unusable. */
  url: string | null;
  /** What the report shows. */
  display: string;
  /** Why the probe must not run against it. */
  problem?: string;
}

/** Checks and cleans `baseUrl`; a password inside it is registered with the redactor. */
export function parseTarget(baseUrl: string, allowInsecureHttp: boolean, redactor: Redactor): Target {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { url: null, display: redactor.text(baseUrl, 120), problem: 'the base URL is not a valid URL' };
  }
  redactor.addSecret(url.password);
  try {
    redactor.addSecret(decodeURIComponent(url.password));
  } catch {
    // Not percent-encoded validly: the raw form registered above is the one that could leak.
  }
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const clean = url.toString().replace(/\/+$/, '');
  const display = redactor.text(clean, 200);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { url: null, display, problem: `the base URL must be http or https, not ${url.protocol}` };
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    return {
      url: null,
      display,
      problem: 'refusing to send the password over plain http to another machine; use https (or allowInsecureHttp)',
    };
  }
  return { url: clean, display };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
