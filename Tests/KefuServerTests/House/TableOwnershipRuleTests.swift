import Foundation
import Testing

/// #11.6: a feature reads another feature's data only through that feature's query functions. Each table belongs
/// to the feature whose migrations create it; no other feature's source names it after FROM, JOIN, INTO or UPDATE.
/// The composition root (KefuApp: demo data, admin tasks) is not a feature and may seed every table.
@Suite("House rules: each feature's tables are its own (#11.6)")
struct TableOwnershipRuleTests {
    static let features = ["KefuOrg", "KefuServiceDesk", "KefuAftersales", "KefuMaterials", "KefuWorkOrders", "KefuPeople", "KefuFrontDesk",
                            "KefuProperty", // #14 item 2
                            "KefuScenic", // #14.3
                            "KefuChannels"] // #16.1

    static func swiftFiles(_ target: String) -> [URL] {
        let root = PageModelRuleTests.sources.appendingPathComponent(target)
        return (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "swift" }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func owners() throws -> [String: String] {
        var owner: [String: String] = [:]
        for feature in features {
            for file in swiftFiles(feature) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for table in matches(#"CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)"#, in: text) { owner[table] = feature }
            }
        }
        return owner
    }

    @Test func everyFeatureOwnsTablesAndTheRuleSeesThem() throws {
        let owner = try Self.owners()
        for feature in Self.features { #expect(owner.values.contains(feature), "no table found for \(feature)") }
        #expect(owner["tickets"] == "KefuServiceDesk")
        #expect(owner["org_units"] == "KefuOrg")
        #expect(owner["stock_documents"] == "KefuMaterials")
        #expect(owner["complaints"] == "KefuAftersales")
    }

    @Test func noFeatureNamesAnotherFeaturesTables() throws {
        let owner = try Self.owners()
        for feature in Self.features {
            for file in Self.swiftFiles(feature) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for table in Self.matches(#"(?i:\b(?:FROM|JOIN|INTO|UPDATE))\s+([a-z_]+)\b"#, in: text) {
                    if let o = owner[table], o != feature {
                        Issue.record("\(feature)/\(file.lastPathComponent) reads \(o)'s table `\(table)`: ask \(o)'s query functions")
                    }
                }
            }
        }
    }
}
