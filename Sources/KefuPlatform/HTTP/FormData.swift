import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body from a page form.
public struct FormData: Sendable {
    public let values: [String: String]

    public subscript(_ key: String) -> String? { values[key] }

    public init(values: [String: String]) { self.values = values }

    public static func parse(_ body: String) -> FormData {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            values[key] = value
        }
        return FormData(values: values)
    }

    private static func decode(_ s: Substring) -> String {
        let plusFixed = s.replacingOccurrences(of: "+", with: " ")
        return NulFreeText.strip(plusFixed.removingPercentEncoding ?? plusFixed) // #10.21
    }

    public static func read(_ request: Request) async throws -> FormData {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 1 * 1024 * 1024)
        } catch {
            throw AppError(.contentTooLarge, "body_too_large", Text("提交的内容过大", "The submitted form is too large"))
        }
        return parse(String(buffer: buffer))
    }
}
