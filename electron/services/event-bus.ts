import type { AppEvent } from '../../shared/contract/index.js';

/** Fan-out of Node-side events to every connected front door (IPC window, SSE clients, CLI). */
export class EventBus {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  /** Registers a listener; returns the function that removes it. A throwing listener never stops the others. */
  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers an event synchronously to every current listener. */
  emit(event: AppEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window, a dropped SSE client) must not starve the rest.
      }
    }
  }
}
