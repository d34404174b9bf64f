import { useApp } from '../store/store';

/** Client-side navigation: history.pushState, no router library. */
export function navigate(path: string): void {
  if (window.location.pathname + window.location.search === path) return;
  window.history.pushState(null, '', path);
  useApp.setState({ path: window.location.pathname });
}

export function installRouter(): void {
  window.addEventListener('popstate', () => useApp.setState({ path: window.location.pathname }));
}

/** The graph id of an editor path (`/graphs/ID`), else null. */
export function graphIdOf(path: string): string | null {
  const m = /^\/graphs\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  return m ? m[1]! : null;
}

/** A new graph id: slug of the name + "-" + 6 random base36 characters. */
export function newGraphId(name: string, random: () => number = Math.random): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'graph';
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += Math.floor(random() * 36).toString(36);
  return `${slug}-${suffix}`;
}
