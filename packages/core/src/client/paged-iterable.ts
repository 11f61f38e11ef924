/**
 * The items of every page of a listing: iterate with `for await`, or take pages one by one with
 * `pages()`, or everything at once with `collect()`. Pages are fetched lazily, as iteration needs them.
 */
export class PagedIterable<T> implements AsyncIterable<T> {
  constructor(private readonly fetchPages: () => AsyncGenerator<T[], void, undefined>) {}

  /** Every page, in order, as arrays of items. */
  pages(): AsyncGenerator<T[], void, undefined> {
    return this.fetchPages();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.fetchPages()) yield* page;
  }

  /** All items of all pages. */
  async collect(): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.fetchPages()) all.push(...page);
    return all;
  }
}
