/// The site's daily in/out ledger (现场出入库流水账, LED-01..07).

/// What a ledger line records, and how the department books it when it posts the day (LED-05).
/// Decision (#12.3): a site's movements are of five kinds. Purchases shipped to the site, items back from repair and
/// own-use issues are drafted as receipts/issues by the posting; a transfer's receipt and an outgoing shipment are booked
/// by the transfer's generated documents (TRF-07/08), so the ledger line only names them (LED-04) and drafts nothing.
public enum LedgerLineKind: String, CaseIterable, Codable, Sendable {
    case purchase
    case repaired
    case transferIn = "transfer_in"
    case selfUse = "self_use"
    case shipment

    public var direction: StockDirection {
        switch self {
        case .purchase, .repaired, .transferIn: return .in
        case .selfUse, .shipment: return .out
        }
    }

    /// The category of the document the posting drafts for the line; nil: booked by a transfer, nothing drafted.
    public var draftedReason: StockReason? {
        switch self {
        case .purchase: return .purchase
        case .repaired: return .repaired
        case .selfUse: return .selfUse
        case .transferIn, .shipment: return nil
        }
    }

    /// LED-04: the line names its paper — the transfer order number of a transfer receipt, the packing list of a shipment.
    public var needsReference: Bool { self == .transferIn || self == .shipment }

    /// LED-02: an issue can only take what the site holds, so its item must be on the site's on-hand list; a receipt may
    /// bring an item the site has not held before.
    public var needsOnHandItem: Bool { direction == .out }
}

/// `draft` (the keeper writes) → `submitted` (sent to the department, LED-01) → `posted` (booked by the department,
/// LED-05); the accountant may return a submitted day to `draft`.
public enum LedgerDayStatus: String, CaseIterable, Codable, Sendable {
    case draft, submitted, posted
}

public enum SiteLedgerRules {
    public enum Action: String, Sendable { case edit, submit, `return`, post }

    public static func allows(_ action: Action, _ status: LedgerDayStatus) -> Bool {
        switch action {
        case .edit, .submit: return status == .draft
        case .return, .post: return status == .submitted
        }
    }

    public enum LineViolation: Equatable, Sendable {
        /// The quantity column of the kind's direction must be above zero and the other column zero (or empty).
        case quantity
        /// Every column is mandatory (LED-02): the remark says what the movement was for.
        case remarkRequired
        /// LED-04.
        case referenceRequired
        /// RCV-02: a purchase names its supplier.
        case supplierRequired
    }

    public static func check(kind: LedgerLineKind, quantityIn: Quantity, quantityOut: Quantity, remark: String, reference: String,
                             hasSupplier: Bool) -> LineViolation? {
        let (taken, other) = kind.direction == .in ? (quantityIn, quantityOut) : (quantityOut, quantityIn)
        if !taken.isPositive || other.milli != 0 { return .quantity }
        if remark.isEmpty { return .remarkRequired }
        if kind.needsReference && reference.isEmpty { return .referenceRequired }
        if kind == .purchase && !hasSupplier { return .supplierRequired }
        return nil
    }

    /// LED-01, LED-03. Decision (#12.3): a day's ledger is due by the end of that day in the organisation's time zone
    /// (23:59:59 Asia/Shanghai — "each evening"); submitted on a later day it is late and must carry the reason.
    public static func isLate(ledgerDay: CivilDay, submittedOn: CivilDay) -> Bool { submittedOn > ledgerDay }

    /// A ledger of a day that has not begun yet cannot be written.
    public static func isFuture(ledgerDay: CivilDay, today: CivilDay) -> Bool { ledgerDay > today }

    /// LED-07: how a site stands for a day on the department's chase list.
    public enum DayStanding: String, Codable, Sendable {
        /// No ledger, or one still being written, after the day is over.
        case missing
        /// Not yet submitted, and the day is not over.
        case open
        case onTime = "on_time"
        case late
    }

    public static func standing(status: LedgerDayStatus?, late: Bool, ledgerDay: CivilDay, today: CivilDay) -> DayStanding {
        guard let status, status != .draft else { return today > ledgerDay ? .missing : .open }
        return late ? .late : .onTime
    }
}
