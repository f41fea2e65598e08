"""Questions asking which things a counted term holds (那五项制度呢？ after …三项机制都是啥？), and lists the reader cut
short: the whole list is answered (qa.reading.enumerated.counted_run, qa.reading.list_margin.whole_list_first,
qa.conversation_aspect.swap_numbered)."""
from tests_helpers import OnePassageRetriever, PoolReader

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.conversation import Turn, resolve
from qa.reading.enumerated import enumerated
from qa.settings import Settings

RIGHTS = "形成日常维护、联合调处、快速反应三项机制，落实工作日志、在岗值班、信息报送、定期研判和情况通报五项制度，多措并举"


def test_a_list_cut_short_before_the_counted_term_the_question_says_is_answered_whole():
    start = RIGHTS.index("定期研判")
    end = RIGHTS.index("五项制度")
    got = enumerated(RIGHTS, start, end, "西固区配套的五项制度都是啥？")
    assert RIGHTS[slice(*got)] == "工作日志、在岗值班、信息报送、定期研判和情况通报"  # 落实, the verb, left out
    assert enumerated(RIGHTS, start, end, "西固区配套的三项机制都是啥？") == (start, end)  # another term
    assert enumerated(RIGHTS, start, end, "西固区落实了几项制度？") == (start, end)  # how many, not which


def test_a_bare_counted_term_after_a_question_on_another_asks_the_same_of_it():
    known = {"西固区", "保定市"}
    assert resolve("那五项制度呢？", [Turn("西固区配套的三项机制都是啥？", "")], known) == "西固区配套的五项制度都是啥？"
    assert resolve("那五项制度呢？", [Turn("西固区建了多少个服务站？", "")], known) != "西固区建了多少个服务站？"


PLACED = "退役士兵安置到事业单位和国有企业比例达100%。"
PASSAGE = Passage("r001-p001", 1, PLACED, 0, len(PLACED), subtitle="珲春市双拥工作综述", places=("珲春市",))


def test_a_question_asking_several_things_gets_the_whole_list_the_best_thing_stands_in():
    pool = [("事业单位", 12.4), ("事业单位和国有企业比例", 6.7), ("事业单位和国有企业", 6.5)]  # the thing best, the list below
    settings = Settings(no_answer_threshold=-7.0, hedge_band=None, reword=False)
    a = Assistant(OnePassageRetriever(PASSAGE), PoolReader(PASSAGE, pool), settings=settings)
    assert a.ask("珲春的退役士兵安置去了哪些单位？").best.text == "事业单位和国有企业"
    assert a.ask("珲春的退役士兵安置去了什么单位？").best.text == "事业单位"  # one thing asked
