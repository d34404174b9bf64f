import { useState } from 'react';
import type { NodeRun } from '../../exec/execution';
import type { Tokens } from '../../protocol/messages';
import { nodeLabel } from '../../graph/model';
import { useApp } from '../../store/store';

function pretty(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v, null, 2);
  } catch {
    return String(v);
  }
}

export function RunPanel() {
  const exec = useApp((s) => s.exec);
  const [open, setOpen] = useState(exec.executionId !== null && !exec.restored);
  const [seen, setSeen] = useState(exec.executionId);
  if (seen !== exec.executionId) {
    // a new run opens the panel (the last run, loaded from the history, leaves it as it is)
    setSeen(exec.executionId);
    if (exec.executionId !== null && !exec.restored) setOpen(true);
  }
  return (
    <section className={`fc-run-panel ${open ? '' : 'fc-collapsed'}`} data-testid="run-panel" data-status={exec.status}>
      <header className="fc-run-head">
        <button type="button" className="fc-link" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? '▾' : '▸'} Run</button>
        {exec.executionId ? (
          <span className="fc-muted fc-small">
            {exec.restored ? 'last run: ' : ''}{exec.executionId} · {exec.status}
            {exec.durationMs !== undefined ? ` · ${exec.durationMs} ms` : ''}
            {exec.tokens ? ` · tokens ${exec.tokens.input}/${exec.tokens.output}${cost(exec.tokens)}` : ''}
          </span>
        ) : <span className="fc-muted fc-small">No run yet: press Run.</span>}
        {exec.error ? <span className="fc-error fc-small" data-testid="run-error">{exec.error}</span> : null}
      </header>
      {open && (
        <div className="fc-run-body">
          {exec.order.map((id) => <NodeRunView key={id} nodeId={id} run={exec.nodes[id]!} />)}
          {exec.status === 'completed' && exec.outputs !== undefined ? (
            <details className="fc-run-outputs" open>
              <summary>Outputs</summary>
              <pre data-testid="run-outputs">{pretty(exec.outputs)}</pre>
            </details>
          ) : null}
        </div>
      )}
    </section>
  );
}

function NodeRunView({ nodeId, run }: { nodeId: string; run: NodeRun }) {
  // follows renames of this node only
  const label = useApp((s) => {
    const n = s.graph.nodes.get(nodeId);
    return nodeLabel(n, n ? s.nodeTypes.get(n.type)?.title : undefined);
  });
  return (
    <div className={`fc-node-run fc-status-${run.status}`} data-testid="node-run" data-node-id={nodeId} data-status={run.status}>
      <div className="fc-node-run-head">
        <span className="fc-badge">{run.status}</span>
        <strong>{label}</strong>
        <span className="fc-muted fc-small">{nodeId}</span>
        {run.durationMs !== undefined && <span className="fc-small" data-testid="node-duration">{run.durationMs} ms</span>}
        {run.tokens && <span className="fc-small" data-testid="node-tokens">tokens {run.tokens.input} in / {run.tokens.output} out{cost(run.tokens)}</span>}
        {run.iteration !== undefined && run.iteration > 0 && <span className="fc-small">run {run.iteration + 1}</span>}
      </div>
      {run.stream !== '' && <pre className="fc-stream" data-testid="node-stream">{run.stream}</pre>}
      {run.error && <pre className="fc-error" data-testid="node-error">{run.error}</pre>}
      {run.reason && run.status === 'skipped' && <div className="fc-muted fc-small">{run.reason}</div>}
      {run.output !== undefined && <pre className="fc-output" data-testid="node-output">{pretty(run.output)}</pre>}
    </div>
  );
}

/** " · $0.0012" when the cost is known; dollars with four significant digits, at least two decimals. */
function cost(tokens: Tokens): string {
  if (tokens.costUsd === undefined) return '';
  const usd = tokens.costUsd;
  return ` · $${usd === 0 ? '0' : usd >= 0.01 ? usd.toFixed(2) : usd.toPrecision(2)}`;
}
