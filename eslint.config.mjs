import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the domain (libs/custody) may not import: no Nest, no stores, no I/O, nothing of ours. */
const DOMAIN_FORBIDDEN = [
  '@nestjs/*',
  '@jejak/*',
  'better-sqlite3',
  'mongodb',
  '@kurrent/*',
  'node:fs',
  'fs',
  'node:http',
  'fastify',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'bench/results/', 'bench/.cache/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        setImmediate: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // Type-aware checks on TypeScript (the project's tsconfig): a promise is awaited or voided on
  // purpose, a switch over a union names every member, and no assertion restates a known type.
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // The web app's build tsconfig leaves specs out (jest type-checks them); lint them on their own.
        projectService: { allowDefaultProject: ['apps/web/src/*.spec.ts', 'apps/web/src/*/*.spec.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  // The domain stays pure: no Nest, no stores, no I/O, nothing of ours.
  {
    files: ['libs/custody/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: DOMAIN_FORBIDDEN,
        },
      ],
    },
  },
  // The domain's specs may read the product spec (domain.md) they check the rooms against.
  {
    files: ['libs/custody/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: DOMAIN_FORBIDDEN.filter((pattern) => pattern !== 'node:fs' && pattern !== 'fs') },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/custody/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@nestjs/*', '**/apps/**'] }] },
  },
  // The verifiable log is pure like the domain: hashing, proofs and notes, no storage, no network.
  {
    files: ['libs/verifiable-log/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            '@jejak/*',
            '!@jejak/custody',
            'better-sqlite3',
            'node:fs',
            'fs',
            'node:http',
          ],
        },
      ],
    },
  },
  // The request DTOs keep their OpenAPI docs on the class that validates them, so the one shape
  // documents POST /api/items and checks the CLI's rows: @nestjs/swagger (decorators), no other Nest.
  {
    files: ['libs/http-contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', '!@nestjs/swagger', '**/apps/**'] }],
    },
  },
);
