/// A flat JSON body of strings, as the pages' forms send them: numbers and booleans are taken as their text, an array
/// of strings as its items joined by commas. Money, areas and rates must be sent as strings ("12.50"): never a binary
/// float. Used by the register-style features (front desk, scenic area, property), whose records each have their own
/// fields beside the shared ones.
public struct FlatBody: Decodable, Sendable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var v: [String: String] = [:]
        for key in c.allKeys {
            if let s = try? c.decode(String.self, forKey: key) { v[key.stringValue] = s }
            else if let i = try? c.decode(Int.self, forKey: key) { v[key.stringValue] = String(i) }
            else if let b = try? c.decode(Bool.self, forKey: key) { v[key.stringValue] = b ? "true" : "false" }
            else if let a = try? c.decode([String].self, forKey: key) { v[key.stringValue] = a.joined(separator: ",") }
        }
        values = v
    }

    public subscript(_ key: String) -> String? { values[key] }
}
