import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

/** TLS material for serving https beside http on the same port. */
export interface TlsMaterial {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
}

/** A listening front door: plain HTTP, or HTTP and HTTPS on one port when TLS material is given. */
export interface Listener {
  readonly address: AddressInfo;
  /** Stops accepting, drops open connections, and resolves once the port is free. */
  close(): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;

/**
 * Listens on `port`/`host` and hands every request to `handler`. With `tls`, the first byte of each
 * connection decides: a TLS handshake goes to an https server, anything else to the http one, so
 * `http://` and `https://` both work on the same port. Rejects when the port cannot be bound.
 */
export function listen(
  port: number,
  host: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  tls: TlsMaterial | undefined,
): Promise<Listener> {
  const http = createHttpServer({ keepAlive: true }, handler);
  const https = tls ? createHttpsServer({ key: tls.key, cert: tls.cert, keepAlive: true }, handler) : undefined;
  const sockets = new Set<Socket>();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (!https) {
      http.emit('connection', socket);
      return;
    }
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? https : http).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  return new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => {
      front.off('error', reject);
      resolve({
        address: front.address() as AddressInfo,
        close: () =>
          new Promise<void>((done) => {
            front.close(() => done());
            for (const s of sockets) s.destroy();
            http.close();
            https?.close();
          }),
      });
    });
  });
}
