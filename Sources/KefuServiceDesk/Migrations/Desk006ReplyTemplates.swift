import KefuPlatform

extension ServiceDeskMigrations {
    /// #16 item 5 (CH-03, CH-04): the reply templates — phrases, greetings and closings — of each unit ("/" = the
    /// whole company), with the phrases the ticket page offered until now (#11.4) and the telephone greeting of CH-04
    /// as company-wide templates in both languages.
    public static let desk006ReplyTemplates = Migration(id: "desk-006-reply-templates", common: [
        """
        CREATE TABLE reply_templates (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            channel TEXT,
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            code TEXT,
            body TEXT NOT NULL,
            locale TEXT NOT NULL,
            active INTEGER NOT NULL,
            created_by TEXT,
            created_at BIGINT NOT NULL,
            updated_by TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX reply_templates_path ON reply_templates (org_path, kind)",
    ] + seeds.map { s in
        """
        INSERT INTO reply_templates (id, org_unit_id, org_path, kind, channel, category, title, code, body, locale, active, created_at, updated_at)
        VALUES ('\(s.id)', NULL, '/', '\(s.kind)', \(s.channel.map { "'\($0)'" } ?? "NULL"), '\(s.category)', '\(s.title)', '\(s.code)', '\(s.body)', '\(s.locale)', 1, 0, 0)
        """
    })

    private static let seeds: [(id: String, kind: String, channel: String?, category: String, title: String, code: String, body: String, locale: String)] = [
        ("rt-greet-phone-zh", "greeting", "phone", "问候", "电话问候", "hello", "您好，这里是{unit}，我是{agent}，请问有什么可以帮您？", "zh-CN"),
        ("rt-greet-phone-en", "greeting", "phone", "Greeting", "Telephone greeting", "hello", "Hello, this is {unit}, {agent} speaking. How can I help you?", "en"),
        ("rt-greet-zh", "phrase", nil, "问候", "问候", "greet", "您好，感谢您联系我们，我是本次为您服务的客服{agent}。", "zh-CN"),
        ("rt-greet-en", "phrase", nil, "Greeting", "Greeting", "greet", "Hello, thank you for contacting us; I am {agent} and I will be looking after your request.", "en"),
        ("rt-received-zh", "phrase", nil, "受理", "已收到", "received", "您反映的问题（工单号 {ticketNumber}）我们已经收到，正在为您处理。", "zh-CN"),
        ("rt-received-en", "phrase", nil, "Intake", "Received", "received", "We have received your report (ticket {ticketNumber}) and are working on it.", "en"),
        ("rt-need-info-zh", "phrase", nil, "受理", "请补充信息", "info", "为了尽快为您处理，请补充设备型号、序列号和问题出现的时间。", "zh-CN"),
        ("rt-need-info-en", "phrase", nil, "Intake", "Ask for details", "info", "To help you quickly, please send the model, the serial number and when the problem started.", "en"),
        ("rt-forwarded-zh", "phrase", nil, "处理", "已转交", "forwarded", "您的问题已转交相关部门，我们会在 {dueAt} 前答复您。", "zh-CN"),
        ("rt-forwarded-en", "phrase", nil, "Handling", "Forwarded", "forwarded", "Your request is now with the department concerned; we will answer by {dueAt}.", "en"),
        ("rt-confirm-zh", "phrase", nil, "处理", "请确认解决", "confirm", "问题已处理，请您确认是否解决；如仍有疑问请随时回复。", "zh-CN"),
        ("rt-confirm-en", "phrase", nil, "Handling", "Please confirm", "confirm", "The problem has been dealt with; please confirm it is solved, or reply if anything remains.", "en"),
        ("rt-thanks-zh", "closing", nil, "结束语", "致谢", "thanks", "感谢您的耐心与支持，祝您工作顺利！", "zh-CN"),
        ("rt-thanks-en", "closing", nil, "Closing", "Thanks", "thanks", "Thank you for your patience and support.", "en"),
    ]
}
