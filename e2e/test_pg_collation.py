"""Kefu compares unit paths and typed prefixes in code-point order (`DatabaseCollation`): a PostgreSQL database whose
collation orders text otherwise (a language's libc collation, or ICU) would leave a unit's subunits out of its scope,
so commands refuse it at once, saying how to make a database Kefu can use, while export (and backup) still read its
data out; the default C.UTF-8 database works. Bounded: two small databases, a handful of `kefu` runs."""

from __future__ import annotations

import os
import subprocess

import pg_support as pg
from kefu_server import binary


def _kefu(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=database_url + "?tlsmode=disable")
    env.pop("KEFU_TEST_POSTGRES_URL", None)
    return subprocess.run([str(binary()), *args], env=env, capture_output=True, text=True, timeout=300)


def test_a_database_that_does_not_compare_in_code_point_order_is_refused_but_can_be_read_out(tmp_path):
    server = pg.server_url()
    fresh = pg.FreshDatabase("kefu_e2e_collation")
    icu = "kefu_e2e_icu_" + os.urandom(4).hex()
    icu_url = pg.with_database(server, icu)
    try:
        done = _kefu(fresh.url, "migrate")
        assert done.returncode == 0 and "desk-012-path-pattern-indexes" in done.stdout, done.stderr

        # ICU needs no operating-system locale, so this database can be made on any PostgreSQL 15 or later.
        pg.psql(server, f"CREATE DATABASE {icu} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C.UTF-8'")
        done = _kefu(icu_url, "migrate")
        assert done.returncode != 0, done.stdout
        assert f'PostgreSQL database "{icu}"' in done.stderr and "code-point order" in done.stderr, done.stderr
        assert "LOCALE 'C.UTF-8'" in done.stderr and "排序规则" in done.stderr, done.stderr
        assert pg.psql(icu_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0", "nothing written"

        # The same schema and data in the ICU database (as an older install would have it): still refused to serve,
        # but `kefu export` reads it out for a move to a database Kefu can use.
        dump = tmp_path / "kefu.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", fresh.url], check=True, timeout=120)
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={icu_url}", str(dump)], check=True, timeout=120)
        assert _kefu(icu_url, "migrate").returncode != 0
        done = _kefu(icu_url, "export", "--format", "jsonl", str(tmp_path / "out"))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "out").is_dir() and any((tmp_path / "out").iterdir())
    finally:
        pg.psql(server, f"DROP DATABASE IF EXISTS {icu} WITH (FORCE)")
        fresh.drop()
