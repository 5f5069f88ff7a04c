import KefuPlatform

/// #11.4: the usual phrases (常用语) an agent drops into a reply: the seed's service language — greet, confirm receipt,
/// ask for what is missing, promise a time, close politely (篇7 服务规范). Chosen on the ticket page, inserted at the cursor.
enum TicketPhrases {
    static let all: [(id: String, text: Text)] = [
        ("greet", Text("您好，感谢您联系我们，我是本次为您服务的客服。", "Hello, thank you for contacting us; I will be looking after your request.")),
        ("received", Text("您反映的问题我们已经收到，正在为您处理。", "We have received your report and are working on it.")),
        ("need-info", Text("为了尽快为您处理，请补充设备型号、序列号和问题出现的时间。", "To help you quickly, please send the model, the serial number and when the problem started.")),
        ("forwarded", Text("您的问题已转交相关部门，我们会在承诺时限内答复您。", "Your request is now with the department concerned; we will answer within the promised time.")),
        ("confirm", Text("问题已处理，请您确认是否解决；如仍有疑问请随时回复。", "The problem has been dealt with; please confirm it is solved, or reply if anything remains.")),
        ("thanks", Text("感谢您的耐心与支持，祝您工作顺利！", "Thank you for your patience and support.")),
    ]
}
