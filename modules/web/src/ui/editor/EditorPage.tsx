import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { closeEditor, openEditor, redo, undo } from '../../store/session';
import { useApp } from '../../store/store';
import { Canvas } from './Canvas';
import { ContextMenu } from './ContextMenu';
import { Palette } from './Palette';
import { PersonsPanel } from './PersonsPanel';
import { PromptDialogs } from './PromptDialog';
import { PropertiesPanel } from './PropertiesPanel';
import { RunPanel } from './RunPanel';
import { TopBar } from './TopBar';
import { VersionPreview } from './VersionPreview';
import { VersionsPanel } from './VersionsPanel';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function EditorPage({ graphId }: { graphId: string }) {
  const loaded = useApp((s) => s.loaded);
  const versionsOpen = useApp((s) => s.versionsOpen);
  const personsOpen = useApp((s) => s.personsOpen);
  const hasSelection = useApp((s) => s.selectedNodeId !== null || s.selectedEdgeId !== null);
  const drawerOpen = versionsOpen || personsOpen;

  useEffect(() => {
    openEditor(graphId);
    return () => closeEditor();
  }, [graphId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || typing(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <ReactFlowProvider>
      <div className="fc-editor">
        <TopBar />
        <div className="fc-main">
          <Palette />
          <div className="fc-center">
            {loaded ? <Canvas /> : <div className="fc-loading">Connecting to {graphId}…</div>}
            <VersionPreview />
            <PromptDialogs />
          </div>
          {(!drawerOpen || hasSelection) && (
            <div className="fc-right">
              <PropertiesPanel />
            </div>
          )}
          {(personsOpen || versionsOpen) && (
            <div className="fc-drawers">
              {personsOpen && <PersonsPanel />}
              {versionsOpen && <VersionsPanel />}
            </div>
          )}
        </div>
        <RunPanel />
        <ContextMenu />
      </div>
    </ReactFlowProvider>
  );
}
