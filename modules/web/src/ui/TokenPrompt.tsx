import { useState } from 'react';
import { currentToken, onAuthProblem, setToken } from '../net/auth';
import { pushNotice, useApp } from '../store/store';

/** Routes the server's 401s to the token prompt and its 403s to a notice. Call once at startup. */
export function installAuthPrompt(): void {
  onAuthProblem((problem, message) => {
    if (problem === 'forbidden') pushNotice('error', `Not allowed: ${message}`);
    else if (useApp.getState().auth === null) useApp.setState({ auth: { problem, message } });
  });
}

/** Asks for an access token when the server wants one (or refused ours); the page reloads with it. */
export function TokenPrompt() {
  const auth = useApp((s) => s.auth);
  const [text, setText] = useState('');
  if (!auth) return null;
  const use = () => {
    if (!text.trim()) return;
    setToken(text);
    window.location.reload();
  };
  return (
    <div className="fc-token" role="dialog" aria-label="Access token" data-testid="token-prompt">
      <div className="fc-token-head">{auth.problem === 'refused' ? 'Your access token was refused' : 'This Flowcraft server needs an access token'}</div>
      <p className="fc-small" data-testid="token-reason">
        {auth.problem === 'refused'
          ? `The server said: ${auth.message}. Paste a new token (it may have expired).`
          : 'Paste the token its operator gave you (or open this page with ?token=…). It is kept for this tab only.'}
      </p>
      <form onSubmit={(e) => { e.preventDefault(); use(); }}>
        <input
          type="password"
          autoComplete="off"
          data-testid="token-input"
          aria-label="Access token"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="fc-side-actions">
          <button type="submit" className="fc-primary" data-testid="token-submit" disabled={!text.trim()}>Use token</button>
          {currentToken() && (
            <button type="button" onClick={() => { setToken(null); window.location.reload(); }}>Forget the old one</button>
          )}
        </div>
      </form>
    </div>
  );
}
