import { useApp } from '../store/store';
import { EditorPage } from './editor/EditorPage';
import { GraphListPage } from './GraphListPage';
import { Notices } from './Notices';
import { TokenPrompt } from './TokenPrompt';
import { graphIdOf } from './router';

export function App() {
  const path = useApp((s) => s.path);
  const graphId = graphIdOf(path);
  return (
    <>
      {graphId ? <EditorPage key={graphId} graphId={graphId} /> : <GraphListPage />}
      <Notices />
      <TokenPrompt />
    </>
  );
}
