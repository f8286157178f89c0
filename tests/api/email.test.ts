import { useTestApp } from '../helpers/strapi';

const app = useTestApp();

beforeEach(async () => {
  await app.smtp.setMode('accept');
  app.smtp.clear();
});

const send = (to: string, subject = 'Hello from the portal') =>
  app.strapi.plugin('email').service('email').send({
    to,
    subject,
    text: 'Plain text body',
    html: '<p>HTML <strong>body</strong></p>',
  });

describe('email through Strapi (nodemailer provider) to a real SMTP sink', () => {
  it('arrives and is parsed: envelope, subject, text and HTML', async () => {
    await send('Client@Example.test', 'Welcome');
    const [mail] = await app.smtp.waitForCount(1);
    expect(mail.to.map((address) => address.toLowerCase())).toEqual(['client@example.test']);
    expect(mail.from).toBe('portal@agency.test');
    expect(mail.subject).toBe('Welcome');
    expect(mail.text.trim()).toBe('Plain text body');
    expect(mail.html).toContain('<strong>body</strong>');
    expect(app.smtp.to('client@example.test')).toHaveLength(1);
  });

  it('a refused connection is observable by the sender', async () => {
    await app.smtp.setMode('refuse');
    await expect(send('refused@example.test')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNECTION|ECONNREFUSED|ESOCKET/) });
    await app.smtp.setMode('accept');
    await send('back@example.test');
    await app.smtp.waitFor((messages) => messages.some((m) => m.to.includes('back@example.test')));
    expect(app.smtp.to('refused@example.test')).toHaveLength(0);
  });

  it('a 4xx answer is a temporary failure with its response code', async () => {
    await app.smtp.setMode('tempfail');
    await expect(send('later@example.test')).rejects.toMatchObject({ responseCode: 451 });
    expect(app.smtp.messages).toHaveLength(0);
  });

  it('a 5xx answer is a permanent failure with the server message', async () => {
    await app.smtp.setMode('reject');
    const error = await send('nobody@example.test').catch((e: any) => e);
    expect(error.responseCode).toBe(550);
    expect(String(error.response)).toContain('Mailbox unavailable');
  });

  it('a stalled server times out instead of hanging', async () => {
    await app.smtp.setMode('stall');
    // Rejected with a timeout (SMTP_SOCKET_TIMEOUT_MS) rather than hanging until the test's own time limit.
    await expect(send('slow@example.test')).rejects.toMatchObject({ code: expect.stringMatching(/ETIMEDOUT|ESOCKET|ECONNECTION/) });
  });
});
