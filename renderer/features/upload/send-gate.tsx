import { create } from 'zustand';
import { useTranslation } from 'react-i18next';
import { DialogContainer } from '@adobe/react-spectrum';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import type { ClientApi } from '../../api/index.js';
import { useJobs } from '../../state/jobs-store.js';
import { useConnections } from '../../state/connections-store.js';
import { ProductionConfirm } from './production-confirm.js';

/** Something about to send rows to a connection: a new upload (`send`) or the rest of a stopped one (`resume`). */
export interface SendRequest {
  readonly mode: 'send' | 'resume';
  readonly profileId: string;
  /** Rows that will be sent (for a resume: the rows still waiting). */
  readonly rows: number;
}

interface Pending extends SendRequest {
  readonly connection: ConnectionView;
  readonly done: (confirmed: boolean) => void;
}

interface SendGateStore {
  readonly pending: Pending | null;
  /**
   * Resolves true when the rows may go: at once for a connection that is not production, after the user
   * typed the client code for one that is; false when they cancelled. Never throws.
   */
  confirm(api: ClientApi, req: SendRequest): Promise<boolean>;
  settle(confirmed: boolean): void;
}

/** The one place that decides whether a click may send to a connection, so no path skips the production confirmation. */
export const useSendGate = create<SendGateStore>((set, get) => ({
  pending: null,
  async confirm(api, req) {
    if (useConnections.getState().state.kind !== 'ready') await useConnections.getState().load(api);
    const connections = useConnections.getState().state;
    const connection = connections.kind === 'ready' ? connections.list.connections.find((p) => p.id === req.profileId) : undefined;
    if (!connection?.production) return true;
    get().pending?.done(false);
    return new Promise<boolean>((done) => set({ pending: { ...req, connection, done } }));
  },
  settle(confirmed) {
    const pending = get().pending;
    set({ pending: null });
    pending?.done(confirmed);
  },
}));

/** What resuming a job needs: the job, its connection, rows left, and why it stopped (null: interrupted). */
export interface ResumeRequest {
  readonly jobId: string;
  readonly profileId: string;
  readonly rowsLeft: number;
  readonly pauseReason: string | null;
  readonly unknownOutcomes?: 'auto' | 'resend' | 'give-up';
}

/**
 * Resumes an upload after a deliberate click, through the production confirmation — except a job the
 * user paused themselves, which just continues. Resolves true once resumed, false when cancelled.
 */
export async function resumeThroughGate(api: ClientApi, req: ResumeRequest): Promise<boolean> {
  if (req.pauseReason !== 'user' && !(await useSendGate.getState().confirm(api, { mode: 'resume', profileId: req.profileId, rows: req.rowsLeft }))) return false;
  await useJobs.getState().resume(api, req.jobId, req.unknownOutcomes ?? 'auto');
  return true;
}

/** Renders the production confirmation a pending send or resume waits for (once, at the app's root). */
export function SendGateHost() {
  const { i18n } = useTranslation();
  const pending = useSendGate((s) => s.pending);
  const settle = useSendGate((s) => s.settle);
  return (
    <DialogContainer onDismiss={() => settle(false)}>
      {pending && (
        <ProductionConfirm
          mode={pending.mode}
          connection={pending.connection}
          rows={pending.rows.toLocaleString(i18n.language)}
          onCancel={() => settle(false)}
          onConfirm={() => settle(true)}
        />
      )}
    </DialogContainer>
  );
}
