// Test support: one fresh set of app services per test, in a temporary home folder, called through the
// same validating dispatcher the front doors use.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { AppApi, AppEvent, CallName } from '../../../shared/contract/index.js';
import { calls } from '../../../shared/contract/index.js';
import { createAppServices, type AppServices } from '../app-services.js';
import { unwrapReply } from '../../../shared/contract/reply.js';
import { dispatchCall } from '../dispatch.js';

export interface AppServicesHarness {
  /** The services of the running test. */
  services(): AppServices;
  /** Calls `name` through the dispatcher; resolves with its value or throws the AppCallError (with `code` and `params`). */
  call<T>(name: string, args: unknown): Promise<T>;
}

/**
 * Registers beforeEach/afterEach hooks that create browser-host app services in a fresh temporary home
 * (`prefix` names the folder) and close and delete them after each test.
 */
export function useAppServices(prefix: string): AppServicesHarness {
  let home = '';
  let current: AppServices | null = null;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), prefix));
    current = await createAppServices({ homeDir: home, host: 'browser', log: () => undefined });
  });
  afterEach(async () => {
    await current?.close();
    current = null;
    await rm(home, { recursive: true, force: true });
  });
  const services = (): AppServices => {
    if (current === null) throw new Error('app services exist only inside a test');
    return current;
  };
  return {
    services,
    async call<T>(name: string, args: unknown): Promise<T> {
      return unwrapReply(await dispatchCall(services().handlers, name, args, () => undefined)) as T;
    },
  };
}

/**
 * The contract as the renderer's ClientApi sees it, over these services: every call goes through the
 * validating dispatcher (a failure is rethrown as the AppCallError the UI catches) and events come from
 * their bus; only the transport is missing.
 */
export function contractClient(services: AppServices) {
  const call = Object.fromEntries(
    (Object.keys(calls) as CallName[]).map((name) => [
      name,
      async (args: unknown) => unwrapReply(await dispatchCall(services.handlers, name, args, () => undefined)),
    ]),
  ) as unknown as AppApi;
  return {
    host: 'browser' as const,
    call,
    subscribe: (listener: (event: AppEvent) => void) => services.bus.subscribe(listener),
    pathForFile: async () => '',
  };
}
