import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { housePhoto } from './png';

/**
 * The demo office's agent login: DEMO_ADMIN_EMAIL and DEMO_ADMIN_PASSWORD (`npm run develop` writes a password of
 * this install into .env); without a password, a random one is made. Printed once, when the office is created.
 */
export const demoAdmin = () => ({
  email: process.env.DEMO_ADMIN_EMAIL || 'admin@agency.local',
  password: process.env.DEMO_ADMIN_PASSWORD || `Demo-${crypto.randomBytes(12).toString('base64url')}-7k`,
});

const PROPERTIES = [
  {
    title: 'Canal house with garden',
    address: 'Herengracht 112',
    postalCode: '1015 BS',
    city: 'Amsterdam',
    country: 'Netherlands',
    latitude: 52.3771,
    longitude: 4.8897,
    price: 1250000,
    bedrooms: 4,
    bathrooms: 2,
    livingArea: 210,
    energyLabel: 'A',
    features: ['Garden facing south', 'Original 17th-century details', 'Roof terrace', 'Private mooring'],
    description: 'A bright canal house on the Herengracht with a deep garden and a roof terrace overlooking the canal.',
    colours: { wall: [180, 90, 60], roof: [70, 50, 50], sky: [120, 170, 230] },
  },
  {
    title: 'Family home near the park',
    address: 'Parklaan 8',
    postalCode: '3016 BB',
    city: 'Rotterdam',
    country: 'Netherlands',
    latitude: 51.9101,
    longitude: 4.4697,
    price: 565000,
    bedrooms: 3,
    bathrooms: 1,
    livingArea: 140,
    energyLabel: 'B',
    features: ['Walking distance to schools', 'Garage', 'Solar panels'],
    description: 'A quiet family home two minutes from the park, with a garage and solar panels.',
    colours: { wall: [230, 220, 200], roof: [150, 60, 50], sky: [140, 190, 235] },
  },
  {
    title: 'City apartment with balcony',
    address: 'Rue de la Loi 42',
    postalCode: '1040',
    city: 'Brussels',
    country: 'Belgium',
    latitude: 50.8443,
    longitude: 4.3801,
    price: 389000,
    bedrooms: 2,
    bathrooms: 1,
    livingArea: 85,
    energyLabel: 'C',
    features: ['Balcony', 'Lift', 'Cellar storage'],
    description: 'A renovated two-bedroom apartment in the European quarter with a sunny balcony.',
    colours: { wall: [200, 200, 210], roof: [60, 60, 70], sky: [110, 160, 220] },
  },
] as const;

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
