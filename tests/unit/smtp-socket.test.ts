import net from 'node:net';
import { noDelaySocket, withNoDelaySocket } from '../../src/plugins/client-portal/server/src/utils/smtp-socket';

/** A loopback server that keeps what each connection received, chunk by chunk. */
const receiver = async () => {
  const chunks: string[] = [];
  const server = net.createServer((socket) => socket.on('data', (chunk) => chunks.push(chunk.toString('utf8'))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, chunks, close: () => new Promise((resolve) => server.close(resolve)) };
};

const open = (port: number) =>
  new Promise<net.Socket>((resolve, reject) =>
    noDelaySocket({ host: '127.0.0.1', port })(null, (error, options) => {
      if (error) reject(error);
      else resolve(options.connection);
    }),
  );

describe('SMTP sockets', () => {
  it('holds what one turn of the event loop writes and sends it together at the end of the turn', async () => {
    const server = await receiver();
    const socket = await open(server.port);
    await new Promise((resolve) => socket.once('connect', resolve));
    const pieces = ['MAIL FROM:<a@b.test>\r\n', 'Subject: x\r\n\r\n', 'body\r\n.\r\n'];
    for (const piece of pieces) socket.write(piece);
    // Held until this turn ends, then sent together.
    expect(socket.writableCorked).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writableCorked).toBe(0);
    const whole = pieces.join('');
    const deadline = Date.now() + 4000;
    while (server.chunks.join('').length < whole.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.chunks).toEqual([whole]);
    socket.destroy();
    await server.close();
  });

  it('hands nodemailer a socket still connecting, whose refusal nodemailer sees as an error on it', async () => {
    const server = await receiver();
    const { port } = server;
    await server.close();
    const socket = await open(port);
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('leaves options that bring their own socket or proxy as they are', () => {
    const getSocket = () => undefined;
    expect(withNoDelaySocket({ host: 'smtp.test', getSocket }).getSocket).toBe(getSocket);
    expect(withNoDelaySocket({ host: 'smtp.test', proxy: 'socks5://proxy.test' }).getSocket).toBeUndefined();
    expect(typeof withNoDelaySocket({ host: 'smtp.test', port: 587 }).getSocket).toBe('function');
  });
});
