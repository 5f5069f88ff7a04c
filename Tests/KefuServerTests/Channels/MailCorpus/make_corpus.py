#!/usr/bin/env python3
"""#16.1: writes the MIME corpus (*.eml) and expected.json once; both are committed, the tests read them.

Run from this folder: python3 make_corpus.py. The messages are put together byte by byte (not by the email
package's generator) so each carries exactly the encoding it is meant to test.
"""
import base64, hashlib, json, quopri, urllib.parse

CRLF = b"\r\n"
cases = {}

def b64(data: bytes, width=76) -> bytes:
    s = base64.b64encode(data)
    return CRLF.join(s[i:i + width] for i in range(0, len(s), width))

def word_b(text: str, charset: str) -> bytes:
    return b"=?" + charset.encode() + b"?B?" + base64.b64encode(text.encode(charset_codec(charset))) + b"?="

def word_q_bytes(data: bytes, charset: str) -> bytes:
    out = b""
    for byte in data:
        c = bytes([byte])
        if c == b" ":
            out += b"_"
        elif c.isalnum() and byte < 128:
            out += c
        else:
            out += b"=%02X" % byte
    return b"=?" + charset.encode() + b"?Q?" + out + b"?="

def charset_codec(cs: str) -> str:
    return {"gb2312": "gbk", "GB2312": "gbk"}.get(cs, cs)

def headers(*lines) -> bytes:
    return CRLF.join(lines) + CRLF + CRLF

def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

def case(name, raw: bytes, expected: dict):
    with open(name + ".eml", "wb") as f:
        f.write(raw)
    cases[name] = expected

common = [b"Date: Tue, 01 Dec 2026 10:00:00 +0800", b"MIME-Version: 1.0"]

# 1. GBK: subject and sender name as B words, body 8-bit GBK.
body = "您好：\r\n我家的空调不制冷，请尽快派人处理。\r\n张三".encode("gbk")
case("gbk_plain", headers(
    b"From: " + word_b("张三", "GBK") + b" <Zhang.San@Example.CN>",
    b"To: service@kefu.example",
    b"Subject: " + word_b("空调不制冷，请尽快处理", "GBK"),
    b"Message-ID: <gbk-1@example.cn>", *common,
    b"Content-Type: text/plain; charset=GBK", b"Content-Transfer-Encoding: 8bit") + body,
    {"subject": "空调不制冷，请尽快处理", "fromName": "张三", "fromAddress": "zhang.san@example.cn", "messageId": "gbk-1@example.cn",
     "textContains": ["空调不制冷，请尽快派人处理。", "张三"], "attachments": [], "warnings": False})

# 2. GB2312 quoted-printable; the subject is two adjacent Q words split inside one character (joined before decoding).
subject = "报修：电梯故障".encode("gbk")
w1, w2 = word_q_bytes(subject[:5], "gb2312"), word_q_bytes(subject[5:], "gb2312")
body = quopri.encodestring("电梯在三楼停住了，里面没有人。\r\n".encode("gbk") * 3)
case("gb2312_qp", headers(
    b"From: li@example.cn", b"To: service@kefu.example",
    b"Subject: " + w1 + CRLF + b" " + w2,
    b"Message-ID: <gb2312-1@example.cn>", *common,
    b"Content-Type: text/plain;" + CRLF + b"\tcharset=\"gb2312\"", b"Content-Transfer-Encoding: quoted-printable") + body,
    {"subject": "报修：电梯故障", "fromName": None, "fromAddress": "li@example.cn",
     "textContains": ["电梯在三楼停住了，里面没有人。"], "attachments": [], "warnings": False})

# 3. GB18030 with a character outside GBK (U+20BB7 𠮷, four bytes in GB18030), base64 body.
text = "𠮷野家的外卖盒破了，申请退货。"
case("gb18030_base64", headers(
    b"From: \"Wang Wu\" <wangwu@example.cn>", b"To: service@kefu.example",
    b"Subject: " + word_b("退货申请 𠮷", "GB18030"),
    b"Message-ID: <gb18030-1@example.cn>", *common,
    b"Content-Type: text/plain; charset=GB18030", b"Content-Transfer-Encoding: base64") + b64(text.encode("gb18030")) + CRLF,
    {"subject": "退货申请 𠮷", "fromName": "Wang Wu", "fromAddress": "wangwu@example.cn",
     "textContains": [text], "attachments": [], "warnings": False})

