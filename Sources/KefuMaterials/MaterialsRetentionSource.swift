import KefuDomain
import KefuPlatform
import SQLKit

/// RET-03: the materials papers that are filed — audited stock documents (delivery notes and the other 出入库单),
/// posted site daily ledgers, closed material requests — for the retention report. A saved document or a draft day
/// is not filed yet and is not counted.
public struct MaterialsRetentionSource: TableRetentionSource {
    public init() {}

    public var kinds: [RetainedKind] { [.stockDocument, .siteLedger, .materialRequest] }

    static func table(_ kind: RetainedKind) -> RetentionSQL.Table {
        switch kind {
        case .siteLedger:
            // A day has no number: the warehouse code and the day name it.
            return .init(table: "site_ledger_days", closed: "posted_at",
                         number: "(SELECT w.code FROM warehouses w WHERE w.id = warehouse_id) || ' ' || ledger_date",
                         condition: "status = 'posted'", href: { "/materials/site-ledgers/\($0)" })
        case .materialRequest:
            return .init(table: "material_requests", closed: "closed_at", href: { "\(MaterialRequestPages.path)/\($0)" })
        default:
            return .init(table: "stock_documents", closed: "audited_at", condition: "status = 'audited'", href: { "/materials/documents/\($0)" })
        }
    }

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table { Self.table(kind) }

    /// #17.6 RET-04: Kefu archives closed material requests (`MaterialRequestArchiver`) and posted site ledger days with
    /// their files (`SiteLedgerArchiver`). Audited stock documents stay: the stock movements, balances and
    /// reconciliations are their postings.
    public func archiver(_ kind: RetainedKind) -> (any RetentionArchiver)? {
        switch kind {
        case .materialRequest: return MaterialRequestArchiver()
        case .siteLedger: return SiteLedgerArchiver()
        default: return nil
        }
    }
}
