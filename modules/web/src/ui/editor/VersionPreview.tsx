import { useMemo } from 'react';
import { nodeLabel, type Graph } from '../../graph/model';
import { useApp } from '../../store/store';
import { rollbackTo } from './VersionsPanel';

const W = 180;
const H = 56;

/** A read-only drawing of a version (not React Flow: it must not duplicate the canvas's test ids). */
function StaticGraph({ graph }: { graph: Graph }) {
  const types = useApp((s) => s.nodeTypes);
  const box = useMemo(() => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const n of graph.nodes.values()) {
      minX = Math.min(minX, n.position.x);
      minY = Math.min(minY, n.position.y);
      maxX = Math.max(maxX, n.position.x + W);
      maxY = Math.max(maxY, n.position.y + H);
    }
    if (!Number.isFinite(minX)) return { x: 0, y: 0, w: 900, h: 500 };
    // never zoom in beyond about 1:1 on small graphs
    const w = Math.max(maxX - minX + 80, 900);
    const h = Math.max(maxY - minY + 80, 500);
    return { x: (minX + maxX) / 2 - w / 2, y: (minY + maxY) / 2 - h / 2, w, h };
  }, [graph]);
  return (
    <svg className="fc-static-graph" viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`} preserveAspectRatio="xMidYMid meet">
      <defs>
        <marker id="fc-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#7a8699" />
        </marker>
      </defs>
      {[...graph.edges.values()].map((e) => {
        const s = graph.nodes.get(e.source);
        const t = graph.nodes.get(e.target);
        if (!s || !t) return null;
        return <line key={e.id} x1={s.position.x + W / 2} y1={s.position.y + H} x2={t.position.x + W / 2} y2={t.position.y}
          stroke="#7a8699" strokeWidth={1.5} markerEnd="url(#fc-arrow)" />;
      })}
      {[...graph.nodes.values()].map((n) => (
        <g key={n.id} transform={`translate(${n.position.x} ${n.position.y})`}>
          <rect width={W} height={H} rx={8} fill="#fff" stroke="#4a5568" strokeWidth={1.2} />
          <text x={W / 2} y={24} textAnchor="middle" fontSize={14} fontWeight={600} fill="#1a202c">
            {nodeLabel(n, types.get(n.type)?.title).slice(0, 24)}
          </text>
          <text x={W / 2} y={42} textAnchor="middle" fontSize={11} fill="#5a6472">{n.type}</text>
        </g>
      ))}
    </svg>
  );
}

export function VersionPreview() {
  const preview = useApp((s) => s.preview);
  const graphId = useApp((s) => s.graphId);
  if (!preview || !graphId) return null;
  return (
    <div className="fc-preview" data-testid="version-preview" data-version={preview.version}>
      <div className="fc-preview-bar">
        <strong>Version {preview.version}</strong>
        <span className="fc-muted fc-small">read-only preview{preview.graph ? ` · ${preview.graph.nodes.size} nodes, ${preview.graph.edges.size} edges` : ''}</span>
        <div className="fc-spacer" />
        <button type="button" className="fc-primary" data-testid="version-rollback" disabled={!preview.graph}
          onClick={() => void rollbackTo(graphId, preview.version)}>
          Roll back to v{preview.version}
        </button>
        <button type="button" data-testid="version-preview-close" onClick={() => useApp.setState({ preview: null })}>Close</button>
      </div>
      <div className="fc-preview-body">
        {preview.error ? <p className="fc-error">Could not load v{preview.version}: {preview.error}</p>
          : preview.graph ? <StaticGraph graph={preview.graph} /> : <p className="fc-muted">Loading…</p>}
      </div>
    </div>
  );
}
