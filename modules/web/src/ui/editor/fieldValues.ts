import { isObject, type Json } from '../../protocol/json';
import type { FieldSpec } from '../../net/api';

export type Parsed = { ok: true; value: Json } | { ok: false; error: string };

/** The text an input shows for a stored value. */
export function formatValue(spec: Pick<FieldSpec, 'type'>, v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  switch (spec.type) {
    case 'string_list':
      return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') : String(v);
    case 'object':
      return JSON.stringify(v, null, 2);
    default:
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }
}

/**
 * What an input's text means for a field: the value to store (`null` removes the key), or why it
 * is not valid (then nothing is sent).
 */
export function parseValue(spec: Pick<FieldSpec, 'type' | 'required' | 'options'>, raw: string | boolean): Parsed {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const text = spec.type === 'code' || spec.type === 'text' ? raw : raw.trim();
  if (text.trim() === '') return spec.required ? { ok: false, error: 'Required' } : { ok: true, value: null };
  switch (spec.type) {
    case 'integer':
      return /^-?\d+$/.test(text) ? { ok: true, value: Number.parseInt(text, 10) } : { ok: false, error: 'Must be a whole number' };
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'Must be a number' };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, error: 'Must be true or false' };
    case 'enum':
      return !spec.options || spec.options.length === 0 || spec.options.includes(text)
        ? { ok: true, value: text }
        : { ok: false, error: `Must be one of ${spec.options.join(', ')}` };
    case 'string_list':
      return { ok: true, value: text.split('\n').map((l) => l.trim()).filter((l) => l !== '') };
    case 'object': {
      try {
        const v = JSON.parse(text) as Json;
        return isObject(v) ? { ok: true, value: v } : { ok: false, error: 'Must be a JSON object' };
      } catch (e) {
        return { ok: false, error: `Invalid JSON: ${(e as Error).message}` };
      }
    }
    default:
      return { ok: true, value: text };
  }
}

/** The problem with a stored value (missing required field, wrong type), or null. */
export function storedProblem(spec: FieldSpec, v: Json | undefined): string | null {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    return spec.required && spec.default === undefined ? 'Required' : null;
  }
  switch (spec.type) {
    case 'integer':
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v.trim())) ? null : 'Must be a whole number';
    case 'number':
      return typeof v === 'number' || (typeof v === 'string' && Number.isFinite(Number(v))) ? null : 'Must be a number';
    case 'boolean':
      return typeof v === 'boolean' || v === 'true' || v === 'false' ? null : 'Must be true or false';
    case 'object':
      return isObject(v) ? null : 'Must be a JSON object';
    case 'string_list':
      return Array.isArray(v) ? null : 'Must be a list';
    default:
      return null;
  }
}
