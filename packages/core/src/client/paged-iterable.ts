import { MalformedResponseError } from '../errors/carbon-track-error.js';

/** One page of a listing, and whether it is the last one. @internal */
export interface Page<T> {
  items: T[];
  last: boolean;
  /** How many items the whole listing holds, when the server says. */
  total?: number;
}

/** Loads page `index` (0-based) of a listing; `seen` counts the items of the pages before it. @internal */
export type PageLoader<T> = (index: number, seen: number) => Promise<Page<T>>;

/** How a listing guards against a server that pages forever. @internal */
export interface PagingGuard<T> {
  /** What the listing is, for errors (e.g. `GET /ctapi/Customer`). */
  what: string;
  /** Most pages to fetch. */
  maxPages: number;
  /** The identity of an item: a page with the same identities as the one before is a repeat. */
  key: (item: T) => unknown;
}

/** Most pages of a listing by default: 10,000 pages of customers or devices is far beyond any account. */
export const DEFAULT_MAX_LISTING_PAGES = 10_000;

/**
 * The items of every page of a listing: iterate with `for await`, or take pages one by one with
 * `pages()`, or everything at once with `collect()`. Pages are fetched lazily, as iteration needs
 * them. A server that keeps announcing pages (more than `maxPages`) or sends a page again (the
 * same items as the page before) ends the listing with a {@link MalformedResponseError}, instead
 * of paging forever or handing out repeats.
 */
export class PagedIterable<T> implements AsyncIterable<T> {
  private announced: number | undefined;

  /**
   * How many items the whole listing holds, as the server last announced it (customers' pages
   * carry a count), or undefined before the first page or from a server that does not say.
   * Lets a UI say "25 of 240".
   */
  get total(): number | undefined {
    return this.announced;
  }

  constructor(
    private readonly loadPage: PageLoader<T>,
    private readonly guard?: PagingGuard<T>,
  ) {}

  /** Every non-empty page, in order, as arrays of items. */
  async *pages(): AsyncGenerator<T[], void, undefined> {
    let seen = 0;
    let previous: T[] | undefined;
    for (let index = 0; ; index++) {
      const page = await this.loadPage(index, seen);
      if (page.total !== undefined) this.announced = page.total;
      this.check(index, page.items, previous);
      previous = page.items;
      seen += page.items.length;
      if (page.items.length > 0) yield page.items;
      if (page.last) return;
      this.checkLimit(index);
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page;
  }

  /** All items of all pages. */
  async collect(): Promise<T[]> {
    // A plain loop, not the generator: async generators cost more than a small request to a local server.
    const all: T[] = [];
    let previous: T[] | undefined;
    for (let index = 0; ; index++) {
      const page = await this.loadPage(index, all.length);
      if (page.total !== undefined) this.announced = page.total;
      this.check(index, page.items, previous);
      previous = page.items;
      for (const item of page.items) all.push(item);
      if (page.last) return all;
      this.checkLimit(index);
    }
  }

  private check(index: number, items: T[], previous: T[] | undefined): void {
    const guard = this.guard;
    if (!guard) return;
    if (previous && items.length > 0 && items.length === previous.length) {
      if (items.every((item, i) => guard.key(item) === guard.key(previous[i] as T))) {
        throw new MalformedResponseError(`${guard.what}: page ${index} repeats page ${index - 1}`);
      }
    }
  }

  // Page `index` was not the last, and the next one would be one too many.
  private checkLimit(index: number): void {
    const guard = this.guard;
    if (guard && index + 1 >= guard.maxPages) {
      throw new MalformedResponseError(
        `${guard.what}: the API announces pages beyond maxPages (${guard.maxPages}); raise maxPages for a larger account`,
      );
    }
  }
}
