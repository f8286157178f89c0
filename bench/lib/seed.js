/**
 * Data for the read benchmarks: properties with photos offered to one client through deals, viewings with photos,
 * a client JWT (the portal's own login token) and a read-only API token (Strapi's own REST and GraphQL).
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { root } = require('./boot');

const housePhoto = () => require(path.join(root, 'dist', 'src', 'seed', 'png.js')).housePhoto;

const uploadPhoto = async (strapi, name, png) => {
  const filepath = path.join(os.tmpdir(), `cp-bench-${process.pid}-${name}.png`);
  fs.writeFileSync(filepath, png);
  try {
    const [file] = await strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: { name: `${name}.png`, alternativeText: name, caption: '' } },
      files: { filepath, originalFilename: `${name}.png`, mimetype: 'image/png', size: png.length },
    });
    return file;
  } finally {
    fs.rmSync(filepath, { force: true });
  }
};

/**
 * `count` new contacts as rows for the query engine's createMany: `${tag}-${n}@client.test`, numbered from `from`
 * (a tag used for several batches keeps its addresses unique).
 */
const contactRows = (count, tag, from = 0) => {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const email = `${tag}-${from + i}@client.test`;
    return { documentId: crypto.randomBytes(12).toString('hex'), firstName: 'Bench', lastName: `${tag} ${from + i}`, email, emailNormalized: email, language: 'en', type: 'client', doNotContact: false, createdAt: now, updatedAt: now };
  });
};

/** `count` properties with `photosEach` photos, each offered to a new client (buyer role); viewings on the first ones. */
const seedPortal = async (strapi, { count = 20, photosEach = 3, viewings = 10 } = {}) => {
  const photo = housePhoto();
  const photos = [];
  for (let i = 0; i < photosEach; i += 1) photos.push(await uploadPhoto(strapi, `bench-photo-${i}`, photo(480, 300, [200 - i * 30, 180, 160], [120, 40, 30], [150, 190, 230])));
  const contact = await strapi.documents('api::contact.contact').create({ data: { firstName: 'Bench', lastName: 'Client', email: 'bench.client@client.test' } });
  const role = await strapi.db.query('plugin::client-portal.portal-role').findOne({ where: { key: 'buyer' } });
  const properties = [];
  for (let i = 0; i < count; i += 1) {
    const property = await strapi.documents('api::property.property').create({
      data: {
        title: `Bench house ${String(i + 1).padStart(2, '0')}`,
        address: `Canal Street ${i + 1}`,
        postalCode: '1015 AB',
        city: 'Amsterdam',
        country: 'NL',
        price: 400000 + i * 10000,
        currency: 'EUR',
        description: 'A bright family house near the canal, with a garden facing south.',
        features: ['garden', 'balcony', 'parking'],
        bedrooms: 3,
        bathrooms: 1,
        livingArea: 120,
        energyLabel: 'A',
        latitude: 52.37 + i / 1000,
        longitude: 4.89,
        status: 'available',
        photos: photos.map((file) => file.id),
      },
    });
    await strapi.documents('api::deal.deal').create({ data: { contact: contact.documentId, property: property.documentId, portalRole: role.id } });
    properties.push(property);
  }
  for (let i = 0; i < Math.min(viewings, count); i += 1) {
    await strapi.documents('api::viewing.viewing').create({
      data: { property: properties[i].id, contact: contact.id, preferredDates: ['2027-03-05T09:00:00.000Z'], status: 'confirmed', confirmedDate: '2027-03-05T09:00:00.000Z', photos: [photos[0].id] },
    });
  }

  const authenticated = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: 'bench.client@client.test',
    email: 'bench.client@client.test',
    password: crypto.randomBytes(24).toString('base64url'),
    passwordChangedAt: new Date(),
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: authenticated.id,
    portalStatus: 'active',
    creationMethod: 'invitation',
    portalRole: role.id,
    contact: { connect: [{ documentId: contact.documentId }] },
  });
  const fresh = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } });
  const jwt = await strapi.plugin('client-portal').service('auth').issueJwt(fresh);

  const token = await strapi.service('admin::api-token').create({ name: `bench-${Date.now()}`, type: 'read-only', lifespan: null, permissions: [] });
  return { contact, properties, jwt, apiToken: token.accessKey };
};

module.exports = { seedPortal, uploadPhoto, contactRows };
