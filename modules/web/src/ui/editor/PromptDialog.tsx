import { useState } from 'react';
import type { Prompt } from '../../exec/execution';
import { answerPrompt, labelOf } from '../../store/session';
import { useApp } from '../../store/store';

/** Every watcher sees the questions a run waits on; the first answer wins. */
export function PromptDialogs() {
  const prompts = useApp((s) => s.exec.prompts);
  const list = Object.values(prompts);
  if (list.length === 0) return null;
  return (
    <div className="fc-prompts">
      {list.map((p) => <PromptDialog key={`${p.executionId}:${p.nodeId}`} prompt={p} />)}
    </div>
  );
}

function PromptDialog({ prompt }: { prompt: Prompt }) {
  const [text, setText] = useState('');
  const sent = useApp((s) => s.answered[prompt.nodeId] === true);
  const submit = () => answerPrompt(prompt.executionId, prompt.nodeId, text);
  return (
    <div className="fc-prompt" role="dialog" aria-label="A question from the run" data-testid="prompt-dialog" data-node-id={prompt.nodeId}>
      <div className="fc-prompt-head">{labelOf(prompt.nodeId)} asks</div>
      <div className="fc-prompt-text" data-testid="prompt-text">{prompt.prompt}</div>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <textarea
          data-testid="prompt-input"
          rows={3}
          value={text}
          disabled={sent}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <div className="fc-side-actions">
          <button type="submit" className="fc-primary" data-testid="prompt-submit" disabled={sent}>{sent ? 'Sent…' : 'Answer'}</button>
          {prompt.timeoutSeconds > 0 && <span className="fc-muted fc-small">waits up to {prompt.timeoutSeconds} s</span>}
        </div>
      </form>
    </div>
  );
}
