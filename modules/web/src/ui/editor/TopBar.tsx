import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { graphName } from '../../graph/model';
import { controlExecution, editGraph, redo, runDiagram, setUserName, undo } from '../../store/session';
import { useApp } from '../../store/store';
import { navigate } from '../router';
import { exportGraph, importFile } from './commands';

export function TopBar() {
  return (
    <header className="fc-topbar">
      <div className="fc-row">
        <a href="/" className="fc-back" data-testid="back-to-list" onClick={(e: MouseEvent) => { e.preventDefault(); navigate('/'); }}>← Graphs</a>
        <GraphName />
        <Status />
        <div className="fc-spacer" />
        <Presence />
        <UserName />
      </div>
      <div className="fc-row fc-toolbar">
        <UndoRedo />
        <span className="fc-sep" />
        <RunToolbar />
        <span className="fc-sep" />
        <FileMenu />
        <div className="fc-spacer" />
        <PanelToggles />
      </div>
    </header>
  );
}

function GraphName() {
  const graphId = useApp((s) => s.graphId);
  const name = useApp((s) => graphName(s.graph));
  const loaded = useApp((s) => s.loaded);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${name ?? graphId ?? 'Graph'} · Flowcraft`;
  }, [name, graphId]);
  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const save = () => {
    const next = draft.trim();
    setEditing(false);
    if (next !== (name ?? '')) editGraph([{ op: 'set_field', key: 'name', value: next === '' ? null : next }]);
  };

  if (editing) {
    return (
      <input
        ref={input}
        className="fc-name-input"
        data-testid="graph-name-input"
        value={draft}
        aria-label="Graph name"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
          else if (e.key === 'Escape') setEditing(false);
        }}
        onBlur={() => setEditing(false)}
      />
    );
  }
  return (
    <button
      type="button"
      className={`fc-name ${name ? '' : 'fc-muted'}`}
      data-testid="graph-name"
      title="Rename"
      disabled={!loaded}
      onClick={() => {
        setDraft(name ?? '');
        setEditing(true);
      }}
    >
      {name ?? graphId}
    </button>
  );
}

function Status() {
  const status = useApp((s) => s.status);
  const version = useApp((s) => s.version);
  const pending = useApp((s) => s.pending);
  return (
    <div className="fc-status-group">
      <span className={`fc-conn fc-conn-${status}`} data-testid="connection-status" data-status={status} title={`Connection: ${status}`}>
        <span className="fc-dot" />{status}
      </span>
      <span className="fc-version" data-testid="version" data-version={version}>{version >= 0 ? `v${version}` : 'v–'}</span>
      <span className={`fc-saving ${pending > 0 ? 'fc-saving-on' : ''}`} title={pending > 0 ? `${pending} change(s) being saved` : 'All changes saved'}>
        {pending > 0 ? 'saving…' : 'all changes saved'}
      </span>
    </div>
  );
}

function UndoRedo() {
  const canUndo = useApp((s) => s.canUndo);
  const canRedo = useApp((s) => s.canRedo);
  return (
    <div className="fc-group">
      <button type="button" data-testid="undo" disabled={!canUndo} onClick={undo} title="Undo (Ctrl+Z)">↶ Undo</button>
      <button type="button" data-testid="redo" disabled={!canRedo} onClick={redo} title="Redo (Ctrl+Shift+Z)">↷ Redo</button>
    </div>
  );
}

function RunToolbar() {
  const status = useApp((s) => s.exec.status);
  const executionId = useApp((s) => s.exec.executionId);
  const connected = useApp((s) => s.status === 'connected');
  const nodeCount = useApp((s) => s.graph.nodes.size);
  const live = status === 'running' || status === 'paused';
  return (
    <div className="fc-group">
      <button type="button" className="fc-primary" data-testid="run" disabled={live || !connected || nodeCount === 0} onClick={runDiagram}>▶ Run</button>
      <button type="button" data-testid="pause" disabled={status !== 'running'} onClick={() => controlExecution('pause_execution')}>Pause</button>
      <button type="button" data-testid="resume" disabled={status !== 'paused'} onClick={() => controlExecution('resume_execution')}>Resume</button>
      <button type="button" data-testid="cancel" disabled={!live} onClick={() => controlExecution('cancel_execution')}>Cancel</button>
      <span
        className={`fc-exec fc-exec-${status}`}
        data-testid="execution-status"
        data-status={status}
        {...(executionId ? { 'data-execution-id': executionId } : {})}
        title={executionId ?? 'No run yet'}
      >
        {status}
      </span>
    </div>
  );
}

function FileMenu() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="fc-group">
      <label className="fc-button" title="Import a Flowcraft graph or a DiPeO light diagram (JSON or YAML)">
        Import
        <input
          ref={input}
          type="file"
          className="fc-file-input"
          data-testid="import-file"
          accept=".json,.yaml,.yml"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f).finally(() => {
              if (input.current) input.current.value = '';
            });
          }}
        />
      </label>
      <button type="button" data-testid="export-json" title="Download the graph as JSON" onClick={() => void exportGraph('json')}>Export JSON</button>
      <button type="button" data-testid="export-yaml" title="Download the graph as YAML" onClick={() => void exportGraph('yaml')}>Export YAML</button>
    </div>
  );
}

function PanelToggles() {
  const versionsOpen = useApp((s) => s.versionsOpen);
  const personsOpen = useApp((s) => s.personsOpen);
  return (
    <div className="fc-group">
      <button type="button" data-testid="persons-toggle" aria-pressed={personsOpen}
        onClick={() => useApp.setState({ personsOpen: !personsOpen, versionsOpen: false })}>Persons</button>
      <button type="button" data-testid="versions-toggle" aria-pressed={versionsOpen}
        onClick={() => useApp.setState({ versionsOpen: !versionsOpen, personsOpen: false })}>Versions</button>
    </div>
  );
}

function colorOf(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
  return `hsl(${h} 65% 45%)`;
}

function Presence() {
  const others = useApp((s) => s.others);
  return (
    <div className="fc-presence" data-testid="presence" title={others.length === 0 ? 'Nobody else is here' : undefined}>
      {others.map((u) => (
        <span
          key={u.connectionId}
          className="fc-avatar"
          data-testid="presence-user"
          data-connection-id={u.connectionId}
          data-editing={u.editing ?? ''}
          style={{ background: colorOf(u.connectionId) }}
          title={`${u.name || 'Anonymous'}${u.editing ? ` — editing ${u.editing}` : ''}`}
        >
          {u.name || 'Anonymous'}
        </span>
      ))}
    </div>
  );
}

function UserName() {
  const userName = useApp((s) => s.userName);
  return (
    <input
      className="fc-user"
      data-testid="user-name"
      placeholder="Your name"
      aria-label="Your name"
      value={userName}
      maxLength={60}
      onChange={(e) => setUserName(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}
