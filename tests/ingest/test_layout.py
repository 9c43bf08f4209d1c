from archive.ingest.layout import (
    rebuild_line,
    split_inline_headings,
    squeeze_spaces,
    unwrap_lines,
)


def test_wrap_spaces_between_chinese_go_word_spaces_stay():
    assert squeeze_spaces("主要任务 是全面落实") == "主要任务是全面落实"
    assert squeeze_spaces("提升 GDP 和 CPI 指标") == "提升GDP和CPI指标"
    assert squeeze_spaces("the rule of law 法治") == "the rule of law法治"
    assert squeeze_spaces("2023 年 增长 3.5 %") == "2023年增长3.5 %"


def test_page_dump_spaces_are_paragraph_breaks_after_sentences_and_headings():
    line = (
        "在全区平安建设会议上的讲话 同志们: 今天召开会议。刚刚xx同志作了讲话。 "
        "一、做好群众工作,必需动真格 一是要把思想认识端正好。少打几个 、少走访。 二是要强化宗旨。"
    )
    assert rebuild_line(line) == [
        "在全区平安建设会议上的讲话",
        "同志们:",
        "今天召开会议。刚刚xx同志作了讲话。",
        "一、做好群众工作,必需动真格",
        "一是要把思想认识端正好。少打几个、少走访。",
        "二是要强化宗旨。",
    ]


PDF_LINE = (
    "同志们: 今天,我们召开领导干部基层接访工作专题会议,主要任务 "
    "是全面落实习近平总书记关于加强和改进人民信访工作的重要思 "
    "想,深化四下基层作风建设,推动基层信访工作向纵深发展,切实 "
    "解决群众身边的急难愁盼问题。 "
    "一、践行初心使命,让四下基层成为密切党群干群关系的连心桥 "
    "的新起点 "
    "我们党来自人民、植根人民,为人民谋幸福、为民族谋复兴是我们 "
    "的初心和使命。四下基层的核心就是密切联系群众,把群众的利益 "
    "放在首位。"
)


def test_pdf_dump_lines_join_into_paragraphs_short_lines_end_them():
    assert rebuild_line(PDF_LINE) == [
        "同志们:",
        "今天,我们召开领导干部基层接访工作专题会议,主要任务是全面落实习近平总书记关于加强和改进"
        "人民信访工作的重要思想,深化四下基层作风建设,推动基层信访工作向纵深发展,切实解决群众身边的"
        "急难愁盼问题。",
        "一、践行初心使命,让四下基层成为密切党群干群关系的连心桥的新起点",
        "我们党来自人民、植根人民,为人民谋幸福、为民族谋复兴是我们的初心和使命。四下基层的核心就是"
        "密切联系群众,把群众的利益放在首位。",
    ]


def test_unwrap_joins_latin_words_with_a_space():
    lines = [
        "今年全县完成固定资产投资一百亿元,同比增长百分之八,其中 the",
        "Belt and Road 项目三个。",
    ]
    assert unwrap_lines(lines) == [
        "今年全县完成固定资产投资一百亿元,同比增长百分之八,其中 the Belt and Road 项目三个。"
    ]


def test_inline_formal_headings_get_their_own_paragraph():
    paragraph = (
        "会议要求抓好落实。二、突出重点。（一）抓好整治。全县要在六月底前完成。1、抓好排查。"
    )
    assert split_inline_headings(paragraph) == [
        "会议要求抓好落实。",
        "二、突出重点。",
        "（一）抓好整治。全县要在六月底前完成。",
        "1、抓好排查。",
    ]


def test_inline_enumerations_and_decimals_stay_in_their_paragraph():
    paragraph = "主要有三个特点。一是领导重视。二是措施有力。增长了3.5个百分点。"
    assert split_inline_headings(paragraph) == [paragraph]


def test_heading_broken_by_a_wrap_space_stays_one_heading():
    line = (
        "今天召开会议。 一、践行初心使命，让四下基层成为密切党群干群关系 的连心桥 我们党来自人民。"
    )
    assert rebuild_line(line) == [
        "今天召开会议。",
        "一、践行初心使命，让四下基层成为密切党群干群关系的连心桥",
        "我们党来自人民。",
    ]


def test_hard_wrapped_text_is_rebuilt_into_paragraphs_and_headings_stay_lines():
    from archive.ingest.layout import unwrap_hard_wrapped

    lines = [
        "今天，我们召开全县第三季度工作推进会，既是一次承",
        "前启后、总结经验的阶段性会议，也是一次直面问题、",
        "凝心聚力的动员部署会。下面，我讲几点意见。",
        "一、认清形势，把握大局，深刻理解三季度的关键意义",
        "今年是“十四五”规划的关键收官之年，意义重大。",
        "（一）从上级要求看，优化营商环境是大趋势、硬任",
        "务。近年来，上级围绕优化营商环境作出了一系列部",
        "署和要求，我们要认真对照落实，不折不扣完成任务",
        "，确保取得实效。",
    ]
    assert unwrap_hard_wrapped(lines) == [
        "今天，我们召开全县第三季度工作推进会，既是一次承前启后、总结经验的阶段性会议，也是一次"
        "直面问题、凝心聚力的动员部署会。下面，我讲几点意见。",
        "一、认清形势，把握大局，深刻理解三季度的关键意义",
        "今年是“十四五”规划的关键收官之年，意义重大。",
        "（一）从上级要求看，优化营商环境是大趋势、硬任务。近年来，上级围绕优化营商环境作出了一系"
        "列部署和要求，我们要认真对照落实，不折不扣完成任务，确保取得实效。",
    ]


def test_one_paragraph_per_line_is_not_taken_for_hard_wraps():
    from archive.ingest.layout import unwrap_hard_wrapped

    lines = ["同志们：", "今天召开全县会议。" * 8, "一、认清形势", "全县上下要统一思想。" * 6] * 3
    assert unwrap_hard_wrapped(lines) == lines
