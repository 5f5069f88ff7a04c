/// VIS-03 free entry of the elderly (篇11 §3.1.2): a visitor aged 70 or over on the visit date enters free after the
/// ID is checked, and the check is recorded.
public enum FreeEntryRules {
    public static let freeAge = 70

    /// Whole years completed on `on`. Decision (seed silent): someone born on 29 February completes a year on 1 March in
    /// a common year (the birthday has not come on 28 February).
    public static func age(born: CivilDay, on day: CivilDay) -> Int {
        let b = born.components, d = day.components
        var years = d.year - b.year
        if (d.month, d.day) < (b.month, b.day) { years -= 1 }
        return years
    }

    public enum Decision: Equatable, Sendable {
        case free(age: Int)
        /// Under 70 on the visit date (or born after it): no free entry, nothing is recorded.
        case refused(age: Int)
    }

    public static func decide(born: CivilDay, visitDate: CivilDay) -> Decision {
        let a = age(born: born, on: visitDate)
        return a >= freeAge ? .free(age: a) : .refused(age: a)
    }

    /// The ID number as recorded: the first 6 and last 4 characters kept, the rest starred (110105********1234). Why:
    /// privacy (PIPL) — what the register must show is that the ID was checked and the birth date it gave, not the whole
    /// number; the region code and the tail are enough to tell two checks apart. Short numbers keep only the last 2.
    public static func masked(_ number: String) -> String {
        let chars = Array(number)
        if chars.count >= 12 { return String(chars.prefix(6)) + String(repeating: "*", count: chars.count - 10) + String(chars.suffix(4)) }
        if chars.count > 2 { return String(repeating: "*", count: chars.count - 2) + String(chars.suffix(2)) }
        return String(repeating: "*", count: chars.count)
    }
}

/// The 18-digit resident identity card number (居民身份证号码, GB 11643-1999): 6 digits of region, the birth date
/// (digits 7–14, YYYYMMDD), 3 of sequence and a check character (ISO 7064 MOD 11-2, "X" for 10).
public enum ResidentIDNumber {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    public enum Problem: String, Equatable, Sendable {
        case length = "id_length"
        case characters = "id_characters"
        case checkDigit = "id_check_digit"
        case birthDate = "id_birth_date"
    }

    /// The number normalised: half-width, upper-case "X", spaces removed.
    public static func normalised(_ typed: String) -> String {
        UsualInput.halfWidth(typed).uppercased().filter { !$0.isWhitespace }
    }

    /// The check character the first 17 digits call for.
    public static func checkCharacter(_ first17: String) -> Character? {
        let digits = first17.compactMap(\.wholeNumberValue)
        guard digits.count == 17, first17.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkChars[sum % 11]
    }

    /// The birth date a valid number carries, or what is wrong with it.
    public static func birthDate(_ typed: String) -> Result<CivilDay, ProblemError> {
        let n = normalised(typed)
        guard n.count == 18 else { return .failure(.init(.length)) }
        let first17 = String(n.prefix(17))
        guard first17.allSatisfy({ $0.isASCII && $0.isNumber }), let last = n.last, last == "X" || (last.isASCII && last.isNumber) else {
            return .failure(.init(.characters))
        }
        guard checkCharacter(first17) == last else { return .failure(.init(.checkDigit)) }
        let chars = Array(n)
        let iso = String(chars[6..<10]) + "-" + String(chars[10..<12]) + "-" + String(chars[12..<14])
        guard let day = CivilDay(iso: iso), day.iso == iso else { return .failure(.init(.birthDate)) }
        return .success(day)
    }

    public struct ProblemError: Error, Equatable, Sendable {
        public let problem: Problem
        public init(problem: Problem) { self.problem = problem }
        init(_ p: Problem) { problem = p }
    }
}
