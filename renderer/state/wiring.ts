import type { AppEvent } from '../../shared/contract/index.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { jobEventTypes } from '../../shared/jobs/job-events.js';
import type { ClientApi } from '../api/index.js';
import { useJobs } from './jobs-store.js';
import { useLoad } from './load-store.js';
import { useMapReview } from './map-review-store.js';
import { useVerify } from './verify-store.js';

/** True when a Node-side event is one of the job events of shared/jobs (the list comes from their schema). */
export function isJobEvent(event: AppEvent): event is JobEvent {
  return jobEventTypes.has(event.type as JobEvent['type']);
}

/**
 * Applies one Node-side event to the store it is about, whatever step is on screen. Every job event
 * goes to the jobs store's reducer; every other event type is named here, so a new one does not build
 * until it has a home.
 */
export function routeEvent(event: AppEvent): void {
  if (isJobEvent(event)) return useJobs.getState().onEvent(event);
  switch (event.type) {
    case 'file.progress':
    case 'file.counted':
    case 'file.failed':
      return useLoad.getState().onEvent(event);
    case 'review.progress':
      return useMapReview.getState().onEvent(event);
    case 'verify.progress':
      return useVerify.getState().onEvent(event);
    default:
      return assertNever(event, 'app event');
  }
}

/**
 * Wires the window's stores once, for as long as it is open: every Node-side event into its store, and
 * a newly loaded file into a fresh Map and Review (the mapping and check of the previous file no longer
 * apply, so Map starts over from a suggestion for the new one). While Load opens another file, or when
 * the open one fails, Map and Review hold no file. Returns the function that unwires them.
 */
export function wireStores(api: ClientApi): () => void {
  const offEvents = api.subscribe(routeEvent);
  const offLoad = useLoad.subscribe(({ state }) => {
    const mapReview = useMapReview.getState();
    if (state.kind === 'ready') {
      if (mapReview.file?.fileId !== state.file.fileId) void mapReview.startFile(api, state.file);
    } else if (mapReview.file) {
      // Another file is on its way (or this one failed): the old file's mapping and check no longer apply.
      mapReview.leaveFile();
    }
  });
  return () => {
    offEvents();
    offLoad();
  };
}
