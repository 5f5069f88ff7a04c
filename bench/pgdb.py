#!/usr/bin/env python3
"""PostgreSQL databases for the benchmarks (bench/run.sh, bench/materials/materials.py): one place that creates,
drops and sizes them, and that refuses to touch a database that is not a benchmark's own.

  python3 bench/pgdb.py recreate URL   # DROP DATABASE IF EXISTS + CREATE DATABASE … OWNER <URL's user>
                                       # (BENCH_PG_COLLATE=C: LC_COLLATE 'C', LC_CTYPE 'C.UTF-8')
  python3 bench/pgdb.py drop URL       # DROP DATABASE IF EXISTS
  python3 bench/pgdb.py size URL       # pg_database_size in bytes
  python3 bench/pgdb.py psql URL [psql arguments…]   # psql connected to URL's database
  python3 bench/pgdb.py exec URL COMMAND [arguments…] # COMMAND with PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE of URL
  python3 bench/pgdb.py is-bench URL   # exit 0 when URL names a benchmark database

URL is a Kefu DATABASE_URL (postgres://user:pass@host:port/db?tlsmode=…). Only a benchmark database is ever dropped
or created: its name begins with `kefu_bench` or ends with `_bench` (kefu_bench_tickets, kefu_mat_bench). Anything
else is refused, so a URL that names someone's real database cannot lose it here.

The statements run as the URL's user against the `postgres` maintenance database (that user needs CREATEDB, or to
own the database); if that fails and this runs as root, they run once more as the `postgres` system user
(`su postgres -c psql`), the database still owned by the URL's user.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import unquote, urlsplit

BENCH_NAME = re.compile(r"^(kefu_bench[a-z0-9_]*|[a-z0-9_]+_bench)$")


class Target:
    def __init__(self, url: str):
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql") or not parts.hostname:
            raise SystemExit(f"pgdb: not a postgres:// URL: {url}")
        self.host = parts.hostname
        self.port = str(parts.port or 5432)
        self.user = unquote(parts.username or "postgres")
        self.password = unquote(parts.password) if parts.password is not None else None
        self.database = unquote(parts.path.lstrip("/")) or "postgres"

    @property
    def is_bench(self) -> bool:
        return bool(BENCH_NAME.match(self.database))

    def env(self) -> dict[str, str]:
        env = dict(os.environ, PGHOST=self.host, PGPORT=self.port, PGUSER=self.user, PGDATABASE=self.database,
                   PGCONNECT_TIMEOUT="10")
        if self.password is not None:
            env["PGPASSWORD"] = self.password
        return env

    def psql(self, database: str, sql: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                              env=self.env(), capture_output=True, text=True, check=check)


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def admin(t: Target, statements: list[str]) -> None:
    """Runs each statement in the maintenance database, as the URL's user, else (as root) as postgres."""
    failure = ""
    for sql in statements:
        done = t.psql("postgres", sql, check=False)
        if done.returncode != 0:
            failure = done.stderr.strip()
            break
    else:
        return
    if os.geteuid() != 0 or t.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"pgdb: {failure}")
    for sql in statements:
        subprocess.run(["su", "postgres", "-c", f"psql -X -q -v ON_ERROR_STOP=1 -p {t.port} -d postgres"],
                       input=sql + ";\n", text=True, check=True, capture_output=True)


def require_bench(t: Target) -> None:
    if not t.is_bench:
        raise SystemExit(f"pgdb: refusing to drop or create '{t.database}': only benchmark databases "
                         f"(named kefu_bench… or …_bench) are dropped and created by the benchmarks")


def recreate(url: str) -> None:
    t = Target(url)
    require_bench(t)
    admin(t, [f"DROP DATABASE IF EXISTS {ident(t.database)} WITH (FORCE)",
              f"CREATE DATABASE {ident(t.database)} OWNER {ident(t.user)}{locale_clause()}"])


def locale_clause() -> str:
    """BENCH_PG_COLLATE=C makes the database compare text with memcmp (LC_COLLATE 'C', LC_CTYPE 'C.UTF-8');
    unset, it takes the template's locale."""
    collate = os.environ.get("BENCH_PG_COLLATE", "")
    if not collate:
        return ""
    if collate not in ("C", "C.UTF-8"):
        raise SystemExit(f"pgdb: BENCH_PG_COLLATE must be C or C.UTF-8, not {collate}")
    return f" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '{collate}' LC_CTYPE 'C.UTF-8'"


def drop(url: str) -> None:
    t = Target(url)
    require_bench(t)
    admin(t, [f"DROP DATABASE IF EXISTS {ident(t.database)} WITH (FORCE)"])


def size(url: str) -> int:
    t = Target(url)
    return int(t.psql(t.database, "SELECT pg_database_size(current_database())").stdout.strip())


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] not in ("recreate", "drop", "size", "psql", "exec", "is-bench"):
        print(__doc__, file=sys.stderr)
        return 64
    command, url = argv[1], argv[2]
    if command == "recreate":
        recreate(url)
    elif command == "drop":
        drop(url)
    elif command == "size":
        print(size(url))
    elif command == "is-bench":
        return 0 if Target(url).is_bench else 1
    elif command == "exec":
        if len(argv) < 4:
            raise SystemExit("pgdb: exec URL COMMAND [arguments…]")
        os.execvpe(argv[3], argv[3:], Target(url).env())
    else:
        t = Target(url)
        os.execvpe("psql", ["psql", "-X", "-d", t.database, *argv[3:]], t.env())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
