import { create } from 'zustand';
import type { AppError, ProfileLookup } from '../../shared/contract/index.js';
import { problemOf } from '../api/call-error.js';
import type { ClientApi } from '../api/index.js';

/** The kinds of id a visitor profile can be read by. */
export type LookupIdType = ProfileLookup['idType'];

/** One profile lookup as it goes: nothing asked, on its way, answered (found or not), or failed. */
export type LookupState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'looking' }
  | { readonly kind: 'done'; readonly result: ProfileLookup }
  | { readonly kind: 'failed'; readonly problem: AppError };

interface ProfileLookupStore {
  readonly state: LookupState;
  /** Reads one profile through `connectionId`, beside what this app last sent for the id; never throws (a failure becomes state). */
  lookup(api: ClientApi, request: { readonly connectionId: string; readonly id: string; readonly idType: LookupIdType }): Promise<void>;
  /** Forgets the last answer (the panel was closed). */
  reset(): void;
}

/** "Look up one profile": one visitor profile as Target holds it. Only the newest request's answer is kept. */
export const useProfileLookup = create<ProfileLookupStore>((set) => {
  let asked = 0;
  return {
    state: { kind: 'idle' },
    async lookup(api, request) {
      const mine = ++asked;
      set({ state: { kind: 'looking' } });
      try {
        const result = await api.call['lookup.profile']({ ...request });
        if (mine === asked) set({ state: { kind: 'done', result } });
      } catch (error) {
        if (mine === asked) set({ state: { kind: 'failed', problem: problemOf(error) } });
      }
    },
    reset() {
      asked++;
      set({ state: { kind: 'idle' } });
    },
  };
});
