"""A deterministic corpus of realistic Chinese customer mail for the mail benchmark (#16 item 8): UTF-8 and GBK
(GB18030) bodies in base64 or quoted-printable, some HTML-only, RFC 2047 subjects and names, 30 % with one or two
attachments (RFC 2231 file names), and one message in ten a reply to an earlier one by the same sender."""

from __future__ import annotations

import random
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, format_datetime
from datetime import datetime, timedelta, timezone

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英"]
PLACES = ["张北风电场", "乌兰察布二期", "如东海上风电", "酒泉第三风电场", "大理者磨山", "达坂城风区", "锡林郭勒项目部", "阳江海上升压站"]
PROBLEMS = [
    ("{n}号风机变流器频繁报故障", "自上周起，{p}{n}号机组变流器每天报 IGBT 过温故障三到四次，复位后可运行，请尽快安排技术人员到场排查。"),
    ("齿轮箱漏油，请派人检修", "巡检发现{p}{n}号机齿轮箱低速轴端漏油，地面可见油迹约半平方米，油位已低于下限。"),
    ("偏航系统异响", "{p}{n}号机偏航时有明显金属摩擦声，刹车片磨损报警，已停机等待处理。"),
    ("叶片雷击损伤，申请检查", "昨夜雷雨后{p}{n}号机叶片前缘发现烧蚀痕迹，需要专业人员登高检查并评估是否需要更换。"),
    ("备件到货数量不符", "本月收到的发货单上写主轴承密封件 20 套，实际开箱只有 16 套，请核实并补发。"),
    ("对上次维修结果不满意", "上次更换的变桨电机运行不到一个月又出现同样问题，希望给出原因分析和处理方案。"),
    ("发票抬头开错，请重开", "贵司开具的维修费发票抬头少了“有限公司”四个字，财务无法入账，请作废重开。"),
    ("请提供主控系统升级说明", "我们计划在下月对{p}全部机组进行主控软件升级，请提供升级说明、回退方案和所需停机时间。"),
]
CLOSINGS = ["谢谢！", "盼复。", "此致\n敬礼", "辛苦了，等您回复。", "有问题请随时电话联系。"]
ATTACHMENTS = [("故障截图.png", "image", "png"), ("现场照片.jpg", "image", "jpeg"), ("维修记录.pdf", "application", "pdf"),
               ("备件清单.xlsx", "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("运行日志.txt", "text", "plain")]


def person(rng: random.Random, i: int) -> tuple[str, str]:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return name, f"customer{i}@wind{i % 37}.example.cn"


def message(i: int, rng: random.Random, earlier: dict[int, tuple[str, str, str, str]], recipient: str) -> tuple[str, bytes]:
    """Message i of the corpus: (envelope sender, RFC 5322 bytes)."""
    reply_to = None
    if i >= 50 and rng.random() < 0.10:
        reply_to = rng.choice(list(earlier.values()))
    if reply_to:
        name, address, subject, first_id = reply_to
        subject = "Re: " + subject
        body = f"补充一下：{rng.choice(PLACES)}现场已按要求拍照，附件是照片。{rng.choice(CLOSINGS)}"
    else:
        name, address = person(rng, i)
        title, text = rng.choice(PROBLEMS)
        n, p = rng.randint(1, 66), rng.choice(PLACES)
        subject = title.format(n=n, p=p)
        body = "您好：\n\n" + text.format(n=n, p=p) + "\n\n" + "联系人：" + name + "，电话 13" + str(rng.randint(100000000, 999999999)) + "\n" \
            + rng.choice(CLOSINGS) + "\n\n" + name + "\n" + p
        first_id = f"<corpus.{i}@wind.example.cn>"
    msg = EmailMessage(policy=SMTP)
    msg["From"] = formataddr((name, address), charset="utf-8")
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 11, 2, 8, 0, tzinfo=timezone(timedelta(hours=8))) + timedelta(minutes=i))
    msg["Message-ID"] = f"<corpus.{i}@wind.example.cn>"
    if reply_to:
        msg["In-Reply-To"] = first_id
        msg["References"] = first_id
    charset = "gb18030" if rng.random() < 0.3 else "utf-8"
    cte = "quoted-printable" if rng.random() < 0.3 else "base64"
    if rng.random() < 0.1:
        msg.set_content("<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>", subtype="html", charset=charset, cte=cte)
    else:
        msg.set_content(body, charset=charset, cte=cte)
    if rng.random() < 0.30:
        for _ in range(1 if rng.random() < 0.8 else 2):
            filename, main, sub = rng.choice(ATTACHMENTS)
            size = rng.randint(8_000, 160_000)
            msg.add_attachment(rng.randbytes(size), maintype=main, subtype=sub, filename=("utf-8", "", filename))
    if not reply_to:
        earlier[i] = (name, address, subject, first_id)
    return address, msg.as_bytes()


def corpus(count: int, recipient: str = "service@bench.example", seed: int = 2026):
    rng = random.Random(seed)
    earlier: dict[int, tuple[str, str, str, str]] = {}
    for i in range(count):
        yield message(i, rng, earlier, recipient)
