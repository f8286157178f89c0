import { bootStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp | undefined;

afterAll(async () => {
  await app?.close();
});

describe('demo data on an empty database', () => {
  it('seeds an admin login, contacts, properties with photos and deals, once', async () => {
    app = await bootStrapi({ env: { SEED_DEMO: 'true', DEMO_ADMIN_EMAIL: 'office@demo.test', DEMO_ADMIN_PASSWORD: 'DemoPassword123' } });
    const { strapi } = app;

    const login = await app.http().post('/admin/login').send({ email: 'office@demo.test', password: 'DemoPassword123' });
    expect(login.status).toBe(200);
    expect(login.body.data.token).toEqual(expect.any(String));

    const contacts = await strapi.documents('api::contact.contact').findMany({ populate: ['autoInviteRole'] });
    expect(contacts.length).toBeGreaterThanOrEqual(4);
    expect(contacts.some((c: any) => !c.email)).toBe(true);
    const auto = contacts.find((c: any) => c.autoInvite);
    expect(auto?.autoInviteRole).toMatchObject({ key: 'buyer' });

    const properties = await strapi.documents('api::property.property').findMany({ populate: ['photos', 'timeline'] });
    expect(properties.length).toBeGreaterThanOrEqual(2);
    for (const property of properties as any[]) {
      expect(property.photos.length).toBeGreaterThan(0);
      expect(property.photos[0].mime).toBe('image/png');
      expect(property.photos[0].width).toBe(800);
    }

    const deals = await strapi.documents('api::deal.deal').findMany({ populate: ['contact', 'property', 'portalRole'] });
    expect(deals.length).toBeGreaterThanOrEqual(3);
    for (const deal of deals as any[]) {
      expect(deal.contact?.documentId).toBeDefined();
      expect(deal.property?.documentId).toBeDefined();
      expect(deal.portalRole?.key).toBeDefined();
    }

    const counts = { contacts: contacts.length, properties: properties.length, deals: deals.length };
    await app.stop();
    app = await bootStrapi({ db: app.db, smtp: app.smtp, env: { SEED_DEMO: 'true' } });
    expect({
      contacts: await app.strapi.documents('api::contact.contact').count({}),
      properties: await app.strapi.documents('api::property.property').count({}),
      deals: await app.strapi.documents('api::deal.deal').count({}),
    }).toEqual(counts);
    expect(await app.strapi.db.query('admin::user').count()).toBe(1);
  });
});
