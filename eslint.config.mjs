import nx from '@nx/eslint-plugin';

const infrastructureImports = [
  '@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'pg-*', 'nestjs-pino', 'pino', 'prom-client', 'express', 'crypto', 'node:*', 'fs', 'http',
];

// kafkajs stays behind libs/eventing's Kafka port (docs/kafka-client.md): nothing else imports it.
const kafkajsBan = {
  paths: [{ name: 'kafkajs', message: "Use @forewarn/eventing's Kafka port (kafkaPort, runtimeKafka, KafkaRecord...): only libs/eventing/src knows the Kafka client library (docs/kafka-client.md)." }],
  patterns: [{ group: ['kafkajs/*'], message: "Use @forewarn/eventing's Kafka port: only libs/eventing/src knows the Kafka client library (docs/kafka-client.md)." }],
};
// The one file allowed to import kafkajs besides libs/eventing/src: the benchmark's raw-kafkajs
// baseline (docs/kafka-client.md).
const kafkajsAllowed = ['libs/eventing/src/**/*.ts', 'benchmarks/backbone.bench.ts'];

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
    files: ['**/*.ts'],
    ignores: kafkajsAllowed,
    rules: { 'no-restricted-imports': ['error', kafkajsBan] },
  },
  {
    // Replay must give the same answer: the rules read no clock and no randomness, and the
    // contract and the rules do no I/O (Node built-ins are not npm packages, so the
    // module-boundaries ban above does not see them).
    files: ['libs/policy/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      // Repeats the kafkajs ban: this rule's options replace the ones above for these files.
      'no-restricted-imports': [
        'error',
        { paths: kafkajsBan.paths, patterns: [...kafkajsBan.patterns, { group: ['node:*', 'fs', 'crypto', 'http', 'https', 'net', 'child_process', 'os'], message: 'libs/policy and libs/contracts are pure: no I/O.' }] },
      ],
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
