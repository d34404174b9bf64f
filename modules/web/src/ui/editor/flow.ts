import type { Edge, Node } from '@xyflow/react';
import type { NodeRunStatus } from '../../exec/execution';
import type { Graph, GraphEdge, GraphNode } from '../../graph/model';
import type { NodeTypeInfo } from '../../net/api';
import type { XY } from '../../protocol/ops';
import type { Size } from '../../sync/types';

export interface FlowNodeData extends Record<string, unknown> {
  node: GraphNode;
  status: NodeRunStatus;
  editedBy: string | null;
  info: NodeTypeInfo | undefined;
}

export type FlowNode = Node<FlowNodeData, 'fc'>;
export type FlowEdge = Edge;

interface NodeEntry {
  node: GraphNode;
  status: NodeRunStatus;
  editedBy: string | null;
  info: NodeTypeInfo | undefined;
  selected: boolean;
  size: Size | undefined;
  drag: XY | undefined;
  rf: FlowNode;
}

export interface NodeInputs {
  graph: Graph;
  statusOf: (id: string) => NodeRunStatus;
  editedBy: ReadonlyMap<string, string>;
  nodeTypes: ReadonlyMap<string, NodeTypeInfo>;
  selectedId: string | null;
  sizes: ReadonlyMap<string, Size>;
  drag: ReadonlyMap<string, XY>;
  tick?: number;
}

/**
 * Converts the graph to React Flow nodes incrementally: a node whose inputs did not change keeps
 * its React Flow object (so React Flow and the memoized node component skip it).
 */
export class NodeConverter {
  private cache = new Map<string, NodeEntry>();

  convert(inp: NodeInputs): FlowNode[] {
    const out: FlowNode[] = [];
    const next = new Map<string, NodeEntry>();
    for (const node of inp.graph.nodes.values()) {
      const status = inp.statusOf(node.id);
      const editedBy = inp.editedBy.get(node.id) ?? null;
      const info = inp.nodeTypes.get(node.type);
      const selected = inp.selectedId === node.id;
      const size = inp.sizes.get(node.id);
      const drag = inp.drag.get(node.id);
      const prev = this.cache.get(node.id);
      let entry: NodeEntry;
      if (prev && prev.node === node && prev.status === status && prev.editedBy === editedBy && prev.info === info
        && prev.selected === selected && prev.size === size && prev.drag === drag) {
        entry = prev;
      } else {
        const data: FlowNodeData = prev && prev.node === node && prev.status === status && prev.editedBy === editedBy && prev.info === info
          ? prev.rf.data
          : { node, status, editedBy, info };
        const rf: FlowNode = { id: node.id, type: 'fc', position: drag ?? node.position, data, selected };
        if (size) rf.measured = size;
        entry = { node, status, editedBy, info, selected, size, drag, rf };
      }
      next.set(node.id, entry);
      out.push(entry.rf);
    }
    this.cache = next;
    return out;
  }
}

interface EdgeEntry {
  edge: GraphEdge;
  selected: boolean;
  rf: FlowEdge;
}

export class EdgeConverter {
  private cache = new Map<string, EdgeEntry>();

  convert(graph: Graph, selectedId: string | null): FlowEdge[] {
    const out: FlowEdge[] = [];
    const next = new Map<string, EdgeEntry>();
    for (const edge of graph.edges.values()) {
      const selected = selectedId === edge.id;
      const prev = this.cache.get(edge.id);
      let entry: EdgeEntry;
      if (prev && prev.edge === edge && prev.selected === selected) {
        entry = prev;
      } else {
        const rf: FlowEdge = { id: edge.id, source: edge.source, target: edge.target, selected };
        if (edge.sourceHandle !== undefined) rf.sourceHandle = edge.sourceHandle;
        if (edge.targetHandle !== undefined) rf.targetHandle = edge.targetHandle;
        const label = edge.extra.label;
        if (typeof label === 'string' && label !== '') rf.label = label;
        entry = { edge, selected, rf };
      }
      next.set(edge.id, entry);
      out.push(entry.rf);
    }
    this.cache = next;
    return out;
  }
}

/** The handles a node type has: the descriptor's, or one `default` each way. */
export function handlesOf(type: string, info: NodeTypeInfo | undefined): { inputs: { id: string; label: string }[]; outputs: { id: string; label: string }[] } {
  const inputs = info && info.inputs.length > 0 ? info.inputs : type === 'start' ? [] : [{ id: 'default', label: '' }];
  const outputs = info && info.outputs.length > 0 ? info.outputs : [{ id: 'default', label: '' }];
  return { inputs, outputs };
}
