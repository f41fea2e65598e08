"""Follow-ups made to stand alone, and Assistant.ask(history=...) answering them."""
import pytest

from qa.conversation import Turn, resolve

KNOWN = {"张掖市", "芜湖市", "来宾市", "灵台县"}
LAND = Turn("张掖累计为驻地部队划拨了多少亩土地？", "2000多亩")


@pytest.mark.parametrize("question, history, places, expected", [
    ("那芜湖呢？", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    ("芜湖市的呢", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    ("该市建了多少个服务站？", [LAND], (), "张掖建了多少个服务站？"),
    ("它投入了多少资金？", [LAND, Turn("那里有多少退役军人？", "")], (), "张掖投入了多少资金？"),
    # only an act and its ask, right after a place: asked of the last question's lead (its subject and 为…)
    ("投了多少钱？", [LAND], (), "张掖累计为驻地部队投了多少钱？"),
    # the act the last question counted inside, in full: the reader sees what was given (许昌's 300万元, not 203万元)
    ("一共发了多少钱？", [Turn("芜湖的救助活动给多少名困难军人发了慰问金？")], (), "芜湖的救助活动给困难军人发了慰问金，一共发了多少钱？"),
    ("那这些部队有多少人？", [LAND], (), "张掖这些部队有多少人？"),  # more than an act: scoped to the place only
    ("这个县现在有多少退役军人？", [], ("灵台县",), "灵台现在有多少退役军人？"),  # the filter's place
    ("来宾建了多少个服务站？", [LAND], (), "来宾建了多少个服务站？"),  # names its own place
    ("谢谢", [LAND], (), "谢谢"),  # asks nothing
    ("现在有多少退役军人？", [], ("灵台县",), "现在有多少退役军人？"),  # no history: a filter only names 这个县
    ("当地建了多少个服务站？", [LAND], (), "张掖建了多少个服务站？"),
    ("来宾当地建了多少个服务站？", [LAND], (), "来宾当地建了多少个服务站？"),  # 当地 of the place it names
    ("那芜湖呢？", [], (), "那芜湖呢？"),  # nothing to re-ask
    ("那去年呢？", [Turn("张掖今年安置了多少名退役军人？")], (), "张掖去年安置了多少名退役军人？"),
    ("2021年的呢", [Turn("芜湖2022年投入了多少资金？")], (), "芜湖2021年投入了多少资金？"),
    ("那去年呢？", [LAND], (), "去年张掖累计为驻地部队划拨了多少亩土地？"),  # no time word: put first
    ("省级的呢？", [Turn("芜湖有多少个国家级示范服务站？")], (), "芜湖有多少个省级示范服务站？"),
    ("那来宾呢？", [LAND, Turn("那芜湖呢？", "527亩")], (), "来宾累计为驻地部队划拨了多少亩土地？"),  # a chain
    # a bare tier, a bare thing sharing the last question's head, a comparison naming only its places
    ("那镇（街道）一级的呢？", [Turn("来宾建成了多少个村（社区）退役军人服务站？")], (),
     "来宾建成了多少个镇（街道）退役军人服务站？"),
    ("创业孵化基地呢？", [Turn("芜湖建强了多少家退役军人就业基地？")], (), "芜湖建强了多少家退役军人创业孵化基地？"),
    ("那它和芜湖比谁多？", [LAND], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，谁更多？"),
    ("它和芜湖比，谁划拨得更多？", [LAND], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，谁更多？"),  # its verb only
    ("它和芜湖比，谁建得更多？", [LAND], (), "张掖和芜湖比，谁建得更多？"),  # another verb: what it compares
    ("就业基地", [Turn("芜湖建强了多少家退役军人创业基地？")], (), "就业基地"),  # a keyword query, no follow-up form
    ("那服务中心呢？", [Turn("芜湖建成了多少个服务站？")], (), "芜湖建成了多少个服务中心？"),  # the counted thing
    ("那法律咨询服务站呢？", [Turn("芜湖建了几个维权巡回法庭？")], (), "芜湖建了几个法律咨询服务站？"),
    ("二等功的有几个？", [Turn("来宾2022年荣立个人三等功的官兵有多少？")], (), "来宾2022年荣立个人二等功的官兵有多少？"),
    ("柯桥区改造小区多少个？", [Turn("鼓楼区全年改造老旧小区多少个？")], (), "柯桥区改造小区多少个？"),  # its own verb
    ("国家级的占几期？", [Turn("来宾登了多少期稿件？")], (), "来宾国家级的占几期？"),  # a level: not a thing
    ("那里给军车配套的企业有多少家？", [LAND], (), "张掖给军车配套的企业有多少家？"),  # 那里 is the place
    ("那边建了几个服务站？", [LAND], (), "张掖建了几个服务站？"),
    ("哪些地方建有军供站？", [LAND], (), "哪些地方建有军供站？"),  # a list asks across places, whatever came before
    ("哪几个城市给军属家里挂了光荣牌？", [LAND, Turn("那芜湖呢？", "527亩")], (), "哪几个城市给军属家里挂了光荣牌？"),
    ("这个数比芜湖多吗？", [Turn("想问一下，张掖划拨了多少亩土地？")], (), "张掖和芜湖，划拨了多少亩土地，谁更多？"),
    ("光荣牌的数量跟芜湖比，哪个多？", [Turn("来宾挂了多少块光荣牌？")], (), "来宾光荣牌的数量跟芜湖比，哪个多？"),
    # a bare place with an ask that names nothing of its own is the last question on that place
    # the earlier value of a change: 现在 made 原来, else 以前 put first
    ("原来是多少？", [Turn("通化给随军配偶的生活补贴现在每月多少？", "1000元")], (), "通化给随军配偶的生活补贴原来每月多少？"),
    ("没扩之前呢？", [Turn("开封的空降训练场有多大？", "3573亩")], (), "以前开封的空降训练场有多大？"),
    ("扩之前是多大？", [Turn("开封的训练场现在有多大？", "3573亩")], (), "开封的训练场原来有多大？"),  # asks as the last
    ("换成芜湖，划了多少？", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    # a comparison saying only "this", its verb, or a generic noun that fits the last question's measure
    ("和芜湖比，哪边在这上面划得多？", [LAND], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，谁更多？"),
    ("来宾和芜湖比，谁拿到的次数多？", [Turn("张掖被评过几次全国双拥模范城？", "7次")], (),
     "来宾和芜湖，被评过几次全国双拥模范城，谁更多？"),
    ("来宾和芜湖比，谁建的服务站多？", [Turn("张掖被评过几次全国双拥模范城？", "7次")], (), "来宾和芜湖比，谁建的服务站多？"),
    ("换成芜湖，建了几个服务站？", [LAND], (), "芜湖建了几个服务站？"),  # its own thing, asked of the new place
    # a place "over there", a place with the last question's ask, an open comparison, 他们, an earlier value elsewhere
    ("那芜湖那边呢？", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    ("那芜湖给多少？", [Turn("来宾给随军配偶的补贴每月多少钱？")], (), "芜湖给随军配偶的补贴每月多少钱？"),
    ("芜湖呢，每月多少？", [Turn("来宾给随军配偶的补贴每月多少钱？")], (), "芜湖给随军配偶的补贴每月多少钱？"),
    ("芜湖人口多少？", [Turn("来宾给随军配偶的补贴每月多少钱？")], (), "芜湖人口多少？"),  # an ask of its own
    ("和芜湖相比呢？", [LAND], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，谁更多？"),
    ("跟芜湖比怎么样？", [LAND], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，谁更多？"),
    ("他们花了多少钱修营区？", [LAND], (), "张掖花了多少钱修营区？"),
    ("涨之前来宾是多少？", [Turn("芜湖的补贴现在每月多少？")], (), "来宾的补贴原来每月多少？"),
    ("那芜湖去年呢？", [LAND], (), "去年芜湖累计为驻地部队划拨了多少亩土地？"),
    # a total over the places talked about; the thing the last answer named
    ("两个加起来多少？", [LAND, Turn("那芜湖呢？", "527亩")], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，一共多少？"),
    ("这三个市一共有多少？", [LAND, Turn("那芜湖呢？", "527亩")], (), "这三个市一共有多少？"),  # only two named
    ("差了多少？", [LAND, Turn("那芜湖呢？", "527亩")], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，差了多少？"),  # a gap
    ("这两个地方差距有多大？", [LAND, Turn("那芜湖呢？", "527亩")], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，差距有多大？"),
    ("这个机场是哪年通航的？", [Turn("张掖修建了哪个通用机场？", "张掖丹霞通用机场")], (), "张掖丹霞通用机场是哪年通航的？"),
    ("它是哪年建成的？", [Turn("张掖修建了哪个通用机场？", "张掖丹霞通用机场")], (), "张掖丹霞通用机场是哪年建成的？"),
    ("它投了多少钱？", [LAND], (), "张掖投了多少钱？"),  # a figure is no thing's name: 它 is the place
    # a description is no name either (最全的城市), and 那它… turns back to the place
    ("它的人口在全区排第几？", [Turn("来宾的驻军有什么特点？", "最全的城市")], (), "来宾的人口在全区排第几？"),
    ("那它建的展馆叫什么？", [Turn("芜湖在街头设了什么？", "移动取款机")], (), "那芜湖建的展馆叫什么？"),
    # a comparison or total naming no place, right after two places; more ways to say a bare place
    ("哪个更多？", [LAND, Turn("那芜湖呢？", "527亩")], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，谁更多？"),
    ("它们谁多？", [LAND, Turn("那芜湖呢？", "527亩")], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，谁更多？"),
    ("哪个更多？", [LAND], (), "哪个更多？"),  # one place only: nothing to compare it with, left as asked
    ("两地一共划拨了多少亩？", [LAND, Turn("那芜湖呢？", "527亩")], (), "张掖和芜湖一共划拨了多少亩？"),
    # 他们 are the people of the place talked about last, not the places: that place's own total
    ("他们一共划拨了多少亩？", [LAND, Turn("那芜湖呢？", "527亩")], (), "芜湖一共划拨了多少亩？"),
    ("那来宾呢？", [LAND, Turn("那芜湖呢？"), Turn("哪个更多？")], (), "来宾累计为驻地部队划拨了多少亩土地？"),
    ("总共多少？", [LAND, Turn("那芜湖呢？", "527亩")], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，一共多少？"),
    ("总共多少？", [LAND], (), "张掖总共多少？"),  # right after one place: its own total
    ("说说芜湖的", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    ("芜湖有多少？", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    ("那芜湖的土地呢？", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    # the same people doing another act; the rate of the counted thing; a leading 那 dropped, not 那次's
    ("那当选党代表的呢？", [Turn("来宾有多少名退役军人担任了村干部？")], (), "来宾有多少名退役军人当选党代表？"),
    ("那悬挂率呢？", [Turn("来宾悬挂了多少块光荣牌？")], (), "来宾光荣牌悬挂率是多少？"),
    ("那当选党代表的有多少人？", [LAND], (), "张掖当选党代表的有多少人？"),
    ("那次一共转移了多少人？", [LAND], (), "张掖那次一共转移了多少人？"),
    # forms from a set written by a helper (dev): 同样问问X, 哪边给得多, 俩加一块儿, 扩完以后呢, 那艘舰/那家…
    ("同样问问芜湖。", [LAND], (), "芜湖累计为驻地部队划拨了多少亩土地？"),
    ("哪边给得多？", [LAND, Turn("那芜湖呢？")], (), "张掖和芜湖哪边给得多？"),
    ("俩加一块儿是多少？", [LAND, Turn("那芜湖呢？")], (), "张掖和芜湖，累计为驻地部队划拨了多少亩土地，一共多少？"),
    ("扩完以后呢？", [Turn("开封的训练场原来有多大？")], (), "开封的训练场现在有多大？"),
    ("那家药房打几折？", [LAND], (), "张掖那家药房打几折？"),
    ("回到芜湖，它那条专线是几路车？", [LAND], (), "芜湖那条专线是几路车？"),  # the switch said, then asked of it
    ("比芜湖高还是低？", [Turn("来宾的补贴每月多少钱？")], (), "来宾和芜湖，补贴每月多少钱，谁更多？"),
    ("我记得芜湖也开了，是几条来着？", [Turn("来宾开通了几条拥军公交专线？")], (), "芜湖开通了几条拥军公交专线？"),
    ("芜湖搞这个项目花了多少？", [Turn("来宾投资多少修建民兵训练基地？")], (), "芜湖投资多少修建民兵训练基地？"),
    ("芜湖建了多少个服务站？", [LAND], (), "芜湖建了多少个服务站？"),  # a question of its own about another place
    # an act counted (…接、出警多少起？): the follow-up's act asked in its place, after the adverb
    ("那抢险救援呢？", [Turn("2019年以来来宾的驻军一共接、出警多少起？")], (), "2019年以来来宾的驻军一共抢险救援多少起？"),
    ("那抢险救援呢？", [Turn("来宾的驻军出警多少次？")], (), "来宾的驻军抢险救援多少次？"),
    # "these things": what the last question counted, of the place talked about
    ("这些东西一共值多少钱？", [Turn("来宾给边防官兵送了多少份新春慰问品？")], (), "来宾新春慰问品一共值多少钱？"),
    # a new act and no ask: asked as the last question asked (its verb and count), of the place talked about
    ("那若羌县给驻县部队新建训练基地呢？", [Turn("张掖的高台县投了多少钱新建公租房给部队用？")], (),
     "张掖若羌县给驻县部队新建训练基地投了多少钱？"),
    ("那芜湖给部队建公寓呢？", [Turn("来宾一共投了多少钱修营区？")], (), "芜湖给部队建公寓投了多少钱？"),
    # a person asked of (他叫什么？) and a named thing of the last question (…的杨家佐村) referred back to
    ("他带的是哪个村？", [Turn("芜湖有位兵支书带着村民致富，他叫什么？", "于瑞兴")], (), "于瑞兴带的是哪个村？"),
    ("他带的是哪个村？", [Turn("芜湖有多少名兵支书？", "于瑞兴")], (), "芜湖他带的是哪个村？"),  # no person asked
    ("该市市长叫什么名字？", [LAND], (), "张掖市市长叫什么名字？"),  # not 张掖市长: the 市 of 该市 kept before 市长
    ("它依托哪个党史馆开展国防教育？", [Turn("灵台被评为什么示范县？", "社会治安综合治理工作示范县")], (),
     "灵台依托哪个党史馆开展国防教育？"),  # a title the place holds is no name for 它
    ("全国模范退役军人呢？", [Turn("芜湖的江苏最美退役军人是谁？", "某人")], (), "芜湖的全国模范退役军人是谁？"),  # its scope too
    ("军地一共给这个村投了多少钱？", [Turn("灵台军地帮扶的杨家佐村，党支部书记叫什么？", "王某")], (),
     "灵台军地一共给杨家佐村投了多少钱？"),
    # 这里头 / 这里面 (among them) is no place: the place talked about leads, 这里头 stays
    ("这里头够得上国家示范标准的有几个？", [LAND], (), "张掖这里头够得上国家示范标准的有几个？"),
    # what is said before the question (对了，…) is dropped as the place talked about is put first
    ("对了，那位三代从军的退役军人拿过什么称号？", [LAND], (), "张掖那位三代从军的退役军人拿过什么称号？"),
    # a count with no thing after it, switching place: what the last question counted
    ("换成来宾，建了几个？", [Turn("芜湖那边现在总共有多少个退役军人服务中心和服务站？")], (), "来宾建了几个退役军人服务中心和服务站？"),
    # the other kind of the same award (…先进单位, then 先进个人呢？): swapped in, the count asked of people
    ("先进个人呢？", [Turn("来宾有几家单位评上了全省国防教育先进单位？", "4家")], (), "来宾有多少人评上了全省国防教育先进个人？"),
    # 它 after a question of 什么 stands for the thing answered, never for a person, nor when its report is meant
    ("它建的干部学院是什么级别？", [Turn("张掖在那会儿是个什么角色？", "杨靖宇")], (), "张掖建的干部学院是什么级别？"),
    ("它那篇报告开头说的那条河是哪条？", [Turn("芜湖还靠哪个馆？", "民俗文化馆")], (), "芜湖那篇报告开头说的那条河是哪条？"),
    ("它是哪年建的？", [Turn("芜湖还靠哪个馆？", "民俗文化馆")], (), "民俗文化馆是哪年建的？"),
    # a reference before the place it stands for, said as well: the place once (该市张掖…, not 张掖张掖…)
    ("该市张掖挂了多少块光荣牌？", [LAND], (), "张掖挂了多少块光荣牌？"),
    # 那个村 followed by 还: the village the last question named, less its district
    ("那个村还给民兵建了个什么？", [Turn("灵台满城区杨家佐村建了个什么书屋？", "国防书屋")], (), "灵台杨家佐村还给民兵建了个什么？"),
])
def test_resolve(question, history, places, expected):
    assert resolve(question, history, KNOWN, places=places) == expected


def test_assistant_answers_the_resolved_question_and_says_so():
    from test_multi import assistant

    a = assistant()
    r = a.ask("那来宾呢？", history=[Turn("芜湖建了多少个退役军人服务站？", "1018个")])
    assert r.question == "那来宾呢？" and r.question_used == "来宾建了多少个退役军人服务站？"
    assert r.best.text == "887个" and r.to_dict()["question_used"] == "来宾建了多少个退役军人服务站？"
    both = a.ask("它和来宾谁的退役军人服务站更多？", history=[Turn("芜湖建了多少个退役军人服务站？", "1018个")])
    assert both.kind == "compare" and both.summary == "芜湖（1018个）多于来宾（887个）"
    assert a.ask("芜湖建了多少个退役军人服务站？").question_used == "芜湖建了多少个退役军人服务站？"
    nothing = a.ask("它是哪年建的？", history=[Turn("芜湖建了哪个服务站？", None)])  # no answer given: None as ""
    assert nothing.question_used == "芜湖是哪年建的？"


def test_resolve_never_fails_on_odd_follow_ups():
    import random

    pieces = ["那", "呢", "？", "的", "有几个", "多少", "它", "那边", "这个数", "比", "和", "跟", "芜湖", "张掖", "村（社区）",
              "镇（街道）一级", "服务站", "二等功", "去年", "省级", "（", "）", " ", "，", "吗", "谁更多", "\n", "😀", "a"]
    rng = random.Random(7)
    histories = [[], [LAND], [Turn("？")], [Turn("芜湖建了几个？")], [LAND, Turn("那芜湖呢？", "527亩")]]
    for _ in range(2000):
        question = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        out = resolve(question, rng.choice(histories), KNOWN, places=rng.choice([(), ("灵台县",)]))
        assert isinstance(out, str)


def test_a_bare_unknown_place_never_replaces_the_counted_thing():
    # 那火星呢？ / 那南京呢？ after a question: not a thing to count (tests/qa/interfaces/test_followup.py, case 10)
    assert resolve("那火星呢？", [LAND], KNOWN) != "张掖累计为驻地部队划拨了多少亩火星？"
    assert "南京" not in resolve("那南京呢？", [LAND], KNOWN).replace("那南京呢？", "")


def test_a_bare_thing_of_words_shaped_like_one_of_the_last_question_takes_its_place():
    # jieba tags 抚恤 优待 and 就业 安置 as verbs: no noun to swap, so the run of the same shape is swapped
    last = [Turn("双鸭山说他们就业安置讲究有个什么“度”？", "精度")]
    assert resolve("那抚恤优待呢？", last, {"双鸭山市"}) == "双鸭山说他们抚恤优待讲究有个什么“度”？"


def test_a_switch_to_a_place_s_own_thing_is_what_the_reference_after_it_means():
    asked = resolve("换成濮阳的驻军呢？他们一直坚持的是啥？", [Turn("张掖的驻军秉持的宗旨是什么？", "驻守一方")], {"张掖市", "濮阳市"})
    assert asked == "濮阳的驻军一直坚持的是啥？"
