"""A question in everyday speech put in the words reports write, for the reader only.

The reader was trained on questions that reuse their passage's words; asked in everyday speech it finds the right
span but too unsure to show it (乌海…一年的看病补贴发了多少钱？: 155万余元 at a margin far below the cut; asked
…医疗补贴…, 0.92). `formal` replaces everyday words by the words reports use for them before the reader reads the
question; retrieval keeps the question as asked (`qa.retrieval.everyday` adds report words to its keyword query)
and the user sees their own question.

The table is general Chinese (everyday speech against report style), not written for one collection; each entry is
one unambiguous everyday word or phrase and the one report word for it. Measured with and without in
docs/results.md ("Fifteenth session").
"""
from __future__ import annotations

import re

FORMAL: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"当兵的"), "军人"),
    (re.compile(r"兵哥哥|大兵"), "官兵"),
    (re.compile(r"退伍兵"), "退役士兵"),
    (re.compile(r"退伍"), "退役"),
    (re.compile(r"(?:军人|官兵|军属)的?(?:孩子|娃)"), "军人子女"),  # not 军娃: reports write it (许昌…“军娃”)
    (re.compile(r"看病(?=补|费|钱|的钱)"), "医疗"),
    (re.compile(r"(?<=[子女娃])上学"), "入学"),
    (re.compile(r"老婆|媳妇"), "配偶"),
    (re.compile(r"花了?(?:多少|几)(?:万|亿)?(?:块)?钱"), "投入了多少资金"),
    (re.compile(r"找工作"), "就业"),
    (re.compile(r"工作岗位"), "就业岗位"),
    (re.compile(r"头一个"), "首个"),
    (re.compile(r"(?:划|给)了?(?:多少|几)(?:亩)?地"), "划拨了多少土地"),
    (re.compile(r"(?<![0-9])(多少|几)回(?![应复])"), r"\1次"),
    (re.compile(r"(?:几月)?几号(?![线楼院车])|几月几日"), "哪一天"),  # …协议，是几号签的？ left the reader unsure of 6月21日
    (re.compile(r"啥"), "什么"),
    (re.compile(r"哪儿"), "哪里"),
    (re.compile(r"咋"), "怎么"),
)


def formal(question: str) -> str:
    """The question with its everyday words replaced by the words reports write for them.

    >>> formal("乌海给自主择业的军转干部一年发多少看病补贴？")
    '乌海给自主择业的军转干部一年发多少医疗补贴？'
    >>> formal("当兵的孩子上学有啥优待？"), formal("张掖一共给驻军划了多少地？")
    ('军人子女入学有什么优待？', '张掖一共给驻军划拨了多少土地？')
    >>> formal("盘州跟健康促进中心签体检协议，是几号签的？"), formal("坐几号线？")
    ('盘州跟健康促进中心签体检协议，是哪一天签的？', '坐几号线？')
    >>> formal("芜湖的退伍兵搞了几回招聘会？"), formal("张掖投入资金多少？")
    ('芜湖的退役士兵搞了几次招聘会？', '张掖投入资金多少？')
    """
    for pattern, words in FORMAL:
        question = pattern.sub(words, question)
    return question
