/// The posting rule (DOC-06, DOC-07, D1): audit moves stock, un-audit reverses it, and no (warehouse, item) may end
/// below zero.
public enum Posting {
    public struct Key: Hashable, Comparable, Sendable {
        public let warehouseId: String
        public let itemId: String
        public init(warehouseId: String, itemId: String) { self.warehouseId = warehouseId; self.itemId = itemId }
        /// The order balances are locked in, the same for every transaction, so concurrent postings never deadlock.
        public static func < (a: Key, b: Key) -> Bool { (a.warehouseId, a.itemId) < (b.warehouseId, b.itemId) }
    }

    /// The signed movement of one line: a receipt adds its quantity (a red receipt's negative quantity lowers
    /// stock, RTN-01), an issue subtracts it (a red issue raises stock, D2); un-audit posts the opposite.
    public static func movement(direction: StockDirection, quantity: Quantity, reversing: Bool) -> Int64 {
        let m = direction.sign * quantity.milli
        return reversing ? -m : m
    }

    /// Net change per (warehouse, item), in lock order.
    public static func deltas(_ lines: [(key: Key, movement: Int64)]) -> [(key: Key, delta: Int64)] {
        var sum: [Key: Int64] = [:]
        for l in lines { sum[l.key, default: 0] += l.movement }
        return sum.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The first balance that would go below zero, given the balances after the change.
    public static func firstNegative(_ after: [Key: Int64]) -> Key? {
        after.filter { $0.value < 0 }.keys.sorted().first
    }
}