# 4. Big5: subject B word, body quoted-printable.
case("big5_qp", headers(
    b"From: " + word_b("陳大文", "big5") + b" <chan@example.hk>", b"To: service@kefu.example",
    b"Subject: " + word_b("繁體中文測試：維修查詢", "big5"),
    b"Message-ID: <big5-1@example.hk>", *common,
    b"Content-Type: text/plain; charset=big5", b"Content-Transfer-Encoding: quoted-printable")
    + quopri.encodestring("請問我的維修單進度如何？\r\n謝謝。\r\n".encode("big5")),
    {"subject": "繁體中文測試：維修查詢", "fromName": "陳大文", "fromAddress": "chan@example.hk",
     "textContains": ["請問我的維修單進度如何？", "謝謝。"], "attachments": [], "warnings": False})

# 5. UTF-8 quoted-printable with soft line breaks; a Q-word subject.
long_line = "这是一段很长的中文内容，用来检验软换行是否被正确地去掉，" * 3
case("utf8_qp", headers(
    b"From: =?UTF-8?Q?=E8=B5=B5=E5=85=AD?= <zhao@example.com>", b"To: service@kefu.example",
    b"Subject: " + word_q_bytes("手机 App 无法登录".encode(), "UTF-8"),
    b"Message-ID: <utf8-qp-1@example.com>", *common,
    b"Content-Type: text/plain; charset=utf-8", b"Content-Transfer-Encoding: quoted-printable")
    + quopri.encodestring((long_line + "\r\n第二行 a=b\r\n").encode()),
    {"subject": "手机 App 无法登录", "fromName": "赵六", "fromAddress": "zhao@example.com",
     "textContains": [long_line, "第二行 a=b"], "attachments": [], "warnings": False})

# 6. multipart/mixed: a base64 UTF-8 text and a base64 PDF attachment.
pdf = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
case("base64_attachment", headers(
    b"From: Sun Qi <sunqi@example.com>", b"To: service@kefu.example", b"Subject: Invoice attached",
    b"Message-ID: <b64-1@example.com>", *common,
    b"Content-Type: multipart/mixed; boundary=\"==b1==\"")
    + b"This is a multi-part message in MIME format." + CRLF
    + b"--==b1==" + CRLF + headers(b"Content-Type: text/plain; charset=UTF-8", b"Content-Transfer-Encoding: base64")
    + b64("发票在附件里，请查收。".encode()) + CRLF
    + b"--==b1==" + CRLF + headers(b"Content-Type: application/pdf; name=\"invoice.pdf\"",
                                   b"Content-Disposition: attachment; filename=\"invoice.pdf\"", b"Content-Transfer-Encoding: base64")
    + b64(pdf) + CRLF + b"--==b1==--" + CRLF,
    {"subject": "Invoice attached", "fromName": "Sun Qi", "fromAddress": "sunqi@example.com",
     "textContains": ["发票在附件里，请查收。"],
     "attachments": [{"fileName": "invoice.pdf", "contentType": "application/pdf", "size": len(pdf), "sha256": sha(pdf), "inline": False}],
     "warnings": False})

