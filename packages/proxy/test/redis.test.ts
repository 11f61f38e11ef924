// Three proxy processes on one real Redis (Debian's redis-server, on a free loopback port) behind a
// round-robin load balancer in this test: together they fetch each query once per TTL, share each
// client's rate budget, and keep answering when Redis is killed mid-load.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { freePort } from '@carbontrack/test-support/free-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProxyProcess, startProxy } from './proxy-process.js';

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

interface RunningRedis {
  url: string;
  kill(): Promise<void>;
}

async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () =>
      new Promise<void>((resolve) => {
        // Killed by a signal, a process has no exit code: its signal says it is gone.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** A round-robin balancer: the client a test names in `x-test-client` becomes X-Forwarded-For. */
async function startBalancer(targets: ProxyProcess[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const target = targets[next++ % targets.length] as ProxyProcess;
    const headers = { ...req.headers, host: `127.0.0.1:${target.port}` } as unknown as Record<string, string>;
    const client = req.headers['x-test-client'];
    if (typeof client === 'string') headers['x-forwarded-for'] = client;
    const upstream = httpRequest(
      { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(599).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A simulator, a Redis, three proxy processes on it (with `env`) and a balancer in front. */
interface Cluster {
  simulator: RunningSimulator;
  redis: RunningRedis;
  proxies: ProxyProcess[];
  balancer: { url: string; close(): Promise<void> };
  stop(): Promise<void>;
}

async function startCluster(seed: number, env: Record<string, string>): Promise<Cluster> {
  const simulator = await listen({ seed }, { port: 0, host: '127.0.0.1' });
  const redis = await startRedis();
  const proxies = await Promise.all(
    [0, 1, 2].map(() =>
      startProxy({
        CARBONTRACK_UPSTREAM: simulator.url,
        CARBONTRACK_REDIS_URL: redis.url,
        CARBONTRACK_TRUST_PROXY: '1',
        ...env,
      }),
    ),
  );
  const balancer = await startBalancer(proxies);
  return {
    simulator,
    redis,
    proxies,
    balancer,
    async stop() {
      await balancer.close();
      await Promise.all(proxies.map((p) => p.stop()));
      await redis.kill();
      await simulator.close();
    },
  };
}

describe('three proxies sharing one Redis', () => {
  let cluster: Cluster;
  let simulator: RunningSimulator;
  let redis: RunningRedis;
  let proxies: ProxyProcess[] = [];
  let balancer: { url: string };
  let device: string;
  const TTL_MS = 2_000;

  beforeAll(async () => {
    cluster = await startCluster(81, { CARBONTRACK_CACHE_TTL_MS: String(TTL_MS), CARBONTRACK_RATE_LIMIT: '100000' });
    ({ simulator, redis, proxies, balancer } = cluster);
    device = simulator.simulator.world.devices.find(
      (d) => d.distributorId === simulator.simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
    )?.id as string;
  }, 60_000);
  afterAll(() => cluster?.stop(), 30_000);

  const measurementCount = () => simulator.simulator.stats.routes['POST /ctapi/Measurement'] ?? 0;
  const ask = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${balancer.url}/ctapi/Measurement`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('200 clients asking one query for 10 s make about one upstream request per TTL; Redis killed midway fails no one', {
    timeout: 60_000,
  }, async () => {
    const body = JSON.stringify({
      DeviceID: device,
      FromUTCDate: '2026-01-05T00:00:00Z',
      ToUTCDate: '2026-01-06T00:00:00Z',
    });
    const before = measurementCount();
    const started = Date.now();
    const statuses = new Map<number, number>();
    let answers = 0;
    let killedAt = 0;
    let beforeKill = 0;
    const client = async () => {
      while (Date.now() - started < 10_000) {
        const answer = await ask(body);
        await answer.arrayBuffer();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        answers++;
      }
    };
    const killer = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      beforeKill = measurementCount() - before;
      killedAt = Date.now() - started;
      await redis.kill();
    })();
    await Promise.all([...Array.from({ length: 200 }, client), killer]);
    const elapsed = Date.now() - started;
    // While Redis was up: at most one upstream request per TTL window, plus one per instance.
    expect(beforeKill).toBeLessThanOrEqual(Math.ceil(killedAt / TTL_MS) + 1 + proxies.length);
    // After it went: each instance on its own memory, still about one request per TTL each.
    const after = measurementCount() - before - beforeKill;
    expect(after).toBeLessThanOrEqual(proxies.length * (Math.ceil((elapsed - killedAt) / TTL_MS) + 1));
    expect([...statuses.keys()]).toEqual([200]);
    expect(answers).toBeGreaterThan(1_000);
    // Each instance said once that it serves from its own memory now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const proxy of proxies) {
      expect(proxy.lines.filter((l) => l.event === 'shared-store-unavailable')).toHaveLength(1);
    }
  });
});

describe('one rate budget across instances', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster(82, { CARBONTRACK_RATE_LIMIT: '6' });
  }, 60_000);
  afterAll(() => cluster?.stop(), 30_000);

  it('a client over its budget on one instance is refused on the others; another client is not', async () => {
    const get = (client: string) =>
      fetch(`${cluster.balancer.url}/ctapi/Distributor`, { headers: { 'x-test-client': client } }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    // Six requests, two on each instance: the budget of 10.0.0.1 is spent across all three.
    const spent: number[] = [];
    for (let i = 0; i < 6; i++) spent.push(await get('10.0.0.1'));
    expect(spent).toEqual([200, 200, 200, 200, 200, 200]);
    const refused: number[] = [];
    for (let i = 0; i < 3; i++) refused.push(await get('10.0.0.1'));
    expect(refused).toEqual([429, 429, 429]);
    expect(await get('10.0.0.2')).toBe(200);
  });
});
