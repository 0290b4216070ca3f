// Resolves the @forewarn/* path aliases for compiled code in dist/ (node -r scripts/register-paths.js ...).
const path = require('path');
const tsConfigPaths = require('tsconfig-paths');

// Forewarn runs on the Node.js major in .nvmrc. Said here, at the start of every compiled entry
// point, rather than as an obscure failure later; ./forewarn fetches that Node when the machine's is another.
const wanted = require('fs').readFileSync(path.join(__dirname, '..', '.nvmrc'), 'utf8').trim();
if (process.versions.node.split('.')[0] !== wanted.split('.')[0]) {
  console.error(`Forewarn runs on Node.js ${wanted.split('.')[0]} (.nvmrc: ${wanted}); this is Node.js ${process.versions.node}. Run it through ./forewarn (for npm scripts: ./forewarn npm run <script>), which uses Node.js ${wanted} from the npm registry when the machine has another.`);
  process.exit(1);
}
const { compilerOptions } = require('../tsconfig.base.json');

const paths = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  paths[alias] = [target.replace(/\.ts$/, '')];
}
tsConfigPaths.register({ baseUrl: path.join(__dirname, '..', 'dist'), paths });
