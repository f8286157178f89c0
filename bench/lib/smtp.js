/**
 * A counting SMTP sink on loopback for the delivery benchmark: accepts every message and counts deliveries per
 * recipient (to find any lost or sent twice). It speaks just enough SMTP for a client (EHLO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT) and only looks for the end of each message, so the sink takes as little as it can of the CPU that the
 * instances it measures share with it.
 */
const net = require('net');

const END_OF_DATA = Buffer.from('\r\n.\r\n');

const startSink = () =>
  new Promise((resolve, reject) => {
    const perRecipient = new Map();
    let total = 0;
    const sockets = new Set();

    const server = net.createServer({ noDelay: true }, (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      let recipients = [];
      let inData = false;
      let pending = Buffer.alloc(0);
      const reply = (text) => socket.write(`${text}\r\n`);
      const command = (line) => {
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'HELO') reply('250 sink.test');
        else if (verb === 'MAIL') {
          recipients = [];
          reply('250 OK');
        } else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          recipients.push(address.toLowerCase());
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET' || verb === 'NOOP') {
          if (verb === 'RSET') recipients = [];
          reply('250 OK');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('502 Command not implemented');
      };
      socket.on('data', (chunk) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          if (inData) {
            // The message ends at CRLF . CRLF (the DATA reply's CRLF may be the first two bytes).
            const end = pending.indexOf(END_OF_DATA);
            if (end < 0) {
              pending = pending.subarray(Math.max(0, pending.length - END_OF_DATA.length));
              return;
            }
            pending = pending.subarray(end + END_OF_DATA.length);
            inData = false;
            for (const address of recipients) perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1);
            total += 1;
            recipients = [];
            reply('250 OK: queued');
            continue;
          }
          const eol = pending.indexOf('\r\n');
          if (eol < 0) return;
          const line = pending.subarray(0, eol).toString('utf8');
          pending = pending.subarray(eol + 2);
          command(line);
          // DATA's first line may follow at once: keep the CRLF that ends the DATA command as the message's start.
          if (inData) pending = Buffer.concat([Buffer.from('\r\n'), pending]);
        }
      });
      reply('220 sink.test ESMTP');
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        get total() {
          return total;
        },
        /** Of `addresses`: how many never arrived, and how many arrived more than once. */
        check(addresses) {
          let lost = 0;
          let twice = 0;
          for (const address of addresses) {
            const count = perRecipient.get(address.toLowerCase()) ?? 0;
            if (count === 0) lost += 1;
            if (count > 1) twice += 1;
          }
          return { lost, twice };
        },
        reset() {
          perRecipient.clear();
          total = 0;
        },
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(done);
          }),
      });
    });
  });

module.exports = { startSink };
