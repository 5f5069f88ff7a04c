import ArgumentParser
import Foundation
import KefuChannels

/// #16.1 `kefu mail ingest < message.eml`: for MTA pipes and fetchmail (see README "Inbound e-mail").
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "Inbound e-mail.", subcommands: [MailIngest.self])
}

struct MailIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Hand one raw message on stdin to the running server (POST /api/v1/inbound/mail).",
        discussion: """
            Exit status for the MTA: 0 delivered (or a duplicate, an ignored auto-reply, quarantined); 75 (EX_TEMPFAIL) when \
            the server is unreachable, busy or refuses the token, so the MTA keeps the message and retries; 65 (EX_DATAERR) \
            when the server refuses the message itself (too large); 64 (EX_USAGE) without a URL or token.
            """)

    @Option(name: .customLong("url"), help: "The server, e.g. http://127.0.0.1:8080 (default KEFU_URL).")
    var url: String?

    @Option(name: .customLong("token"), help: "API token of a mail_intake account (default KEFU_MAIL_TOKEN).")
    var token: String?

    @Option(name: .customLong("recipient"), help: "The envelope recipient (Postfix ${recipient}): routes the ticket to its unit.")
    var recipient: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let raw = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        let (code, message) = await MailIngestClient.deliver(raw, baseURL: url ?? env["KEFU_URL"], token: token ?? env["KEFU_MAIL_TOKEN"],
                                                             recipient: recipient)
        FileHandle.standardError.write(Data((message + "\n").utf8))
        if code != 0 { throw ExitCode(code) }
    }
}
