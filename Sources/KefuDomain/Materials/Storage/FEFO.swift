/// ISS-06, STO-05: which stock an issue takes. Shelf-life stock goes first-expiring-first-out (FEFO): the nearest
/// expiry first; stock without an expiry after all dated stock, oldest receipt first (FIFO); then batch and bin for a
/// stable order. Pure: the caller loads the open lots and writes what is taken.
public enum FEFO {
    /// Stock of one item in one warehouse at one place: a bin ("" = not yet put away) and a batch ("" = no batch).
    public struct Lot: Sendable, Hashable {
        public let binId: String
        public let batchId: String
        /// `YYYY-MM-DD`; nil: the batch has no expiry (or there is no batch).
        public let expiry: String?
        /// `YYYY-MM-DD`; "" when unknown (stock from before batches were kept counts as the oldest).
        public let receivedOn: String
        /// Thousandths (`Quantity.milli`).
        public let quantity: Int64
        public init(binId: String, batchId: String, expiry: String?, receivedOn: String, quantity: Int64) {
            self.binId = binId; self.batchId = batchId; self.expiry = expiry; self.receivedOn = receivedOn; self.quantity = quantity
        }
    }

    /// What is taken from one lot.
    public struct Take: Sendable, Hashable {
        public let binId: String
        public let batchId: String
        public let quantity: Int64
        public init(binId: String, batchId: String, quantity: Int64) { self.binId = binId; self.batchId = batchId; self.quantity = quantity }
    }

    /// Whether `a` is issued before `b`.
    public static func before(_ a: Lot, _ b: Lot) -> Bool {
        switch (a.expiry, b.expiry) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.receivedOn != b.receivedOn { return a.receivedOn < b.receivedOn }
        if a.batchId != b.batchId { return a.batchId < b.batchId }
        return a.binId < b.binId
    }

    /// The lots with stock in issue order.
    public static func order(_ lots: [Lot]) -> [Lot] {
        lots.filter { $0.quantity > 0 }.sorted(by: before)
    }

    /// Takes `quantity` (> 0) in issue order; nil when the lots hold less (the shortfall is the caller's to report).
    public static func pick(_ lots: [Lot], quantity: Int64) -> [Take]? {
        guard quantity > 0 else { return [] }
        var left = quantity
        var takes: [Take] = []
        for lot in order(lots) {
            let n = min(lot.quantity, left)
            takes.append(Take(binId: lot.binId, batchId: lot.batchId, quantity: n))
            left -= n
            if left == 0 { return takes }
        }
        return nil
    }

    /// The batch an issue line would take first (what the issue screen proposes), nil without stock.
    public static func proposal(_ lots: [Lot]) -> Lot? {
        order(lots).first
    }
}
