/** Strings of the Load step's extras (sample data, recent files, overrides, next step). */
export const loadMore = {
  sample: 'Try sample data',
  sampleHint: 'Loads a small loyalty list with a few typical problems, so you can try every step against the local sandbox.',
  recent: 'Recent files',
  recentEmpty: 'Files you open appear here.',
  recentOpen: 'Open {{name}} again',
  recentMissing: '{{name}} (no longer there)',
  overrides: 'If something looks wrong',
  overridesHint: 'The app guessed these from the file. Change one and the file is read again.',
  detected: 'detected',
  chosen: 'your choice',
  auto: 'Detect automatically',
  sheet: 'Sheet',
  headerRowField: 'Header row number',
  apply: 'Read again',
  next: 'Next: map columns',
  encodings: { 'utf-8': 'UTF-8 (Unicode)', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', cp949: 'Korean (CP949 / EUC-KR)', shift_jis: 'Japanese (Shift_JIS)', 'windows-1252': 'Western (Windows-1252)' },
} as const;
