import Foundation
import KefuDomain

/// #16 item 2: the smarthost outbound mail goes through, from `KEFU_SMTP_URL`:
/// `smtp://user:pass@host:587` (STARTTLS: required when a user is given, else used when offered),
/// `smtps://user:pass@host:465` (TLS from the first byte). Query options: `tls=required|opportunistic|none`,
/// `verify=none` (accept any certificate: an internal relay with a self-signed one), `ca=/path/ca.pem` (trust this CA),
/// `helo=name`. `KEFU_MAIL_FROM` is the sender (`客服中心 <service@example.com>`); its domain names Kefu's Message-IDs.
public struct SmtpSettings: Sendable, Equatable {
    public enum Security: String, Sendable { case implicitTLS, startTLSRequired, startTLSOpportunistic, none }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var verifyCertificate: Bool
    public var caFile: String?
    public var helo: String
    public var from: MailAddress
    /// Per connection: a smarthost that stops answering is given up on after this long (the message is retried later).
    public var timeoutSeconds: Int64 = 60

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, verifyCertificate: Bool = true,
                caFile: String? = nil, helo: String = "kefu.localdomain", from: MailAddress) {
        self.host = host; self.port = port; self.security = security; self.username = username; self.password = password
        self.verifyCertificate = verifyCertificate; self.caFile = caFile; self.helo = helo; self.from = from
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// The Message-ID domain: the sender's.
    public var messageIdDomain: String { from.address.split(separator: "@").last.map(String.init) ?? "kefu.localdomain" }

    public static func parse(url raw: String, from rawFrom: String?) throws -> SmtpSettings {
        guard let url = URLComponents(string: raw), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw Invalid(description: "KEFU_SMTP_URL is not a URL like smtp://user:pass@host:587")
        }
        let options = Dictionary((url.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        let user = url.user.flatMap { $0.removingPercentEncoding ?? $0 }.flatMap { $0.isEmpty ? nil : $0 }
        let password = url.password.flatMap { $0.removingPercentEncoding ?? $0 }
        let security: Security
        switch scheme {
        case "smtps": security = .implicitTLS
        case "smtp":
            switch options["tls"]?.lowercased() {
            case nil, "": security = user == nil ? .startTLSOpportunistic : .startTLSRequired
            case "required": security = .startTLSRequired
            case "opportunistic": security = .startTLSOpportunistic
            case "none": security = .none
            case let other?: throw Invalid(description: "KEFU_SMTP_URL: tls=\(other) is not required, opportunistic or none")
            }
        default: throw Invalid(description: "KEFU_SMTP_URL: the scheme is smtp or smtps, not \(scheme)")
        }
        guard let fromText = rawFrom?.trimmingCharacters(in: .whitespaces), !fromText.isEmpty else {
            throw Invalid(description: "KEFU_MAIL_FROM is required with KEFU_SMTP_URL (the sender, e.g. 客服中心 <service@example.com>)")
        }
        var warnings: [String] = []
        guard let from = MailEncodings.addresses(fromText, charsets: MailCharsets(codecs: IconvMailCodecs()), warnings: &warnings).first, from.address.contains("@") else {
            throw Invalid(description: "KEFU_MAIL_FROM is not an address: \(fromText)")
        }
        return SmtpSettings(host: host, port: url.port ?? (security == .implicitTLS ? 465 : 587), security: security, username: user,
                            password: password, verifyCertificate: options["verify"]?.lowercased() != "none",
                            caFile: options["ca"].flatMap { $0.isEmpty ? nil : $0 }, helo: options["helo"].flatMap { $0.isEmpty ? nil : $0 } ?? "kefu.localdomain",
                            from: from)
    }

    /// nil when `KEFU_SMTP_URL` is unset: no mail goes out and none is queued.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> SmtpSettings? {
        guard let url = env["KEFU_SMTP_URL"], !url.isEmpty else { return nil }
        return try parse(url: url, from: env["KEFU_MAIL_FROM"])
    }
}
