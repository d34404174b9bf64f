import { useEffect, useMemo, useRef, useState } from 'react';
import type { JsonObject } from '../../protocol/json';
import type { ActionInfo } from '../../protocol/messages';
import { runAction } from '../../store/session';
import { useApp } from '../../store/store';
import { deleteNodes } from './commands';

function close() {
  useApp.setState({ contextMenu: null });
}

/** Right-click menu of a node: the actions that apply to its type. */
export function ContextMenu() {
  const menu = useApp((s) => s.contextMenu);
  const node = useApp((s) => (menu ? s.graph.nodes.get(menu.nodeId) : undefined));
  const actions = useApp((s) => s.actions);
  const ref = useRef<HTMLDivElement>(null);
  const [asking, setAsking] = useState<ActionInfo | null>(null);

  useEffect(() => setAsking(null), [menu?.nodeId]);
  useEffect(() => {
    if (!menu) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [menu]);

  const applicable = useMemo(
    () => (node ? actions.filter((a) => a.nodeTypes.length === 0 || a.nodeTypes.includes(node.type)) : []),
    [actions, node],
  );
  if (!menu || !node) return null;

  const choose = (a: ActionInfo) => {
    if ((a.parameters ?? []).some((p) => p.required && p.default === undefined)) {
      setAsking(a);
      return;
    }
    runAction(a.id, node.id);
    close();
  };

  const style = { left: Math.min(menu.x, window.innerWidth - 260), top: Math.min(menu.y, window.innerHeight - 280) };
  return (
    <div ref={ref} className="fc-context-menu" data-testid="context-menu" data-node-id={node.id} style={style} role="menu">
      {asking ? (
        <ActionParams action={asking} nodeId={node.id} onDone={close} />
      ) : (
        <>
          {applicable.length === 0 && <div className="fc-muted fc-small fc-menu-empty">No actions for this node type</div>}
          {applicable.map((a) => (
            <button key={a.id} type="button" role="menuitem" className="fc-menu-item" data-testid="action-item" data-action-id={a.id}
              title={a.description} onClick={() => choose(a)}>
              {a.label}
            </button>
          ))}
          <hr />
          <button type="button" role="menuitem" className="fc-menu-item fc-danger-text" onClick={() => { deleteNodes([node.id]); close(); }}>
            Delete node
          </button>
        </>
      )}
    </div>
  );
}

/** Asks for an action's required parameters (an edge of the node for `edgeId`). */
function ActionParams({ action, nodeId, onDone }: { action: ActionInfo; nodeId: string; onDone: () => void }) {
  const graph = useApp((s) => s.graph);
  const nodeEdges = useMemo(() => [...graph.edges.values()].filter((e) => e.source === nodeId || e.target === nodeId), [graph, nodeId]);
  const params = (action.parameters ?? []).filter((p) => p.required && p.default === undefined);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(params.map((p) => [p.name, p.name === 'edgeId' ? nodeEdges[0]?.id ?? '' : ''])));
  const ready = params.every((p) => (values[p.name] ?? '') !== '');
  const submit = () => {
    const out: JsonObject = {};
    for (const p of params) {
      const v = values[p.name] ?? '';
      out[p.name] = p.type === 'integer' || p.type === 'number' ? Number(v) : p.type === 'boolean' ? v === 'true' : v;
    }
    runAction(action.id, nodeId, out);
    onDone();
  };
  return (
    <form className="fc-action-params" onSubmit={(e) => { e.preventDefault(); if (ready) submit(); }}>
      <div className="fc-menu-title">{action.label}</div>
      {params.map((p) => (
        <label key={p.name} className="fc-field-label">
          {p.name}
          {p.name === 'edgeId' ? (
            <select data-testid={`action-param-${p.name}`} value={values[p.name] ?? ''} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}>
              {nodeEdges.length === 0 && <option value="">(this node has no connections)</option>}
              {nodeEdges.map((e) => <option key={e.id} value={e.id}>{e.source} → {e.target}</option>)}
            </select>
          ) : (
            <input data-testid={`action-param-${p.name}`} value={values[p.name] ?? ''} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })} />
          )}
        </label>
      ))}
      <div className="fc-side-actions">
        <button type="submit" className="fc-primary" data-testid="action-run" disabled={!ready}>Run</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
