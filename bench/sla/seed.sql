-- 1,000,000 tickets over the last 365 days for the SLA benchmark (bench/sla/run.sh fills in the :parameters).
-- The newest :open tickets are open; of those, :due have a clock that has just run out (sla_next_at in the past),
-- the rest are due later. Older tickets are closed, most answered within minutes and resolved within days.
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE agents AS SELECT row_number() OVER (ORDER BY username) - 1 AS n, id FROM users WHERE username LIKE 'bench-agent-%';
CREATE TEMP TABLE root AS SELECT id, path FROM org_units WHERE parent_id IS NULL LIMIT 1;
CREATE TEMP TABLE admin AS SELECT id FROM users WHERE username = 'admin';
BEGIN;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :count),
rows AS (
  SELECT i,
         :now - (:count - i) * (365 * 86400000 / :count) - (i % 977) * 1000 AS received,
         i > :count - :open AS is_open,
         i > :count - :due AS is_due
  FROM seq
)
INSERT INTO tickets (id, rid, number, subject, description, type, channel, priority, status, customer_id, owner_id, assignee_id,
    org_unit_id, org_path, team_id, team_path, escalation_level, received_at, first_response_due_at, first_responded_at,
    resolution_due_at, resolved_at, closed_at, due_at, created_by, created_at, updated_at,
    sla_policy_id, sla_policy_name, sla_calendar, sla_first_response_minutes, sla_resolution_minutes, sla_escalate_after_minutes,
    escalation_due_at, sla_paused_at, sla_next_at, first_response_ms)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), i, 'KFB-' || i, '风机报修 ' || i, '齿轮箱异响，客户来电', 
       CASE i % 4 WHEN 0 THEN 'repair' WHEN 1 THEN 'inquiry' WHEN 2 THEN 'complaint' ELSE 'other' END,
       CASE i % 3 WHEN 0 THEN 'phone' WHEN 1 THEN 'email' ELSE 'web' END,
       CASE i % 10 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' ELSE 'normal' END,
       CASE WHEN is_open THEN 'open' ELSE 'closed' END, NULL,
       (SELECT id FROM agents WHERE n = i % (SELECT COUNT(*) FROM agents)), NULL,
       (SELECT id FROM root), (SELECT path FROM root), (SELECT id FROM root), (SELECT path FROM root), 0,
       received, received + 300000, received + (i % 600) * 1000,
       received + 259200000,
       CASE WHEN is_open THEN NULL ELSE received + (i % 5) * 86400000 + 3600000 END,
       CASE WHEN is_open THEN NULL ELSE received + (i % 5) * 86400000 + 7200000 END,
       CASE WHEN is_open THEN received + 259200000 ELSE NULL END,
       (SELECT id FROM admin), received, received,
       NULL, '7×24', '24x7', 5, 4320, 60,
       received + 3600000, NULL,
       CASE WHEN is_due THEN :now - (i % 10) * 1000
            WHEN is_open AND received + 259200000 > :now THEN received + 259200000
            ELSE NULL END,
       (i % 600) * 1000
FROM rows;
-- One escalation in twenty, one in five of them late.
INSERT INTO ticket_escalations (id, ticket_id, level, automatic, late, reason, actor_id, owner_id, team_id, org_path, at)
SELECT 'e-' || t.id, t.id, 1, 0, CASE WHEN t.rid % 100 = 0 THEN 1 ELSE 0 END, '超出权限', t.owner_id, t.owner_id, t.team_id, t.org_path,
       t.received_at + 1800000 + (t.rid % 100) * 60000
FROM tickets t WHERE t.rid % 20 = 0;
INSERT OR REPLACE INTO counters (name, value) VALUES ('ticket_rid', :count);
COMMIT;
ANALYZE;
