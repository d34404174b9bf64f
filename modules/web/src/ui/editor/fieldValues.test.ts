import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../net/api';
import { formatValue, parseValue, storedProblem } from './fieldValues';

const f = (type: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name: 'x', type, required: false, ...extra });

describe('field values', () => {
  it('parses each field type, refusing what is invalid', () => {
    expect(parseValue(f('integer'), '42')).toEqual({ ok: true, value: 42 });
    expect(parseValue(f('integer'), '4.5')).toMatchObject({ ok: false });
    expect(parseValue(f('integer'), 'abc')).toMatchObject({ ok: false });
    expect(parseValue(f('number'), '4.5')).toEqual({ ok: true, value: 4.5 });
    expect(parseValue(f('number'), '4,5')).toMatchObject({ ok: false });
    expect(parseValue(f('boolean'), true)).toEqual({ ok: true, value: true });
    expect(parseValue(f('enum', { options: ['a', 'b'] }), 'b')).toEqual({ ok: true, value: 'b' });
    expect(parseValue(f('enum', { options: ['a', 'b'] }), 'c')).toMatchObject({ ok: false });
    expect(parseValue(f('string_list'), ' one\n\ntwo \n')).toEqual({ ok: true, value: ['one', 'two'] });
    expect(parseValue(f('object'), '{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
    expect(parseValue(f('object'), '[1]')).toMatchObject({ ok: false });
    expect(parseValue(f('object'), '{oops')).toMatchObject({ ok: false });
    expect(parseValue(f('code'), '  x = 1\n')).toEqual({ ok: true, value: '  x = 1\n' });
  });

  it('an empty optional field removes the key; an empty required one is an error', () => {
    expect(parseValue(f('string'), '  ')).toEqual({ ok: true, value: null });
    expect(parseValue(f('code', { required: true }), '')).toEqual({ ok: false, error: 'Required' });
  });

  it('formats stored values for their inputs and reports stored problems', () => {
    expect(formatValue(f('string_list'), ['a', 'b'])).toBe('a\nb');
    expect(formatValue(f('object'), { a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatValue(f('integer'), 3)).toBe('3');
    expect(storedProblem(f('code', { required: true }), undefined)).toBe('Required');
    expect(storedProblem(f('enum', { required: true, default: 'a' }), undefined)).toBeNull();
    expect(storedProblem(f('integer'), 'x')).toBe('Must be a whole number');
    expect(storedProblem(f('integer'), 3)).toBeNull();
  });
});
