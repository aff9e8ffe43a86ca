import type { Page } from '@playwright/test';

/** One Node-side event as the app's own event stream delivered it, with the wizard step on screen at that moment. */
export interface ReceivedEvent {
  readonly type: string;
  readonly step: string | null;
}

/** What the app's own event stream delivered to the page. */
export interface PageEvents {
  /** Resolves with the first delivered event of this `type` once the app has had it (at once if it already did). */
  waitFor(type: string, timeout?: number): Promise<ReceivedEvent>;
}

/**
 * Records, from the page's first script on, every event the app's EventSource delivers, with the wizard
 * step shown when it came. The recorder's listener runs in the same dispatch as the app's, so once an
 * event is recorded the app has had its chance to apply it. Call before the page is opened.
 */
export async function recordPageEvents(page: Page): Promise<PageEvents> {
  await page.addInitScript(() => {
    const received: { type: string; step: string | null }[] = [];
    (window as unknown as { __receivedEvents: typeof received }).__receivedEvents = received;
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('message', (message) => {
          const type = (JSON.parse(message.data as string) as { type: string }).type;
          received.push({ type, step: document.querySelector('.wizard')?.getAttribute('data-step') ?? null });
        });
      }
    };
  });
  return {
    async waitFor(type, timeout) {
      const handle = await page.waitForFunction(
        (wanted) => (window as unknown as { __receivedEvents: ReceivedEvent[] }).__receivedEvents.find((e) => e.type === wanted),
        type,
        timeout === undefined ? {} : { timeout },
      );
      return (await handle.jsonValue()) as ReceivedEvent;
    },
  };
}
