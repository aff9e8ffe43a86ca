import { loadMoreEn } from '../features/load/messages.js';
import { mapEn } from '../features/map/messages.js';
import { reviewEn } from '../features/review/messages.js';
import { resultsEn } from '../features/results/messages.js';
import { settingsEn } from '../features/settings/messages.js';
import { uploadEn } from '../features/upload/messages.js';
/** English UI text. Every string the UI shows lives here and in ko.ts, under the same keys. */
export const en = {
  app: {
    title: 'Profile Loader',
    tagline: 'Put spreadsheet data into Adobe Target visitor profiles.',
    language: 'Language',
    browserMode: 'Browser mode',
    electronMode: 'Desktop app',
  },
  steps: {
    label: 'Steps',
    load: 'Load',
    map: 'Map',
    review: 'Review',
    upload: 'Upload',
    results: 'Results',
    current: 'current step',
    notYet: 'Available after the previous step',
  },
  load: {
    heading: 'Load a spreadsheet',
    dropHint: 'Drop a CSV, TSV or Excel file anywhere on this window',
    or: 'or',
    choose: 'Choose a file…',
    chooseLabel: 'Choose a spreadsheet file to load',
    opening: 'Opening {{name}}…',
    uploading: 'Sending {{name}} to the app: {{percent}}%',
    counting: 'Counting rows: {{rows}} so far',
    counted: '{{rows}} rows',
    rowsLabel: 'Rows',
    encoding: 'Text encoding',
    delimiter: 'Column separator',
    headerRow: 'Header row',
    format: 'Format',
    preview: 'Preview of {{name}}',
    dropNow: 'Drop the file to load it',
    another: 'Load another file',
    failed: 'This file could not be opened: {{message}}',
  },
  delimiters: { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab', '|': 'Vertical bar' },
  grid: {
    rowNumber: 'Row',
    label: 'Rows of {{name}}',
    loading: 'Loading…',
  },
  upload: uploadEn,
  results: resultsEn,
  settings: settingsEn,
  loadMore: loadMoreEn,
  map: mapEn,
  review: reviewEn,
  errors: {
    generic: 'Something went wrong: {{message}}',
  },
} as const;

/** The shape every locale must fill. */
export type Messages = DeepString<typeof en>;
type DeepString<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };
