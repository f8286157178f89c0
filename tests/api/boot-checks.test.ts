import { bootError } from '../helpers/strapi';

/** Settings that cannot work together stop Strapi at boot, with a message naming them. */
describe('boot checks', () => {
  it('the outbox claim timeout must exceed the SMTP connection + greeting + socket timeouts', async () => {
    const error = await bootError({ OUTBOX_CLAIM_TIMEOUT_MS: '5000', SMTP_CONNECTION_TIMEOUT_MS: '2000', SMTP_GREETING_TIMEOUT_MS: '2000', SMTP_SOCKET_TIMEOUT_MS: '3000' });
    expect(error.message).toContain('OUTBOX_CLAIM_TIMEOUT_MS = 5000 ms');
    expect(error.message).toContain('SMTP_CONNECTION_TIMEOUT_MS + SMTP_GREETING_TIMEOUT_MS + SMTP_SOCKET_TIMEOUT_MS = 2000 + 2000 + 3000 = 7000 ms');
  });
});
