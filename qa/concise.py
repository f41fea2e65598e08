"""A question said the way people talk, with its spoken fillers taken out for a second reading.

People ask 广安转业回来的士官，都安排到哪类单位去了？; the reader, trained on questions written like their
passages, scores the right span (机关事业单位) below "no answer", and scores it well above once the words that
carry nothing are gone: 广安转业的士官，安排到哪类单位？. `concise` drops such words: adverbs of habit and
degree (一般、平常、主要、具体、都…), demonstratives before a noun (那个、这些), where the figure was read (报告里),
directional fillers (回来的、去了), closing particles (来着、啊、呀), a topic's 呢？ before the
question itself (宣传上呢？…用哪些法子？), and writes 啥 / 咋 as 什么 / 怎么.

The words are general spoken Chinese, not one collection's. The assistant reads the concise question only when the
first reading abstained (`qa.assistant.Assistant._reworded`), as it reads a question reworded in its passage's
words, and never shows that answer as sure.
"""
from __future__ import annotations

import re

# adverbs (jieba tags them d or a) that say how often or how much, not what: dropped as whole words only
FILLER_ADVERBS = frozenset("一般 平常 平时 通常 主要 具体 大概 大约 到底 究竟 专门 特意 特地 都 又 还 一块儿 一块 眼下 "
                           "往常 基本上".split())
DEMONSTRATIVES = frozenset("那个 这个 那些 这些 那次 这次 那场 这场 那项 这项 那份 这份 那套 这套 那边 这边".split())
CLOSING = re.compile(r"(?:来着|去了|啊|呀|哇|嘛|呗|哈)(?=[？?！!。]*$)")
SAID_WHERE = re.compile(r"(?:在)?(?:报告|材料|文章|文中)(?:里面|里头|里|中|上)?(?:说|讲|写|提到)?(?:的)?(?=[是怎如哪什啥谁用])")
SPOKEN = (("啥", "什么"), ("咋", "怎么"))
INNER_NE = re.compile(r"呢[？?](?=[\u4e00-\u9fff])")  # 那老兵回来的时候呢？区里开个什么会？ -> one question
DIRECTIONS = frozenset(("回来", "过来", "下来", "起来"))  # 转业回来的士官 -> 转业的士官; never a whole verb alone


def concise(question: str) -> str:
    """The question without its spoken fillers (see the module's docstring); the question itself when it has none.

    >>> concise("广安转业回来的士官，都安排到哪类单位去了？")
    '广安转业的士官，安排到哪类单位？'
    >>> concise("安阳那个十多年给老人免费管饭的退役军人，报告里是怎么夸他的？")
    '安阳十多年给老人免费管饭的退役军人，是怎么夸他的？'
    >>> concise("珲春那支服务队平常都干些啥？")
    '珲春那支服务队干些什么？'
    >>> concise("宣传上呢？通化搞双拥宣传用哪些法子？")  # a topic said first, then the question
    '宣传上，通化搞双拥宣传用哪些法子？'
    >>> concise("张掖为驻地部队划拨了多少土地？")  # nothing to drop
    '张掖为驻地部队划拨了多少土地？'
    >>> concise("哪个县这个项目投得最多？")  # 这个 before a noun is dropped, 哪个 asks and stays
    '哪个县项目投得最多？'
    """
    from embeddings.places import posseg

    text = SAID_WHERE.sub("", CLOSING.sub("", INNER_NE.sub("，", question)))
    words = [(w.word, w.flag) for w in posseg().cut(text)]
    kept: list[str] = []
    for i, (word, flag) in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else None
        before = words[i - 1] if i else None
        if word in FILLER_ADVERBS and flag in ("d", "a", "ad", "m", "l") and after is not None and after[0] not in "？?":
            continue
        if word in DEMONSTRATIVES and after is not None and re.match(r"[\u4e00-\u9fff0-9]", after[0]):
            continue
        if word in DIRECTIONS and before is not None and before[1].startswith("v") and after is not None and after[0] == "的":
            continue
        kept.append(word)
    text = "".join(kept)
    for spoken, written in SPOKEN:
        text = text.replace(spoken, written)
    return text if re.search(r"[\u4e00-\u9fff]", text) else question
