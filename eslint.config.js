import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.kt/', '.cache/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/*', '../../apps/*', '../../../apps/*'],
              message: 'An app never imports another app.',
            },
            { group: ['kafkajs'], message: 'Only libs/bus touches kafkajs.' },
          ],
        },
      ],
    },
  },
  { files: ['libs/bus/**', 'test/**', 'bench/**'], rules: { 'no-restricted-imports': 'off' } },
);
