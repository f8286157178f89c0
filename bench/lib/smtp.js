/**
 * A counting SMTP sink on loopback for the delivery benchmark: accepts every message, counts deliveries per
 * recipient (to find any lost or sent twice) without parsing bodies, so the sink is not the bottleneck.
 */
const { SMTPServer } = require('smtp-server');

const startSink = () =>
  new Promise((resolve, reject) => {
    const perRecipient = new Map();
    let total = 0;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      maxClients: 100,
      disableReverseLookup: true,
      onData(stream, session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          for (const rcpt of session.envelope.rcptTo) perRecipient.set(rcpt.address, (perRecipient.get(rcpt.address) ?? 0) + 1);
          total += 1;
          callback();
        });
      },
    });
    server.on('error', () => undefined);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.server.address().port,
        get total() {
          return total;
        },
        /** Of `addresses`: how many never arrived, and how many arrived more than once. */
        check(addresses) {
          let lost = 0;
          let twice = 0;
          for (const address of addresses) {
            const count = perRecipient.get(address) ?? 0;
            if (count === 0) lost += 1;
            if (count > 1) twice += 1;
          }
          return { lost, twice };
        },
        reset() {
          perRecipient.clear();
          total = 0;
        },
        close: () => new Promise((done) => server.close(done)),
      });
    });
    server.server.on('error', reject);
  });

module.exports = { startSink };
