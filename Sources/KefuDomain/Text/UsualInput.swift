/// #11.2: what people type into number and date fields in China, brought to one canonical form
/// before the strict parsers see it: "3,500", "３５００", "1 200.5" for numbers; "2026/10/20",
/// "2026.10.20", "2026年10月20日", "20261020" for dates.
public enum UsualInput {
    /// Full-width digits and punctuation (０-９, ．, ，, －, ＋) as their ASCII forms; spaces trimmed.
    public static func halfWidth(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E, 0x3002: out.append(".")
            case 0xFF0C, 0x3001: out.append(",")
            case 0xFF0D, 0x2212: out.append("-")
            case 0xFF0B: out.append("+")
            case 0xFF0F: out.append("/")
            case 0x3000: out.append(" ")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.trimmingSpaces()
    }

    /// "3,500" → "3500", "-1,234.5" → "-1234.5", "1 200" → "1200"; nil when separators are misplaced
    /// ("1,23", "12,34,567") so that a typing slip is refused instead of read as another number.
    /// Text without separators is returned as typed (after half-width folding) for the strict parser.
    public static func number(_ text: String) -> String? {
        let s = halfWidth(text)
        guard s.contains(",") || s.contains(" ") || s.contains("'") else { return s }
        var sign = ""
        var body = Substring(s)
        if let f = body.first, f == "-" || f == "+" { sign = f == "-" ? "-" : ""; body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first else { return nil }
        let groups = whole.split(omittingEmptySubsequences: false) { $0 == "," || $0 == " " || $0 == "'" }
        guard let head = groups.first, (1...3).contains(head.count), head.allSatisfy(\.isASCIIDigit),
              groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let frac = parts.count == 2 ? "." + parts[1] : ""
        return sign + groups.joined() + frac
    }

    /// A calendar day from the usual written forms; nil for anything else or a day that does not exist.
    public static func day(_ text: String) -> CivilDay? {
        var s = halfWidth(text)
        if s.hasSuffix("日") || s.hasSuffix("号") { s.removeLast() }
        s = s.replacingAll(["年", "月", "/", ".", "-"], with: "-")
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 1, s.count == 8, s.allSatisfy(\.isASCIIDigit) {
            let y = Int(s.prefix(4))!, m = Int(s.dropFirst(4).prefix(2))!, d = Int(s.suffix(2))!
            return valid(y, m, d)
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return valid(y, m, d)
    }

    /// A day and a time of day ("2026/10/20 14:30", "2026年10月20日 14:30", "2026-10-20T14:30");
    /// the time as minutes after midnight, in the organisation's zone (the caller converts).
    public static func dayAndMinute(_ text: String) -> (day: CivilDay, minute: Int)? {
        let s = halfWidth(text).replacingAll(["T"], with: " ")
        let pieces = s.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = pieces.first, let day = day(String(first)) else { return nil }
        guard pieces.count == 2 else { return pieces.count == 1 ? (day, 0) : nil }
        let hm = pieces[1].replacingAll(["：", "时", "点"], with: ":").split(separator: ":", omittingEmptySubsequences: true)
        guard (2...3).contains(hm.count), let h = Int(hm[0]), let m = Int(hm[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (day, h * 60 + m)
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> CivilDay? {
        guard (1900...9999).contains(y), (1...12).contains(m), d >= 1, d <= CivilDay.daysIn(year: y, month: m) else { return nil }
        return CivilDay(year: y, month: m, day: d)
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    fileprivate func replacingAll(_ tokens: [Character], with replacement: Character) -> String {
        String(map { tokens.contains($0) ? replacement : $0 })
    }
}
