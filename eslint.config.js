import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS =
  'See docs/architecture.md: domain ← persistence (stores) ← application (use cases) ← jobs, apps.';
const NO_SQL_HERE =
  'Controllers and gateways call use cases; SQL lives in stores (docs/architecture.md). Use a query service or a use case.';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-results/**', '*.cjs'],
  },
  js.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  { files: ['apps/web/src/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'ioredis', 'bullmq'] },
      ],
    },
  },
  {
    files: ['apps/**/*.controller.ts', 'apps/**/*.gateway.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['typeorm', '@nestjs/typeorm', 'pg'].map((name) => ({ name, message: NO_SQL_HERE })),
            {
              name: '#persistence',
              allowTypeImports: true,
              allowImportNames: ['isDatabaseUnavailable'],
              message: NO_SQL_HERE,
            },
          ],
          patterns: [{ group: ['typeorm/*', 'pg/*', '**/libs/persistence/**'], message: NO_SQL_HERE }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository|transaction)$/]',
          message: NO_SQL_HERE,
        },
      ],
    },
  },
  {
    // Use cases: framework-free, and no SQL of their own (stores in libs/persistence hold it).
    files: ['libs/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // `#` starts a comment in gitignore-style patterns: the aliases go in `paths`.
          paths: [{ name: '#jobs', message: LAYERS }],
          patterns: [{ group: ['@nestjs/*', 'pg', 'ioredis', 'bullmq', '**/apps/**'], message: LAYERS }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
          message: LAYERS,
        },
      ],
    },
  },
  {
    // Stores: rows and locks; they know neither the use cases above them nor the framework.
    files: ['libs/persistence/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['#application', '#jobs'].map((name) => ({ name, message: LAYERS })),
          patterns: [{ group: ['@nestjs/*', '**/apps/**'], message: LAYERS }],
        },
      ],
    },
  },
  {
    // Contracts are shapes shared with the web client: types and constants only.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', '#persistence', '#application', '#jobs'], message: LAYERS },
          ],
        },
      ],
    },
  },
  {
    // Job handlers call use cases and stores; the SQL is in the stores.
    files: ['libs/jobs/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
          message: LAYERS,
        },
      ],
    },
  },
);
