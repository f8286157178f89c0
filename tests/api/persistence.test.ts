import { bootStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp | undefined;

afterAll(async () => {
  await app?.close();
});

it('boots from an empty database and keeps data across restarts, without duplicating default roles', async () => {
  app = await bootStrapi({ emptyDatabase: true });
  const contact = await app.strapi.documents('api::contact.contact').create({
    data: { firstName: 'Kept', lastName: 'Across', email: 'kept@client.test' } as any,
  });
  await app.strapi.documents('plugin::client-portal.portal-role').update({
    documentId: (await app.strapi.documents('plugin::client-portal.portal-role').findFirst({ filters: { key: 'buyer' } }))!.documentId,
    data: { name: 'Koper' } as any,
  });
  await app.stop();

  app = await bootStrapi({ db: app.db, smtp: app.smtp });
  const again = await app.strapi.documents('api::contact.contact').findOne({ documentId: contact.documentId });
  expect(again).toMatchObject({ firstName: 'Kept', email: 'kept@client.test' });
  const roles = await app.strapi.documents('plugin::client-portal.portal-role').findMany({});
  expect(roles).toHaveLength(6);
  // An agent's edit of a default role survives the next boot.
  expect(roles.find((role: any) => role.key === 'buyer')).toMatchObject({ name: 'Koper' });
});
