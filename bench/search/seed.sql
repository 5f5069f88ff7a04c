-- #11.1 quick-search benchmark (bench/search/run.sh fills in the :parameters): :count tickets numbered as the
-- service desk numbers them (KF<year>-000001 …) in the unit 客服部 (CS), :customers customers with a name, a mobile
-- number and an e-mail, every ticket for one of them. The unit and its supervisor are created here too.
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE root AS SELECT id, path FROM org_units WHERE parent_id IS NULL LIMIT 1;
CREATE TEMP TABLE admin AS SELECT id FROM users WHERE username = 'admin';
BEGIN;
INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at)
SELECT 'bench-cs', 'CS', '客服部', 'department', id, path || 'bench-cs/', 1, :now, :now FROM root;
UPDATE users SET org_unit_id = 'bench-cs' WHERE username IN ('bench-supervisor');
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :customers)
INSERT INTO customers (id, name, phone, phone_key, email, email_key, created_by, created_at, updated_at)
SELECT printf('c%07d', i),
       CASE i % 8 WHEN 0 THEN '达坂城风电场' WHEN 1 THEN '张北风电场' WHEN 2 THEN '酒泉二期风电场' WHEN 3 THEN '乌兰察布风电场'
                  WHEN 4 THEN '哈密东南风电场' WHEN 5 THEN '如东海上风电场' WHEN 6 THEN '定边风电场' ELSE '康保风电场' END || '运维' || i,
       printf('139%08d', i), printf('139%08d', i), printf('c%d@farm.example', i), printf('c%d@farm.example', i),
       (SELECT id FROM admin), :now, :now
FROM seq;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :count),
rows AS (SELECT i, :now - (:count - i) * (300 * 86400000 / :count) AS received FROM seq)
INSERT INTO tickets (id, rid, number, subject, description, type, channel, priority, status, customer_id, owner_id, assignee_id,
    org_unit_id, org_path, team_id, team_path, escalation_level, received_at, first_response_due_at, first_responded_at,
    resolution_due_at, resolved_at, closed_at, due_at, created_by, created_at, updated_at,
    sla_policy_id, sla_policy_name, sla_calendar, sla_first_response_minutes, sla_resolution_minutes, sla_escalate_after_minutes,
    escalation_due_at, sla_paused_at, sla_next_at, first_response_ms)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), i, printf('KF%d-%06d', :year, i), '风机报修 ' || i, '齿轮箱异响，客户来电',
       'repair', 'phone', 'normal', CASE WHEN i % 5 = 0 THEN 'open' ELSE 'closed' END, printf('c%07d', 1 + i % :customers),
       (SELECT id FROM admin), NULL,
       'bench-cs', (SELECT path FROM root) || 'bench-cs/', 'bench-cs', (SELECT path FROM root) || 'bench-cs/', 0,
       received, received + 300000, received + 60000, received + 259200000, received + 86400000, received + 90000000, NULL,
       (SELECT id FROM admin), received, received,
       NULL, '7×24', '24x7', 5, 4320, 60, NULL, NULL, NULL, 60000
FROM rows;
INSERT OR REPLACE INTO counters (name, value) VALUES ('ticket_rid', :count);
INSERT OR REPLACE INTO counters (name, value) VALUES ('ticket_number:' || :year, :count);
COMMIT;
ANALYZE;
