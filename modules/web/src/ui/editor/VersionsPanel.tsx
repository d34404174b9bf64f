import { useEffect, useState } from 'react';
import { graphFromWire } from '../../graph/model';
import { api, type VersionInfo } from '../../net/api';
import { pushNotice, useApp } from '../../store/store';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export async function openPreview(graphId: string, version: number): Promise<void> {
  useApp.setState({ preview: { version, graph: null } });
  try {
    const detail = await api.version(graphId, version);
    if (useApp.getState().preview?.version === version) {
      useApp.setState({ preview: { version, graph: graphFromWire(detail.graph) } });
    }
  } catch (e) {
    if (useApp.getState().preview?.version === version) {
      useApp.setState({ preview: { version, graph: null, error: (e as Error).message } });
    }
  }
}

export function VersionsPanel() {
  const graphId = useApp((s) => s.graphId);
  const version = useApp((s) => s.version);
  const previewing = useApp((s) => s.preview?.version);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!graphId) return;
    let live = true;
    const t = setTimeout(() => {
      api.versions(graphId, 100)
        .then((r) => {
          if (!live) return;
          setVersions(r.versions);
          setError(null);
        })
        .catch((e: Error) => live && setError(e.message));
    }, versions === null ? 0 : 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [graphId, version]); // refetch when the version moves

  return (
    <aside className="fc-side fc-drawer" data-testid="versions-panel">
      <div className="fc-side-head">
        <h3>Versions</h3>
        <button type="button" className="fc-link" aria-label="Close" onClick={() => useApp.setState({ versionsOpen: false })}>×</button>
      </div>
      {error && <p className="fc-error fc-small">Could not load the history: {error}</p>}
      {versions === null && !error && <p className="fc-muted fc-small">Loading…</p>}
      {versions?.length === 0 && <p className="fc-muted fc-small">No versions yet: the graph has not been changed.</p>}
      <ol className="fc-version-list">
        {versions?.map((v) => (
          <li key={v.version}>
            <button
              type="button"
              className={`fc-version-item ${previewing === v.version ? 'fc-active' : ''}`}
              data-testid="version-item"
              data-version={v.version}
              onClick={() => graphId && void openPreview(graphId, v.version)}
            >
              <span className="fc-version-num">v{v.version}{v.version === version ? ' (current)' : ''}</span>
              <span className="fc-small">{when(v.createdAt)}</span>
              <span className="fc-small fc-muted" data-testid="version-author">{v.kind} · {v.authorName || v.author || 'unknown'} · {v.nodes} nodes, {v.edges} edges</span>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

export async function rollbackTo(graphId: string, version: number): Promise<void> {
  try {
    const r = await api.rollback(graphId, version, useApp.getState().userName.trim() || undefined);
    pushNotice('info', `Rolled back to v${r.rolledBackTo} (now v${r.version}).`);
    useApp.setState({ preview: null });
  } catch (e) {
    pushNotice('error', `Could not roll back to v${version}: ${(e as Error).message}`);
  }
}
