import fs from 'fs';
import path from 'path';
import { ACTIVITY_TYPES } from '../../src/plugins/client-portal/server/src/constants';

/** The admin panel's texts: every id the code names exists in English, and every language has every English text. */
const ADMIN = path.resolve(__dirname, '..', '..', 'src', 'plugins', 'client-portal', 'admin', 'src');
const TRANSLATIONS = path.join(ADMIN, 'translations');
const LOCALES = ['en', 'nl', 'fr', 'de', 'es'];

const load = (locale: string): Record<string, string> =>
  Object.assign({}, ...fs.readdirSync(path.join(TRANSLATIONS, locale)).filter((file) => file.endsWith('.json')).map((file) => JSON.parse(fs.readFileSync(path.join(TRANSLATIONS, locale, file), 'utf8'))));

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });

/** Placeholder names of an ICU message ({name}, {count, plural, …}). */
const placeholders = (text: string) => [...text.matchAll(/\{\s*([A-Za-z]+)\s*[,}]/g)].map((match) => match[1]).sort();

describe('admin translations', () => {
  const english = load('en');

  it('has an English text for every translation id the admin code uses', () => {
    const used = new Set<string>();
    for (const file of sources(ADMIN)) {
      const code = fs.readFileSync(file, 'utf8');
      for (const match of code.matchAll(/\bt\('([A-Za-z0-9_.-]+)'\)/g)) used.add(match[1]);
      // Files whose `label(id, text)` helper passes the id through `t(id)` unchanged.
      if (/const label = \([^)]*\) =>\s*formatMessage\(\{ id: t\(id\)/.test(code)) {
        for (const match of code.matchAll(/\blabel\('([A-Za-z0-9_.-]+)',/g)) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((id) => !(id in english)).sort()).toEqual([]);
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('has every English text in %s, with the same placeholders', (locale) => {
    const translated = load(locale);
    expect(Object.keys(english).filter((id) => !(id in translated)).sort()).toEqual([]);
    const wrong = Object.keys(english).filter((id) => id in translated && placeholders(english[id]).join() !== placeholders(translated[id]).join());
    expect(wrong).toEqual([]);
  });
  it('names every activity type the server writes, in every language', () => {
    const page = fs.readFileSync(path.join(ADMIN, 'pages', 'ActivityPage.tsx'), 'utf8');
    const table = /export const ACTIVITY_TYPES: Record<string, string> = \{([^}]*)\}/.exec(page)![1];
    const named = [...table.matchAll(/^\s*([a-z_]+):/gm)].map((match) => match[1]);
    expect([...named].sort()).toEqual([...ACTIVITY_TYPES].sort());
    for (const locale of LOCALES) {
      const texts = load(locale);
      expect({ locale, missing: ACTIVITY_TYPES.filter((type) => !(`activity.type.${type}` in texts)) }).toEqual({ locale, missing: [] });
    }
  });
});
