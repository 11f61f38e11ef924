/** One page of a listing, and whether it is the last one. @internal */
export interface Page<T> {
  items: T[];
  last: boolean;
}

/** Loads page `index` (0-based) of a listing; `seen` counts the items of the pages before it. @internal */
export type PageLoader<T> = (index: number, seen: number) => Promise<Page<T>>;

/**
 * The items of every page of a listing: iterate with `for await`, or take pages one by one with
 * `pages()`, or everything at once with `collect()`. Pages are fetched lazily, as iteration needs them.
 */
export class PagedIterable<T> implements AsyncIterable<T> {
  constructor(private readonly loadPage: PageLoader<T>) {}

  /** Every non-empty page, in order, as arrays of items. */
  async *pages(): AsyncGenerator<T[], void, undefined> {
    let seen = 0;
    for (let index = 0; ; index++) {
      const page = await this.loadPage(index, seen);
      seen += page.items.length;
      if (page.items.length > 0) yield page.items;
      if (page.last) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page;
  }

  /** All items of all pages. */
  async collect(): Promise<T[]> {
    // A plain loop, not the generator: async generators cost more than a small request to a local server.
    const all: T[] = [];
    for (let index = 0; ; index++) {
      const page = await this.loadPage(index, all.length);
      for (const item of page.items) all.push(item);
      if (page.last) return all;
    }
  }
}
