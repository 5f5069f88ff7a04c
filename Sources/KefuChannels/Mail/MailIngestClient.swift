import Foundation
import KefuDomain
import KefuPlatform
import NIOHTTP1

/// #16.1 `kefu mail ingest`: one message from an MTA pipe (Postfix `pipe`, fetchmail's `mda`) handed to the running
/// server's `POST /api/v1/inbound/mail`. The exit status is what the MTA acts on (sysexits.h): 0 delivered; 75
/// EX_TEMPFAIL when the server cannot be reached, answers 5xx, or refuses the token (a configuration to fix: the MTA
/// keeps the message queued and retries, so nothing is lost); 65 EX_DATAERR when the server refuses the message
/// itself (413 too large, 400): the MTA bounces it; 64 EX_USAGE for a missing URL or token.
public enum MailIngestClient {
    public static let exOK: Int32 = 0
    public static let exUsage: Int32 = 64
    public static let exDataErr: Int32 = 65
    public static let exTempFail: Int32 = 75

    /// The exit status for the server's answer (nil: no answer at all).
    public static func exitCode(status: Int?) -> Int32 {
        guard let status else { return exTempFail }
        switch status {
        case 200..<300: return exOK
        case 400, 413, 415, 422: return exDataErr
        default: return exTempFail // 401/403 (token), 408, 429, 5xx, anything unexpected
        }
    }

    /// Posts `raw` to `baseURL` + `/api/v1/inbound/mail`; the exit status and a line for the MTA's log.
    public static func deliver(_ raw: [UInt8], baseURL: String?, token: String?, recipient: String?, timeoutSeconds: Int64 = 30) async -> (code: Int32, message: String) {
        guard let baseURL = TextRules.trimmed(baseURL), let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            return (exUsage, "kefu mail ingest: set KEFU_URL (or --url) to the server, e.g. http://127.0.0.1:8080")
        }
        guard let token = TextRules.trimmed(token) else {
            return (exUsage, "kefu mail ingest: set KEFU_MAIL_TOKEN (or --token) to a mail_intake account's API token")
        }
        let tls = scheme == "https"
        let port = url.port ?? (tls ? 443 : 80)
        var path = url.path
        if path.hasSuffix("/") { path.removeLast() }
        var target = path + "/api/v1/inbound/mail"
        if let recipient = TextRules.trimmed(recipient),
           let encoded = recipient.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "@.-_+"))) {
            target += "?recipient=\(encoded)"
        }
        let addresses: [IPAddress]
        do { addresses = try await HostResolver.addresses(of: host) } catch {
            return (exTempFail, "kefu mail ingest: cannot resolve \(host): \(error)")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token)")
        headers.add(name: "Content-Type", value: "message/rfc822")
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        var lastFailure = "no address for \(host)"
        for address in addresses {
            let request = PinnedRequest(address: address, port: port, useTLS: tls, host: host, hostHeader: hostHeader, target: target,
                                        headers: headers, body: raw, timeout: .seconds(timeoutSeconds))
            do {
                let status = try await PinnedHTTPClient.post(request)
                let code = exitCode(status: status)
                return (code, "kefu mail ingest: server answered \(status)" + (code == exOK ? "" : code == exTempFail ? " (the MTA will retry)" : " (refused)"))
            } catch PinnedHTTPClient.Failure.cannotConnect(let why) {
                lastFailure = why
                continue
            } catch {
                // Sent but no answer: the server may have taken it; a retry is safe (a Message-ID is taken once).
                return (exTempFail, "kefu mail ingest: \(error) (the MTA will retry)")
            }
        }
        return (exTempFail, "kefu mail ingest: cannot reach \(baseURL): \(lastFailure) (the MTA will retry)")
    }
}
