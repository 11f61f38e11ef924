// Cached-query throughput of the proxy (its own process, as deployed) against the bare simulator
// (its own process) for the same measurement query, measured side by side in one run: interleaved
// rounds, 16 requests in flight, medians. Runs against the built packages: `pnpm bench` builds first.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const ROUNDS = 5;
const ROUND_MS = 2_000;
const IN_FLIGHT = 16;

function start(command, args, env, match) {
  const child = spawn(process.execPath, [command, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = match(line);
      if (url)
        resolve({
          url,
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
    });
  });
}

const simulatorCli = createRequire(import.meta.url)
  .resolve('@carbontrack/simulator/package.json')
  .replace('package.json', 'dist/cli.js');
const simulator = await start(
  simulatorCli,
  ['--port', '0'],
  {},
  (line) => line.match(/(http:\/\/127\.0\.0\.1:\d+)/)?.[1],
);
const proxy = await start(
  new URL('../dist/cli.js', import.meta.url).pathname,
  ['--port', '0'],
  {
    CARBONTRACK_UPSTREAM: simulator.url,
    CARBONTRACK_USERNAME: 'demo',
    CARBONTRACK_PASSWORD: 'demo',
    CARBONTRACK_RATE_LIMIT: '0',
    CARBONTRACK_CACHE_TTL_MS: '600000',
  },
  (line) => (line.includes('"listening"') ? JSON.parse(line).url : undefined),
);

try {
  const { access_token: token } = await (
    await fetch(`${simulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=demo&password=demo',
    })
  ).json();
  const { Devices } = await (
    await fetch(`${simulator.url}/ctapi/Device`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"PageIndex":0}',
    })
  ).json();
  const midnight = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const body = JSON.stringify({
    DeviceID: Devices[0].DeviceID,
    FromUTCDate: new Date(midnight - 86_400_000).toISOString(),
    ToUTCDate: new Date(midnight).toISOString(),
  });
  const bare = () =>
    fetch(`${simulator.url}/ctapi/Measurement`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
  const viaProxy = () =>
    fetch(`${proxy.url}/ctapi/Measurement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  async function rate(send) {
    let done = 0;
    const until = performance.now() + ROUND_MS;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() < until) {
          const response = await send();
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          done++;
        }
      }),
    );
    return done / (ROUND_MS / 1000);
  }
  await rate(viaProxy); // fills the cache and warms both
  await rate(bare);
  const bareRates = [];
  const proxyRates = [];
  for (let i = 0; i < ROUNDS; i++) {
    bareRates.push(await rate(bare));
    proxyRates.push(await rate(viaProxy));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const ratios = proxyRates.map((r, i) => r / bareRates[i]);
  console.log(
    `\nOne day of measurements (288 records), ${IN_FLIGHT} in flight, ${ROUNDS} interleaved rounds of ${ROUND_MS / 1000} s`,
  );
  console.log(`  bare simulator          ${median(bareRates).toFixed(0)} req/s`);
  console.log(`  proxy, cached           ${median(proxyRates).toFixed(0)} req/s`);
  console.log(
    `  proxy / bare            ${median(ratios).toFixed(2)}x (rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}; target >= 1)`,
  );

  // Three instances on one Redis behind a round-robin balancer (in this process) against one
  // instance in memory, the same query, cached; and upstream requests per 1,000 browser requests.
  const redisPort = 20_000 + Math.floor(Math.random() * 20_000);
  const redis = spawn(
    '/usr/bin/redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve) => redis.stdout.on('data', (c) => c.toString().includes('Ready to accept') && resolve()));
  const proxyCli = new URL('../dist/cli.js', import.meta.url).pathname;
  const sharedEnv = {
    CARBONTRACK_UPSTREAM: simulator.url,
    CARBONTRACK_USERNAME: 'demo',
    CARBONTRACK_PASSWORD: 'demo',
    CARBONTRACK_RATE_LIMIT: '0',
    CARBONTRACK_CACHE_TTL_MS: '5000',
    CARBONTRACK_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  };
  const listening = (line) => (line.includes('"listening"') ? JSON.parse(line).url : undefined);
  const instances = await Promise.all([0, 1, 2].map(() => start(proxyCli, ['--port', '0'], sharedEnv, listening)));
  const ports = instances.map((i) => Number(new URL(i.url).port));
  let turn = 0;
  const balancer = createServer((req, res) => {
    const port = ports[turn++ % ports.length];
    const forward = httpRequest(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  const balanced = `http://127.0.0.1:${balancer.address().port}`;
  const viaThree = () =>
    fetch(`${balanced}/ctapi/Measurement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const upstreamRequests = async () => {
    let total = 0;
    for (const instance of instances) {
      const text = await (await fetch(`${instance.url}/metrics`)).text();
      total += Number(/^carbontrack_proxy_upstream_requests_total (\d+)$/m.exec(text)?.[1] ?? 0);
    }
    return total;
  };
  await rate(viaThree);
  const threeRates = [];
  const oneRates = [];
  let browserRequests = 0;
  const upstreamStart = await upstreamRequests();
  for (let i = 0; i < ROUNDS; i++) {
    oneRates.push(await rate(viaProxy));
    const r = await rate(viaThree);
    threeRates.push(r);
    browserRequests += r * (ROUND_MS / 1000);
  }
  const upstreamDuring = (await upstreamRequests()) - upstreamStart;
  const scale = threeRates.map((r, i) => r / oneRates[i]);
  console.log(
    '\nThe same query, cached: 3 instances on one Redis behind a round-robin balancer (in this process) vs 1 instance in memory',
  );
  console.log(`  1 instance, memory      ${median(oneRates).toFixed(0)} req/s`);
  console.log(`  3 instances, Redis      ${median(threeRates).toFixed(0)} req/s`);
  console.log(
    `  3 / 1                   ${median(scale).toFixed(2)}x (rounds ${Math.min(...scale).toFixed(2)}-${Math.max(...scale).toFixed(2)}; goal >= 2, limited by 2 cores)`,
  );
  console.log(
    `  upstream requests per 1,000 browser requests (3 instances, TTL 5 s): ${((upstreamDuring / browserRequests) * 1000).toFixed(3)}`,
  );
  await new Promise((resolve) => balancer.close(resolve));
  await Promise.all(instances.map((i) => i.stop()));
  redis.kill('SIGKILL');
} finally {
  await proxy.stop();
  await simulator.stop();
}
