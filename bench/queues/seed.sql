-- #17.7 queue pages at a million tickets (bench/queues/run.sh fills in the :parameters). :count tickets received over
-- the last 300 days in 20 departments under the root unit. Department D00 is the dense one: every tenth of the newest
-- 600,000 tickets is its own, all open (60,000), owned and handled half by :agent1, half by :agent2, a thirtieth of
-- them not yet assigned. Every other ticket is in one of D01..D19, owned by the administrator, one in five still open
-- (about 7,400 open and 42,100 closed each): a unit with years of closed history.
-- One ticket in four has a breach on record.
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE root AS SELECT id, path FROM org_units WHERE parent_id IS NULL LIMIT 1;
CREATE TEMP TABLE admin AS SELECT id FROM users WHERE username = 'admin';
BEGIN;
INSERT INTO customers (id, name, phone, phone_key, email, email_key, created_by, created_at, updated_at)
SELECT 'bench-c1', '张北风电场', '13900000001', '13900000001', NULL, NULL, (SELECT id FROM admin), :now, :now;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :count),
rows AS (SELECT i, :now - (:count - i) * (300 * 86400000 / :count) AS received,
         (i > :count - 600000 AND i % 10 = 0) AS dense,
         CASE WHEN i > :count - 600000 AND i % 10 = 0 THEN 'dept-00' ELSE printf('dept-%02d', 1 + i % 19) END AS unit FROM seq)
INSERT INTO tickets (id, rid, number, subject, description, type, channel, priority, status, customer_id, owner_id, assignee_id,
    org_unit_id, org_path, team_id, team_path, escalation_level, received_at, first_response_due_at, first_responded_at,
    resolution_due_at, resolved_at, closed_at, due_at, created_by, created_at, updated_at,
    sla_policy_id, sla_policy_name, sla_calendar, sla_first_response_minutes, sla_resolution_minutes, sla_escalate_after_minutes,
    escalation_due_at, sla_paused_at, sla_next_at, first_response_ms, breached_at)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), i, printf('KF%d-%06d', :year, i), '风机报修 ' || i, '齿轮箱异响，客户来电',
       'repair', 'phone', 'normal', CASE WHEN dense OR i % 5 = 0 THEN 'open' ELSE 'closed' END, 'bench-c1',
       CASE WHEN dense THEN (CASE WHEN i % 20 = 0 THEN :agent1 ELSE :agent2 END) ELSE (SELECT id FROM admin) END,
       CASE WHEN dense AND i % 30 = 0 THEN NULL WHEN dense THEN (CASE WHEN i % 20 = 0 THEN :agent1 ELSE :agent2 END) ELSE NULL END,
       unit, (SELECT path FROM root) || unit || '/', unit, (SELECT path FROM root) || unit || '/', 0,
       received, received + 300000, received + 60000, received + 259200000,
       CASE WHEN dense OR i % 5 = 0 THEN NULL ELSE received + 86400000 END,
       CASE WHEN dense OR i % 5 = 0 THEN NULL ELSE received + 90000000 END,
       CASE WHEN dense OR i % 5 = 0 THEN received + 259200000 ELSE NULL END,
       (SELECT id FROM admin), received, received,
       NULL, '7×24', '24x7', 5, 4320, 60, NULL, NULL, NULL, 60000, CASE WHEN i % 4 = 0 THEN received + 330000 END
FROM rows;
-- A breach on record for one ticket in four, as a desk that has run for years has them (desk-016 marks the ticket).
INSERT INTO ticket_breaches (id, ticket_id, kind, due_at, recorded_at)
SELECT printf('bench-b%d', rid), id, 'first_response', first_response_due_at, breached_at FROM tickets WHERE breached_at IS NOT NULL;
INSERT OR REPLACE INTO counters (name, value) VALUES ('ticket_rid', :count);
INSERT OR REPLACE INTO counters (name, value) VALUES ('ticket_number:' || :year, :count);
COMMIT;
