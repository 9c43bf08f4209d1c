"""Site chrome: lines that template sites wrap around a speech (disclaimers, download buttons,
file facts, navigation). Every rule matches a *whole short line*, so a speech paragraph that
merely mentions 下载 or 客服 stays."""

from __future__ import annotations

import re

from archive.ingest.layout import BRACKET_HEADING_RE, HEADING_START_RE, SALUTATION_RE
from archive.ingest.script import to_simplified

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
    # A page's summary of the text above it: never the speech's own words.
    r"^(摘要|内容摘要|内容提要|內容提要|简介|簡介|内容简介|內容簡介|导读|導讀)[:：]",
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


# --- Signals -------------------------------------------------------------------------------
# The patterns above name furniture that template sites share. Pages never seen before carry
# other furniture, so lines are also judged on general signals, all on the simplified text:
# what a page says about itself, the shape of a toolbar or stamp, and where the line sits.
# (No library does this for plain-text dumps: trafilatura and jusText work on the HTML tree,
# which a pasted or scraped .txt no longer has.)

# Said by a page about itself, never by a speaker: one of them marks a short line as chrome,
# two mark even a line that reads like a sentence (a pay wall: "想阅读全部图文内容,您需要先
# 登录!"); one alone in a sentence may be a speaker's ("群众扫码即可办理").
PAGE_TALK_RE = re.compile(
    r"小编|本站|网友上传|用户上传|[省隐]略?藏?\s*\d+\s*字|全文约\s*\d+\s*字|文章共\s*\d+\s*字|"
    r"https?://|www\.|阅读全部|图文内容|免费预览|预览结束|超出免费|文档总共|我要投稿|以稿换稿|"
    r"评论功能|网友评论|用户评论|以下评论|仅代表网友|侵权投诉|文档编号|上传人|上传时间|文章标题|"
    r"请下载|下载后阅读|下载本文|打赏|赏赞|请赞赏|本篇内容|扫码|正式会员|开通会员|加入会员|"
    r"先登[录陆]|需要登[录陆]|移动端|手机版|发布时间|发表时间|发文时间|发布日期|更新时间|浏览次数|"
    r"浏览量|次浏览|阅读次数|阅读\s*次|责任编辑|当前位置|您的位置|你的位置|上一篇|下一篇|分享到|"
    r"供大家参考|为大家整理|精心整理|编者按|免责声明|版权所有|点击查看|点击进入|点击下载|全文完整|完整版|第\s*\d+\s*页\s*/\s*共|"
    r"\.(docx?|pdf|wps)(?![a-z])|资源描述|文档描述|内容简介|文档简介"
)
# Words of page furniture that a speech rarely says in a short line without a sentence end.
STRONG_WORD_RE = re.compile(
    r"收藏|分享|下载|首页|评论|浏览|投稿|举报|订阅|公众号|打印|字体|字号|文库|范文|文档|登录|登陆|"
    r"会员|点击|上传|vip|app|二维码|海报|客服|广告|微信|推荐|赞|稿子|公文汇|用户名|密码|验证码|注册",
    re.IGNORECASE,
)
# ... and words that say it only in company (a heading may say 相关 or 网站).
WEAK_WORD_RE = re.compile(
    r"作者|来源|编辑|发布|相关|热门|标签|分类|栏目|专题|网站|手机|关闭|返回|顶部|搜索|佚名|原创|"
    r"页数|字数|大小|格式|时间|日期|网"
)
_SEPARATOR_RE = re.compile(r"\||>|»|›|〖|〗|【|】|\[|\]")
_BREADCRUMB_RE = re.compile(r"(>|»|›|>>|/).*(>|»|›|>>)")
_LABEL_RE = re.compile(r"(?:^|[\s|】〗\]])[\u4e00-\u9fffA-Za-z]{1,6}\s*[:：]\s*\S")
_STAMP_RE = re.compile(r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}")
_CLOCK_RE = re.compile(r"\d{1,2}:\d{2}")
_COUNT_RE = re.compile(r"\d+(\.\d+)?\s*(kb|mb|k|m|页|次|字|\+)(?![\u4e00-\u9fff])", re.IGNORECASE)
_LATIN_LINE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9 ._\-:/]{0,24}$")
# Only numeric stamps: "2023年4月1日" alone on a line is a speech's closing date.
_DATEISH_LINE_RE = re.compile(r"^[\d\s\-/.:]+$")
_PROSE_END = "。！？!?；;…"
_CLOSERS = ")）]】」』”\"'"
# A short line: furniture ("佩珊分享", "14 页", "海报") is short, and so is nothing of a speech
# body but headings, salutations and signatures, which are protected.
SHORT_LINE_CHARS = 16
# Lines longer than this are never judged on signals (a paragraph of speech).
MAX_SIGNAL_LINE_CHARS = 160
# Lines that repeat within one text are watermarks ("公文汇,办公文档之家") when this short.
REPEATED_LINE_MAX_CHARS = 40

