import { useState, type FormEvent } from 'react';
import { isObject, type Json, type JsonObject } from '../../protocol/json';
import type { FieldSpec } from '../../net/api';
import { editGraph } from '../../store/session';
import { useApp } from '../../store/store';
import { FieldInput } from './FieldInput';

const PERSON_FIELDS: FieldSpec[] = [
  { name: 'service', type: 'string', required: false, description: 'The LLM service (openai, anthropic, ollama, …).' },
  { name: 'model', type: 'string', required: false, description: 'The model name.' },
  { name: 'system_prompt', type: 'text', required: false, description: 'The system prompt.' },
  { name: 'api_key_id', type: 'string', required: false, description: 'Which stored API key to use.' },
  { name: 'temperature', type: 'number', required: false },
  { name: 'max_tokens', type: 'integer', required: false },
];

function personsOf(v: Json | undefined): JsonObject {
  return isObject(v) ? v : {};
}

/** Writes the whole persons field (one set_field); an empty map removes it. */
function savePersons(next: JsonObject): void {
  editGraph([{ op: 'set_field', key: 'persons', value: Object.keys(next).length > 0 ? next : null }]);
}

export function PersonsPanel() {
  const personsField = useApp((s) => s.graph.fields.persons);
  const persons = personsOf(personsField);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    if (persons[n] !== undefined) {
      setError(`There is already a person called ${n}`);
      return;
    }
    setError(null);
    savePersons({ ...persons, [n]: { service: 'openai', model: '' } });
    setName('');
  };

  const update = (person: string, key: string, value: Json) => {
    const current = useApp.getState().graph.fields.persons;
    const all = personsOf(current);
    const p = { ...(isObject(all[person]) ? all[person] : {}) };
    if (value === null) delete p[key];
    else p[key] = value;
    savePersons({ ...all, [person]: p });
  };

  const remove = (person: string) => {
    const { [person]: _gone, ...rest } = personsOf(useApp.getState().graph.fields.persons);
    void _gone;
    savePersons(rest);
  };

  return (
    <aside className="fc-side fc-drawer" data-testid="persons-panel">
      <div className="fc-side-head">
        <h3>Persons</h3>
        <button type="button" className="fc-link" aria-label="Close" onClick={() => useApp.setState({ personsOpen: false })}>×</button>
      </div>
      <p className="fc-muted fc-small">The LLM personas of this diagram (DiPeO persons): name → service, model, prompt.</p>
      <form className="fc-inline-form" onSubmit={add}>
        <input data-testid="person-new-name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" data-testid="person-add" disabled={!name.trim()}>Add</button>
      </form>
      {error && <div className="fc-field-error">{error}</div>}
      {Object.keys(persons).length === 0 && <p className="fc-muted fc-small">No persons yet.</p>}
      {Object.entries(persons).map(([person, cfg]) => {
        const c = isObject(cfg) ? cfg : {};
        return (
          <details key={person} className="fc-person" data-testid="person-item" data-person={person} open>
            <summary>
              <strong>{person}</strong>
              <span className="fc-muted fc-small"> {typeof c.service === 'string' ? c.service : ''} {typeof c.model === 'string' ? c.model : ''}</span>
            </summary>
            {PERSON_FIELDS.map((f) => (
              <FieldInput key={f.name} spec={f} value={c[f.name]} testId={`person-${f.name}`}
                onCommit={(v) => update(person, f.name, v)} />
            ))}
            <button type="button" className="fc-danger" data-testid="person-remove" onClick={() => remove(person)}>Remove {person}</button>
          </details>
        );
      })}
    </aside>
  );
}
