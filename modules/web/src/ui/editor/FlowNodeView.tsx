import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { nodeLabel } from '../../graph/model';
import { handlesOf, type FlowNode } from './flow';

function spread(i: number, n: number): string {
  return `${((i + 1) / (n + 1)) * 100}%`;
}

/** One node on the canvas: reads only its own data (from its React Flow node). */
function FlowNodeViewImpl({ id, data, selected }: NodeProps<FlowNode>) {
  const { node, status, editedBy, info } = data;
  const { inputs, outputs } = handlesOf(node.type, info);
  const handleKey = `${inputs.map((h) => h.id).join(',')}|${outputs.map((h) => h.id).join(',')}`;
  const updateInternals = useUpdateNodeInternals();
  const firstKey = useRef(handleKey);
  useEffect(() => {
    if (firstKey.current !== handleKey) {
      firstKey.current = handleKey;
      updateInternals(id);
    }
  }, [handleKey, id, updateInternals]);

  const title = info?.title ?? node.type;
  const label = nodeLabel(node, title);
  const className = ['fc-node', `fc-status-${status}`, selected ? 'fc-node-selected' : '', editedBy ? 'fc-node-edited' : '', info ? '' : 'fc-node-unknown']
    .filter(Boolean).join(' ');
  return (
    <div
      className={className}
      data-testid="node"
      data-node-id={id}
      data-node-type={node.type}
      data-status={status}
      {...(editedBy ? { 'data-edited-by': editedBy } : {})}
      title={editedBy ? `${editedBy} is editing this node` : undefined}
    >
      {inputs.map((h, i) => (
        <Handle key={`in-${h.id}`} type="target" position={Position.Top} id={h.id} style={{ left: spread(i, inputs.length) }}
          title={h.label || undefined} />
      ))}
      <div className="fc-node-label">{label}</div>
      <div className="fc-node-type">{title}{title !== node.type ? <span className="fc-node-typeid"> · {node.type}</span> : null}</div>
      {editedBy && <div className="fc-node-editor">{editedBy}</div>}
      {outputs.length > 1 && (
        <div className="fc-node-outputs">
          {outputs.map((h) => <span key={h.id}>{h.label || h.id}</span>)}
        </div>
      )}
      {outputs.map((h, i) => (
        <Handle key={`out-${h.id}`} type="source" position={Position.Bottom} id={h.id} style={{ left: spread(i, outputs.length) }}
          title={h.label || undefined} />
      ))}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewImpl);
