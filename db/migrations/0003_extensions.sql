-- Trigram matching for typo-tolerant search (the guide, the directory). Trusted since PostgreSQL 13,
-- so the database owner may create it; PGlite loads it as a bundled extension (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
