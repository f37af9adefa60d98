-- Does partitioning help the queries Concord runs on its largest tables? Builds 10,000,000 audit entries,
-- 1,000,000 roster records and 1,000,000 persons in schema "scale" (copies of Concord's tables, with their indexes),
-- the same rows again in partitioned tables, and prints EXPLAIN ANALYZE of each query on both.
-- Run on an empty database that `concord init` has migrated:  psql -X -f partitioning.sql  (measure-partitioning.sh does it all).
\set ON_ERROR_STOP on
\timing on
DROP SCHEMA IF EXISTS scale CASCADE;
CREATE SCHEMA scale;
SET search_path = scale, public;

-- 40 agencies: two national ones that write most entries, 38 provincial bureaus. 100 operations of 10,000 arrests each.
CREATE TABLE agencies AS SELECT i, md5('agency' || i)::uuid AS id FROM generate_series(1, 40) i;
CREATE TABLE operations AS SELECT n AS i, md5('operation' || n)::uuid AS id, md5('agency' || (1 + n % 2))::uuid AS agency FROM generate_series(1, 100) g(n);

CREATE TABLE "AuditEntries" (LIKE public."AuditEntries" INCLUDING ALL);
CREATE TABLE "RosterRecords" (LIKE public."RosterRecords" INCLUDING ALL);
CREATE TABLE "Persons" (LIKE public."Persons" INCLUDING ALL);

-- Two years of entries, in order; 80% by the national agencies.
INSERT INTO "AuditEntries"
SELECT md5('audit' || s)::uuid, s, timestamptz '2023-01-01' + (s * interval '6.3 seconds'),
       md5('agency' || CASE WHEN s % 10 < 8 THEN 1 + s % 2 ELSE 3 + s % 38 END)::uuid,
       'officer' || (s % 500),
       (ARRAY['page.read','report.read','roster.import','match.accept','review.confirm','custody.decide','handover.receive','assignment.create'])[1 + s % 8],
       'Person', md5('person' || (s % 1000000))::uuid, 'page=operation MUSE-' || (s % 100) || ' details of the change',
       md5('prev' || s) || md5('p2' || s), md5('hash' || s) || md5('h2' || s)
FROM generate_series(1, 10000000) s;

INSERT INTO "Persons"
SELECT md5('person' || p)::uuid, o.id, '张小明 ' || p, (ARRAY['CHN','MMR'])[1 + p % 2], (ARRAY['M','F'])[1 + p % 2], '1990-01-01',
       o.agency, (ARRAY['Undecided','Decided','AwaitingReview'])[1 + p % 3], NULL, NULL, NULL, o.agency, timestamptz '2024-01-01'
FROM generate_series(0, 999999) p JOIN operations o ON o.i = 1 + p / 10000;

INSERT INTO "RosterRecords"
SELECT md5('roster' || p)::uuid, o.id, 'R' || lpad((p % 10000)::text, 5, '0'), '+8613800000000', 'D' || (p % 12), NULL, NULL, 'unit',
       md5('person' || p)::uuid, o.agency, timestamptz '2024-01-01', '张小明', 'Zhang Xiaoming', NULL, 'M', '1990-01-01', 'CHN', 'CHN',
       'CN-RIC', '11010119900101' || lpad((p % 10000)::text, 4, '0'), NULL, NULL, NULL, md5('src' || p)
FROM generate_series(0, 999999) p JOIN operations o ON o.i = 1 + p / 10000;

-- The same rows, partitioned: audit entries by month of At (a unique key must hold the partition key, so the chain's
-- unique Sequence becomes unique (Sequence, At)); roster records and persons by hash of their operation.
CREATE TABLE "AuditEntries_p" (LIKE public."AuditEntries" INCLUDING DEFAULTS) PARTITION BY RANGE ("At");
DO $$
DECLARE m date := '2023-01-01';
BEGIN
  WHILE m < '2025-01-01' LOOP
    EXECUTE format('CREATE TABLE scale."AuditEntries_p_%s" PARTITION OF scale."AuditEntries_p" FOR VALUES FROM (%L) TO (%L)', to_char(m, 'YYYYMM'), m, m + interval '1 month');
    m := m + interval '1 month';
  END LOOP;
END $$;
ALTER TABLE "AuditEntries_p" ADD PRIMARY KEY ("Id", "At");
CREATE UNIQUE INDEX ON "AuditEntries_p" ("Sequence", "At");
CREATE INDEX ON "AuditEntries_p" ("EntityType", "EntityId");
INSERT INTO "AuditEntries_p" SELECT * FROM "AuditEntries";

CREATE TABLE "RosterRecords_p" (LIKE public."RosterRecords" INCLUDING DEFAULTS) PARTITION BY HASH ("OperationId");
CREATE TABLE "Persons_p" (LIKE public."Persons" INCLUDING DEFAULTS) PARTITION BY HASH ("OperationId");
DO $$
BEGIN
  FOR r IN 0..15 LOOP
    EXECUTE format('CREATE TABLE scale."RosterRecords_p_%s" PARTITION OF scale."RosterRecords_p" FOR VALUES WITH (MODULUS 16, REMAINDER %s)', r, r);
    EXECUTE format('CREATE TABLE scale."Persons_p_%s" PARTITION OF scale."Persons_p" FOR VALUES WITH (MODULUS 16, REMAINDER %s)', r, r);
  END LOOP;
END $$;
ALTER TABLE "RosterRecords_p" ADD PRIMARY KEY ("Id", "OperationId");
CREATE UNIQUE INDEX ON "RosterRecords_p" ("OperationId", "RosterNo");
CREATE INDEX ON "RosterRecords_p" ("PersonId");
CREATE INDEX ON "Persons_p" ("OperationId");
CREATE INDEX ON "Persons_p" ("AgencyId");
INSERT INTO "RosterRecords_p" SELECT * FROM "RosterRecords";
INSERT INTO "Persons_p" SELECT * FROM "Persons";
VACUUM ANALYZE;

SELECT relname, pg_size_pretty(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'scale' AND relname IN ('AuditEntries', 'RosterRecords', 'Persons') ORDER BY 1;

\timing off
\set bureau '(SELECT id FROM agencies WHERE i = 17)'
\set national '(SELECT id FROM agencies WHERE i = 1)'
\set op '(SELECT id FROM operations WHERE i = 42)'

\echo '== Q1 end of the chain (every audited write: AuditTrail.ChainPendingAsync)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "Sequence", "Hash" FROM "AuditEntries" ORDER BY "Sequence" DESC LIMIT 1;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "Sequence", "Hash" FROM "AuditEntries_p" ORDER BY "Sequence" DESC LIMIT 1;

\echo '== Q2 audit verify: the whole chain in order (AuditTrail.VerifyAsync)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries" ORDER BY "Sequence";
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries_p" ORDER BY "Sequence";

\echo '== Q3 audit page of a national agency, newest 100 (AuditPage)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries" WHERE "AgencyId" IN (:national) ORDER BY "Sequence" DESC LIMIT 100;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries_p" WHERE "AgencyId" IN (:national) ORDER BY "Sequence" DESC LIMIT 100;

\echo '== Q4 audit page of a bureau (0.5% of the entries), newest 100'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries" WHERE "AgencyId" IN (:bureau) ORDER BY "Sequence" DESC LIMIT 100;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries_p" WHERE "AgencyId" IN (:bureau) ORDER BY "Sequence" DESC LIMIT 100;

\echo '== Q5 what was done to one person (audit by entity)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries" WHERE "EntityType" = 'Person' AND "EntityId" = md5('person4242')::uuid;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "AuditEntries_p" WHERE "EntityType" = 'Person' AND "EntityId" = md5('person4242')::uuid;

\echo '== Q6 entries of one month (a time-range read; Concord has none today)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM "AuditEntries" WHERE "At" >= '2024-03-01' AND "At" < '2024-04-01';
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM "AuditEntries_p" WHERE "At" >= '2024-03-01' AND "At" < '2024-04-01';

\echo '== Q7 an operation roster in roster order (MatchOperation, report, figures)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "RosterRecords" WHERE "OperationId" = :op ORDER BY "RosterNo";
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "RosterRecords_p" WHERE "OperationId" = :op ORDER BY "RosterNo";

\echo '== Q8 an operation persons by nationality (OperationReport, OperationViews.FiguresAsync)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "Id", "Nationality" FROM "Persons" WHERE "OperationId" = :op;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "Id", "Nationality" FROM "Persons_p" WHERE "OperationId" = :op;

\echo '== Q9 dashboard: persons per visible operation (Dashboard, OperationViews.ListAsync), 50 operations of one agency'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "OperationId", count(*) FROM "Persons" WHERE "OperationId" IN (SELECT id FROM operations WHERE i % 2 = 0) GROUP BY "OperationId";
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "OperationId", count(*) FROM "Persons_p" WHERE "OperationId" IN (SELECT id FROM operations WHERE i % 2 = 0) GROUP BY "OperationId";

\echo '== Q10 a roster record by person (manifest, review queue)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "RosterNo" FROM "RosterRecords" WHERE "PersonId" = md5('person4242')::uuid;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "RosterNo" FROM "RosterRecords_p" WHERE "PersonId" = md5('person4242')::uuid;

