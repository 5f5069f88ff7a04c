import KefuPlatform

/// Tables of the channels feature (#16, CH-01..04). Times are UTC epoch millis; a shipped migration is never edited
/// or removed: a change is a new file with the next number.
public enum ChannelsMigrations {
    public static let all: [Migration] = [
        ch001InboundMail, // #16.1
        ch002AttachmentsByTicket, // #16.1 a ticket's mail attachments
        ch003Telephony, // #16.3 telephony (ch-004 is #16.2's)
    ]
}
