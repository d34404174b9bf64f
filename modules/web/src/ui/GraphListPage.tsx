import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import { api, type GraphSummary } from '../net/api';
import { rememberNewGraphName } from '../store/session';
import { navigate, newGraphId } from './router';

function formatTime(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function GraphListPage() {
  const [graphs, setGraphs] = useState<GraphSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');

  useEffect(() => {
    document.title = 'Flowcraft';
    let live = true;
    api.graphs()
      .then((g) => live && setGraphs([...g].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, []);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const id = newGraphId(trimmed);
    rememberNewGraphName(id, trimmed);
    navigate(`/graphs/${id}`);
  };

  const open = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(`/graphs/${id}`);
  };

  return (
    <div className="fc-list-page">
      <header className="fc-list-header">
        <h1>Flowcraft</h1>
        <p className="fc-muted">Collaborative AI workflows. Open a graph or start a new one.</p>
      </header>
      <form className="fc-create" onSubmit={create}>
        <input
          data-testid="new-graph-name"
          placeholder="New graph name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="New graph name"
        />
        <button type="submit" data-testid="create-graph" disabled={!name.trim()}>Create graph</button>
      </form>
      {error && <p className="fc-error">Could not load the graphs: {error}</p>}
      <ul className="fc-graph-list" data-testid="graph-list">
        {graphs?.length === 0 && <li className="fc-muted">No graphs yet.</li>}
        {graphs?.map((g) => (
          <li key={g.id}>
            <a href={`/graphs/${g.id}`} data-testid="graph-item" data-graph-id={g.id} onClick={(e) => open(e, g.id)}>
              <span className="fc-graph-name">{g.name || g.id}</span>
              <span className="fc-graph-meta">
                <span data-testid="graph-item-version">v{g.version}</span>
                <span data-testid="graph-item-nodes">{g.nodes} node{g.nodes === 1 ? '' : 's'}</span>
                <span>{formatTime(g.updatedAt)}</span>
              </span>
            </a>
          </li>
        ))}
        {graphs === null && !error && <li className="fc-muted">Loading…</li>}
      </ul>
    </div>
  );
}
