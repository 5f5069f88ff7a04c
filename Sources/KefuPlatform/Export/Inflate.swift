/// Raw DEFLATE (RFC 1951) decompression, as ZIP members written by Excel, WPS and openpyxl (zlib) use it.
/// Stored, fixed-Huffman and dynamic-Huffman blocks; output bounded by `limit` (a small file cannot unpack into gigabytes).
public enum Inflate {
    public enum Failure: Error, Equatable { case truncated, invalid(String), tooLarge }

    public static func decompress(_ input: [UInt8], expectedSize: Int? = nil, limit: Int) throws -> [UInt8] {
        var state = InflateState(input: input, limit: limit)
        if let expectedSize, expectedSize <= limit { state.out.reserveCapacity(expectedSize) }
        try state.run()
        return state.out
    }
}

private struct Huffman {
    var count = [Int](repeating: 0, count: 16)
    var symbol: [Int]

    init(lengths: ArraySlice<Int>) throws {
        symbol = [Int](repeating: 0, count: lengths.count)
        for l in lengths { count[l] += 1 }
        // An over-subscribed code cannot be decoded; an incomplete one is allowed (single-distance-code blocks).
        var left = 1
        for len in 1..<16 {
            left <<= 1
            left -= count[len]
            if left < 0 { throw Inflate.Failure.invalid("over-subscribed code") }
        }
        var offs = [Int](repeating: 0, count: 16)
        for len in 1..<15 { offs[len + 1] = offs[len] + count[len] }
        for (i, l) in lengths.enumerated() where l != 0 {
            symbol[offs[l]] = i
            offs[l] += 1
        }
    }
}

private struct InflateState {
    let input: [UInt8]
    let limit: Int
    var pos = 0
    var bitBuf: UInt64 = 0
    var bitCount = 0
    var out: [UInt8] = []

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                           4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
    }

    mutating func bits(_ need: Int) throws -> Int {
        while bitCount < need {
            guard pos < input.count else { throw Inflate.Failure.truncated }
            bitBuf |= UInt64(input[pos]) << UInt64(bitCount)
            pos += 1
            bitCount += 8
        }
        let v = Int(bitBuf & ((1 << UInt64(need)) - 1))
        bitBuf >>= UInt64(need)
        bitCount -= need
        return v
    }

    mutating func decode(_ h: Huffman) throws -> Int {
        var code = 0, first = 0, index = 0
        for len in 1..<16 {
            code |= try bits(1)
            let count = h.count[len]
            if code - count < first { return h.symbol[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Inflate.Failure.invalid("bad code")
    }

    mutating func run() throws {
        var last = 0
        repeat {
            last = try bits(1)
            switch try bits(2) {
            case 0: try stored()
            case 1: try fixed()
            case 2: try dynamic()
            default: throw Inflate.Failure.invalid("block type 3")
            }
        } while last == 0
    }

    mutating func stored() throws {
        bitBuf = 0
        bitCount = 0
        guard pos + 4 <= input.count else { throw Inflate.Failure.truncated }
        let len = Int(input[pos]) | Int(input[pos + 1]) << 8
        let nlen = Int(input[pos + 2]) | Int(input[pos + 3]) << 8
        pos += 4
        guard len == (~nlen & 0xFFFF) else { throw Inflate.Failure.invalid("stored length") }
        guard pos + len <= input.count else { throw Inflate.Failure.truncated }
        guard out.count + len <= limit else { throw Inflate.Failure.tooLarge }
        out.append(contentsOf: input[pos..<(pos + len)])
        pos += len
    }

    mutating func fixed() throws {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        let lit = try Huffman(lengths: lengths[...])
        let dist = try Huffman(lengths: [Int](repeating: 5, count: 30)[...])
        try codes(lit, dist)
    }

    mutating func dynamic() throws {
        let nlen = try bits(5) + 257, ndist = try bits(5) + 1, ncode = try bits(4) + 4
        guard nlen <= 286, ndist <= 30 else { throw Inflate.Failure.invalid("counts") }
        var lengths = [Int](repeating: 0, count: 320)
        for i in 0..<ncode { lengths[Self.codeLengthOrder[i]] = try bits(3) }
        let lencode = try Huffman(lengths: lengths[0..<19])
        var index = 0
        while index < nlen + ndist {
            var symbol = try decode(lencode)
            if symbol < 16 {
                lengths[index] = symbol
                index += 1
            } else {
                var len = 0
                if symbol == 16 {
                    guard index > 0 else { throw Inflate.Failure.invalid("repeat with no length") }
                    len = lengths[index - 1]
                    symbol = 3 + (try bits(2))
                } else if symbol == 17 {
                    symbol = 3 + (try bits(3))
                } else {
                    symbol = 11 + (try bits(7))
                }
                guard index + symbol <= nlen + ndist else { throw Inflate.Failure.invalid("too many lengths") }
                for _ in 0..<symbol { lengths[index] = len; index += 1 }
            }
        }
        guard lengths[256] != 0 else { throw Inflate.Failure.invalid("no end-of-block code") }
        let lit = try Huffman(lengths: lengths[0..<nlen])
        let dist = try Huffman(lengths: lengths[nlen..<(nlen + ndist)])
        try codes(lit, dist)
    }

    mutating func codes(_ lit: Huffman, _ dist: Huffman) throws {
        while true {
            var symbol = try decode(lit)
            if symbol < 256 {
                guard out.count < limit else { throw Inflate.Failure.tooLarge }
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                symbol -= 257
                guard symbol < 29 else { throw Inflate.Failure.invalid("length symbol") }
                let len = Self.lengthBase[symbol] + (try bits(Self.lengthExtra[symbol]))
                let ds = try decode(dist)
                guard ds < 30 else { throw Inflate.Failure.invalid("distance symbol") }
                let d = Self.distBase[ds] + (try bits(Self.distExtra[ds]))
                guard d <= out.count else { throw Inflate.Failure.invalid("distance too far back") }
                guard out.count + len <= limit else { throw Inflate.Failure.tooLarge }
                var from = out.count - d
                for _ in 0..<len {
                    out.append(out[from])
                    from += 1
                }
            }
        }
    }
}
