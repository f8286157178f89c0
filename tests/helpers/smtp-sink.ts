import net from 'net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * How the sink answers:
 * - `accept`: receives and parses every message;
 * - `refuse`: the port is closed (ECONNREFUSED);
 * - `tempfail`: answers 451 (4xx, try again later) to every recipient;
 * - `reject`: answers 550 (5xx, permanent) to every recipient;
 * - `stall`: accepts the connection and never answers the message data.
 */
export type SinkMode = 'accept' | 'refuse' | 'tempfail' | 'reject' | 'stall';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
  receivedAt: Date;
}

const RESPONSES: Partial<Record<SinkMode, { code: number; message: string }>> = {
  tempfail: { code: 451, message: '4.3.0 Temporary failure, try again later' },
  reject: { code: 550, message: '5.1.1 Mailbox unavailable' },
};

/** A real SMTP server on loopback that tests read parsed emails from and can make fail. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  mode: SinkMode = 'accept';
  port = 0;
  /** Holds each accepted message this long before answering (a slow relay), so sends overlap. */
  delayMs = 0;
  private server: SMTPServer | null = null;
  private waiters: Array<() => void> = [];
  private stalled: Array<(err?: Error) => void> = [];

  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      closeTimeout: 200,
      banner: 'client-portal test sink',
      onRcptTo: (_address, _session: SMTPServerSession, callback) => {
        const response = RESPONSES[this.mode];
        if (response) {
          const error = new Error(response.message) as Error & { responseCode: number };
          error.responseCode = response.code;
          return callback(error);
        }
        return callback();
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
        if (this.mode === 'stall') {
          stream.resume();
          this.stalled.push(callback);
          return;
        }
        simpleParser(stream)
          .then(async (parsed) => {
            if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
            this.messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              receivedAt: new Date(),
            });
            callback();
            this.notify();
          })
          .catch((error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
    this.port = ((server as unknown as { server: net.Server }).server.address() as net.AddressInfo).port;
    return this;
  }

  /** Switches behaviour; `refuse` closes the port, leaving it reopens the same port. */
  async setMode(mode: SinkMode): Promise<void> {
    if (mode === this.mode) return;
    const previous = this.mode;
    this.mode = mode;
    if (previous === 'stall') this.releaseStalled();
    if (mode === 'refuse') await this.close();
    if (previous === 'refuse') await this.start(this.port);
  }

  clear() {
    this.messages.length = 0;
  }

  /** Messages held by `stall` mode, their senders still waiting for an answer. */
  get stalledCount(): number {
    return this.stalled.length;
  }

  /** Messages sent to `address` (case-insensitive). */
  to(address: string): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((mail) => mail.to.some((to) => to.toLowerCase() === wanted));
  }

  /** Resolves once `predicate` holds for the received messages; rejects after `timeoutMs`. */
  async waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SMTP sink: condition not met within ${timeoutMs} ms (${this.messages.length} messages received)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  /** Waits for `count` messages in all. */
  waitForCount(count: number, timeoutMs?: number) {
    return this.waitFor((messages) => messages.length >= count, timeoutMs);
  }

  async close(): Promise<void> {
    this.releaseStalled(new Error('sink closing'));
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private releaseStalled(error?: Error) {
    const pending = this.stalled.splice(0);
    for (const callback of pending) callback(error ?? new Error('stall released'));
  }

  private notify() {
    const waiters = this.waiters.splice(0);
    for (const wake of waiters) wake();
  }
}

export const startSmtpSink = () => new SmtpSink().start();
