// Lint rules for the whole repository. Type-aware so that floating promises and `any`
// leaking through are caught; folder boundaries (ARCHITECTURE §2) are enforced here too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Plain ES modules and their hand-written declarations are outside the TypeScript projects.
  {
    ignores: [
      'node_modules/',
      'dist/',
      'test-results/',
      'build/**/*.mjs',
      'build/**/*.d.mts',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // electron/core is framework-free: it runs headless (CLI, host, tests) as well as in Electron.
    files: ['electron/core/**/*.ts', 'electron/sandbox/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'core, sandbox and shared never import electron' }] },
      ],
    },
  },
  {
    // Core never loads the sandbox (the training sandbox starts from the entry points,
    // electron/training.ts); the sandbox may read core's PDF code, not the other way round.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core, sandbox and shared never import electron' }],
          patterns: [
            {
              regex: '(^|/)sandbox(/|$)',
              message: 'electron/core never imports electron/sandbox: start it from the entry points',
            },
          ],
        },
      ],
      // import() is not an import declaration: the same boundary for loading on demand.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/(^|\\/)sandbox(\\/|$)/]',
          message: 'electron/core never imports electron/sandbox: start it from the entry points',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
