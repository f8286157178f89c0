import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, mailsTo, outboxIdle, portalAgent, PLUGIN_ACTIONS, tokenFrom } from '../helpers/portal';
import { html, pdf, png } from '../helpers/media';

let agent: Agent;
let noForms: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  noForms = await portalAgent(app, PLUGIN_ACTIONS.filter((action) => action !== 'forms.manage' && action !== 'forms.answers'));
});

const as = (who: Agent = agent) => bearer(who.jwt);
const api = () => app.http();

/** A form with every field type. */
const INTAKE = {
  title: 'Buyer intake',
  description: 'Tell us what you are looking for',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, min: 3, max: 60 },
    { key: 'wishes', label: 'Wishes', type: 'longText', help: 'Anything we should know' },
    { key: 'budget', label: 'Budget', type: 'number', required: true, min: 50000, max: 5000000 },
    { key: 'moveIn', label: 'Move-in date', type: 'date', min: '2026-01-01', max: '2030-12-31' },
    { key: 'kind', label: 'Kind of home', type: 'choice', required: true, options: ['House', 'Flat'] },
    { key: 'rooms', label: 'Rooms wanted', type: 'multiChoice', options: ['Garden', 'Garage', 'Office'], max: 2 },
    { key: 'terms', label: 'I agree to the terms', type: 'checkbox', required: true },
    { key: 'id', label: 'Copy of ID', type: 'file', required: true },
  ],
};

const createForm = async (body: Record<string, unknown> = INTAKE) => {
  const res = await api().post('/client-portal/forms').set(as()).send(body);
  expect(res.status).toBe(201);
  return res.body.data;
};

/** Invites a contact with a form and accepts the emailed link: the new client's JWT. */
const invitedWithForm = async (form: string, contact?: any) => {
  const person = contact ?? (await createContact(app));
  const invited = await api().post('/client-portal/invitations').set(as()).send({ contact: person.documentId, portalRole: 'buyer', form });
  expect(invited.status).toBe(201);
  const [mail] = await mailsTo(app, person.email);
  const accepted = await api().post('/api/client-portal/invitations/accept').send({ token: tokenFrom(mail), password: 'Form-Client-Pass-1' });
  expect(accepted.status).toBe(200);
  return { contact: person, invitation: invited.body.data, jwt: accepted.body.data.jwt as string };
};

const VALID = { name: 'Anna de Vries', wishes: 'Near a school', budget: 425000, moveIn: '2027-05-01', kind: 'House', rooms: ['Garden', 'Office'], terms: true };

const answerWithFile = (jwt: string, form: string, answers: Record<string, unknown>, file: Buffer = png(), name = 'passport.png') =>
  api().post(`/api/client-portal/forms/${form}/answers`).set(bearer(jwt)).field('answers', JSON.stringify(answers)).attach('id', file, name);

