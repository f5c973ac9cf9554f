// Type-aware linting: the reason Safer pairs TypeScript 5.9 with typescript-eslint (see docs/decisions).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The modules: each is reached from outside only through its index.ts (docs/decisions/0020-one-platform-shape.md).
const modules = '(accounts|actions|audit|crimedata|funding|governance|meetings|notifications|performance|strategy|tasking)';
const intoAnotherModule = {
  regex: `^(\\.\\./)+${modules}/(?!index\\.ts$)`,
  message: 'Import another module only through its index.ts.',
};
const anyModule = { regex: '(^|/)modules/', message: 'platform/ and web/ serve every module, so import none.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // No import cycle, anywhere: each module, and the platform under them, stays a layer of its own.
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver()],
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  { files: ['src/modules/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [intoAnotherModule] }] } },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [anyModule, { regex: '^\\.\\./web/', message: 'platform/ is beneath web/: it does not import it.' }] },
      ],
    },
  },
  { files: ['src/web/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [anyModule] }] } },
  // node:test's describe and it return promises the runner itself awaits.
  { files: ['**/*.test.ts', 'test/browser/sweep.ts'], rules: { '@typescript-eslint/no-floating-promises': 'off' } },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
