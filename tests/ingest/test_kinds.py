"""What a text is: speech or look-alike, from the title and the text's own clues."""

from __future__ import annotations

from archive.ingest.kinds import classify

NEWS = [
    "本报讯（记者 王某）3月5日，县委书记李某主持召开县委常委会议，传达学习全国两会精神。",
    "会议指出，要深刻领会全国两会精神实质。会议强调，各级各部门要狠抓落实。",
    "李某强调，要把思想和行动统一到中央决策部署上来。",
]
SUMMARY = [
    "2023年，我局认真贯彻落实县委、县政府决策部署，圆满完成了各项目标任务。现将主要工作情况报告如下：",
    "一、坚持依法行政，服务水平进一步提升",
]
NOTICE = [
    "各乡镇人民政府，县直各部门：",
    "经县政府研究，决定召开全县春季植树造林动员大会，现将有关事项通知如下：",
    "一、会议时间：3月10日上午9时",
    "二、会议地点：县政府三楼会议室",
]
CHAIR = [
    "各位委员、同志们：",
    "本次会议的议程有三项。下面进行会议第一项议程。",
    "下面请县政协常委王某发言。",
    "下面请县政协委员李某发言。",
]
SPEECH = [
    "同志们：",
    "今天召开全县经济工作会议，主要任务是部署今年的经济工作。下面，我讲三点意见。",
    "一、认清形势，坚定信心",
    "我们要清醒看到面临的困难和挑战，把思想统一到县委的部署上来。",
]


def test_each_kind_from_its_clues():
    assert classify("李某主持召开县委常委会议", NEWS).kind == "news"
    assert classify("某县发展改革局2023年工作总结", SUMMARY).kind == "summary"
    assert classify("关于召开全县春季植树造林动员大会的通知", NOTICE).kind == "notice"
    assert classify("县政协十届四次会议大会发言主持词", CHAIR).kind == "other"
    assert classify("某县2024年工作计划", ["2024年是关键之年。", "重点做好十方面工作。"]).kind == (
        "plan"
    )
    assert classify("在全县经济工作会议上的讲话", SPEECH).kind == "speech"


def test_the_text_outweighs_the_title():
    report = ["各位代表：", "现在，我代表县人民政府，向大会作政府工作报告，请予审议。"]
    assert classify("县人民政府年度工作总结报告", report).kind == "speech"


def test_a_speech_quoting_a_meeting_stays_a_speech_and_a_non_speech_says_why():
    quoting = [*SPEECH, "会议指出，要坚持稳中求进。会议强调，要狠抓落实。"]
    assert classify("在全县传达会议精神大会上的讲话", quoting).kind == "speech"
    verdict = classify("李某主持召开县委常委会议", NEWS)
    assert "新闻用语" in verdict.reason
