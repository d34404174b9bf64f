/** Graphs the specs seed through the ws helper (node types of the core-nodes plugin). */
import type { Graph } from './ws-client';

/** start "First" → endpoint "Second", small enough to be on screen at any reasonable viewport. */
export function twoNodes(): Graph {
  return {
    nodes: [
      { id: 'n1', type: 'start', position: { x: 100, y: 120 }, data: { label: 'First' } },
      { id: 'n2', type: 'endpoint', position: { x: 420, y: 120 }, data: { label: 'Second' } },
    ],
    edges: [{ id: 'e12', source: 'n1', target: 'n2' }],
  };
}

/** start → user_response ("Your name?") → endpoint. */
export function askName(timeout = 60): Graph {
  return {
    nodes: [
      { id: 'start', type: 'start', position: { x: 80, y: 150 }, data: { label: 'Start' } },
      { id: 'ask', type: 'user_response', position: { x: 340, y: 150 }, data: { label: 'Ask name', prompt: 'Your name?', timeout } },
      { id: 'end', type: 'endpoint', position: { x: 600, y: 150 }, data: { label: 'End' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'ask' },
      { id: 'e2', source: 'ask', target: 'end' },
    ],
  };
}

/** start → condition (1 > 2, false) → condtrue: "Yes" endpoint (skipped), condfalse: "No" endpoint. */
export function branch(): Graph {
  return {
    nodes: [
      { id: 'start', type: 'start', position: { x: 80, y: 200 }, data: { label: 'Start' } },
      { id: 'check', type: 'condition', position: { x: 340, y: 200 }, data: { label: 'Check', condition_type: 'expression', expression: '1 > 2' } },
      { id: 'yes', type: 'endpoint', position: { x: 620, y: 80 }, data: { label: 'Yes' } },
      { id: 'no', type: 'endpoint', position: { x: 620, y: 320 }, data: { label: 'No' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'check' },
      { id: 'e2', source: 'check', sourceHandle: 'condtrue', target: 'yes' },
      { id: 'e3', source: 'check', sourceHandle: 'condfalse', target: 'no' },
    ],
  };
}

/** start → ask1 → ask2 → endpoint: stays running while ask1 waits for an answer. */
export function twoQuestions(): Graph {
  return {
    nodes: [
      { id: 'start', type: 'start', position: { x: 60, y: 150 }, data: { label: 'Start' } },
      { id: 'ask1', type: 'user_response', position: { x: 280, y: 150 }, data: { label: 'First question', prompt: 'First?', timeout: 60 } },
      { id: 'ask2', type: 'user_response', position: { x: 500, y: 150 }, data: { label: 'Second question', prompt: 'Second?', timeout: 60 } },
      { id: 'end', type: 'endpoint', position: { x: 720, y: 150 }, data: { label: 'End' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'ask1' },
      { id: 'e2', source: 'ask1', target: 'ask2' },
      { id: 'e3', source: 'ask2', target: 'end' },
    ],
  };
}

/**
 * `count` job nodes on a grid (`cols` per row, 220 × 120 px apart), each row a chain, and the end
 * of each row linked to the start of the next: count - 1 edges.
 */
export function grid(count: number, cols = 40): Graph {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < count; i++) {
    nodes.push({
      id: `g${i}`, type: 'job',
      position: { x: (i % cols) * 220, y: Math.floor(i / cols) * 120 },
      data: { label: `Node ${i}`, language: 'python', code: `result = ${i}` },
    });
    if (i > 0) edges.push({ id: `ge${i}`, source: `g${i - 1}`, target: `g${i}` });
  }
  return { nodes, edges };
}
