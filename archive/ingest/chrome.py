"""Site chrome: lines that template sites wrap around a speech (disclaimers, download buttons,
file facts, navigation). Every rule matches a *whole short line*, so a speech paragraph that
merely mentions 下载 or 客服 stays."""

from __future__ import annotations

import re

# Lines that are chrome on their own, in either script.
_CHROME_LINE_PATTERNS = [
    # 导语 disclaimer: "…一文来源于网友上传,不代表本站观点…"
    r"^(导语|導語)[:：].*(来源|來源|网友|網友|本站|原创|原創)",
    r"^.{0,80}一文(来源|來源)(于|於)(网友|網友)",
    r"^[-·•*]?\s*(上一篇|下一篇|上一页|下一页|上一頁|下一頁)([:：].*)?$",
    r"^(下载文档|下載文檔|立即下载|立即下載|免费下载|免費下載|下载|下載|收起|展开|展開|分享|收藏|"
    r"举报|舉報|打印|关闭|關閉|返回顶部|返回頂部|购物车|購物車|我的足迹|我的足跡|我的文档|"
    r"全文阅读|全文閱讀|阅读全文|閱讀全文|相关文章|相關文章|热门文章|熱門文章)$",
    r"^(收藏|分享)(\s*(收藏|分享|赚钱|賺錢|到|至|[:：]|\d+))*$",
    r"^(?!.*[。，,])(加入)?\s*vip.{0,20}(下载|下載|会员|會員|免费|免費|开通|開通|特权|特權).{0,10}$",
    r"^(?!.*[。，,])"
    r".{0,12}(免费下载|免費下載|立即下载|立即下載|付费下载|付費下載|下载券|下載券|开通会员|開通會員).{0,12}$",
    r"^(id|文档id|文檔id|大小|页数|頁數|格式|字数|字數|下载次数|下載次數|浏览|瀏覽|阅读|閱讀|"
    r"上传者|上傳者|贡献者|貢獻者|价格|價格)[:：]\s*\S.{0,25}$",
    r"^(网站|網站|在线|在線|联系|聯繫)?(客服|客服热线|客服熱線|客服qq|客服電話|客服电话)[:：].{0,40}$",
    r"^.{0,10}(联系客服|聯繫客服|聯系客服).{0,10}$",
    r"^此(文档|文檔).{0,10}(收益|收入)(归|歸)作者所有",
    r"^(本文档|本文檔|本文|文档|文檔)?由用户上传.{0,60}$",
    r"^(你|您)可能(关注|關注|感兴趣|感興趣|喜欢|喜歡)的(文档|文檔|文章|内容|內容)",
    r"^(相关|相關|热门|熱門|推荐|推薦)(文档|文檔|推荐|推薦|阅读|閱讀|范文|範文)[:：]?$",
    r"^(版权|版權)(声明|聲明)[:：]?.{0,80}$",
    r"^(温馨提示|溫馨提示)[:：]?$",
    # Government and news pages.
    r"^[【\[]?\s*(字体|字體|字号|字號)[:：]?\s*[大中小\s]{3,}[】\]]?.{0,20}$",
    r"^(分享到|分享至|扫一扫|掃一掃|打印本页|打印本頁|关闭窗口|關閉窗口|【打印】|【关闭】|【關閉】)"
    r".{0,30}$",
    r"^(责任编辑|責任編輯|编辑|編輯|审核|審核|校对|校對|作者|来源|來源|文章来源|文章來源|信息来源|"
    r"信息來源|浏览次数|瀏覽次數|点击数|點擊數|阅读量|閱讀量)[:：]\s*\S.{0,40}$",
    r"^(更多|查看更多).{0,10}(范文|範文|讲话稿|講話稿|文章|请访问|請訪問).{0,30}$",
    r"^(本文|本篇).{0,10}(来源|來源|转载|轉載|整理)(于|於|自)?.{0,40}$",
    r"^(当前位置|當前位置|您的位置|你的位置|您现在的位置)[:：].{0,80}$",
]
CHROME_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _CHROME_LINE_PATTERNS), re.IGNORECASE)

# A 温馨提示 block: the heading line, then numbered notes about downloading/copyright.
TIP_HEAD_RE = re.compile(r"^(温馨提示|溫馨提示)[:：]?")
TIP_ITEM_RE = re.compile(
    r"^\d+[.、．]\s*.*(下载|下載|文档|文檔|本站|版权|版權|客服|预览|預覽|付费|付費|上传|上傳)"
)

# 你可能关注的文档 ends the page: what follows is a list of other titles.
TAIL_HEAD_RE = re.compile(r"^(你|您)可能(关注|關注|感兴趣|感興趣|喜欢|喜歡)的")

# A file name line: "2023年在全区…讲话.docx"
FILENAME_LINE_RE = re.compile(r"^\S.{0,120}\.(docx?|pdf|txt|wps|html?)$", re.IGNORECASE)

# Date stamp lines of the page (also read by metadata before they go).
META_LINE_RE = re.compile(
    r"^(时间|時間|日期|发布时间|發布時間|發佈時間|发表时间|發表時間|更新时间|更新時間)[:：]\s*"
    r"[\d０-９]{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}.{0,20}$"
)

# A tag line: several short space-separated words without punctuation,
# e.g. "2023 全区 群众工作 平安 建设 会议 讲话".
_TAG_TOKEN = r"[\w\u3400-\u9fff]{1,8}"
TAG_LINE_RE = re.compile(rf"^{_TAG_TOKEN}(?:\s+{_TAG_TOKEN}){{4,}}$")
# ... and it reads as a catalogue entry (a year, or the kind of document), not a slogan such as
# "守初心 担使命 找差距 抓落实 见成效".
_TAG_KIND_RE = re.compile(
    r"(^|\s)((19|20)\d{2}|讲话|講話|发言|發言|讲稿|講稿|致辞|致辭|范文|範文)(\s|$)"
)


def is_chrome_line(line: str) -> bool:
    line = line.strip()
    if not line:
        return False
    if CHROME_LINE_RE.search(line):
        return True
    if FILENAME_LINE_RE.match(line) or META_LINE_RE.match(line):
        return True
    return bool(TAG_LINE_RE.match(line) and _TAG_KIND_RE.search(line))


def chrome_flags(lines: list[str]) -> list[bool]:
    """For each line, whether it is chrome (blocks such as 温馨提示 included)."""
    flags: list[bool] = []
    in_tips = False
    in_tail = False
    for line in lines:
        stripped = line.strip()
        if in_tail and "。" in stripped and len(stripped) > 60:
            # The related-documents list runs to the end; a real sentence there is kept.
            in_tail = False
        if in_tail or TAIL_HEAD_RE.match(stripped):
            in_tail = True
            flags.append(True)
            continue
        if TIP_HEAD_RE.match(stripped):
            in_tips = True
            flags.append(True)
            continue
        if in_tips and (TIP_ITEM_RE.match(stripped) or not stripped):
            flags.append(True)
            continue
        in_tips = False
        flags.append(is_chrome_line(stripped))
    return flags


def drop_chrome(lines: list[str]) -> tuple[list[str], list[str]]:
    """Returns (kept lines, removed lines)."""
    flags = chrome_flags(lines)
    kept = [line for line, chrome in zip(lines, flags, strict=True) if not chrome]
    removed = [line for line, chrome in zip(lines, flags, strict=True) if chrome]
    return kept, removed
