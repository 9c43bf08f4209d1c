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
        "【字体：大 中 小】",
        "分享到：",
        "收藏 12 分享",
        "开通VIP会员 免费下载",
        "下载券不足",
        "扫一扫在手机打开当前页",
        "打印本页 关闭窗口",
        "责任编辑：张三",
        "来源：县政府办公室",
        "浏览次数：1024",
        "当前位置：首页 > 领导讲话",
        "更多讲话稿请访问本站",
        "本文由范文网整理",
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
        "来源于群众、服务于群众的工作方法，要坚持下去。",
        "作者单位要认真组织学习，确保会议精神传达到每一名干部。",
        "本文件精神要认真贯彻。",
        "守初心 担使命 找差距 抓落实 见成效",
        "春风 化雨 润物 无声",
        "分享经验。",
        "要为群众免费下载政策文件。",
        "VIP通道要取消。",
        "收藏好群众的意见。",
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


# --- general signals: furniture of sites no pattern names ---


@pytest.mark.parametrize(
    "line",
    [
        "某某网>实用范文>讲话稿>会议发言>",  # a breadcrumb
        "来源:县融媒体中心 | 作者:佚名 | 发布时间: 2021-01-06 | 668 次浏览",  # a toolbar
        "2024-10-28 09:19:49 某某素材网",  # a stamp with the site name
        "手机版:M站  分类:致辞讲话  编辑:小王",  # several label:value pairs
        "【收藏】【打印】【关闭窗口】",
        "(想阅读全部图文内容,您需要先登录!)",  # a pay wall, even as a sentence
        "---此处隐藏3751字,下载全文请开通会员",
        "预览结束,免费获取全文请扫码联系客服!",
        "下面是小编为大家整理的在全县会议上的讲话,供大家参考。",
        "某某讲话稿.doc_第2页",
        "第2页 / 共34页",
        "VIP专享",
        "20.57KB",
        "999+",
        "news",
        "2024-06-10",
        "微信订阅号",
    ],
)
def test_furniture_recognised_on_general_signals(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "群众扫码即可办理，不用再跑腿。",  # one page word in a sentence is the speaker's
        "要让群众分享发展成果。",
        "2023年4月1日",  # a closing date is the speech's own
        "【求真务实篇】",  # a part heading in brackets
        "三、加强网站建设，提升服务水平",  # a numbered heading mentioning the web
        "在全县网站建设工作会议上的讲话",  # a title
        "各位代表,同志们:",
        "2022年工作回顾",
    ],
)
def test_speech_lines_with_web_words_stay(line):
    assert not is_chrome_line(line)


def test_context_a_short_line_between_furniture_and_a_repeated_watermark_go():
    lines = [
        "在全县会议上的讲话",
        "VIP专享",
        "海报",
        "侵权投诉",
        "同志们:",
        "今天召开全县会议，部署今年的工作任务。",
        "公文汇,办公文档之家",
        "一、认清形势",
        "全县上下要统一思想，提高认识，确保各项任务落到实处。",
        "公文汇,办公文档之家",
        "谢谢大家！",
        "网站编辑",
    ]
    kept, removed = drop_chrome(lines)
    assert removed == ["VIP专享", "海报", "侵权投诉", "公文汇,办公文档之家", "公文汇,办公文档之家",
                       "网站编辑"]  # fmt: skip
    assert "谢谢大家！" in kept and "一、认清形势" in kept
