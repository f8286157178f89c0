import { checkAnswer, checkAnswers, fieldsSchema, storedAnswer, type FormField } from '../../src/plugins/client-portal/server/src/rules/forms';

const number: FormField = { key: 'budget', label: 'Budget', type: 'number' };
const text: FormField = { key: 'city', label: 'City', type: 'text', required: true };
const messages = (fields: unknown) => {
  const result = fieldsSchema.safeParse(fields);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('form answers', () => {
  it('reads numbers written as people type them (point or comma), and refuses what may be thousands separators, hex and exponents', () => {
    expect(checkAnswer(number, '12,5')).toEqual({ value: 12.5 });
    expect(checkAnswer(number, ' -3.25 ')).toEqual({ value: -3.25 });
    expect(checkAnswer(number, 7)).toEqual({ value: 7 });
    expect(checkAnswer(number, '0.125')).toEqual({ value: 0.125 });
    for (const raw of ['1,000', '2.500', '1.000.000', '0x10', '1e3', 'Infinity', '12abc', '+5']) expect(checkAnswer(number, raw)).toEqual({ error: 'must be a number' });
  });

  it('counts `false` as an answer only for a checkbox', () => {
    expect(checkAnswer(text, false)).toEqual({ error: 'must be text' });
    expect(checkAnswer({ ...number, required: true }, false)).toEqual({ error: 'must be a number' });
    expect(checkAnswer({ key: 'ok', label: 'OK', type: 'checkbox' }, false)).toEqual({ value: false });
    expect(checkAnswer({ key: 'ok', label: 'OK', type: 'checkbox', required: true }, false)).toEqual({ error: 'must be ticked' });
  });

  it('never reads an inherited property as an answer', () => {
    const fields: FormField[] = [{ key: 'city', label: 'City', type: 'text' }];
    expect(checkAnswers(fields, JSON.parse('{}'), new Set()).values).toEqual({ city: null });
    expect(storedAnswer({}, 'toString')).toBeNull();
    expect(storedAnswer({ city: 'Delft' }, 'city')).toBe('Delft');
  });

  it('names at most ten unknown keys, then how many more', () => {
    const answers = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`extra${i}`, 'x']));
    const { errors } = checkAnswers([{ key: 'city', label: 'City', type: 'text' }], answers, new Set());
    expect(errors).toHaveLength(11);
    expect(errors[10]).toEqual({ key: '…', message: 'and 4 more keys are not fields of this form' });
  });
});

describe('form definitions', () => {
  it('refuses keys every object already has', () => {
    expect(messages([{ key: 'constructor', label: 'C', type: 'text' }])).toEqual(['0.key: is a reserved name: choose another key']);
    expect(messages([{ key: 'toString', label: 'C', type: 'text' }])).toEqual(['0.key: is a reserved name: choose another key']);
  });

  it('allows at most three file fields (a client sends all files of a form at once)', () => {
    const file = (key: string) => ({ key, label: key, type: 'file' });
    expect(messages(['a', 'b', 'c'].map(file))).toEqual([]);
    expect(messages(['a', 'b', 'c', 'd'].map(file))).toEqual([': must have at most 3 file fields (a client sends all files at once)']);
  });

  it('refuses a multiple-choice maximum above its options and a required field that allows nothing', () => {
    expect(messages([{ key: 'rooms', label: 'Rooms', type: 'multiChoice', options: ['A', 'B'], max: 3 }])).toEqual(['0.max: must not exceed the number of options']);
    expect(messages([{ key: 'note', label: 'Note', type: 'text', required: true, max: 0 }])).toEqual(['0.max: must be at least 1 for a required field']);
    expect(messages([{ key: 'n', label: 'N', type: 'number', required: true, max: 0 }])).toEqual([]);
  });
});
