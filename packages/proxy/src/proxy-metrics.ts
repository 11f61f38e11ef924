/** Counters of one proxy instance, served at `GET {base}/metrics` in Prometheus' text format. */
export class ProxyMetrics {
  private readonly answers = new Map<string, number>();
  private readonly cache = new Map<string, number>();
  private upstream = 0;

  /** One answer to a browser, by status (and cache state when it had one). */
  answered(status: number, cacheState: string | undefined): void {
    const key = String(status);
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
    if (cacheState) this.cache.set(cacheState, (this.cache.get(cacheState) ?? 0) + 1);
  }

  /** One request sent to the carbonTRACK API (retries and sign-ins included). */
  upstreamRequest(): void {
    this.upstream++;
  }

  /** The counters as Prometheus text (version 0.0.4). */
  text(): string {
    const lines = [
      '# HELP carbontrack_proxy_answers_total Answers given to browsers, by HTTP status.',
      '# TYPE carbontrack_proxy_answers_total counter',
      ...[...this.answers].map(([status, n]) => `carbontrack_proxy_answers_total{status="${status}"} ${n}`),
      '# HELP carbontrack_proxy_cache_total Answers of cacheable queries, by cache result.',
      '# TYPE carbontrack_proxy_cache_total counter',
      ...[...this.cache].map(([result, n]) => `carbontrack_proxy_cache_total{result="${result}"} ${n}`),
      '# HELP carbontrack_proxy_refusals_total Answers the proxy refused itself (4xx).',
      '# TYPE carbontrack_proxy_refusals_total counter',
      `carbontrack_proxy_refusals_total ${[...this.answers].reduce((sum, [s, n]) => (s.startsWith('4') ? sum + n : sum), 0)}`,
      '# HELP carbontrack_proxy_upstream_requests_total Requests sent to the carbonTRACK API.',
      '# TYPE carbontrack_proxy_upstream_requests_total counter',
      `carbontrack_proxy_upstream_requests_total ${this.upstream}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
