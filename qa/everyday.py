"""A question's everyday words, with the words reports write for them added for the keyword ranking.

People ask 张掖一共给驻军划了多少地？ where a report says 为驻地部队划拨土地2000多亩: jieba cuts 划 and 地, which no
passage holds as words, so the keyword ranking misses the passage and the dense one ranks it below other passages of
the report. The report's words for the same thing (划拨, 土地) are added to the keyword query only: the dense query,
the reader and what the user sees keep the question as asked.

The table is general Chinese (report style against everyday speech), not written for one collection; each entry adds
words, never removes one, so a passage saying the everyday word still matches. The reader's check of what a count
counts (`qa.reading.abstain.uncounted`) takes the same words: 帮多少个孩子 is counted by 153名随军子女.
"""
from __future__ import annotations

import re

# (everyday wording, the words reports write for it)
REPORT_WORDS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"划(?!拨|分|定|转|船|算|得来|清)"), "划拨"),
    (re.compile(r"(?:划|给|拿出|批|分)了?(?:多少|几)(?:亩)?地|多少亩地|(?<![土用驻基阵营园])地(?=[？?]|$)"), "土地 用地"),
    (re.compile(r"花了?(?:多少|几)(?:万|亿)?(?:块)?钱|花(?:多少|几)|花的钱|花费|掏了?多少"), "投入 资金 经费"),
    (re.compile(r"当兵的|大兵|兵哥哥"), "军人 官兵"),
    (re.compile(r"退伍"), "退役"),
    (re.compile(r"老兵"), "退役军人"),
    (re.compile(r"(?<![军部])驻军(?!单位)"), "驻地部队 部队"),
    (re.compile(r"找工作|找到工作|上岗"), "就业"),
    (re.compile(r"看病"), "医疗 就医"),
    (re.compile(r"上学|念书|读书"), "入学 就学"),
    (re.compile(r"娃|孩子"), "子女"),
    (re.compile(r"老婆|媳妇|爱人"), "配偶"),
    (re.compile(r"头一个|头一回|头一家"), "首个 第一"),
    (re.compile(r"案子"), "案件"),  # 查了多少起…案子: 案件342件
    (re.compile(r"毛病"), "隐患 问题 故障"),  # 改掉了多少处毛病: 整改隐患730处
    (re.compile(r"人家"), "户 居民 家庭"),  # 搬走了多少户人家: 搬迁避让176户
    (re.compile(r"办起|搞起"), "建立 开展"),
    (re.compile(r"(?:整改|改|修|治)(?:好|完)了?"), "整治 整改 完成"),  # 隐患整改好了多少处: 完成整治331处
    (re.compile(r"干[\u4e00-\u9fff]{1,4}?(?:这一?行|的人)"), "从业人员 从业"),  # 干家政这一行的有多少人: 家政从业人员
    (re.compile(r"人工(?:降雨|下雨)"), "人工增雨 增雨"),  # 搞了几次人工降雨: 人工增雨作业52次
    (re.compile(r"要争|去争|冲击|接下来"), "争创 力争 下一步"),  # a plan asked in speech (接下来要争…几连冠)
    (re.compile(r"明年|想(?:做到|达到|搞到|干到)|打算(?:做到|达到)"), "计划 力争 目标"),  # 明年…想做到多少: a plan's figure
)


def report_words(question: str) -> list[str]:
    """The report words for the question's everyday words, as REPORT_WORDS orders them.

    >>> report_words("哪些地方给孩子上学开了绿色通道？"), report_words("哪些地方建了军供站？")
    (['入学', '就学', '子女'], [])
    >>> report_words("蚌埠明年快递量想做到多少？")  # a plan asked: the passage saying 计划 / 力争 is found
    ['计划', '力争', '目标']
    """
    return [w for pattern, words in REPORT_WORDS if pattern.search(question) for w in words.split()]


def with_report_words(question: str) -> str:
    """The question with the report words for its everyday words added after it (as one space-separated tail), or
    the question itself when it has none.

    >>> with_report_words("张掖一共给驻军划了多少地？")
    '张掖一共给驻军划了多少地？ 划拨 土地 用地 驻地部队 部队'
    >>> with_report_words("张掖为驻地部队划拨了多少土地？")
    '张掖为驻地部队划拨了多少土地？'
    """
    added = report_words(question)
    return f"{question} {' '.join(added)}" if added else question
