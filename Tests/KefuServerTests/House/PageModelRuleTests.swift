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

    /// #11.6: these pages take their whole model from one query function (one read transaction); they do not gather
    /// their lists of choices or their rows from several service reads.
    static let oneReadPages = ["TicketDetailPage.swift", "TicketListPage.swift", "DocumentPages.swift", "TransferPages.swift", "StockPages.swift"]
    static let separateReads = [".warehouses(viewer:", ".allItems(viewer:", ".ownerUnits(", "org.units(", "org.users(", ".transfers.list(",
                                ".documents.list(", ".stock.onHand(", "queries.list(", "queries.events("]

    @Test func listAndTicketPagesReadOnce() throws {
        let pages = try Self.pageFiles().filter { Self.oneReadPages.contains($0.lastPathComponent) }
        #expect(pages.count == Self.oneReadPages.count)
        for file in pages {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (n, line) in lines.enumerated() {
                for call in Self.separateReads where line.contains(call) {
                    Issue.record("\(file.lastPathComponent):\(n + 1) reads `\(call)` on its own: put it in the page's model (one read)")
                }
            }
        }
    }

    /// #11.6 (item 1): views carry instants, decoded in the query; a page or view file formats them and never parses an
    /// API time string back (`Times.parse` is for input handling only).
    @Test func noPageOrViewParsesTimeStrings() throws {
        let all = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        let views = all.filter { $0.lastPathComponent.hasSuffix("View.swift") || $0.lastPathComponent == "PrintForms.swift" }
        let files = try Self.pageFiles() + views
        #expect(files.count >= 25)
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (n, line) in lines.enumerated() where line.contains("Times.parse") {
                Issue.record("\(file.lastPathComponent):\(n + 1) parses a time string: carry the instant in the page's model")
            }
        }
    }
}
