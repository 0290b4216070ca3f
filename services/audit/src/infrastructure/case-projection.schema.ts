/**
 * The audit read model: one row per case with its folded state. Kept in one place because the
 * migration creates it and the rebuild re-creates it after it was dropped. Every column is
 * derived from the log (no now()), so a rebuild ends byte-identical to the live table.
 */
export const CASE_PROJECTION_DDL = `
  CREATE TABLE IF NOT EXISTS case_projection (
    case_id        text PRIMARY KEY,
    status         text NOT NULL,
    event_count    int NOT NULL,
    last_position  bigint NOT NULL,
    first_event_at timestamptz,
    last_event_at  timestamptz,
    state          jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS case_projection_status ON case_projection (status, last_position);
  CREATE INDEX IF NOT EXISTS case_projection_last ON case_projection (last_position);
`;
