import KefuPlatform

extension ServiceDeskMigrations {
    /// #18.5/#17.7 on PostgreSQL: a search walks the newest documents and tests each one's token array, which is stored
    /// compressed (a document of some 165 tokens is over the 2 kB at which PostgreSQL compresses a row). Decompressing
    /// it with the default pglz took 3.4 µs a document, half of the test; lz4 takes 1.3 µs (bench/README, #18.5).
    /// Only the compression of documents written from now on changes (no table rewrite); older ones are read as they
    /// are and take lz4 when their ticket is next re-indexed (a reply, an edit). A server built without lz4 keeps pglz.
    public static let desk013SearchDocumentCompression = Migration(id: "desk-013-search-document-compression", postgres: [
        """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                ALTER TABLE ticket_search ALTER COLUMN tokens SET COMPRESSION lz4, ALTER COLUMN body SET COMPRESSION lz4;
            END IF;
        END
        $$
        """,
    ])
}
