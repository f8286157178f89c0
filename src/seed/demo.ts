import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { housePhoto, type Rgb } from './png';
import demoProperties from './demo-properties.json';

/**
 * The demo office's agent login: DEMO_ADMIN_EMAIL and DEMO_ADMIN_PASSWORD (`npm run develop` writes a password of
 * this install into .env); without a password, a random one is made. Printed once, when the office is created.
 */
export const demoAdmin = () => ({
  email: process.env.DEMO_ADMIN_EMAIL || 'admin@agency.local',
  password: process.env.DEMO_ADMIN_PASSWORD || `Demo-${crypto.randomBytes(12).toString('base64url')}-7k`,
});

/** The demo office's properties (with the colours their photo is drawn in). */
const PROPERTIES = demoProperties as Array<Omit<(typeof demoProperties)[number], 'colours'> & { colours: Record<'wall' | 'roof' | 'sky', Rgb> }>;

const isEmpty = async (strapi: Core.Strapi) =>
  (await strapi.db.query('admin::user').count()) === 0 && (await strapi.db.query('api::contact.contact').count()) === 0;

const uploadPhoto = async (strapi: Core.Strapi, name: string, png: Buffer) => {
  const filepath = path.join(os.tmpdir(), `client-portal-demo-${process.pid}-${name}.png`);
  fs.writeFileSync(filepath, png);
  try {
    const [file] = await strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: { name: `${name}.png`, alternativeText: name.replace(/-/g, ' '), caption: '' } },
      files: { filepath, originalFilename: `${name}.png`, mimetype: 'image/png', size: png.length },
    });
    return file;
  } finally {
    fs.rmSync(filepath, { force: true });
  }
};

/**
 * Seeds the demo office on an empty database: an admin login (printed once), contacts (one without email,
 * one with auto-invite on), properties with photos and a timeline, and deals.
 */
export const seedDemoData = async (strapi: Core.Strapi) => {
  if (!(await isEmpty(strapi))) return;

  const DEMO_ADMIN = demoAdmin();
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  const admin = await strapi.service('admin::user').create({
    email: DEMO_ADMIN.email,
    firstname: 'Olivia',
    lastname: 'Office',
    password: DEMO_ADMIN.password,
    isActive: true,
    registrationToken: null,
    roles: superAdminRole ? [superAdminRole.id] : [],
  });

  const role = async (key: string) => (await strapi.documents('plugin::client-portal.portal-role').findFirst({ filters: { key } }))!;
  const buyer = await role('buyer');
  const seller = await role('seller');
  const lender = await role('lender');

  const properties = [];
  for (const [index, spec] of PROPERTIES.entries()) {
    const { colours, ...data } = spec;
    const photos = [
      await uploadPhoto(strapi, `demo-property-${index + 1}-front`, housePhoto(800, 500, [...colours.wall], [...colours.roof], [...colours.sky])),
      await uploadPhoto(strapi, `demo-property-${index + 1}-evening`, housePhoto(800, 500, [...colours.wall], [...colours.roof], [40, 60, 120])),
    ];
    const now = Date.now();
    properties.push(
      await strapi.documents('api::property.property').create({
        data: {
          ...data,
          features: [...data.features],
          status: 'available',
          currency: 'EUR',
          owner: admin.id,
          photos: photos.map((photo: any) => photo.id),
          timeline: [
            { title: 'Listing published', kind: 'date', date: new Date(now - 14 * 864e5).toISOString(), done: true },
            { title: 'Open house', kind: 'date', date: new Date(now + 7 * 864e5).toISOString(), done: false },
            { title: 'Send the valuation report', kind: 'task', done: false, visibleToClients: false },
          ],
        } as any,
      }),
    );
  }

  const contact = (data: Record<string, unknown>) =>
    strapi.documents('api::contact.contact').create({ data: { owner: admin.id, ...data } as any });

  const emma = await contact({ firstName: 'Emma', lastName: 'Jansen', email: 'emma.jansen@example.com', phone: '+31 6 1234 5678', language: 'nl', type: 'buyer' });
  const lucas = await contact({ firstName: 'Lucas', lastName: 'Martin', email: 'lucas.martin@example.com', language: 'fr', type: 'seller' });
  await contact({ firstName: 'Noah', lastName: 'Peeters', phone: '+32 470 12 34 56', language: 'en', type: 'prospect', leadSource: 'referral' });
  await contact({
    firstName: 'Sophie',
    lastName: 'Bakker',
    email: 'sophie.bakker@example.com',
    language: 'en',
    type: 'buyer',
    autoInvite: true,
    autoInviteRole: buyer.id,
  });
  const bank = await contact({ firstName: 'Daan', lastName: 'de Vries', email: 'mortgages@bank.example.com', language: 'nl', type: 'lender' });

  const deal = (contactDoc: any, property: any, portalRole: any) =>
    strapi.documents('api::deal.deal').create({
      data: { contact: contactDoc.documentId, property: property.documentId, portalRole: portalRole.id } as any,
    });
  await deal(emma, properties[0], buyer);
  await deal(emma, properties[1], buyer);
  await deal(lucas, properties[2], seller);
  await deal(bank, properties[2], lender);

  const url = strapi.config.get('server.url') || `http://localhost:${strapi.config.get('server.port')}`;
  strapi.log.info(
    [
      '',
      '  Demo office created.',
      `  Admin panel: ${url}/admin`,
      `  Login:       ${DEMO_ADMIN.email}`,
      `  Password:    ${DEMO_ADMIN.password}`,
      '  (change it under Settings > Users once you are in)',
      '',
    ].join('\n'),
  );
};
