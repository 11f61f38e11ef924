// Cached-query throughput of the proxy (its own process, as deployed) against the bare simulator
// (its own process) for the same measurement query, measured side by side in one run: interleaved
// rounds, 16 requests in flight, medians. Runs against the built packages: `pnpm bench` builds first.
import { spawn } from 'node:child_process';
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
} finally {
  await proxy.stop();
  await simulator.stop();
}
