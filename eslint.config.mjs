import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnly = {
  paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ may import electron.' }],
};

/** The process boundaries of DESIGN.md, drawn as import rules so nobody has to remember them. */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'scripts/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronOnly],
    },
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [{ regex: '^(node:|\\.\\./(?!contract))', message: 'The contract is shared with the renderer: it imports only zod and itself.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Loading data from main in an effect is the point of several hooks here; the rule is aimed at derived state.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            { regex: '^node:', message: 'The renderer runs in a browser sandbox: no Node built-ins.' },
            { regex: '^\\.\\./\\.\\./main/(?!contract)', message: 'The renderer reaches main only through the contract and the typed client.' },
          ],
        },
      ],
    },
  },
  { files: ['main/electron/**/*.ts', 'preload/**/*.ts', 'tests/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
);