# The types of document a title names, in both scripts after folding; a line ending in one
# is a title, never chrome, unless a page-talk phrase says otherwise.
DOC_TYPE_WORDS = (
    "讲话|发言|致辞|报告|讲稿|发言稿|讲话稿|讲话提纲|主持词|汇编|总结|计划|通知|方案|意见|"
    "讲评|演讲|动员令|贺词|祝酒词|答谢词|欢迎词|串词|党课|述职"
)
DOC_TYPE_WORD_RE = re.compile(DOC_TYPE_WORDS)  # the word anywhere in a line
DOC_TYPE_RE = re.compile(
    rf"({DOC_TYPE_WORDS})"
    r"(稿|提纲|全文|摘要|摘登)?(?:[(（\[【][^()（）\[\]【】]{0,8}[)）\]】])?$"
)
# Ordinals that open a point: "第一，…".
_ORDINAL_RE = re.compile(r"^第[一二三四五六七八九十]{1,3}[,，、]")


def _is_prose(line: str) -> bool:
    end = line.rstrip(_CLOSERS)
    return bool(end) and end[-1] in _PROSE_END


def is_protected(simplified: str) -> bool:
    """Salutations, headings and titles: short lines a speech needs, whatever they mention."""
    return bool(
        SALUTATION_RE.match(simplified)
        or (BRACKET_HEADING_RE.match(simplified) and not STRONG_WORD_RE.search(simplified))
        or HEADING_START_RE.match(simplified)
        or _ORDINAL_RE.match(simplified)
        or (len(simplified) <= 80 and DOC_TYPE_RE.search(simplified))
    )


def signal_score(simplified: str) -> float:
    """How much a line looks like furniture, from its words and shape."""
    score = 0.0
    score += min(len(STRONG_WORD_RE.findall(simplified)), 3)
    score += 0.5 * min(len(WEAK_WORD_RE.findall(simplified)), 4)
    if _BREADCRUMB_RE.search(simplified):
        score += 2
    elif len(_SEPARATOR_RE.findall(simplified)) >= 2 or "|" in simplified:
        score += 1
    labels = len(_LABEL_RE.findall(simplified))
    score += 2 if labels >= 2 else labels
    if _STAMP_RE.search(simplified):
        score += 1
    if _CLOCK_RE.search(simplified):
        score += 1
    if _COUNT_RE.search(simplified):
        score += 1
    if _LATIN_LINE_RE.match(simplified) or _DATEISH_LINE_RE.match(simplified):
        score += 2
    return score


def is_signal_chrome(line: str, simplified: str | None = None) -> bool:
    """Chrome judged on general signals (no site's own phrases); ``simplified`` is the line
    already folded to simplified script, when the caller has it."""
    if len(line.strip()) > MAX_SIGNAL_LINE_CHARS:
        return False
    text = (simplified if simplified is not None else to_simplified(line)).strip()
    text = text.lstrip("•·*-– ")
    if not text:
        return False
    # Toolbars space their words out ("密   码:"): words are looked for without the spaces.
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)
    page_talk = {m.group(0) for m in PAGE_TALK_RE.finditer(text)}
    if _is_prose(text):
        return len(page_talk) >= 2 or (
            len(text) <= 60 and len(set(STRONG_WORD_RE.findall(text))) >= 2 and bool(page_talk)
        )
    if page_talk:
        return True
    if is_protected(text):
        return False
    score = signal_score(text)
    if len(text) <= SHORT_LINE_CHARS:
        return score >= 1 and (score >= 2 or not WEAK_WORD_RE.fullmatch(text))
    return score >= 2 and len(text) <= 120


