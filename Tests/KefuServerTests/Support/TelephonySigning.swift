import Foundation
import HTTPTypes
import Hummingbird
import KefuPlatform

/// #16.3: signs a telephony event as the PBX connector does (`X-Kefu-Timestamp`, `X-Kefu-Signature: sha256=HMAC`).
enum TelephonySigning {
    static func body(_ json: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
    }

    static func headers(_ body: String, secret: String = TestApp.telephonySecret, at: Date = Date(), signature: String? = nil) -> HTTPFields {
        let ts = String(Int64(at.timeIntervalSince1970))
        var h = HTTPFields()
        h[HTTPField.Name("X-Kefu-Timestamp")!] = ts
        h[HTTPField.Name("X-Kefu-Signature")!] = signature ?? "sha256=" + Secrets.hmacSHA256Hex(key: secret, message: ts + "." + body)
        return h
    }
}
