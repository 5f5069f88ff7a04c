// #17.4: the size past which a statement journal goes from memory to a file (`SQLiteStore.writerPragmas` says why);
// here because `sqlite3_config` takes variable arguments, which Swift cannot call.
#include "KefuSQLitePageCache.h"

int kefu_sqlite_set_statement_journal_spill(int bytes) {
    return sqlite_nio_sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
