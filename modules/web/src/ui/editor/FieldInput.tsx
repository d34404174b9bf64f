import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { jsonEqual, type Json } from '../../protocol/json';
import type { FieldSpec } from '../../net/api';
import { formatValue, parseValue, storedProblem } from './fieldValues';

interface Props {
  spec: FieldSpec;
  value: Json | undefined;
  onCommit: (value: Json) => void;
  /** For `person` fields: the diagram's person names. */
  persons?: readonly string[];
  testId?: string;
  label?: string;
}

/** One descriptor field: the right input for its type; text is sent on blur/Enter, choices on change. */
export function FieldInput({ spec, value, onCommit, persons = [], testId, label }: Props) {
  const id = testId ?? `field-${spec.name}`;
  const stored = formatValue(spec, value);
  const [draft, setDraft] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);

  useEffect(() => {
    if (!editing.current) {
      setDraft(stored);
      setError(null);
    }
  }, [stored]);

  const commitValue = (raw: string | boolean) => {
    const parsed = parseValue(spec, raw);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    editing.current = false; // from now on the stored value shows again (it may be someone else's)
    if (!jsonEqual(parsed.value, value ?? null)) onCommit(parsed.value);
  };

  const onTextChange = (text: string) => {
    editing.current = true;
    setDraft(text);
    const parsed = parseValue(spec, text);
    setError(parsed.ok ? null : parsed.error);
  };

  const onBlur = () => {
    commitValue(draft);
    editing.current = false;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>, multiline: boolean) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commitValue(draft);
    } else if (e.key === 'Escape') {
      editing.current = false;
      setDraft(stored);
      setError(null);
      (e.target as HTMLElement).blur();
    }
  };

  const problem = error ?? (editing.current ? null : storedProblem(spec, value));
  const title = label ?? spec.name;
  const fieldLabel = (
    <label htmlFor={id} className="fc-field-label" title={spec.description}>
      {title}{spec.required ? <span className="fc-required" aria-label="required"> *</span> : null}
    </label>
  );
  const errorLine = problem ? <div className="fc-field-error" data-testid={`field-error-${spec.name}`}>{problem}</div> : null;
  const hint = spec.description ? <div className="fc-field-hint">{spec.description}</div> : null;

  switch (spec.type) {
    case 'boolean': {
      const checked = typeof value === 'boolean' ? value : value === 'true' ? true : spec.default === true;
      return (
        <div className="fc-field fc-field-check">
          <label className="fc-field-label" title={spec.description}>
            <input id={id} data-testid={id} type="checkbox" checked={checked} onChange={(e) => commitValue(e.target.checked)} />
            {' '}{title}
          </label>
          {errorLine}
        </div>
      );
    }
    case 'enum':
    case 'person': {
      const options = spec.type === 'person' ? [...persons] : spec.options ?? [];
      const current = typeof value === 'string' ? value : '';
      const deflt = typeof spec.default === 'string' ? spec.default : null;
      return (
        <div className="fc-field">
          {fieldLabel}
          <select id={id} data-testid={id} value={current} onChange={(e) => commitValue(e.target.value)}>
            <option value="">{deflt ? `(default: ${deflt})` : '—'}</option>
            {options.map((o) => <option key={o} value={o}>{o}</option>)}
            {current && !options.includes(current) ? <option value={current}>{current} (unknown)</option> : null}
          </select>
          {errorLine}
          {hint}
        </div>
      );
    }
    case 'text':
    case 'code':
    case 'string_list':
    case 'object':
      return (
        <div className="fc-field">
          {fieldLabel}
          <textarea
            id={id}
            data-testid={id}
            className={spec.type === 'code' || spec.type === 'object' ? 'fc-mono' : undefined}
            rows={spec.type === 'code' || spec.type === 'object' ? 6 : 3}
            value={draft}
            spellCheck={spec.type === 'text'}
            placeholder={spec.type === 'string_list' ? 'one per line' : spec.default !== undefined ? formatValue(spec, spec.default) : undefined}
            onChange={(e) => onTextChange(e.target.value)}
            onBlur={onBlur}
            onKeyDown={(e) => onKeyDown(e, true)}
          />
          {errorLine}
          {hint}
        </div>
      );
    default:
      return (
        <div className="fc-field">
          {fieldLabel}
          <input
            id={id}
            data-testid={id}
            type="text"
            inputMode={spec.type === 'integer' ? 'numeric' : spec.type === 'number' ? 'decimal' : undefined}
            value={draft}
            placeholder={spec.default !== undefined && spec.default !== null ? formatValue(spec, spec.default) : undefined}
            onChange={(e) => onTextChange(e.target.value)}
            onBlur={onBlur}
            onKeyDown={(e) => onKeyDown(e, false)}
          />
          {errorLine}
          {hint}
        </div>
      );
  }
}
