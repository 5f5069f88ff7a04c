import Foundation
import HTTPTypes
@testable import KefuPlatform
import Logging
import Testing

/// #17 item 5: every answer carries X-Request-Id (a caller's plain token kept, anything else replaced), and JSON log
/// lines are one well-formed object each.
@Suite("Request ids and JSON logs (#17 item 5)")
struct RequestIdTests {
    @Test func everyAnswerCarriesARequestIdAndKeepsAPlainOneGiven() async throws {
        try await TestApp.run { app in
            let made = try await app.call(.get, "/healthz")
            let id = try #require(made.headers[RequestIdMiddleware.header])
            #expect(id.count == 16 && id.allSatisfy(\.isHexDigit), "\(id)")
            let other = try await app.call(.get, "/healthz").headers[RequestIdMiddleware.header]
            #expect(other != id, "each request gets its own")
            let kept = try await app.call(.get, "/api/v1/no-such", headers: [RequestIdMiddleware.header: "lb-7f3a.2_x"])
            #expect(kept.status == .notFound && kept.headers[RequestIdMiddleware.header] == "lb-7f3a.2_x")
            let replaced = try await app.call(.get, "/healthz", headers: [RequestIdMiddleware.header: "<script>"])
            #expect(replaced.headers[RequestIdMiddleware.header]?.count == 16)
            #expect(RequestIdMiddleware.accepted(String(repeating: "a", count: 65)) == nil)
            #expect(RequestIdMiddleware.accepted("") == nil)
        }
    }

    @Test func aMadeIdIsSixteenHexDigitsAsPrintfWritesThem() {
        var g = SystemRandomNumberGenerator()
        let values: [UInt64] = [0, 1, 9, 10, 15, 16, 0xff, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 1 << 63, UInt64.max]
            + (0..<500).map { _ in g.next() } + (0..<64).map { 1 << UInt64($0) }
        for value in values {
            #expect(RequestIdMiddleware.hex16(value) == String(format: "%016llx", value))
        }
    }

    @Test func aJSONLogLineIsOneObjectWithItsMetadata() throws {
        let line = JSONLogHandler.line(date: Date(timeIntervalSince1970: 1_764_750_600.125), level: .warning, label: "kefu",
                                       message: "客服 \"quoted\"\nnext\u{1}", metadata: ["request_id": "abc", "status": .stringConvertible(404), "msg": "ignored"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object == ["ts": "2025-12-03T08:30:00.125Z", "level": "warning", "label": "kefu", "msg": "客服 \"quoted\"\nnext\u{1}",
                           "request_id": "abc", "status": "404"])
        #expect(!line.contains("\n"), "one line")
        #expect(line.hasPrefix("{\"ts\":"))
    }
}

/// #17.4: the default text lines are swift-log's own (`StreamLogHandler`), with the logger's metadata turned into text
/// only when a line is written.
@Suite("Text log lines")
struct TextLogHandlerTests {
    final class Lines: TextOutputStream, @unchecked Sendable {
        var text = ""
        func write(_ string: String) { text += string }
    }

    @Test func linesAreStreamLogHandlersLines() {
        let ours = Lines(), theirs = Lines()
        var a = Logger(label: "kefu") { TextLogHandler(label: $0, stream: ours) }
        var b = Logger(label: "kefu") { StreamLogHandler(label: $0, stream: theirs, metadataProvider: nil) }
        a[metadataKey: "request_id"] = "r-1"; b[metadataKey: "request_id"] = "r-1"
        a[metadataKey: "hb.request.id"] = "7"; b[metadataKey: "hb.request.id"] = "7"
        a.info("请求 done", metadata: ["status": "201"]); b.info("请求 done", metadata: ["status": "201"])
        a[metadataKey: "request_id"] = nil; b[metadataKey: "request_id"] = nil
        a.warning("second"); b.warning("second")
        a.debug("not written"); b.debug("not written")
        // Each line starts with the time to the second; the rest is the same.
        func withoutTime(_ text: String) -> [String] { text.split(separator: "\n").map { String($0.drop { $0 != " " }) } }
        #expect(withoutTime(ours.text) == withoutTime(theirs.text))
        #expect(withoutTime(ours.text) == [" info kefu: hb.request.id=7 request_id=r-1 status=201 [KefuServerTests] 请求 done",
                                           " warning kefu: hb.request.id=7 [KefuServerTests] second"])
    }
}
