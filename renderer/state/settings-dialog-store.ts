import { create } from 'zustand';

interface SettingsDialogStore {
  readonly open: boolean;
  /** The connection whose form opens with the dialog (e.g. "Update the token" on a paused upload); null for the list. */
  readonly editId: string | null;
  /** Opens Settings, on one connection's form when `editId` is given. */
  show(editId?: string): void;
  close(): void;
  /** Forgets `editId` once the form it asked for has been shown. */
  clearEdit(): void;
}

/** Whether the Settings dialog is open, so other screens can open it on a connection. */
export const useSettingsDialog = create<SettingsDialogStore>((set) => ({
  open: false,
  editId: null,
  show(editId) {
    set({ open: true, editId: editId ?? null });
  },
  close() {
    set({ open: false, editId: null });
  },
  clearEdit() {
    set({ editId: null });
  },
}));