# 7. RFC 2231 file name: charset'language', percent-encoding and continuations; the plain name= an RFC 2047 word.
fname = "维修报告（2026年12月）-最终版.docx"
enc = urllib.parse.quote(fname.encode("utf-8"), safe="")
cut = enc.index("%", 40)  # a continuation never splits a %XX octet
p0, p1 = enc[:cut], enc[cut:]
doc = b"PK\x03\x04" + b"docx-bytes" * 100
case("rfc2231_filename", headers(
    b"From: zhou@example.com", b"To: service@kefu.example", b"Subject: =?utf-8?B?" + base64.b64encode("维修报告".encode()) + b"?=",
    b"Message-ID: <rfc2231-1@example.com>", *common,
    b"Content-Type: multipart/mixed; boundary=XYZ")
    + b"--XYZ" + CRLF + headers(b"Content-Type: text/plain; charset=utf-8") + "报告见附件。".encode() + CRLF
    + b"--XYZ" + CRLF + headers(
        b"Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;" + CRLF + b" name=\"" + word_b("报告.docx", "GBK") + b"\"",
        b"Content-Disposition: attachment;" + CRLF + b" filename*0*=UTF-8'zh-cn'" + p0.encode() + b";" + CRLF + b" filename*1*=" + p1.encode(),
        b"Content-Transfer-Encoding: base64") + b64(doc) + CRLF + b"--XYZ--" + CRLF,
    {"subject": "维修报告", "fromName": None, "fromAddress": "zhou@example.com", "textContains": ["报告见附件。"],
     "attachments": [{"fileName": fname, "contentType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      "size": len(doc), "sha256": sha(doc), "inline": False}], "warnings": False})

# 8. HTML only: safe text (no script, entities decoded, line breaks kept), the HTML kept as an attachment.
html = ("<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<p>尊敬的客服：</p><p>热水器&amp;燃气灶都坏了&lt;急&gt;</p><script>alert('x')</script>"
        "<div>地址：幸福路&nbsp;8号<br>电话：13800000000</div><ul><li>热水器</li><li>燃气灶</li></ul></body></html>")
case("html_only", headers(
    b"From: =?utf-8?B?" + base64.b64encode("吴九".encode()) + b"?= <wu@example.com>", b"To: service@kefu.example", b"Subject: HTML only",
    b"Message-ID: <html-1@example.com>", *common,
    b"Content-Type: text/html; charset=utf-8", b"Content-Transfer-Encoding: base64") + b64(html.encode()) + CRLF,
    {"subject": "HTML only", "fromName": "吴九", "fromAddress": "wu@example.com", "htmlOnly": True,
     "text": "尊敬的客服：\n热水器&燃气灶都坏了<急>\n地址：幸福路 8号\n电话：13800000000\n- 热水器\n- 燃气灶",
     "textNotContains": ["alert", "color:red", "<p>"],
     "attachments": [{"fileName": "message.html", "contentType": "text/html", "size": len(html.encode()), "sha256": sha(html.encode()), "inline": False}],
     "warnings": False})

# 9. mixed ⊃ related ⊃ alternative (plain + html) + inline image; plus an attachment.
png = b"\x89PNG\r\n\x1a\n" + bytes(200)
txt = "附件是清单。".encode("gbk")
case("nested_related", headers(
    b"From: Zheng Shi <zheng@example.com>", b"To: service@kefu.example", b"Subject: nested",
    b"Message-ID: <nested-1@example.com>", *common,
    b"Content-Type: multipart/mixed; boundary=\"outer\"")
    + b"--outer" + CRLF + headers(b"Content-Type: multipart/related; boundary=\"rel\"; type=\"multipart/alternative\"")
    + b"--rel" + CRLF + headers(b"Content-Type: multipart/alternative; boundary=\"alt\"")
    + b"--alt" + CRLF + headers(b"Content-Type: text/plain; charset=utf-8", b"Content-Transfer-Encoding: 8bit") + "纯文本正文，见下图。".encode() + CRLF
    + b"--alt" + CRLF + headers(b"Content-Type: text/html; charset=utf-8") + "<p>HTML 正文</p><img src=\"cid:img1@x\">".encode() + CRLF
    + b"--alt--" + CRLF
    + b"--rel" + CRLF + headers(b"Content-Type: image/png", b"Content-ID: <img1@x>", b"Content-Transfer-Encoding: base64") + b64(png) + CRLF
    + b"--rel--" + CRLF
    + b"--outer" + CRLF + headers(b"Content-Type: text/plain; charset=gbk; name=\"list.txt\"", b"Content-Disposition: attachment; filename=\"list.txt\"") + txt + CRLF
    + b"--outer--" + CRLF,
    {"subject": "nested", "fromName": "Zheng Shi", "fromAddress": "zheng@example.com", "text": "纯文本正文，见下图。", "textNotContains": ["HTML 正文"],
     "attachments": [{"fileName": "part-1.png", "contentType": "image/png", "size": len(png), "sha256": sha(png), "inline": True, "contentId": "img1@x"},
                     {"fileName": "list.txt", "contentType": "text/plain", "size": len(txt), "sha256": sha(txt), "inline": False}],
     "warnings": False})

# 10. Broken encoding: declared UTF-8, the bytes are GBK → replacement characters and a warning; never a failure.
case("broken_utf8", headers(
    b"From: broken@example.com", b"To: service@kefu.example", b"Subject: broken",
    b"Message-ID: <broken-1@example.com>", *common,
    b"Content-Type: text/plain; charset=utf-8") + b"OK line\r\n" + "乱码".encode("gbk") + b"\r\n",
    {"subject": "broken", "fromName": None, "fromAddress": "broken@example.com", "textContains": ["OK line", "\ufffd"],
     "attachments": [], "warnings": True})

# 11. Unknown charset: read as UTF-8, with a warning.
case("unknown_charset", headers(
    b"From: odd@example.com", b"To: service@kefu.example", b"Subject: odd",
    b"Message-ID: <odd-1@example.com>", *common,
    b"Content-Type: text/plain; charset=x-no-such-charset") + "仍然可读".encode() + b"\r\n",
    {"subject": "odd", "fromName": None, "fromAddress": "odd@example.com", "textContains": ["仍然可读"], "attachments": [], "warnings": True})

# 12. Auto-reply (RFC 3834).
case("autoreply", headers(
    b"From: Qian <qian@example.com>", b"To: service@kefu.example", b"Subject: " + word_b("自动回复：我正在休假", "UTF-8"),
    b"Auto-Submitted: auto-replied", b"Message-ID: <auto-1@example.com>", *common,
    b"Content-Type: text/plain; charset=utf-8") + "我 12 月 10 日前不在办公室。".encode() + CRLF,
    {"subject": "自动回复：我正在休假", "fromName": "Qian", "fromAddress": "qian@example.com", "automation": "auto_submitted",
     "textContains": ["不在办公室"], "attachments": [], "warnings": False})

# 13. Bounce: null sender, MAILER-DAEMON, multipart/report.
original = headers(b"From: service@kefu.example", b"To: nobody@example.org", b"Subject: [KF2026-000001] reply") + b"text" + CRLF
status = b"Reporting-MTA: dns; mx.example.org" + CRLF + CRLF + b"Final-Recipient: rfc822; nobody@example.org" + CRLF + b"Action: failed" + CRLF + b"Status: 5.1.1" + CRLF
case("bounce", headers(
    b"Return-Path: <>", b"From: Mail Delivery System <MAILER-DAEMON@mx.example.org>", b"To: service@kefu.example",
    b"Subject: Undelivered Mail Returned to Sender", b"Message-ID: <bounce-1@mx.example.org>", *common,
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"rpt\"")
    + b"--rpt" + CRLF + headers(b"Content-Type: text/plain; charset=us-ascii") + b"I'm sorry to have to inform you that your message could not be delivered." + CRLF
    + b"--rpt" + CRLF + headers(b"Content-Type: message/delivery-status") + status + CRLF
    + b"--rpt" + CRLF + headers(b"Content-Type: message/rfc822") + original + CRLF
    + b"--rpt--" + CRLF,
    {"subject": "Undelivered Mail Returned to Sender", "fromName": "Mail Delivery System", "fromAddress": "mailer-daemon@mx.example.org",
     "automation": "null_sender", "textContains": ["could not be delivered"],
     "attachments": [{"fileName": "part-1.txt", "contentType": "message/delivery-status", "size": len(status), "sha256": sha(status), "inline": False},
                     {"fileName": "part-2.eml", "contentType": "message/rfc822", "size": len(original), "sha256": sha(original), "inline": False}],
     "warnings": False})

# 14. A reply: ticket number in the subject, In-Reply-To and References.
case("reply_threading", headers(
    b"From: Zhang San <zhang.san@example.cn>", b"To: service@kefu.example",
    b"Subject: Re: [KF2026-000001] " + word_b("空调不制冷", "GBK"),
    b"Message-ID: <reply-1@example.cn>", b"In-Reply-To: <kefu-out-1@kefu.example>",
    b"References: <gbk-1@example.cn>" + CRLF + b" <kefu-out-1@kefu.example>", *common,
    b"Content-Type: text/plain; charset=utf-8") + "师傅已经来过了，谢谢。".encode() + CRLF,
    {"subject": "Re: [KF2026-000001] 空调不制冷", "fromName": "Zhang San", "fromAddress": "zhang.san@example.cn",
     "inReplyTo": ["kefu-out-1@kefu.example"], "references": ["gbk-1@example.cn", "kefu-out-1@kefu.example"],
     "textContains": ["师傅已经来过了"], "attachments": [], "warnings": False})

# 15. Raw 8-bit GBK in the header (old clients), LF line ends only.
case("gbk_raw_header", (b"From: " + "客户".encode("gbk") + b" <raw@example.cn>\nTo: service@kefu.example\nSubject: " + "门禁卡坏了".encode("gbk")
    + b"\nMessage-ID: <raw-1@example.cn>\nContent-Type: text/plain; charset=gbk\n\n" + "门禁卡刷不开。".encode("gbk") + b"\n"),
    {"subject": "门禁卡坏了", "fromName": "客户", "fromAddress": "raw@example.cn", "textContains": ["门禁卡刷不开。"], "attachments": [], "warnings": False})

# 16. Unparseable: multipart without a boundary → quarantined.
case("no_boundary", headers(
    b"From: bad@example.com", b"To: service@kefu.example", b"Subject: bad multipart",
    b"Message-ID: <bad-1@example.com>", *common, b"Content-Type: multipart/mixed") + b"--x" + CRLF + b"text" + CRLF,
    {"error": "malformed_multipart"})

with open("expected.json", "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=False, indent=1, sort_keys=True)
print(len(cases), "cases")
