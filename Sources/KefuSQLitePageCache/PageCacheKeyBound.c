// #17.4: SQLite's page cache (pcache1) remembers the largest page number it has held since its last truncation. When a
// b-tree rebalances its pages it swaps two page numbers through a temporary one, the page of the lock bytes at 1 GB
// (PENDING_BYTE / page size + 1, which holds no data). For a database under 1 GB that number is past the file's end,
// so at every commit pcache1 believes pages may lie past the end and truncates by walking its whole hash table and
// every page in it: 6.5 % of the server's CPU under a stream of replies, with the writer's cache of 4,000 pages. This
// layer keeps its own bound on the page numbers held, leaving out a page parked on that temporary number (it is always
// moved back within the same rebalance), and hands a truncation to pcache1 only when a page may lie at or past the
// limit. Everything else is SQLite's own page cache, unchanged.
#include "KefuSQLitePageCache.h"
#include <stdlib.h>

static sqlite3_pcache_methods2 base;
static sqlite3_pcache_methods2 bounded;
static int installed;

typedef struct {
    sqlite3_pcache *inner;
    unsigned parkingKey;  // the page of the lock bytes: where a rebalance parks a page between two moves
    unsigned maxKey;      // no page with a larger number is held, apart from parked ones
    unsigned parked;      // pages on `parkingKey` not yet moved back
    int parkingFetched;   // a page was fetched at `parkingKey` (SQLite refuses it): the next truncation is passed on
    long long passed, skipped;
} BoundedCache;

static int boundInit(void *arg) { (void)arg; return base.xInit(base.pArg); }
static void boundShutdown(void *arg) { (void)arg; if (base.xShutdown) base.xShutdown(base.pArg); }

static sqlite3_pcache *boundCreate(int szPage, int szExtra, int bPurgeable) {
    BoundedCache *cache = calloc(1, sizeof(BoundedCache));
    if (!cache) return 0;
    cache->inner = base.xCreate(szPage, szExtra, bPurgeable);
    if (!cache->inner) { free(cache); return 0; }
    cache->parkingKey = szPage > 0 ? (unsigned)(0x40000000 / szPage) + 1 : 0;
    return (sqlite3_pcache *)cache;
}

static void boundCachesize(sqlite3_pcache *p, int n) { base.xCachesize(((BoundedCache *)p)->inner, n); }
static int boundPagecount(sqlite3_pcache *p) { return base.xPagecount(((BoundedCache *)p)->inner); }

static sqlite3_pcache_page *boundFetch(sqlite3_pcache *p, unsigned key, int createFlag) {
    BoundedCache *cache = (BoundedCache *)p;
    sqlite3_pcache_page *page = base.xFetch(cache->inner, key, createFlag);
    if (page) {
        if (key == cache->parkingKey) cache->parkingFetched = 1;
        else if (key > cache->maxKey) cache->maxKey = key;
    }
    return page;
}

static void boundUnpin(sqlite3_pcache *p, sqlite3_pcache_page *page, int discard) {
    base.xUnpin(((BoundedCache *)p)->inner, page, discard);
}

static void boundRekey(sqlite3_pcache *p, sqlite3_pcache_page *page, unsigned oldKey, unsigned newKey) {
    BoundedCache *cache = (BoundedCache *)p;
    base.xRekey(cache->inner, page, oldKey, newKey);
    if (oldKey == cache->parkingKey && cache->parked > 0) cache->parked--;
    if (newKey == cache->parkingKey) cache->parked++;
    else if (newKey > cache->maxKey) cache->maxKey = newKey;
}

static void boundTruncate(sqlite3_pcache *p, unsigned limit) {
    BoundedCache *cache = (BoundedCache *)p;
    if (cache->maxKey < limit && cache->parked == 0 && !cache->parkingFetched) {
        cache->skipped++;
        return;
    }
    cache->passed++;
    base.xTruncate(cache->inner, limit);
    if (limit > 0 && cache->maxKey >= limit) cache->maxKey = limit - 1;
    if (limit <= cache->parkingKey) { cache->parked = 0; cache->parkingFetched = 0; }
}

static void boundDestroy(sqlite3_pcache *p) {
    BoundedCache *cache = (BoundedCache *)p;
    base.xDestroy(cache->inner);
    free(cache);
}

static void boundShrink(sqlite3_pcache *p) { base.xShrink(((BoundedCache *)p)->inner); }

int kefu_sqlite_install_page_cache(void) {
    int rc = sqlite_nio_sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &base);
    if (rc != SQLITE_OK) return rc;
    if (base.iVersion < 1 || !base.xCreate) return SQLITE_ERROR;
    bounded = (sqlite3_pcache_methods2){
        .iVersion = 1, .pArg = 0, .xInit = boundInit, .xShutdown = boundShutdown, .xCreate = boundCreate,
        .xCachesize = boundCachesize, .xPagecount = boundPagecount, .xFetch = boundFetch, .xUnpin = boundUnpin,
        .xRekey = boundRekey, .xTruncate = boundTruncate, .xDestroy = boundDestroy, .xShrink = boundShrink,
    };
    rc = sqlite_nio_sqlite3_config(SQLITE_CONFIG_PCACHE2, &bounded);
    installed = rc == SQLITE_OK;
    return rc;
}

const sqlite3_pcache_methods2 *kefu_sqlite_bounded_page_cache(void) { return installed ? &bounded : 0; }

void kefu_sqlite_bounded_cache_counts(sqlite3_pcache *p, long long *passed, long long *skipped) {
    *passed = ((BoundedCache *)p)->passed;
    *skipped = ((BoundedCache *)p)->skipped;
}
