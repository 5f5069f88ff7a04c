/// A result's column positions by name, for one prepared SQLite statement. A row is read by column name, 38 names for
/// a ticket; hashing each whole name (SipHash, for a `[String: Int]`) was 3.6 % of a 50-row list's CPU (#17.4). This
/// table hashes a name's length and three of its bytes, then compares the whole name with the one in the slot.
struct ColumnPositions: Sendable {
    private let names: [String]
    private let slots: [Int32] // a position in `names`, or -1 for an empty slot
    private let mask: Int

    init(_ names: [String]) {
        self.names = names
        var size = 8
        while size < names.count * 3 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (position, name) in names.enumerated() where Self.find(name, names: names, slots: slots, mask: size - 1) == nil {
            var slot = Self.hash(name) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(position)
        }
        self.slots = slots
        mask = size - 1
    }

    /// The first column with this name.
    func position(of name: String) -> Int? { Self.find(name, names: names, slots: slots, mask: mask) }

    private static func find(_ name: String, names: [String], slots: [Int32], mask: Int) -> Int? {
        var slot = hash(name) & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            if names[position] == name { return position }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ name: String) -> Int {
        // #17.4: read off the name's bytes in one piece (UTF8View's `first`, `last` and `index(offsetBy:)` each took the
        // generic path: 2.5 % of a 50-row list); a bridged name without contiguous bytes takes that path still.
        if let hashed = name.utf8.withContiguousStorageIfAvailable({ hash(bytes: $0) }) { return hashed }
        return hash(bytes: Array(name.utf8))
    }

    private static func hash(bytes: some RandomAccessCollection<UInt8>) -> Int {
        let count = bytes.count
        guard count > 0 else { return 0 }
        let first = Int(bytes.first!), last = Int(bytes.last!)
        let middle = Int(bytes[bytes.index(bytes.startIndex, offsetBy: count / 2)])
        return ((count &* 31 &+ first) &* 31 &+ middle) &* 31 &+ last
    }
}
