// Resolves the @forewarn/* path aliases for compiled code in dist/ (node -r scripts/register-paths.js ...).
const path = require('path');
const tsConfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const paths = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  paths[alias] = [target.replace(/\.ts$/, '')];
}
tsConfigPaths.register({ baseUrl: path.join(__dirname, '..', 'dist'), paths });
