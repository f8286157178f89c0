import { ApiError, createClient, readError, type TokenStore } from '../../portal/src/api/client';

/** A fetch that records each request and answers from `replies` in order. */
const recorder = (...replies: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>) => {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const reply = replies.shift() ?? { status: 500 };
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json', ...reply.headers } });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
};

const memoryTokens = (initial: string | null = null): TokenStore & { value: string | null } => {
  const store = { value: initial, get: () => store.value, set: (token: string | null) => void (store.value = token) };
  return store;
};

describe('portal API client', () => {
  it('keeps the JWT of a login and sends it on later calls, never on open ones', async () => {
    const tokens = memoryTokens();
    const { calls, fetch } = recorder({ status: 200, body: { data: { jwt: 'jwt-1', user: { email: 'a@b.test' }, mustChangePassword: false } } }, { status: 200, body: { data: { email: 'a@b.test' } } }, { status: 202, body: { data: { ok: true } } });
    const client = createClient({ tokens, fetch });
    const session = await client.login({ email: 'a@b.test', password: 'secret words here' });
    expect(session.jwt).toBe('jwt-1');
    expect(tokens.value).toBe('jwt-1');
    expect(calls[0].url).toBe('/api/client-portal/auth/login');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ email: 'a@b.test', password: 'secret words here' });
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined();

    await client.me();
    expect((calls[1].init.headers as Record<string, string>).Authorization).toBe('Bearer jwt-1');
    await client.forgotPassword('a@b.test');
    expect((calls[2].init.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(calls.every((call) => call.init.credentials === 'omit' && call.init.referrerPolicy === 'no-referrer')).toBe(true);
  });

  it('asks for a registration link\'s portal without a JWT, its id escaped into the path', async () => {
    const { calls, fetch } = recorder({ status: 200, body: { data: { portalId: 'office/42', name: 'Visser', languages: ['en'] } } });
    const info = await createClient({ tokens: memoryTokens('t'), fetch }).portalInfo('office/42');
    expect(info.name).toBe('Visser');
    expect(calls[0].url).toBe('/api/client-portal/portals/office%2F42');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('builds list queries without empty values', async () => {
    const { calls, fetch } = recorder({ status: 200, body: { data: [], meta: { pagination: { page: 2, pageSize: 20, pageCount: 2, total: 21 } } } });
    await createClient({ tokens: memoryTokens('t'), fetch }).properties({ page: 2, pageSize: 20, favourite: true, interest: undefined });
    expect(calls[0].url).toBe('/api/client-portal/properties?page=2&pageSize=20&favourite=true');
  });

  it('throws the server message with each field message, and the Retry-After of a 429', async () => {
    const { fetch } = recorder(
      { status: 400, body: { error: { message: 'answers.budget: must be a number', details: { errors: [{ path: ['answers', 'budget'], message: 'must be a number' }] } } } },
      { status: 429, body: { error: { message: 'Too many requests' } }, headers: { 'Retry-After': '120' } },
    );
    const client = createClient({ tokens: memoryTokens('t'), fetch });
    const failure = await client.answerForm('f1', { budget: 'lots' }).catch((error) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, message: 'answers.budget: must be a number', fields: { 'answers.budget': 'must be a number' } });
    const limited = await client.login({ email: 'a@b.test', password: 'x' }).catch((error) => error);
    expect(limited).toMatchObject({ status: 429, retryAfter: 120 });
  });

  it('ends the session on a 401 to a call that carried a JWT', async () => {
    const tokens = memoryTokens('old');
    const ended = jest.fn();
    const { fetch } = recorder({ status: 401, body: { error: { message: 'Unauthorized' } } });
    await expect(createClient({ tokens, fetch, onSessionEnd: ended }).me()).rejects.toMatchObject({ status: 401 });
    expect(tokens.value).toBeNull();
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('sends form answers as JSON, or as multipart with the answers as JSON text when files are attached', async () => {
    const { calls, fetch } = recorder({ status: 201, body: { data: {} } }, { status: 201, body: { data: {} } });
    const client = createClient({ tokens: memoryTokens('t'), fetch });
    await client.answerForm('f1', { city: 'Delft' });
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ answers: { city: 'Delft' } });
    await client.answerForm('f1', { city: 'Delft' }, { id: new Blob(['%PDF-1.4'], { type: 'application/pdf' }) });
    const body = calls[1].init.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect(JSON.parse(String(body.get('answers')))).toEqual({ city: 'Delft' });
    expect(body.get('id')).toBeInstanceOf(Blob);
    // The browser sets the multipart boundary itself.
    expect((calls[1].init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('forgets the JWT on logout even when the server cannot be reached', async () => {
    const tokens = memoryTokens('t');
    const fetch = (async () => {
      throw new TypeError('network down');
    }) as unknown as typeof globalThis.fetch;
    await expect(createClient({ tokens, fetch }).logout()).rejects.toThrow('network down');
    expect(tokens.value).toBeNull();
  });

  it('reads an error answer without details as its message alone, and a body-less one by its status', () => {
    expect(readError(404, { error: { message: 'Not found' } })).toMatchObject({ message: 'Not found', fields: {} });
    expect(readError(502, null)).toMatchObject({ message: 'Request failed (502)' });
  });
});
