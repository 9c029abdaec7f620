// Serving a sandbox's app on a local port, and closing it without waiting for idle keep-alive
// connections.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningSandbox {
  /** The base URL every path is under, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** Calls `dispose` (the store's timers), then stops the server. */
  close(): Promise<void>;
}

export async function listen(
  app: RequestListener,
  options: { port?: number; host?: string },
  dispose: () => void,
): Promise<ListeningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        dispose();
        server.close((err) => (err ? reject(err) : resolve()));
        // Clients keep connections alive; a closing sandbox should not wait for them.
        server.closeAllConnections();
      }),
  };
}
