import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * Lint keeps the house shape (../shared/STYLE.md): client -> shared <- server.
 * shared/ imports neither client/ nor server/, nor node:*, nor React; client/ imports
 * from server/ only as types.
 */
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'migrations/**', 'tests/artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Rules that need the type checker: a promise nobody awaits or catches, a promise where a
    // plain callback is expected, and a switch over a union that misses a member.
    files: ['{client,server,shared,tests}/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/client/**', '**/server/**', '@hononga/client', '@hononga/server'],
              message: 'shared/ must not import client/ or server/.',
            },
            { group: ['node:*'], message: 'shared/ runs in the browser too: no node: imports.' },
            { group: ['react', 'react-dom', 'react/*'], message: 'shared/ is UI-free.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'process', 'Buffer'],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '@hononga/server', '@hononga/server/*'],
              allowTypeImports: true,
              message: 'client/ may import server/ only as types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/client/**', '@hononga/client'], message: 'server/ must not import client/.' }] },
      ],
      'no-console': 'error',
    },
  },
)
