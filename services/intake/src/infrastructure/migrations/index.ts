import { ThreatReports1764200000000 } from './1764200000000-threat-reports';

/** The intake schema's migrations, in order. */
export const intakeMigrations = [ThreatReports1764200000000];
