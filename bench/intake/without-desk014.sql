-- The ticket indexes as they were before desk-014 (SQLite), for an A/B of what its wider indexes cost a write:
--   AFTER_MIGRATE_SQL=bench/intake/without-desk014.sql bash bench/intake/run.sh
DROP INDEX tickets_open_org;
CREATE INDEX tickets_open_org ON tickets (org_path, status) WHERE status NOT IN ('resolved', 'closed');
DROP INDEX tickets_open_team;
CREATE INDEX tickets_open_team ON tickets (team_path, status) WHERE status NOT IN ('resolved', 'closed');
DROP INDEX tickets_owner;
CREATE INDEX tickets_owner ON tickets (owner_id, status);
DROP INDEX tickets_assignee;
CREATE INDEX tickets_assignee ON tickets (assignee_id, status);
