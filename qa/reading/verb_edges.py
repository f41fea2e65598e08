"""A span's edges cut off the verbs that only frame what a 什么X question asks for.

Asked 不定期给优抚对象义诊，搞的是个什么活动？ the reader cuts 深化“关爱功臣”活动: the activity is “关爱功臣”活动, 深化
is what the report does with it. Asked 是跟哪个单位联手组织的？ it cuts 市工商联组织: 组织 is the question's own verb.
`qa.reading.span_edges.trimmed` applies both after its other edges.
"""
from __future__ import annotations

import re

from embeddings.places import posseg

# General report verbs and adverbs that open a clause about a named thing (开展…活动, 定期组织召开…座谈会), not a name:
# a span that opens with them and ends with the noun asked (活动, 会) loses them.
FRAME_WORDS = ("开展", "深化", "组织", "召开", "举办", "举行", "打造", "建立", "健全", "组建", "成立", "推行", "实施",
               "推进", "创建", "设立", "开设", "启动", "发起", "落实", "坚持", "不忘", "传承", "弘扬", "发扬", "形成",
               "构建", "搭建", "完善", "定期", "积极", "广泛", "深入", "持续", "扎实", "常态化", "大力", "不断", "认真")
FRAME = re.compile(f"(?:{'|'.join(FRAME_WORDS)})")  # no word of them starts another: one matches at a place
ADVERBS = ("全力", "积极", "大力", "不断", "持续", "认真", "广泛", "深入", "扎实", "主动", "全面")
MANNER_LEAD = re.compile(rf"(?:{'|'.join(ADVERBS)})+(?=[\u4e00-\u9fff]{{4}})")  # 全力 of 全力支持多个驻漳部队…
# 坚持 of 坚持行政调配和市场调节相结合; 形成了以 of 形成了以政府主导、成员单位主动作为…(的格局)
HELD_LEAD = re.compile(r"(?:坚持|实行|推行|采取|遵循|树立|确立|秉持|秉承|践行|(?:形成|构建|建立|打造)了?以)(?=[\u4e00-\u9fff]{4})")
TIME_LEAD = re.compile(r"[^，,。；;]{2,10}?(?:时|期间|之际|前夕|之前|之后)(?=召开|举办|举行|开展|组织)")
SEVERAL_ASKED = re.compile(r"哪些|哪几|哪[两二三四五六七八九十]")  # a list asked: its first thing loses the frame too
# an adverb and a frame verb, or two frame verbs: one frame word alone may be the thing's own (组织部、人武部…)
LIST_LEAD = re.compile(rf"(?:{'|'.join(ADVERBS)})+(?:{FRAME.pattern})+|(?:{FRAME.pattern}){{2,}}"
                       rf"|(?:{'|'.join(ADVERBS)})*(?:投身|参与|参加|用于|通过)(?:到)?")  # 投身…: taking part; 用于…: spent on; 通过…: by
DONE_TO = re.compile(r"[^，,。；;、]{2,8}?进行(?=[\u4e00-\u9fff]{4})")
DONE_ASKED = re.compile(r"(?:做|干|搞)了?(?:些)?(?:什么|啥)[？?呢]*$")
KIND_ASKED = re.compile(r"(?:什么|啥)([\u4e00-\u9fff]{1,4}?)(?:[？?呢啊吗]|$)")
ASK_WORD = re.compile(r"哪|什么|啥|谁")


