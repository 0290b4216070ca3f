/**
 * Makes the Forewarn database ready, as an administrator (DATABASE_URL; FOREWARN_DATABASE):
 * its roles, schemas and partner registry (libs/database provision-database.ts). Each service's
 * tables then come from its migrations, run by the owner role (`main.js migrate`).
 */
import { provisionDatabase } from '@forewarn/database';

const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432';
const database = process.env.FOREWARN_DATABASE || 'forewarn';

provisionDatabase(server, database).then(
  () => console.error(`[forewarn] database ${database} ready: roles, schemas and the partner registry`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
