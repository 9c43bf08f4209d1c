import pytest

from archive.ingest.chrome import drop_chrome, is_chrome_line


@pytest.mark.parametrize(
    "line",
    [
        "導語:縣委黨務工作大會發言一文來源于網友上傳,不代表本站觀點,若需要原創文章可咨詢客服老師,歡迎參考。",
        "导语：在全县会议上的讲话一文来源于网友上传，不代表本站观点。",
        "- 上一篇:互動式在線會計實驗設計及實現",
        "下一篇：农村社会主义建设改进意见",
        "下载文档",
        "收藏 分享赚钱",
        "分享",
        "购物车",
        "我的足迹",
        "加入Vip免费下载 立即下载",
        "ID:1042396",
        "大小:14.21KB",
        "页数:6页",
        "格式:DOCX",
        "网站客服:3074922707",
        "此文档下载收益归作者所有",
        "你可能关注的文档",
        "2023 全区 群众工作 平安 建设 会议 讲话",
        "2023年在全区群众工作平安建设会议上的讲话.docx",
        "时间:2023-04-17",
        "時間:2022-02-01 04:30:00",
    ],
)
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "要把政策文件下载到每个村，确保群众看得到、用得上。",
        "客服中心要做到件件有回音，群众满意度明显提升。",
        "同志们：",
        "一、认清形势，增强责任感",
        "分享经验、交流做法，是这次会议的目的。",
        "时间紧、任务重，各级各部门要抓紧落实。",
        "大小事情都要抓在手上。",
        "格式要规范，内容要翔实。",
    ],
)
def test_speech_lines_stay(line):
    assert not is_chrome_line(line)


def test_tip_block_goes_with_its_numbered_notes_and_speech_after_it_stays():
    lines = [
        "温馨提示:",
        "1. 部分包含数学公式或PPT动画的文件,查看预览时可能会显示错乱或异常,文件下载后无此问题。",
        "2. 本文档由用户上传,版权归属用户,汇文网负责整理代发布。",
        "同志们：",
        "1、抓好危险化学品整治。",
    ]
    kept, removed = drop_chrome(lines)
    assert kept == ["同志们：", "1、抓好危险化学品整治。"]
    assert removed == lines[:3]


def test_related_documents_list_at_the_end_goes():
    lines = ["希望大家认真抓好落实。", "你可能关注的文档", "在全县会议上的讲话", "收起", "展开"]
    assert drop_chrome(lines)[0] == ["希望大家认真抓好落实。"]
