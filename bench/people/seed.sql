-- #15.9: a 200-agent centre with 3 years of rosters, swaps and tickets, for bench/people/run.sh (which fills in the
-- :parameters). One agent (bench-agent-001) and the supervisor are created through `kefu user create`; the other
-- agents copy the first one's password hash. Every agent works the early shift (08:00–16:00) six days in seven
-- (agent n is off on the days where (day + n) % 7 = 0), from :days days ago to 120 days ahead; each past month has
-- one effective swap per pair of agents. :count tickets are spread over the :days days, owned round-robin; one in ten
-- has a returned survey (overall 1–5), one in a hundred a complaint about its owner.
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE root AS SELECT id, path FROM org_units WHERE parent_id IS NULL LIMIT 1;
CREATE TEMP TABLE admin AS SELECT id FROM users WHERE username = 'admin';
CREATE TEMP TABLE first_agent AS SELECT * FROM users WHERE username = 'bench-agent-001';
BEGIN;
WITH RECURSIVE seq(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM seq WHERE i < :agents)
INSERT INTO users (id, username, password_hash, display_name, org_unit_id, roles, locale, active, customer_id, created_at, updated_at)
SELECT printf('00000000-0000-4000-a000-%012d', i), printf('bench-agent-%03d', i), f.password_hash, printf('坐席%03d', i), f.org_unit_id, f.roles, f.locale, 1, NULL,
       f.created_at, f.updated_at
FROM seq, first_agent f;
CREATE TEMP TABLE agents AS SELECT row_number() OVER (ORDER BY username) - 1 AS n, id FROM users WHERE username LIKE 'bench-agent-%';
INSERT INTO shifts (id, org_unit_id, org_path, code, name, start_minute, end_minute, meal_start, meal_end, cleaning_duty, created_by, created_at)
SELECT 'bench-shift-e', r.id, r.path, 'E', '早班', 480, 960, 720, 810, 0, a.id, :now FROM root r, admin a;
-- Days as numbers since 1970-01-01 (Asia/Shanghai calendar days: :today is today's number).
WITH RECURSIVE days(d) AS (SELECT :today - :days UNION ALL SELECT d + 1 FROM days WHERE d < :today + 120)
INSERT INTO roster_entries (id, org_unit_id, org_path, month, day, user_id, shift_id, swap_id, updated_by, updated_at)
SELECT 're-' || g.n || '-' || days.d, r.id, r.path, substr(date(days.d * 86400, 'unixepoch'), 1, 7), date(days.d * 86400, 'unixepoch'), g.id,
       'bench-shift-e', NULL, a.id, :now
FROM days, agents g, root r, admin a WHERE (days.d + g.n) % 7 <> 0;
-- One effective swap per pair of agents (2k, 2k+1) in each past month, on the 10th/11th.
WITH RECURSIVE months(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM months WHERE m < :days / 30)
INSERT INTO shift_swaps (id, number, org_unit_id, org_path, requester_id, counterpart_id, requester_entry_id, counterpart_entry_id, requester_day,
    counterpart_day, reason, status, consented_at, decided_by, decided_at, decision_note, created_at, updated_at)
SELECT 'sw-' || g.n || '-' || months.m, 'HB-B' || g.n || '-' || months.m, r.id, r.path, g.id, h.id, 'x-' || g.n || '-' || months.m, 'y-' || g.n || '-' || months.m,
       date('now', 'start of month', '-' || months.m || ' months', '+9 days'), date('now', 'start of month', '-' || months.m || ' months', '+10 days'),
       '家中有事', 'effective', :now, a.id, :now, NULL, :now, :now
FROM months, agents g JOIN agents h ON h.n = g.n + 1, root r, admin a WHERE g.n % 2 = 0;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :count),
rows AS (SELECT i, :now - (:count - i) * (:days * 86400000 / :count) - (i % 977) * 1000 AS received FROM seq)
INSERT INTO tickets (id, rid, number, subject, description, type, channel, priority, status, customer_id, owner_id, assignee_id,
    org_unit_id, org_path, team_id, team_path, escalation_level, received_at, first_response_due_at, first_responded_at,
    resolution_due_at, resolved_at, closed_at, due_at, created_by, created_at, updated_at,
    sla_policy_id, sla_policy_name, sla_calendar, sla_first_response_minutes, sla_resolution_minutes, sla_escalate_after_minutes,
    escalation_due_at, sla_paused_at, sla_next_at, first_response_ms)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), i, 'KFB-' || i, '风机报修 ' || i, '齿轮箱异响，客户来电',
       CASE i % 4 WHEN 0 THEN 'repair' WHEN 1 THEN 'inquiry' WHEN 2 THEN 'complaint' ELSE 'other' END,
       CASE i % 3 WHEN 0 THEN 'phone' WHEN 1 THEN 'email' ELSE 'web' END,
       CASE i % 10 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' ELSE 'normal' END,
       'closed', NULL, (SELECT id FROM agents WHERE n = i % :agents), NULL,
       (SELECT id FROM root), (SELECT path FROM root), (SELECT id FROM root), (SELECT path FROM root), 0,
       received, received + 300000, received + (i % 600) * 1000,
       received + 259200000, received + (i % 5) * 86400000 + 3600000, received + (i % 5) * 86400000 + 7200000, NULL,
       (SELECT id FROM admin), received, received,
       NULL, '7×24', '24x7', 5, 4320, 60, received + 3600000, NULL, NULL, (i % 600) * 1000
FROM rows;
-- One escalation in twenty, one in five of them late.
INSERT INTO ticket_escalations (id, ticket_id, level, automatic, late, reason, actor_id, owner_id, team_id, org_path, at)
SELECT 'e-' || t.id, t.id, 1, 0, CASE WHEN t.rid % 100 = 0 THEN 1 ELSE 0 END, '超出权限', t.owner_id, t.owner_id, t.team_id, t.org_path,
       t.received_at + 1800000 + (t.rid % 100) * 60000
FROM tickets t WHERE t.rid % 20 = 0;
INSERT INTO survey_invitations (id, token_hash, occasion, ticket_id, repair_order_id, campaign_id, customer_id, customer_name, org_unit_id, org_path,
    expires_at, submitted_at, created_by, created_at)
SELECT 'si-' || t.rid, 'bench-' || t.rid, 'ticket', t.id, NULL, NULL, NULL, '客户', t.org_unit_id, t.org_path, t.received_at + 2592000000,
       t.received_at + 172800000, t.created_by, t.received_at
FROM tickets t WHERE t.rid % 10 = 0;
INSERT INTO survey_responses (id, invitation_id, overall, comment, org_unit_id, org_path, complaint_id, submitted_at)
SELECT 'sr-' || t.rid, 'si-' || t.rid, 1 + t.rid % 5, NULL, t.org_unit_id, t.org_path, NULL, t.received_at + 172800000
FROM tickets t WHERE t.rid % 10 = 0;
INSERT INTO complaints (id, number, ticket_id, subject, status, about_user_id, org_unit_id, org_path, registered_at, created_by, updated_at)
SELECT 'c-' || t.rid, 'TS-B' || t.rid, NULL, '服务态度', 'closed', t.owner_id, t.org_unit_id, t.org_path, t.received_at, t.created_by, t.received_at
FROM tickets t WHERE t.rid % 100 = 7;
INSERT OR REPLACE INTO counters (name, value) VALUES ('ticket_rid', :count);
COMMIT;
ANALYZE;
