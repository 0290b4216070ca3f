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
            { sourceTag: 'type:database', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:eventing', onlyDependOnLibsWithTags: ['type:contracts', 'type:database', 'type:testing'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:eventing', 'type:database', 'type:policy'] },
            // Test support stands below eventing (whose own tests use it), so it may not import it.
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:database'] },
            // A service's own tests may use the shared service harness.
            { sourceTag: 'type:service-testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:eventing', 'type:platform', 'type:testing', 'type:database'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:policy', 'type:eventing', 'type:platform', 'type:testing', 'type:database', 'type:service-testing'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:policy', 'type:eventing', 'type:platform', 'type:testing', 'type:database', 'type:tooling', 'type:service-testing'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Replay must give the same answer: the rules read no clock and no randomness, and the
    // contract and the rules do no I/O (Node built-ins are not npm packages, so the
    // module-boundaries ban above does not see them).
    files: ['libs/policy/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'crypto', 'http', 'https', 'net', 'child_process', 'os'], message: 'libs/policy and libs/contracts are pure: no I/O.' }] }],
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
