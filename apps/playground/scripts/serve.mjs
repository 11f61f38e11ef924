// `pnpm start` (through the root script): serves the playground and prints its one URL.
import { startPlayground } from './playground-server.mjs';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}
try {
  const playground = await startPlayground({ port, log: process.env.CARBONTRACK_LOG === '1' });
  console.log(
    playground.kind === 'simulator'
      ? 'carbonTRACK playground on the bundled simulator (demo data, no account needed)'
      : 'carbonTRACK playground on the real carbonTRACK API (credentials stay in this server process)',
  );
  if (playground.allowedOrigins.length > 0) {
    console.log(`Pages on ${playground.allowedOrigins.join(', ')} may use the proxy too (CARBONTRACK_ALLOWED_ORIGINS)`);
  }
  console.log(`Open ${playground.url}`);
  const stop = async () => {
    await playground.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`pnpm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
