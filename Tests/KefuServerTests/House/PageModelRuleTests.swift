import Foundation
import Testing

/// #11.6/#11.9: a page renders from one model built by one query function of its feature; page code never touches the
/// store or writes SQL. Page files are those named `…Page.swift`, `…Pages.swift` or `…PageKit.swift`; the models and
/// their query functions live in `…PageModel(s).swift` and the features' query files.
@Suite("House rules: pages read nothing themselves (#11.6)")
struct PageModelRuleTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    static let forbidden = ["store.read", "store.write", ".store", "any Store", "db.raw", "SQLQueryString", "SQLDatabase",
                            "SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"]

    static func pageFiles() throws -> [URL] {
        let all = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        return all.filter { url in
            let name = url.lastPathComponent
            return name.hasSuffix("Page.swift") || name.hasSuffix("Pages.swift") || name.hasSuffix("PageKit.swift")
        }
    }

    @Test func noPageFileMentionsTheStoreOrSQL() throws {
        let pages = try Self.pageFiles()
        #expect(pages.count >= 20, "found only \(pages.count) page files under \(Self.sources.path)")
        for file in pages {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (n, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for word in Self.forbidden where line.contains(word) && !line.contains("\"no-store\"") {
                    Issue.record("\(file.lastPathComponent):\(n + 1) mentions `\(word)`: build the page's model in the feature's queries")
                }
            }
        }
    }
}
