import { z } from 'zod';
import { defineCall } from './define.js';

/** Which front door the UI is talking to; the UI adapts a few affordances (notifications, file paths). */
export type HostKind = 'electron' | 'browser';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: HostKind;
  /** Where the app keeps its state (saved connections, jobs, journals). */
  readonly homeDir: string;
  readonly platform: string;
}

/** Calls about the app itself. */
export const appCalls = {
  'app.info': defineCall<AppInfo>()(z.object({}).strict(), 'Name, version, host kind and state folder of the running app.'),
} as const;
