import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: the property archivers are `TableArchiver`s (KefuPlatform) whose due records are those of the
/// property report's table of their kind (`PropertyRetentionSource.table`).
protocol PropertyArchiver: TableArchiver {}

extension PropertyArchiver {
    var retained: RetentionSQL.Table { PropertyRetentionSource.table(kind) }
}