def drop_frame(text: str, start: int, end: int, question: str) -> int:
    """The span's start past the frame words that open it, when the question asks 什么X and the span ends with X and
    keeps two characters or more before it; else `start`.

    >>> t = "深化“关爱功臣”活动"
    >>> t[drop_frame(t, 0, len(t), "来宾不定期给优抚对象义诊，搞的是个什么活动？"):]
    '“关爱功臣”活动'
    >>> t = "定期组织召开社区军民座谈会"
    >>> t[drop_frame(t, 0, len(t), "服务中心隔一阵就要组织开个什么会？"):], drop_frame(t, 0, len(t), "开了几次会？")
    ('社区军民座谈会', 0)
    >>> t = "坚持行政调配和市场调节相结合"
    >>> t[drop_frame(t, 0, len(t), "帮军属找工作，讲究的是什么原则？"):]
    '行政调配和市场调节相结合'
    >>> t = "形成了以政府主导、成员单位主动作为、社会力量积极参与"
    >>> t[drop_frame(t, 0, len(t), "它的拥军优属工作格局是个啥样子？"):]
    '政府主导、成员单位主动作为、社会力量积极参与'
    >>> t = "老兵退役时召开迎送座谈会"
    >>> t[drop_frame(t, 0, len(t), "老兵回来的时候，区里会开个什么会？"):]
    '迎送座谈会'
    >>> t = "全力打造双拥主题公园、双拥示范街、国防教育学校"
    >>> t[drop_frame(t, 0, len(t), "具体是哪三样？"):], drop_frame(t, 0, 10, "具体是哪三样？")  # a list only
    ('双拥主题公园、双拥示范街、国防教育学校', 0)
    >>> drop_frame("组织部、人武部、团市委", 0, 11, "哪些单位？")  # one frame word alone: the thing's own
    0
    >>> t = "全力支持多个驻漳部队进行扩建"
    >>> t[drop_frame(t, 0, len(t), "漳州在军事用地方面做了什么？"):]
    '支持多个驻漳部队进行扩建'
    >>> t = "适龄青年进行调查摸底、造册登记"  # whom it was done to, then the acts
    >>> t[drop_frame(t, 0, len(t), "每年对到了年龄的青年先干什么？"):]
    '调查摸底、造册登记'
    >>> t = "投身驻地绿化美化、人居环境整治"  # taking part in the things listed
    >>> t[drop_frame(t, 0, len(t), "官兵平时还积极掺和哪些活动？"):]
    '驻地绿化美化、人居环境整治'
    >>> t = "用于征兵、国防教育、民兵训练"  # what the money went on, listed
    >>> t[drop_frame(t, 0, len(t), "那笔经费主要花在哪些方面？"):]
    '征兵、国防教育、民兵训练'
    >>> t = "通过设置宣传栏、悬挂宣传标语、电子显示屏播放"  # the means listed
    >>> t[drop_frame(t, 0, len(t), "他们搞双拥宣传都用哪些法子？"):]
    '设置宣传栏、悬挂宣传标语、电子显示屏播放'
    >>> t = "树立经济建设与国防建设同步协调发展"
    >>> t[drop_frame(t, 0, len(t), "往后抓双拥要树个什么理念？"):]
    '经济建设与国防建设同步协调发展'
    """
    listed = LIST_LEAD.match(text, start, end) if SEVERAL_ASKED.search(question) else None
    if listed and text.find("、", listed.end(), end) >= listed.end() + 2:  # 哪五样: 全力打造双拥主题公园、双拥示范街… -> 双拥主题公园、…
        # (the first thing keeps two characters or more: 组织健全、政策落实 is a list of four-character things)
        return listed.end()
    if DONE_ASKED.search(question):  # 做了什么: 全力支持多个驻漳部队进行扩建 -> 支持…, the act without its manner
        done = DONE_TO.match(text[start:end])  # 适龄青年进行调查摸底、造册登记: whom it was done to, then the acts
        found = done if done and "、" in text[start + done.end():end] else MANNER_LEAD.match(text[start:end])
        return start + found.end() if found else start
    asked = KIND_ASKED.search(question)
    if asked and not text[start:end].endswith(asked.group(1)):  # 什么原则: 坚持行政调配和市场调节相结合 -> 行政调配…
        held = HELD_LEAD.match(text[start:end])
        return start + held.end() if held else start
    if not asked:
        return start
    keep = end - len(asked.group(1)) - 2  # two characters or more before the noun stay
    lead = TIME_LEAD.match(text, start, end)  # 老兵退役时召开迎送座谈会: when it is held, then the frame
    at = lead.end() if lead and lead.end() <= keep else start
    while (word := FRAME.match(text, at)) and word.end() <= keep:
        at = word.end()
    return at


