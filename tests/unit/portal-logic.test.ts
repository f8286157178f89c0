import { en } from '../../portal/src/i18n/en';
import { nl } from '../../portal/src/i18n/nl';
import { fr } from '../../portal/src/i18n/fr';
import { de } from '../../portal/src/i18n/de';
import { es } from '../../portal/src/i18n/es';
import { formatters, guessLanguage, translator } from '../../portal/src/i18n';
import { answerErrors, collectAnswers, splitList } from '../../portal/src/logic/forms';
import { readInviteToken } from '../../portal/src/logic/links';
import { navigationFor } from '../../portal/src/logic/navigation';
import { filterQuery, photoUrl, preferredDates, shouldOpenForm } from '../../portal/src/logic/properties';
import { LANGUAGES } from '../../src/plugins/client-portal/server/src/constants';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('portal languages', () => {
  it('speaks every language the accounts and emails do, each with every text and its placeholders', () => {
    const all = { en, nl, fr, de, es } as Record<string, Record<string, string>>;
    expect(Object.keys(all).sort()).toEqual([...LANGUAGES].sort());
    for (const [language, messages] of Object.entries(all)) {
      expect({ language, keys: Object.keys(messages) }).toEqual({ language, keys: Object.keys(en) });
      for (const [key, text] of Object.entries(en)) expect({ language, key, placeholders: placeholders(messages[key]) }).toEqual({ language, key, placeholders: placeholders(text) });
    }
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(translator('nl')('accept.expires', { date: '1 mei' })).toContain('1 mei');
    expect(translator('en')('accept.expires')).toBe('This invitation expires on {date}.');
  });

  it('starts in the language chosen before, else the browser\'s, else English', () => {
    expect(guessLanguage('de', ['nl-NL'])).toBe('de');
    expect(guessLanguage(null, ['pt-BR', 'fr-CA'])).toBe('fr');
    expect(guessLanguage('xx', ['pt-BR'])).toBe('en');
  });

  it('writes dates and prices the language\'s way', () => {
    const when = '2027-03-05T10:00:00Z';
    expect(formatters('en').date(when)).toBe('5 March 2027');
    expect(formatters('de').date(when)).toBe('5. März 2027');
    expect(formatters('nl').price(425000, 'EUR').replace(/\s/g, ' ')).toBe('€ 425.000');
    expect(formatters('fr').price(425000, 'EUR').replace(/\s/g, ' ')).toBe('425 000 €');
    expect(formatters('en').date('not a date')).toBe('');
  });
});

describe('portal view logic', () => {
  it('reads the invitation token from the fragment only', () => {
    expect(readInviteToken('#token=abc.def')).toBe('abc.def');
    expect(readInviteToken('#other=1')).toBeNull();
    expect(readInviteToken('')).toBeNull();
  });

  it('shows in the menu only the pages the role opens, the profile always', () => {
    const paths = (flags: string[]) => navigationFor({ permissions: Object.fromEntries(flags.map((flag) => [flag, true])) }).map((item) => item.path);
    expect(paths(['viewProperties', 'viewTimeline'])).toEqual(['/', '/transaction', '/profile']);
    expect(paths([])).toEqual(['/profile']);
    expect(paths(['viewProperties', 'messageAgent', 'inviteOthers'])).toEqual(['/', '/messages', '/invite', '/profile']);
  });

  it('turns a filter into the list query', () => {
    expect(filterQuery('all')).toEqual({});
    expect(filterQuery('favourite')).toEqual({ favourite: true });
    expect(filterQuery('not_interested')).toEqual({ interest: 'not_interested' });
  });

  it('picks a photo size the server made, else the original', () => {
    const photo = { id: 1, name: 'a.jpg', mime: 'image/jpeg', url: '/full', formats: { small: { url: '/small' } } };
    expect(photoUrl({ photos: [photo] }, 'small')).toBe('/small');
    expect(photoUrl({ photos: [photo] }, 'large')).toBe('/full');
    expect(photoUrl({ photos: [] })).toBeNull();
  });

  it('sends to a pending form once per form and session', () => {
    const seen = new Map<string, string>();
    const storage = { getItem: (key: string) => seen.get(key) ?? null, setItem: (key: string, value: string) => void seen.set(key, value) };
    expect(shouldOpenForm(storage, 'f1')).toBe(true);
    expect(shouldOpenForm(storage, 'f1')).toBe(false);
    expect(shouldOpenForm(storage, 'f2')).toBe(true);
  });

  it('sends up to three preferred dates as instants, leaving empty ones out', () => {
    const dates = preferredDates(['2027-03-05T10:00', '', '2027-03-06T14:30', '2027-03-07T09:00']);
    expect(dates).toHaveLength(3);
    expect(dates.every((value) => !Number.isNaN(Date.parse(value)) && value.endsWith('Z'))).toBe(true);
  });

  it('collects form answers by field type, files apart, and maps the server\'s field errors to keys', () => {
    const data = new FormData();
    data.append('name', 'Anna');
    data.append('budget', '12,5');
    data.append('rooms', 'Garden');
    data.append('rooms', 'Office');
    data.append('terms', 'on');
    data.append('id', new Blob(['x'], { type: 'image/png' }), 'id.png');
    data.append('empty', new Blob([]), '');
    const fields = [
      { key: 'name', label: 'Name', type: 'text' as const },
      { key: 'wishes', label: 'Wishes', type: 'longText' as const },
      { key: 'budget', label: 'Budget', type: 'number' as const },
      { key: 'rooms', label: 'Rooms', type: 'multiChoice' as const, options: ['Garden', 'Office'] },
      { key: 'terms', label: 'Terms', type: 'checkbox' as const },
      { key: 'other', label: 'Other', type: 'checkbox' as const },
      { key: 'id', label: 'ID', type: 'file' as const },
      { key: 'empty', label: 'Empty', type: 'file' as const },
    ];
    const { answers, files } = collectAnswers(fields, data);
    expect(answers).toEqual({ name: 'Anna', wishes: null, budget: '12,5', rooms: ['Garden', 'Office'], terms: true, other: false });
    expect(Object.keys(files)).toEqual(['id']);
    expect(answerErrors({ 'answers.budget': 'must be a number', password: 'x' })).toEqual({ budget: 'must be a number' });
    expect(splitList(' Flat, house ,, ')).toEqual(['Flat', 'house']);
  });
});
