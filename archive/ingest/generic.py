"""Words every 公文 uses: the bodies that speak (全县, 县委, 各部门), the speech's own furniture
(会议, 文件, 通报), and the verbs and qualifiers of any assignment (作为, 抓好, 切实, 进一步).
They are frequent in every speech, so a TF-IDF over a general corpus ranks them high, yet they
say nothing about what a speech is about: not keywords, not a reason to call two speeches
related. Compared in simplified Chinese (callers fold the script first)."""

from __future__ import annotations

import re

# Grouped: who speaks and to whom; the speech and its papers; any plan's nouns; time and
# counting; the verbs, adverbs and qualifiers of any assignment.
_WORDS = """
    同志 同志们 大家 我们 你们 他们 自己 人民 群众 领导 干部 领导干部 班子 领导班子
    全国 全省 全市 全州 全县 全区 全旗 全镇 全乡 全村 本县 本区 本市 我县 我区 我市
    各级 各地 各乡镇 各街道 各部门 各单位 各村 各县 各区 各有关 有关部门 相关部门
    省委 市委 县委 区委 党委 政府 县政府 区政府 市政府 县里 区里 乡镇 街道 部门 单位 机关
    推进会 座谈会 动员会 部署会 工作会 工作会议 专题会议 推进会议 动员大会 常委会 全会 会上
    会后 会前 会议 大会 讲话 发言 报告 文件 通知 通报 精神 部署 安排 意见 方案 计划 规划
    汇报 总结
    工作 任务 目标 要求 措施 举措 机制 体系 能力 水平 意识 作用 成效 实效 成果 效果 力度
    质量 效率 重点 难点 关键 核心 基础 方面 问题 情况 形势 环节 过程 阶段 时期 期间 时间
    当前 今年 去年 明年 今天 目前 下一步 近年来 一年 一批 一件 一项 一些 这次 此次 本次
    一是 二是 三是 四是 五是 六是 第一 第二 第三 首先 其次 最后
    作为 加强 推进 推动 落实 开展 坚持 确保 实现 提高 提升 强化 深化 完善 健全 加快 加大
    促进 保障 发挥 解决 研究 贯彻 执行 组织 召开 满足 突出 注重 重视 统筹 协调 配合 负责
    建立 建设 发展 服务 管理 考核 督查 督导 检查 推广 做到 抓住 形成 取得 达到 围绕 结合
    认真 切实 全面 进一步 积极 主动 深入 扎实 不断 持续 努力 务必 必须 坚决 全力 精准
    重要 重大 主要 根本 有效 明显 良好 具体 相关 有关 各项 全体 广大 所有 方法 办法 思路
    方向 责任 职责 活动 主题 必需 准时 效劳 负责同志 负责人 责任人 事项 状况 排名 专项 行动
    实践 走进 宣扬 合并 优化 压缩 调度 冲刺 县市区 各县市区 每月 每季度 每年 每周 每天
    推行 聚焦 进展 典型 带头 示范 引领 亮点 短板 薄弱环节 思想 统一 认识 提高认识 高度重视 意义
    就是 还有 出来 部分 全部 增加 完成 影响 了解 实行 稳定 严格 永远 路上 身边 不足 肯定 依据
    特殊 社会 科学 切实增强 组成部分 发力 压紧 扛起 正视
"""
GENERIC_WORDS = frozenset(_WORDS.split())

# 抓好 做好 管好 搞好 办好 用好 干好 守好: "do X well", whatever X is; 要带头 要抓好: "must
# do X", the modal and a verb that jieba keeps as one word.
_DO_WELL = re.compile(r"^(?:[抓做管搞办用干守带]好|要.{2})$")


def is_generic(word: str) -> bool:
    """True for a word (simplified) that every official speech uses."""
    return word in GENERIC_WORDS or bool(_DO_WELL.match(word))
