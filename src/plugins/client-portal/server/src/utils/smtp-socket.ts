import net from 'node:net';

interface SmtpOptions {
  host?: string;
  port?: number;
  secure?: boolean;
  localAddress?: string;
  connectionTimeout?: number;
  getSocket?: unknown;
  proxy?: unknown;
  [key: string]: unknown;
}

type SocketCallback = (error: Error | null, socketOptions: { connection: net.Socket }) => void;

/**
 * Writes made in one turn of the event loop leave together (nodemailer streams a message in many small pieces).
 */
const coalesceWrites = (socket: net.Socket) => {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  socket.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write(...args);
  }) as typeof socket.write;
};

/**
 * nodemailer's `getSocket`: opens the SMTP connection with Nagle's algorithm off, and what one turn of the event loop
 * writes sent as one. A message ends with a short write (the closing dot) right after the body; with Nagle on, it
 * waits for the server's delayed acknowledgement of the body (about 40 ms on Linux) — per message, per connection.
 * nodemailer still speaks SMTP on the socket, TLS included (implicit TLS on `secure`, STARTTLS otherwise).
 */
export const noDelaySocket =
  (options: SmtpOptions) =>
  (_options: unknown, callback: SocketCallback): void => {
    const port = options.port ?? (options.secure ? 465 : 587);
    const socket = net.connect({ host: options.host ?? 'localhost', port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    socket.setNoDelay(true);
    coalesceWrites(socket);
    // Handed over while still connecting: nodemailer's own handlers see a refused or failing connection as they
    // would on a socket of their own (the pool then drops the connection), and its greeting timeout bounds the wait.
    callback(null, { connection: socket });
  };

/** The nodemailer options with `noDelaySocket`, unless the app brings its own socket or a proxy. */
export const withNoDelaySocket = <T extends SmtpOptions>(options: T): T & { getSocket?: unknown } =>
  options.getSocket || options.proxy || options.connection || options.socket ? options : { ...options, getSocket: noDelaySocket(options) };
