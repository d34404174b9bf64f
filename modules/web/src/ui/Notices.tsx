import { dismissNotice, useApp } from '../store/store';

export function Notices() {
  const notices = useApp((s) => s.notices);
  return (
    <div className="fc-notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`fc-notice fc-notice-${n.kind}`} data-testid="notice" data-kind={n.kind} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="fc-notice-close" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
