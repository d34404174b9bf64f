import { useMemo, useState, useEffect } from 'react';
import { isObject, jsonEqual, type Json, type JsonObject } from '../../protocol/json';
import type { FieldSpec } from '../../net/api';
import { editGraph } from '../../store/session';
import { useApp } from '../../store/store';
import { deleteNodes, updateNodeData } from './commands';
import { FieldInput } from './FieldInput';

const LABEL_SPEC: FieldSpec = { name: 'label', type: 'string', required: false, description: 'What the node is called on the canvas.' };
const EDGE_LABEL_SPEC: FieldSpec = { name: 'label', type: 'string', required: false, description: 'Names the value at the target ({{label}} in a prompt, a variable in code).' };

export function PropertiesPanel() {
  const nodeId = useApp((s) => s.selectedNodeId);
  const edgeId = useApp((s) => s.selectedEdgeId);
  if (nodeId) return <NodeProperties key={nodeId} nodeId={nodeId} />;
  if (edgeId) return <EdgeProperties key={edgeId} edgeId={edgeId} />;
  return (
    <aside className="fc-side fc-properties-empty">
      <p className="fc-muted">Select a node to edit its properties. Right-click a node for actions.</p>
    </aside>
  );
}

function NodeProperties({ nodeId }: { nodeId: string }) {
  const node = useApp((s) => s.graph.nodes.get(nodeId));
  const info = useApp((s) => (node ? s.nodeTypes.get(node.type) : undefined));
  const personsField = useApp((s) => s.graph.fields.persons);
  const persons = useMemo(() => (isObject(personsField) ? Object.keys(personsField) : []), [personsField]);
  if (!node) return null;
  const commit = (name: string) => (value: Json) => updateNodeData(nodeId, { [name]: value });
  return (
    <aside className="fc-side" data-testid="properties" data-node-id={nodeId}>
      <div className="fc-side-head">
        <h3>{info?.title ?? node.type}</h3>
        <span className="fc-muted fc-small">{node.type} · {node.id}</span>
      </div>
      {info?.description ? <p className="fc-muted fc-small">{info.description}</p> : null}
      <FieldInput spec={LABEL_SPEC} value={node.data.label} onCommit={commit('label')} />
      {info
        ? info.fields.filter((f) => f.name !== 'label').map((f) => (
          <FieldInput key={f.name} spec={f} value={node.data[f.name]} onCommit={commit(f.name)} persons={persons} />
        ))
        : <RawData nodeId={nodeId} data={node.data} />}
      <div className="fc-side-actions">
        <button type="button" className="fc-danger" data-testid="delete-node" onClick={() => deleteNodes([nodeId])}>Delete node</button>
      </div>
    </aside>
  );
}

/** A node whose type the catalogue does not know: its data as JSON. */
function RawData({ nodeId, data }: { nodeId: string; data: Readonly<JsonObject> }) {
  const { label: _label, ...rest } = data;
  void _label;
  const stored = JSON.stringify(rest, null, 2);
  const [draft, setDraft] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(stored), [stored]);
  const commit = () => {
    let v: unknown;
    try {
      v = JSON.parse(draft);
    } catch (e) {
      setError(`Invalid JSON: ${(e as Error).message}`);
      return;
    }
    if (!isObject(v)) {
      setError('Must be a JSON object');
      return;
    }
    setError(null);
    const patch: Record<string, Json> = {};
    for (const k of Object.keys(rest)) if (!(k in v)) patch[k] = null;
    for (const [k, val] of Object.entries(v)) if (k !== 'label' && !jsonEqual(rest[k], val)) patch[k] = val;
    if (Object.keys(patch).length > 0) updateNodeData(nodeId, patch);
  };
  return (
    <div className="fc-field">
      <p className="fc-muted fc-small">This node type is not in the catalogue; its data is shown as JSON.</p>
      <label htmlFor="field-data" className="fc-field-label">data</label>
      <textarea id="field-data" data-testid="field-data" className="fc-mono" rows={10} value={draft}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      {error ? <div className="fc-field-error" data-testid="field-error-data">{error}</div> : null}
    </div>
  );
}

function EdgeProperties({ edgeId }: { edgeId: string }) {
  const edge = useApp((s) => s.graph.edges.get(edgeId));
  if (!edge) return null;
  return (
    <aside className="fc-side" data-testid="edge-properties" data-edge-id={edgeId}>
      <div className="fc-side-head">
        <h3>Connection</h3>
        <span className="fc-muted fc-small">{edge.source}{edge.sourceHandle ? `:${edge.sourceHandle}` : ''} → {edge.target}{edge.targetHandle ? `:${edge.targetHandle}` : ''}</span>
      </div>
      <FieldInput spec={EDGE_LABEL_SPEC} testId="edge-label" value={edge.extra.label}
        onCommit={(v) => editGraph([{ op: 'update_edge', id: edgeId, fields: { label: v } }])} />
      <div className="fc-side-actions">
        <button type="button" className="fc-danger" data-testid="delete-edge" onClick={() => deleteNodes([], [edgeId])}>Delete connection</button>
      </div>
    </aside>
  );
}
