import nx from '@nx/eslint-plugin';

const infrastructureImports = [
  '@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'pg-*', 'nestjs-pino', 'pino', 'prom-client', 'express', 'crypto', 'node:*', 'fs', 'http',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'infra/kafka/.libs', 'infra/kafka/.data', '**/*.js'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // The public contract and the rules are plain data and pure functions: no framework, no I/O.
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: infrastructureImports },
            { sourceTag: 'type:policy', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: infrastructureImports },
            { sourceTag: 'type:eventing', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:eventing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:eventing', 'type:platform', 'type:policy'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:policy', 'type:eventing', 'type:platform', 'type:testing'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:policy', 'type:eventing', 'type:platform', 'type:testing'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Replay must give the same answer: the rules read no clock and no randomness.
    files: ['libs/policy/src/**/*.ts'],
    ignores: ['libs/policy/src/**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'libs/policy is pure: pass time in as an argument.' },
        { object: 'Math', property: 'random', message: 'libs/policy is pure: pass ids in as arguments.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'libs/policy is pure: pass time in as an argument.' },
        { selector: "Identifier[name='randomUUID']", message: 'libs/policy is pure: pass ids in as arguments.' },
      ],
    },
  },
];
