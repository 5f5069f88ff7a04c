import KefuPlatform

extension ServiceDeskMigrations {
    /// #16 item 2 (CH-04): the company-wide mail acknowledgement, in both languages — the office names itself and the
    /// customer learns the ticket number. A unit writes its own on /reply-templates; the nearest one holds.
    public static let desk008MailAcknowledgements = Migration(id: "desk-008-mail-acknowledgements", common: seeds.map { s in
        """
        INSERT INTO reply_templates (id, org_unit_id, org_path, kind, channel, category, title, code, body, locale, active, created_at, updated_at)
        VALUES ('\(s.id)', NULL, '/', 'acknowledgement', 'email', '\(s.category)', '\(s.title)', NULL, '\(s.body)', '\(s.locale)', 1, 0, 0)
        """
    })

    private static let seeds: [(id: String, category: String, title: String, body: String, locale: String)] = [
        ("rt-ack-mail-zh", "自动回执", "邮件受理回执",
         "{客户}，您好：\n\n这里是{部门}。您的来信已收到，工单号为 {工单号}，我们会尽快处理并答复您。\n如需补充情况，请直接回复本邮件，并保留主题中的工单号。\n\n{部门}\n（本邮件由系统自动发出）",
         "zh-CN"),
        ("rt-ack-mail-en", "Acknowledgement", "Mail received",
         "Dear {customer},\n\nThis is {unit}. We have received your message as ticket {ticketNumber} and will answer as soon as we can.\nTo add anything, reply to this mail and keep the ticket number in the subject.\n\n{unit}\n(This message was sent automatically.)",
         "en"),
    ]
}
