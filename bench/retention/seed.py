#!/usr/bin/env python3
"""#17.6 bench: fill a migrated SQLite database with closed tickets for `kefu retention archive` to measure.

Every ticket is closed four years ago (past RET-01's 3 years) and has two comments and three timeline events; every
tenth is named by a work order and every tenth (another) by a mail of the outbox still to be sent, so the archive must
leave 20 % of them. Usage: seed.py DB [--tickets N]
"""
import argparse
import sqlite3
import time
import uuid

FOUR_YEARS_MS = 4 * 366 * 86_400_000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--tickets", type=int, default=100_000)
    a = ap.parse_args()
    db = sqlite3.connect(a.db)
    root = db.execute("SELECT id, path FROM org_units WHERE parent_id IS NULL").fetchone()
    if root is None:  # a database only migrated: the root unit, as the first start makes it (OrgBootstrap)
        rid = str(uuid.uuid4())
        now = int(time.time() * 1000)
        with db:
            db.execute("INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at) VALUES (?, 'HQ', '客服中心', 'management', NULL, ?, 1, ?, ?)",
                       (rid, f"/{rid}/", now, now))
        root = (rid, f"/{rid}/")
    unit_id, path = root
    closed = int(time.time() * 1000) - FOUR_YEARS_MS
    start = db.execute("SELECT COALESCE(MAX(rid), 0) FROM tickets").fetchone()[0]
    tickets, comments, events, orders, mails = [], [], [], [], []
    for n in range(a.tickets):
        rid = start + n + 1
        tid = str(uuid.uuid4())
        number = f"KF2022-{rid:06d}"
        tickets.append((tid, rid, number, f"空调不制冷 {rid}", "客户来电，室外机不启动", "repair", "phone", "normal", "closed", unit_id, path,
                        closed - 86_400_000, closed - 3_600_000, closed, "bench", closed - 86_400_000, closed))
        for k in range(2):
            comments.append((str(uuid.uuid4()), tid, "bench", "staff", "public", f"第 {k + 1} 次回复：已安排师傅上门", closed - 80_000_000 + k))
        for k, kind in enumerate(["created", "commented", "closed"]):
            events.append((str(uuid.uuid4()), tid, k + 1, kind, "bench", "public", "{}", closed - 80_000_000 + k))
        if n % 10 == 3:
            orders.append((str(uuid.uuid4()), f"WO-{rid}", tid, number, "repair", "3 栋", "漏水", "赵先生", "13800000000", unit_id, path, "completed",
                           "bench", closed, "", "", closed))
        if n % 10 == 7:
            mails.append((str(uuid.uuid4()), tid, "acknowledgement", "kefu@example.com", "c@example.com", "已受理", f"<{tid}@kefu>", "raw", "pending",
                          0, closed, "bench", closed))
    with db:
        db.executemany("""INSERT INTO tickets (id, rid, number, subject, description, type, channel, priority, status, org_unit_id, org_path,
                          received_at, resolved_at, closed_at, created_by, created_at, updated_at)
                          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tickets)
        db.executemany("INSERT INTO ticket_comments (id, ticket_id, author_id, author_kind, visibility, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", comments)
        db.executemany("INSERT INTO ticket_events (id, ticket_id, seq, kind, actor_id, visibility, data, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)
        db.executemany("""INSERT INTO work_orders (id, number, ticket_id, ticket_number, kind, location, description, requester_name, requester_phone,
                          org_unit_id, org_path, status, issued_by, issued_at, work_notes, materials_used, updated_at)
                          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", orders)
        db.executemany("""INSERT INTO mail_outbox (id, ticket_id, kind, from_address, to_address, subject, message_id, raw, status, attempts,
                          next_attempt_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", mails)
    print(f"seeded {a.tickets} closed tickets ({len(orders)} named by a work order, {len(mails)} by a pending mail)")


if __name__ == "__main__":
    main()
