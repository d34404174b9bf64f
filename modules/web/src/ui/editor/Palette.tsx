import { useApp } from '../../store/store';
import { PALETTE_MIME } from './Canvas';
import { addNode } from './commands';

export function Palette() {
  const types = useApp((s) => s.nodeTypeList);
  const loaded = useApp((s) => s.loaded);
  return (
    <nav className="fc-palette" data-testid="palette" aria-label="Node types">
      <div className="fc-palette-head">Nodes</div>
      {types.length === 0 && <div className="fc-muted fc-small">Loading node types…</div>}
      {types.map((t) => (
        <button
          key={t.type}
          type="button"
          className="fc-palette-item"
          data-testid="palette-item"
          data-node-type={t.type}
          draggable
          disabled={!loaded}
          title={`${t.description}\n\nClick to add, or drag onto the canvas.`}
          onClick={() => addNode(t.type)}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, t.type);
            e.dataTransfer.setData('text/plain', t.type);
            e.dataTransfer.effectAllowed = 'copy';
          }}
        >
          <span className="fc-palette-title">{t.title}</span>
          <span className="fc-palette-type">{t.type}</span>
        </button>
      ))}
    </nav>
  );
}