describe('forms', () => {
  it('agents build forms; a bad field definition is a 400 naming the field; building needs forms.manage', async () => {
    const bad = await api()
      .post('/client-portal/forms')
      .set(as())
      .send({ title: 'Bad', fields: [{ key: 'a', label: 'A', type: 'choice' }, { key: 'a', label: 'B', type: 'number', min: 10, max: 1 }, { key: 'c', label: 'C', type: 'date', min: 'soon' }] });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.errors.map((error: any) => error.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['fields.0.options', 'fields.1.max', 'fields.1.key', 'fields.2.min']));
    expect((await api().post('/client-portal/forms').set(as()).send({ title: 'No fields', fields: [] })).body.error.message).toBe('fields: must list at least one field');
    expect((await api().post('/client-portal/forms').set(as()).send({ title: 'T', fields: [{ key: 'x', label: 'X', type: 'signature' }] })).body.error.details.errors[0].path).toEqual(['fields', '0', 'type']);
    expect((await api().post('/client-portal/forms').set(as(noForms)).send(INTAKE)).status).toBe(403);

    const form = await createForm();
    expect(form).toMatchObject({ title: 'Buyer intake', sentCount: 0, completedCount: 0 });
    expect(form.fields.map((field: any) => field.key)).toEqual(INTAKE.fields.map((field) => field.key));

    // Reordering is a PUT of the fields in their new order.
    const reordered = await api().put(`/client-portal/forms/${form.documentId}`).set(as()).send({ fields: [...INTAKE.fields].reverse() });
    expect(reordered.status).toBe(200);
    expect(reordered.body.data.fields[0].key).toBe('id');
    const listed = await api().get(`/client-portal/forms?q=${encodeURIComponent('Buyer intake')}`).set(as(noForms));
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((entry: any) => entry.documentId)).toContain(form.documentId);

    // A form never sent may be deleted.
    const spare = await createForm({ title: 'Spare', fields: [{ key: 'x', label: 'X', type: 'text' }] });
    expect((await api().delete(`/client-portal/forms/${spare.documentId}`).set(as())).status).toBe(200);
    expect((await api().get(`/client-portal/forms/${spare.documentId}`).set(as())).status).toBe(404);
  });

  it('a form sent with an invite is the client\'s next step; answers are checked field by field, stored once, shown to the agent and exported formula-safe', async () => {
    const form = await createForm();
    const { contact, invitation, jwt } = await invitedWithForm(form.documentId);
    expect(invitation.form).toMatchObject({ documentId: form.documentId, title: 'Buyer intake', status: 'sent', completedAt: null });

    const me = await api().get('/api/client-portal/me').set(bearer(jwt));
    expect(me.body.data.nextStep).toEqual({ type: 'form', form: { documentId: form.documentId, title: 'Buyer intake' } });
    const mine = await api().get('/api/client-portal/forms').set(bearer(jwt));
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0]).toMatchObject({ documentId: form.documentId, status: 'sent', fields: expect.arrayContaining([expect.objectContaining({ key: 'budget', type: 'number', required: true })]) });

    // Another client does not see it: 404 as for a missing form.
    const other = await createPortalUser(app, (await createContact(app)).documentId);
    expect((await api().get(`/api/client-portal/forms/${form.documentId}`).set(bearer(other.jwt))).status).toBe(404);
    expect((await answerWithFile(other.jwt, form.documentId, VALID)).status).toBe(404);

    // Every bad field is named at once.
    const bad = await api()
      .post(`/api/client-portal/forms/${form.documentId}/answers`)
      .set(bearer(jwt))
      .send({ answers: { name: 'Al', budget: 'lots', moveIn: '2031-01-01', kind: 'Castle', rooms: ['Garden', 'Garage', 'Office'], terms: false, extra: 'x' } });
    expect(bad.status).toBe(400);
    const named = Object.fromEntries(bad.body.error.details.errors.map((error: any) => [error.path.join('.'), error.message]));
    expect(named).toEqual({
      'answers.extra': 'is not a field of this form',
      'answers.name': 'must be at least 3 characters',
      'answers.budget': 'must be a number',
      'answers.moveIn': 'must be on or before 2030-12-31',
      'answers.kind': 'must be one of the options',
      'answers.rooms': 'pick at most 2',
      'answers.terms': 'must be ticked',
      'answers.id': 'is required',
    });
    expect(bad.body.error.message).toContain('answers.budget: must be a number');
    // A file judged by its bytes, named by its field.
    const badFile = await answerWithFile(jwt, form.documentId, VALID, html(), 'id.png');
    expect(badFile.status).toBe(400);
    expect(badFile.body.error.details.errors).toEqual([expect.objectContaining({ path: ['answers', 'id'], message: 'must be an image (JPEG, PNG, WebP or GIF) or a PDF' })]);
    expect((await api().get(`/api/client-portal/forms/${form.documentId}`).set(bearer(jwt))).body.data.status).toBe('sent');

    const answered = await answerWithFile(jwt, form.documentId, { ...VALID, name: '=HYPERLINK("http://evil.test")' }, pdf(), 'passport.pdf');
    expect(answered.status).toBe(201);
    expect(answered.body.data).toMatchObject({ status: 'completed', answers: { budget: 425000, rooms: ['Garden', 'Office'], terms: true, kind: 'House' } });
    const file = answered.body.data.answers.id;
    expect(file).toMatchObject({ mime: 'application/pdf', name: 'form-file.pdf' });
    const fetched = await api().get(file.url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-disposition']).toContain('attachment');
    expect((await api().get('/api/client-portal/me').set(bearer(jwt))).body.data.nextStep).toBeNull();

    // Once answered, answering again waits for the agent.
    const again = await answerWithFile(jwt, form.documentId, VALID);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('This form has already been answered; ask your agent to reopen it');

    // The invitation shows "completed on <date>"; the agent sees the answers on the form page and on the contact.
    const invitations = await api().get(`/client-portal/invitations?contact=${contact.documentId}`).set(as());
    expect(invitations.body.data[0].form).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    const sheets = await api().get(`/client-portal/forms/${form.documentId}/answers`).set(as());
    expect(sheets.status).toBe(200);
    expect(sheets.body.data).toHaveLength(1);
    const sheet = sheets.body.data[0];
    expect(sheet).toMatchObject({ contact: { documentId: contact.documentId }, status: 'completed' });
    const byKey = Object.fromEntries(sheet.answers.map((answer: any) => [answer.key, answer]));
    expect(byKey.rooms.text).toBe('Garden; Office');
    expect(byKey.terms.text).toBe('Yes');
    expect(byKey.id.file.url).toMatch(/\/api\/client-portal\/files\//);
    expect((await api().get(byKey.id.file.url)).status).toBe(200);
    const onContact = await api().get(`/client-portal/contacts/${contact.documentId}/forms`).set(as());
    expect(onContact.body.data.map((entry: any) => [entry.form.title, entry.status])).toEqual([['Buyer intake', 'completed']]);
    expect((await api().get(`/client-portal/forms/${form.documentId}/answers`).set(as(noForms))).status).toBe(403);
    expect((await api().get(`/client-portal/contacts/${contact.documentId}/forms`).set(as(noForms))).status).toBe(403);

    const csv = await api().get(`/client-portal/forms/${form.documentId}/answers/export`).set(as());
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('Contact,Email,Status,Sent at,Completed at,Full name,Wishes,Budget,Move-in date,Kind of home,Rooms wanted,I agree to the terms,Copy of ID');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(lines[1]).toContain(',425000,2027-05-01,House,Garden; Office,Yes,form-file.pdf');
    expect((await api().get(`/client-portal/forms/${form.documentId}/answers/export`).set(as(noForms))).status).toBe(403);

    const activity = await app.strapi.db.query('plugin::client-portal.activity').findMany({ where: { contact: { id: contact.id }, type: 'form_completed' } });
    expect(activity).toHaveLength(1);

    // The agent reopens: the client answers again (the file given before is kept when none is sent).
    expect((await api().post(`/client-portal/forms/${form.documentId}/answers/${contact.documentId}/reopen`).set(as(noForms))).status).toBe(403);
    const reopened = await api().post(`/client-portal/forms/${form.documentId}/answers/${contact.documentId}/reopen`).set(as());
    expect(reopened.status).toBe(200);
    expect(reopened.body.data).toMatchObject({ contact: { documentId: contact.documentId }, status: 'sent', reopenedAt: expect.any(String) });
    // Reopening is managing the form: the answers themselves take forms.answers.
    expect(reopened.body.data.answers).toBeUndefined();
    expect((await api().post(`/client-portal/forms/${form.documentId}/answers/${contact.documentId}/reopen`).set(as())).status).toBe(409);
    expect((await api().get('/api/client-portal/me').set(bearer(jwt))).body.data.nextStep?.form.documentId).toBe(form.documentId);
    const second = await api().post(`/api/client-portal/forms/${form.documentId}/answers`).set(bearer(jwt)).send({ answers: { ...VALID, budget: '450000' } });
    expect(second.status).toBe(201);
    expect(second.body.data.answers).toMatchObject({ budget: 450000, id: expect.objectContaining({ name: 'form-file.pdf' }) });

    // Removed from the portal: the answers stay for the agent.
    expect((await api().post(`/client-portal/contacts/${contact.documentId}/remove-portal-access`).set(as())).status).toBe(200);
    expect((await api().get(`/client-portal/forms/${form.documentId}/answers`).set(as())).body.data[0].status).toBe('completed');
    expect((await api().get('/api/client-portal/forms').set(bearer(jwt))).status).toBe(401);
  });

  it('of two answers sent at once, one is stored and the other gets 409', async () => {
    const form = await createForm({ title: 'Quick check', fields: [{ key: 'ok', label: 'All fine?', type: 'checkbox', required: true }] });
    const { jwt } = await invitedWithForm(form.documentId);
    const send = () => api().post(`/api/client-portal/forms/${form.documentId}/answers`).set(bearer(jwt)).send({ answers: { ok: true } });
    const statuses = (await Promise.all([send(), send(), send()])).map((res) => res.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const rows = await app.strapi.db.query('plugin::client-portal.form-response').findMany({ where: { form: { documentId: form.documentId } } });
    expect(rows.map((row: any) => row.status)).toEqual(['completed']);
  });

  it('of two answers with files sent at once, only the stored one keeps its file', async () => {
    const form = await createForm({ title: 'Proof', fields: [{ key: 'id', label: 'Copy of ID', type: 'file', required: true }] });
    const { jwt } = await invitedWithForm(form.documentId);
    const files = () => app.strapi.db.query('plugin::upload.file').count();
    const before = await files();
    const statuses = (await Promise.all([answerWithFile(jwt, form.documentId, {}), answerWithFile(jwt, form.documentId, {})])).map((res) => res.status).sort();
    expect(statuses).toEqual([201, 409]);
    expect(await files()).toBe(before + 1);
    const [sheet] = await app.strapi.db.query('plugin::client-portal.form-response').findMany({ where: { form: { documentId: form.documentId } }, populate: { files: true } });
    expect(sheet.files.map((file: any) => file.id)).toEqual([sheet.answers.id.fileId]);
  });

  it('answers are read strictly: numbers without thousands separators, no inherited keys, a bounded multipart text', async () => {
    const form = await createForm({ title: 'Strict', fields: [{ key: 'budget', label: 'Budget', type: 'number', required: true }, { key: 'copy', label: 'Copy', type: 'file' }] });
    const { jwt } = await invitedWithForm(form.documentId);
    const send = (answers: unknown) => api().post(`/api/client-portal/forms/${form.documentId}/answers`).set(bearer(jwt)).send({ answers });
    for (const budget of ['1,000', '0x10', '1e3']) expect((await send({ budget })).body.error.message).toBe('answers.budget: must be a number');
    expect((await send({ budget: '400', toString: 'x' })).body.error.message).toBe('answers.toString: is not a field of this form');
    const tooMany = await send(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 1])));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe('answers: must hold at most 100 keys (one per field)');
    const long = await api()
      .post(`/api/client-portal/forms/${form.documentId}/answers`)
      .set(bearer(jwt))
      .field('answers', JSON.stringify({ budget: '400', padding: 'x'.repeat(300 * 1024) }))
      .attach('copy', png(), 'copy.png');
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe('answers: must be at most 256 KB of JSON text');
    const done = await send({ budget: '12,5' });
    expect(done.status).toBe(201);
    expect(done.body.data.answers.budget).toBe(12.5);
  });

  it('once sent, a field keeps its type; a form has at most three file fields; a key may not be an inherited name', async () => {
    const form = await createForm({ title: 'Typed', fields: [{ key: 'size', label: 'Size', type: 'number' }] });
    const invited = await api().post('/client-portal/invitations').set(as()).send({ contact: (await createContact(app)).documentId, portalRole: 'buyer', form: form.documentId });
    expect(invited.status).toBe(201);
    const retyped = await api().put(`/client-portal/forms/${form.documentId}`).set(as()).send({ fields: [{ key: 'note', label: 'Note', type: 'text' }, { key: 'size', label: 'Size', type: 'text' }] });
    expect(retyped.status).toBe(400);
    expect(retyped.body.error.message).toBe('fields.1.type: cannot change once the form was sent (was number): add a field with a new key instead');
    const relabelled = await api().put(`/client-portal/forms/${form.documentId}`).set(as()).send({ fields: [{ key: 'size', label: 'Household size', type: 'number' }, { key: 'note', label: 'Note', type: 'text' }] });
    expect(relabelled.status).toBe(200);

    const file = (key: string) => ({ key, label: key, type: 'file' });
    const four = await api().post('/client-portal/forms').set(as()).send({ title: 'Files', fields: ['a', 'b', 'c', 'd'].map(file) });
    expect(four.status).toBe(400);
    expect(four.body.error.message).toBe('fields: must have at most 3 file fields (a client sends all files at once)');
    const reserved = await api().post('/client-portal/forms').set(as()).send({ title: 'Keys', fields: [{ key: 'constructor', label: 'C', type: 'text' }] });
    expect(reserved.body.error.message).toBe('fields.0.key: is a reserved name: choose another key');
  });

  it('forms go with bulk invites, a group\'s Invite all and Invite more; an unknown form is a 400 naming `form` and sends nothing', async () => {
    const form = await createForm({ title: 'Household', fields: [{ key: 'size', label: 'People in the household', type: 'number', min: 1 }] });
    const [a, b] = [await createContact(app), await createContact(app)];
    const unknown = await api().post('/client-portal/invitations/bulk').set(as()).send({ contacts: [a.documentId], portalRole: 'buyer', form: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('form: no form with this documentId');
    expect(await app.strapi.db.query('plugin::client-portal.invitation').count({ where: { contact: { id: a.id } } })).toBe(0);

    const bulk = await api().post('/client-portal/invitations/bulk').set(as()).send({ contacts: [a.documentId, b.documentId], portalRole: 'buyer', form: form.documentId });
    expect(bulk.status).toBe(200);
    expect(bulk.body.data.invited).toHaveLength(2);
    const listed = await api().get(`/client-portal/invitations?contact=${b.documentId}`).set(as());
    expect(listed.body.data[0].form).toMatchObject({ documentId: form.documentId, status: 'sent' });

    const group = (await api().post('/client-portal/groups').set(as()).send({ name: 'Form household' })).body.data.documentId;
    const [c, d] = [await createContact(app), await createContact(app)];
    for (const member of [c, d]) expect((await api().post(`/client-portal/groups/${group}/members`).set(as()).send({ contact: member.documentId, portalRole: 'buyer' })).status).toBe(201);
    expect((await api().post(`/client-portal/groups/${group}/invite`).set(as()).send({ form: 'nope' })).status).toBe(400);
    const all = await api().post(`/client-portal/groups/${group}/invite`).set(as()).send({ form: form.documentId });
    expect(all.status).toBe(200);
    expect(all.body.data.invited.map((entry: any) => entry.contact).sort()).toEqual([c.documentId, d.documentId].sort());

    const sheets = await api().get(`/client-portal/forms/${form.documentId}/answers?status=sent`).set(as());
    expect(sheets.body.data.map((sheet: any) => sheet.contact.documentId).sort()).toEqual([a, b, c, d].map((contact) => contact.documentId).sort());
    expect((await api().get(`/client-portal/forms/${form.documentId}`).set(as())).body.data).toMatchObject({ sentCount: 4, completedCount: 0 });
    // A sent form stays: its answers refer to it.
    expect((await api().delete(`/client-portal/forms/${form.documentId}`).set(as())).status).toBe(409);

    // Invite more, with the form, from a client already in the portal.
    const { contact: source } = await invitedWithForm(form.documentId);
    const more = await api().post(`/client-portal/contacts/${source.documentId}/invite-more`).set(as()).send({ firstName: 'Partner', lastName: 'Person', email: `partner-${Date.now()}@client.test`, portalRole: 'buyer', form: form.documentId });
    expect(more.status).toBe(201);
    expect(more.body.data.invitation.form).toMatchObject({ documentId: form.documentId, status: 'sent' });
    await outboxIdle(app);
  });

  it('Invite more to someone already invited: their pending invitation keeps the form it carries, a new form is sent beside it', async () => {
    const first = await createForm({ title: 'First form', fields: [{ key: 'a', label: 'A', type: 'text' }] });
    const second = await createForm({ title: 'Second form', fields: [{ key: 'b', label: 'B', type: 'text' }] });
    const { contact: source } = await invitedWithForm(first.documentId);
    const partner = await createContact(app);
    expect((await api().post('/client-portal/invitations').set(as()).send({ contact: partner.documentId, portalRole: 'buyer', form: first.documentId })).status).toBe(201);

    // The same form again: nothing new, no error.
    const same = await api().post(`/client-portal/contacts/${source.documentId}/invite-more`).set(as()).send({ contact: partner.documentId, portalRole: 'buyer', form: first.documentId });
    expect(same.status).toBe(201);
    // Another form: its sheet is sent; the invitation still shows the first.
    const other = await api().post(`/client-portal/contacts/${source.documentId}/invite-more`).set(as()).send({ contact: partner.documentId, portalRole: 'buyer', form: second.documentId });
    expect(other.status).toBe(201);
    const [invitation] = (await api().get(`/client-portal/invitations?contact=${partner.documentId}`).set(as())).body.data;
    expect(invitation.form).toMatchObject({ documentId: first.documentId, status: 'sent' });
    const sheets = (await api().get(`/client-portal/contacts/${partner.documentId}/forms`).set(as())).body.data;
    expect(sheets.map((sheet: any) => sheet.form.title).sort()).toEqual(['First form', 'Second form']);
    expect((await api().get('/client-portal/forms?q=First%20form').set(as())).body.data[0]).toMatchObject({ sentCount: 2, completedCount: 0 });
    await outboxIdle(app);
  });

  it('GraphQL: portalForms, portalForm and submitPortalForm with the same rules and messages', async () => {
    const form = await createForm({
      title: 'GraphQL form',
      fields: [
        { key: 'city', label: 'City', type: 'text', required: true },
        { key: 'budget', label: 'Budget', type: 'number', max: 1000000 },
        { key: 'extras', label: 'Extras', type: 'multiChoice', options: ['Lift', 'Balcony'] },
        { key: 'agree', label: 'Agree', type: 'checkbox' },
      ],
    });
    const { jwt } = await invitedWithForm(form.documentId);
    const gql = (query: string, variables: Record<string, unknown> = {}) => api().post('/graphql').set(bearer(jwt)).send({ query, variables });
    const listed = await gql('{ portalForms { documentId title status fields { key type required max options } } portalMe { nextStep { type form { documentId } } } }');
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data.portalForms).toEqual([
      expect.objectContaining({ documentId: form.documentId, status: 'sent', fields: expect.arrayContaining([{ key: 'budget', type: 'number', required: false, max: '1000000', options: null }]) }),
    ]);
    expect(listed.body.data.portalMe.nextStep).toEqual({ type: 'form', form: { documentId: form.documentId } });

    const submit = `mutation($id: ID!, $answers: [PortalFormAnswerInput!]!) { submitPortalForm(documentId: $id, answers: $answers) { status answers { key text number checked choices } } }`;
    const bad = await gql(submit, { id: form.documentId, answers: [{ key: 'budget', number: 2000000 }] });
    expect(bad.body.errors[0].message).toBe('answers.city: is required; answers.budget: must be at most 1000000');
    const done = await gql(submit, { id: form.documentId, answers: [{ key: 'city', text: 'Utrecht' }, { key: 'budget', number: 300000 }, { key: 'extras', choices: ['Balcony'] }, { key: 'agree', checked: true }] });
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data.submitPortalForm).toEqual({
      status: 'completed',
      answers: [
        { key: 'city', text: 'Utrecht', number: null, checked: null, choices: null },
        { key: 'budget', text: null, number: 300000, checked: null, choices: null },
        { key: 'extras', text: null, number: null, checked: null, choices: ['Balcony'] },
        { key: 'agree', text: null, number: null, checked: true, choices: null },
      ],
    });
    const again = await gql(submit, { id: form.documentId, answers: [{ key: 'city', text: 'Delft' }] });
    expect(again.body.errors[0].message).toBe('This form has already been answered; ask your agent to reopen it');
    const one = await gql('query($id: ID!) { portalForm(documentId: $id) { status } }', { id: form.documentId });
    expect(one.body.data.portalForm.status).toBe('completed');
  });
});
