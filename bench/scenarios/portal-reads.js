#!/usr/bin/env node
/**
 * Portal reads against Strapi's own, on the same data and the same machine, runs interleaved (autocannon,
 * 10 connections): the client's property list, viewings, and GraphQL property list, each next to Strapi's REST or
 * GraphQL find of the same records with the same populate (read-only API token). Prints statements per request too.
 */
const { bootStrapi, runScenario } = require('../lib/boot');
const { interleaved, statementsDuring } = require('../lib/measure');
const { result, note, round } = require('../lib/result');
const { seedPortal } = require('../lib/seed');

const DURATION = Number(process.env.BENCH_DURATION_SEC || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);

const PORTAL_PROPERTIES_QUERY = `{ portalProperties(pageSize: 20) { documentId title address city price currency bedrooms energyLabel photos { id name mime url width height } } }`;
const STRAPI_PROPERTIES_QUERY = `{ properties(pagination: { pageSize: 20 }, sort: "title:asc") { documentId title address city price currency bedrooms energyLabel photos { documentId name mime url width height } } }`;

runScenario(async (db) => {
  const { strapi, baseUrl } = await bootStrapi({ listen: true });
  try {
    const { jwt, apiToken, contact } = await seedPortal(strapi);
    const client = { authorization: `Bearer ${jwt}` };
    const token = { authorization: `Bearer ${apiToken}` };
    const json = { 'content-type': 'application/json' };

    const pairs = [
      {
        name: 'portal properties (REST)',
        subject: { url: `${baseUrl}/api/client-portal/properties?pageSize=20`, headers: client },
        baseline: { url: `${baseUrl}/api/properties?populate[photos]=true&pagination[pageSize]=20&sort=title:asc`, headers: token },
        count: (body) => body.data.length,
      },
      {
        name: 'portal viewings (REST)',
        subject: { url: `${baseUrl}/api/client-portal/viewings`, headers: client },
        baseline: {
          url: `${baseUrl}/api/viewings?filters[contact][documentId][$eq]=${contact.documentId}&populate[property]=true&populate[photos]=true&populate[voiceNotes]=true&sort=createdAt:desc`,
          headers: token,
        },
        count: (body) => body.data.length,
      },
      {
        name: 'portal properties (GraphQL)',
        subject: { url: `${baseUrl}/graphql`, method: 'POST', headers: { ...client, ...json }, body: JSON.stringify({ query: PORTAL_PROPERTIES_QUERY }) },
        baseline: { url: `${baseUrl}/graphql`, method: 'POST', headers: { ...token, ...json }, body: JSON.stringify({ query: STRAPI_PROPERTIES_QUERY }) },
        count: (body) => (body.data.portalProperties ?? body.data.properties).length,
      },
    ];

    for (const pair of pairs) {
      // One request each, outside the load: both answer the same number of records; statements counted.
      const once = async (target) => {
        let body;
        const statements = await statementsDuring(strapi, async () => {
          const res = await fetch(target.url, { method: target.method ?? 'GET', headers: target.headers, body: target.body });
          body = await res.json();
          if (!res.ok || body.errors) throw new Error(`${pair.name}: ${target.url} answered ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        });
        return { statements, records: pair.count(body) };
      };
      const subjectOnce = await once(pair.subject);
      const baselineOnce = await once(pair.baseline);
      if (subjectOnce.records !== baselineOnce.records) throw new Error(`${pair.name}: ${subjectOnce.records} records against Strapi's ${baselineOnce.records}`);
      note(pair.name, db, `statements per request: portal ${subjectOnce.statements}, Strapi ${baselineOnce.statements} (${subjectOnce.records} records each)`);

      const { subject, baseline } = await interleaved(pair.subject, pair.baseline, { rounds: ROUNDS, durationSec: DURATION });
      if (subject.errors || baseline.errors) throw new Error(`${pair.name}: ${subject.errors} portal and ${baseline.errors} Strapi errors under load`);
      result({
        name: `${pair.name}: throughput`,
        db,
        value: round(subject.rps, 0),
        unit: 'req/s',
        baseline: round(baseline.rps, 0),
        baselineLabel: "Strapi's own find",
        ratio: round(subject.rps / baseline.rps),
        goal: { on: 'ratio', op: '>=', target: 1, text: 'ratio ≥ 1.0' },
      });
      result({
        name: `${pair.name}: median latency`,
        db,
        value: subject.p50,
        unit: 'ms',
        baseline: baseline.p50,
        baselineLabel: "Strapi's own find",
        ratio: round(subject.p50 / baseline.p50),
        goal: { on: 'ratio', op: '<=', target: 1, text: 'ratio ≤ 1.0' },
      });
    }
  } finally {
    await strapi.destroy();
  }
});
