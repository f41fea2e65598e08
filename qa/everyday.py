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
    # money paid in, lent out, earned (交了多少公积金: 缴存额; 贷出去多少: 发放贷款; 卖了多少钱: 销售额)
    (re.compile(r"(?<![提移转外社结成])交(?:了|的|过|上)?(?=[\u4e00-\u9fff]{0,6}(?:钱|费|税|保险|社保|公积金|医保))"),
     "缴纳 缴存 缴费"),
    (re.compile(r"贷出去|借出去|放出去的贷款|放了多少贷款"), "发放 贷款"),
    (re.compile(r"卖了?(?:多少|几)|卖出去"), "销售额 交易额 销售"),
    (re.compile(r"赚了?(?:多少|几)|挣了?(?:多少|几)"), "收入 增收"),
    (re.compile(r"打零工|没(?:有)?固定(?:单位|工作)|送外卖|跑外卖|自由职业"), "灵活就业"),
    (re.compile(r"[耗用]了?(?:多少|几)(?:度)?电|耗电|用电"), "耗电量 用电量"),
    (re.compile(r"坏了|出故障"), "故障 报修 维修"),
    (re.compile(r"修好|修复"), "修复 维修"),
    (re.compile(r"打了?(?:多少|几)(?:斤|吨)?粮|产了?(?:多少|几)(?:斤|吨)?粮|收了?(?:多少|几)(?:斤|吨)?粮"), "粮食 总产量 产量"),
    (re.compile(r"一亩(?:地)?(?:能|可以)?(?:收|产|打)"), "单产 亩产"),
    (re.compile(r"(?<!一亩)(?<!一亩地)收了?(?:多少|几)(?:斤|吨)?(?:蔬菜|菜|水果|果子|茶叶|茶|瓜|菌菇)"), "产量"),  # 一年收了多少菜
    (re.compile(r"便宜|打折|少花"), "优惠 减免 折扣"),
    (re.compile(r"着火|失火|起火|山火"), "火灾 火情"),
    (re.compile(r"车祸|撞车"), "交通事故"),
    (re.compile(r"死了|没了命|丧生"), "死亡"),
    (re.compile(r"网上(?!办)"), "线上 网络"),
    (re.compile(r"电瓶车|电动车"), "电动自行车"),
    (re.compile(r"老人(?!家)"), "老年人"),
    (re.compile(r"搬家|搬走"), "搬迁"),
    (re.compile(r"打官司"), "诉讼"),
    (re.compile(r"厕所"), "户厕 公厕 改厕"),
    (re.compile(r"卖地|卖(?:了|掉)?[^，,。？?]{0,4}?地(?![方区点])"), "土地出让 出让"),  # 卖地一共卖了多少钱: 土地使用权出让
    (re.compile(r"省下|省了|省出"), "节约 节省"),  # 招标给省下来多少钱: 节约资金
    (re.compile(r"砍(?:掉|了|下来?)?[^，,。？?]{0,6}?钱"), "审减 核减"),  # 结账时审计砍掉了多少钱: 审减金额
    (re.compile(r"砍(?:下来?|伐|掉)?[^，,。？?]{0,4}?(?:竹|树|木)"), "采伐"),
    (re.compile(r"停车位"), "停车泊位 泊位"),
    (re.compile(r"平均每个?人|每个?人平均|一个人(?:一年|一个月)?(?:平均)?"), "人均"),  # 平均每个人能分到多大面积: 人均
    (re.compile(r"结账"), "结算"),
    (re.compile(r"(?:躲|避)(?:进去|进|一下)?的?(?:地方|场所|点)"), "避难场所 应急避难"),  # 地震时能躲进去的地方
    (re.compile(r"老师傅|手艺人|传手艺|带徒弟"), "传承人"),  # 带徒弟传手艺的非遗老师傅: 代表性传承人
    (re.compile(r"(?:多久|多长时间|多快|几分钟)(?:能|就能|可以)?(?:到|赶到|到达|到场)"), "反应时间 到达时间"),  # 救护车多久能到
    (re.compile(r"城里(?!人)"), "城市 城区"),
    (re.compile(r"后厨"), "食堂 厨房"),
    (re.compile(r"(?:看得见|看得到|能看到|看见)[^，,。？?]{0,8}?(?:做饭|后厨|厨房|炒菜)"), "明厨亮灶"),
    (re.compile(r"陪着?[^，,。？?]{0,6}?(?:吃饭|就餐|用餐)"), "陪餐"),
    (re.compile(r"除颤仪"), "除颤器 AED"),
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


ASKING = re.compile(r"多少|几|哪|什么|啥|谁")  # a phrase holding these asks: never replaced (卖了多少 stays)


def in_passage_words(question: str, passage: str) -> str:
    """The question with each everyday phrase replaced by the first of its report words that the passage says, for
    the reader's second reading (`qa.reworded.second_wording`); a phrase holding an asking word, or one the passage
    says itself (驻军 beside 驻地部队), stays as asked.

    >>> in_passage_words("周口小麦现在一亩能收多少？", "全市小麦单产达到468公斤")
    '周口小麦现在单产多少？'
    >>> in_passage_words("张掖一共给驻军划了多少地？", "为驻地部队划拨土地2000多亩")
    '张掖一共给驻地部队划拨了多少土地？'
    >>> in_passage_words("驻军的老人有多少？", "驻军部队离退休老年人")  # 驻军 said: kept
    '驻军的老年人有多少？'
    >>> in_passage_words("张掖一共给驻军划了多少地？", "全市拥军优属")  # the passage says none of them
    '张掖一共给驻军划了多少地？'
    """
    for pattern, words in REPORT_WORDS:
        said = next((w for w in words.split() if w in passage and w not in question), None)
        found = [m for m in pattern.finditer(question) if m.group() and not ASKING.search(m.group())
                 and not (len(m.group()) > 1 and m.group() in passage)] if said is not None else []
        if found:  # the last one only (带徒弟传手艺的非遗老师傅: the 老师傅), the thing a question names last
            question = question[:found[-1].start()] + said + question[found[-1].end():]
    return question