def whole_item(text: str, start: int, end: int, question: str) -> int:
    """For a question asking 什么X, a span that ends a thing of a list with X (爱民学校 of …、拥军优属拥政爱民学校、…) grown
    back to the thing's start, the 、 before it (12 characters at most); else `start`.

    >>> t = "成立拥军优属协会、拥军优属拥政爱民学校、拥军优属女子志愿服务队"
    >>> t[whole_item(t, 15, 19, "还办了个什么学校？"):19]
    '拥军优属拥政爱民学校'
    >>> whole_item(t, 15, 19, "爱民学校在哪？")
    15
    >>> t = "发送一封慰问信、赠送一个拥军包、解决一批实际困难"
    >>> whole_item(t, 12, 15, "送给官兵的是个什么包？")
    12
    """
    asked = KIND_ASKED.search(question)
    if not asked or not text[start:end].endswith(asked.group(1)) or not re.match(r"[、等，,。；;]", text[end:end + 1]):
        return start
    found = re.search(r"、([^、，,。；;：:“”（）()\s0-9一二三四五六七八九十两]{1,12})$", text[max(0, start - 13):start])
    if not found:
        return start
    opening = next(iter(posseg().cut(found.group(1))))  # a thing, not an act (赠送一个拥军包: the 拥军包)
    return start if opening.flag.startswith("v") else start - len(found.group(1))


def drop_said_verb(text: str, start: int, end: int, question: str) -> int:
    """The span's end before a verb of two characters the question says after its question word (哪个单位联手组织的:
    组织), when two characters or more are left; else `end`.

    >>> t = "与市工商联组织召开座谈会"
    >>> t[1:drop_said_verb(t, 1, 7, "双鸭山开座谈会，是跟哪个单位联手组织的？")]
    '市工商联'
    >>> drop_said_verb(t, 1, 7, "组织座谈会的是哪个单位？")
    7
    >>> drop_said_verb("水力发电", 0, 4, "桂山发电厂是使用什么方式发电的发电厂？")  # one word: the thing asked
    4
    >>> drop_said_verb("“直通车式”安置", 0, 8, "还有啥新路子的安置方式？")  # a quoted name's head stays
    8
    """
    end = body_only(text, start, end, question)  # 市民政局 of 市民政局按照《…》落实… for 哪个部门
    asked = ASK_WORD.search(question)
    if not asked or end - start < 4:
        return end
    tail = text[end - 2:end]
    after = question[asked.end():]
    # past the noun asked (什么行动再出发, 哪场选举中: what it asks), a verb of the question's (组织: v, not 考核: vn) that
    # is a word of its own in the span too (水力发电 is one word: the thing asked, 使用什么方式发电)
    if after.find(tail) >= 3 and tail not in text[start:end - 2] and text[end - 3:end - 2] != "”":  # “直通车式”安置
        flags = {w.word: w.flag for w in posseg().cut(after)}
        last_word = list(posseg().cut(text[start:end]))[-1].word
        if flags.get(tail) == "v" and last_word == tail:
            return end - 2
    return end


BODY_ASKED = re.compile(r"哪(?:一)?(?:个|家)?(?:部门|单位|机构|机关)|(?:什么|啥)(?:部门|单位|机构|机关)")
# a body's name, then what it does (市民政局按照《…》落实…): the body is the answer, its act is not
BODY_THEN_ACT = re.compile(r"([^，,。；;、《“]{2,14}?(?:局|委|办|厅|部|处|中心|委员会|政府|协会))"
                           r"(?=按照|根据|依据|牵头|负责|会同|联合|组织|落实|对|为|在|向|把|将)")


def body_only(text: str, start: int, end: int, question: str) -> int:
    """The span's end after the body's name it opens with, when the question asks which body (哪个部门) and the span
    goes on into what the body does; else `end`.

    >>> t = "市民政局按照《关于进一步规范殡葬服务收费管理的通知》落实重点优抚对象殡葬服务减免政策"
    >>> t[:body_only(t, 0, 40, "这项减免是哪个部门去落实的？")], body_only(t, 0, 40, "这项减免是怎么落实的？")
    ('市民政局', 40)
    """
    found = BODY_ASKED.search(question) and BODY_THEN_ACT.match(text[start:end])
    return start + found.end(1) if found and start + found.end(1) < end else end
