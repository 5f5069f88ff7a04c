#ifndef KEFU_SQLITE_PAGE_CACHE_H
#define KEFU_SQLITE_PAGE_CACHE_H

#include "sqlite_nio_sqlite3.h"

/// Installs SQLite's own page cache behind a thin layer that keeps a cache's truncation from scanning the whole
/// cache when no page can be at or past the limit (see PageCacheKeyBound.c). Must run before SQLite is first
/// initialised, i.e. before any connection is opened; returns SQLite's result code (SQLITE_MISUSE when it came too
/// late, in which case SQLite's page cache is used as it is).
int kefu_sqlite_install_page_cache(void);

/// SQLITE_CONFIG_STMTJRNL_SPILL: the size past which a statement journal (of a connection with temp_store=FILE) goes
/// from memory to a temporary file. Before SQLite is first initialised, as above.
int kefu_sqlite_set_statement_journal_spill(int bytes);

/// The methods installed (for tests, which drive a cache of their own through them); null before installing.
const sqlite3_pcache_methods2 *kefu_sqlite_bounded_page_cache(void);

/// How many truncations of `cache` (made through the methods above) were handed to SQLite's page cache, and how many
/// were answered by the bound alone.
void kefu_sqlite_bounded_cache_counts(sqlite3_pcache *cache, long long *passed, long long *skipped);

#endif
