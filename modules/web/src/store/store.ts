import { create } from 'zustand';
import { IDLE_EXECUTION, type ExecutionView } from '../exec/execution';
import { EMPTY_GRAPH, type Graph } from '../graph/model';
import type { NodeTypeInfo } from '../net/api';
import type { ConnectionStatus } from '../net/connection';
import type { AuthProblem } from '../net/auth';
import type { ActionInfo, PresenceUser, Role } from '../protocol/messages';
import type { NoticeKind } from '../sync/types';

export interface NoticeItem {
  id: number;
  kind: NoticeKind;
  text: string;
}

export interface ContextMenuState {
  nodeId: string;
  x: number;
  y: number;
}

export interface PreviewState {
  version: number;
  graph: Graph | null;
  error?: string;
}

export interface AppState {
  /** The page: `/` or `/graphs/ID`. */
  path: string;

  nodeTypes: ReadonlyMap<string, NodeTypeInfo>;
  nodeTypeList: readonly NodeTypeInfo[];
  actions: readonly ActionInfo[];

  graphId: string | null;
  graph: Graph;
  version: number;
  loaded: boolean;
  status: ConnectionStatus;
  pending: number;
  canUndo: boolean;
  canRedo: boolean;

  selectedNodeId: string | null;
  selectedEdgeId: string | null;
  userName: string;
  myConnectionId: string | null;
  /** Everyone else on this graph. */
  others: readonly PresenceUser[];
  /** This connection's role (the server's hello says; operator while authentication is off). */
  role: Role | null;
  /** The server wants a token we do not have (or refused ours): the token prompt shows. */
  auth: { problem: Exclude<AuthProblem, null>; message: string } | null;

  exec: ExecutionView;
  /** Prompts this client answered (waiting for the node to complete). */
  answered: Readonly<Record<string, boolean>>;

  notices: readonly NoticeItem[];
  contextMenu: ContextMenuState | null;
  versionsOpen: boolean;
  personsOpen: boolean;
  preview: PreviewState | null;
  /** Nodes the canvas should bring into view (after my action added some). */
  focus: { ids: readonly string[]; seq: number } | null;
}

const USER_NAME_KEY = 'flowcraft.userName';

function initialUserName(): string {
  try {
    return localStorage.getItem(USER_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function persistUserName(name: string): void {
  try {
    localStorage.setItem(USER_NAME_KEY, name);
  } catch {
    /* private mode */
  }
}

export const editorDefaults = {
  graphId: null,
  graph: EMPTY_GRAPH,
  version: -1,
  loaded: false,
  status: 'connecting' as ConnectionStatus,
  pending: 0,
  canUndo: false,
  canRedo: false,
  selectedNodeId: null,
  selectedEdgeId: null,
  myConnectionId: null,
  role: null,
  others: [],
  exec: IDLE_EXECUTION,
  answered: {},
  contextMenu: null,
  versionsOpen: false,
  personsOpen: false,
  preview: null,
  focus: null,
} satisfies Partial<AppState>;

export const useApp = create<AppState>()(() => ({
  path: typeof window !== 'undefined' ? window.location.pathname : '/',
  nodeTypes: new Map(),
  nodeTypeList: [],
  actions: [],
  userName: typeof window !== 'undefined' ? initialUserName() : '',
  notices: [],
  auth: null,
  ...editorDefaults,
}));

let noticeCounter = 0;

/** Shows a toast; it goes away by itself. */
export function pushNotice(kind: NoticeKind, text: string): void {
  noticeCounter += 1;
  const id = noticeCounter;
  useApp.setState((s) => ({ notices: [...s.notices.slice(-5), { id, kind, text }] }));
  setTimeout(() => dismissNotice(id), kind === 'error' ? 12_000 : kind === 'warning' ? 9_000 : 5_000);
}

export function dismissNotice(id: number): void {
  useApp.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
