-- The PostgreSQL form of seed.sql (bench/search/run.sh --engine postgres sets the psql variables count, customers,
-- year and now): the same unit, customers and tickets.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE root AS SELECT id, path FROM org_units WHERE parent_id IS NULL LIMIT 1;
CREATE TEMP TABLE admin AS SELECT id FROM users WHERE username = 'admin';
INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at)
SELECT 'bench-cs', 'CS', '客服部', 'department', id, path || 'bench-cs/', 1, :now, :now FROM root;
UPDATE users SET org_unit_id = 'bench-cs' WHERE username IN ('bench-supervisor');
INSERT INTO customers (id, name, phone, phone_key, email, email_key, created_by, created_at, updated_at)
SELECT 'c' || lpad(i::text, 7, '0'),
       (ARRAY['达坂城风电场', '张北风电场', '酒泉二期风电场', '乌兰察布风电场', '哈密东南风电场', '如东海上风电场', '定边风电场', '康保风电场'])[1 + i % 8] || '运维' || i,
       '139' || lpad(i::text, 8, '0'), '139' || lpad(i::text, 8, '0'), 'c' || i || '@farm.example', 'c' || i || '@farm.example',
       (SELECT id FROM admin), :now, :now
FROM generate_series(1, :customers) AS i;
INSERT INTO tickets (id, rid, number, subject, description, type, channel, priority, status, customer_id, owner_id, assignee_id,
    org_unit_id, org_path, team_id, team_path, escalation_level, received_at, first_response_due_at, first_responded_at,
    resolution_due_at, resolved_at, closed_at, due_at, created_by, created_at, updated_at,
    sla_policy_id, sla_policy_name, sla_calendar, sla_first_response_minutes, sla_resolution_minutes, sla_escalate_after_minutes,
    escalation_due_at, sla_paused_at, sla_next_at, first_response_ms)
SELECT lpad(to_hex(i), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0'), i,
       'KF' || :year || '-' || CASE WHEN i < 1000000 THEN lpad(i::text, 6, '0') ELSE i::text END, '风机报修 ' || i, '齿轮箱异响，客户来电',
       'repair', 'phone', 'normal', CASE WHEN i % 5 = 0 THEN 'open' ELSE 'closed' END, 'c' || lpad((1 + i % :customers)::text, 7, '0'),
       (SELECT id FROM admin), NULL,
       'bench-cs', (SELECT path FROM root) || 'bench-cs/', 'bench-cs', (SELECT path FROM root) || 'bench-cs/', 0,
       r, r + 300000, r + 60000, r + 259200000, r + 86400000, r + 90000000, NULL,
       (SELECT id FROM admin), r, r,
       NULL, '7×24', '24x7', 5, 4320, 60, NULL, NULL, NULL, 60000
FROM (SELECT i, :now::bigint - (:count - i)::bigint * (300 * 86400000::bigint / :count) AS r FROM generate_series(1, :count) AS i) s;
COMMIT;
ANALYZE;
