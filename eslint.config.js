// Lint enforces the import table of ../shared/DESIGN.md ("Import directions") and the code rules
// every folder shares: named exports only, raw ipcMain/ipcRenderer only in the one typed wrapper and
// the preload. Each folder gets exactly one `no-restricted-imports` block because a later block for
// the same rule replaces an earlier one rather than merging with it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const nodePatterns = [
  { group: ['node:*'], message: 'Node APIs are not allowed here (see DESIGN.md import table).' },
];
const nodePaths = nodeBuiltins.map((name) => ({ name, message: 'Node APIs are not allowed here.' }));

const ban = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}/**`, `**/${f}`]), message });
const reactPaths = ['react', 'react-dom', 'react-dom/client', 'zustand', 'i18next', 'react-i18next'].map((name) => ({
  name,
  message: 'React and UI libraries belong to renderer/ only.',
}));
const electronPkg = { name: 'electron', message: 'The electron package is allowed only in electron/main and electron/preload.' };
const ipcNames = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed wrapper in electron/main/typed-ipc.ts; raw ipcMain/ipcRenderer are banned elsewhere.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', '.bench/**', 'lint-fixtures/cases/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        { selector: 'ExportSpecifier[exported.name="default"]', message: 'Use named exports.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Plain JavaScript entry points (scripts, bin, worker bootstrap) run on Node.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // TypeScript checks undefined names itself (and knows each folder's runtime); no-undef would only misfire.
    files: ['**/*.{ts,tsx}'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Tool config files are read through their default export.
    files: ['*.config.{js,ts,mjs}', 'e2e/testing/global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodePaths, ...reactPaths, electronPkg],
          patterns: [...nodePatterns, ban(['electron', 'renderer', 'sandbox'], 'shared/ may import only shared/.')],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodePaths, electronPkg],
          patterns: [...nodePatterns, ban(['electron', 'sandbox'], 'renderer/ may import only renderer/ and shared/; the Node side is reached through the contract.')],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...reactPaths, electronPkg], patterns: [ban(['renderer'], 'electron/ may not import renderer/.')] },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/typed-ipc.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...reactPaths, ipcNames], patterns: [ban(['renderer'], 'electron/ may not import renderer/.')] },
      ],
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    ignores: ['sandbox/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...reactPaths, electronPkg],
          patterns: [
            ban(['electron', 'renderer'], 'sandbox/ stands alone: it may import only the Target model from shared/.'),
            {
              regex: 'shared/(?!target/)',
              message: 'sandbox/ may import only the Target wire model (shared/target/).',
            },
          ],
        },
      ],
    },
  },
);