def is_chrome_line(line: str, simplified: str | None = None) -> bool:
    line = line.strip()
    if not line:
        return False
    if CHROME_LINE_RE.search(line):
        return True
    if FILENAME_LINE_RE.match(line) or META_LINE_RE.match(line):
        return True
    if TAG_LINE_RE.match(line) and _TAG_KIND_RE.search(line):
        return True
    return is_signal_chrome(line, simplified)


def _neighbours_are_chrome(flags: list[bool], lines: list[str], i: int) -> bool:
    """Both nearest non-empty lines around ``i`` are chrome."""
    before = next((flags[j] for j in range(i - 1, -1, -1) if lines[j].strip()), False)
    after = next((flags[j] for j in range(i + 1, len(lines)) if lines[j].strip()), False)
    return before and after


TEASER_MIN_CHARS = 30
TEASER_HEAD_LINES = 12
TEASER_CUT_CHARS = 8
TEASER_SAMPLE_CHARS = 15
TEASER_TITLE_CHARS = 60


def _is_teaser(index: int, simplified: list[str]) -> bool:
    """A page's description line above the speech that quotes it ("…的讲话 同志们：县不图强，
    必有远忧…"): it opens with a title, stands before the speech's own salutation line, and its
    last words appear again, word for word, after that salutation."""
    text = simplified[index]
    if (
        index >= TEASER_HEAD_LINES
        or len(text) < TEASER_MIN_CHARS * 2
        or SALUTATION_RE.match(text)
        or not DOC_TYPE_WORD_RE.search(text[:TEASER_TITLE_CHARS])
    ):
        return False  # a description opens with the title it describes
    salutation = next(
        (i for i in range(index + 1, len(simplified)) if SALUTATION_RE.match(simplified[i])), None
    )
    if salutation is None:
        return False
    # Its last few characters may be cut mid-word ("…深入学习贯彻习"): a window before them.
    sample = text[-(TEASER_SAMPLE_CHARS + TEASER_CUT_CHARS) : -TEASER_CUT_CHARS]
    return any(sample in later for later in simplified[salutation:])


def simplified_lines(lines: list[str]) -> list[str]:
    """Each line folded to simplified script (stripped), with one call to OpenCC for the whole
    text instead of one per line; t2s keeps the line breaks, checked by the count."""
    folded = to_simplified("\n".join(lines)).split("\n")
    if len(folded) != len(lines):
        folded = [to_simplified(line) for line in lines]
    return [line.strip() for line in folded]


def _context_flags(lines: list[str], flags: list[bool], simplified: list[str]) -> list[bool]:
    """Position and repetition: a very short line between two chrome lines ("海报" in a file
    toolbar), a short line that recurs within the text (a watermark), and short lines after the
    last sentence of the text that name the web ("网站编辑") are chrome too."""
    stripped = [line.strip() for line in lines]
    counts: dict[str, int] = {}
    for text in simplified:
        if text:
            counts[text] = counts.get(text, 0) + 1
    last_prose = max((i for i, s in enumerate(simplified) if _is_prose(s)), default=len(lines))
    out = list(flags)
    for i, text in enumerate(simplified):
        if not out[i] and _is_teaser(i, simplified):
            out[i] = True
            continue
        if out[i] or not text or is_protected(text) or _is_prose(text):
            continue
        if (
            len(text) <= 6
            and _neighbours_are_chrome(out, stripped, i)
            or counts[text] >= 2
            and len(text) <= REPEATED_LINE_MAX_CHARS
            and "，" in text.replace(",", "，")
            or i > last_prose
            and len(text) <= SHORT_LINE_CHARS
            and signal_score(text) >= 1
        ):
            out[i] = True
    return out


def chrome_flags(lines: list[str]) -> list[bool]:
    """For each line, whether it is chrome (blocks such as 温馨提示 included)."""
    flags: list[bool] = []
    in_tips = False
    in_tail = False
    simplified = simplified_lines(lines)
    for line, folded in zip(lines, simplified, strict=True):
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
        flags.append(is_chrome_line(stripped, folded))
    return _context_flags(lines, flags, simplified)


def drop_chrome(lines: list[str]) -> tuple[list[str], list[str]]:
    """Returns (kept lines, removed lines)."""
    flags = chrome_flags(lines)
    kept = [line for line, chrome in zip(lines, flags, strict=True) if not chrome]
    removed = [line for line, chrome in zip(lines, flags, strict=True) if chrome]
    return kept, removed
