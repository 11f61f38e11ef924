// A free TCP port on 127.0.0.1, for test servers whose port must be known before they start
// (a CORS allowlist, a browser's origin). Tests bind loopback only.
import { createServer } from 'node:net';

/** Resolves to a port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
