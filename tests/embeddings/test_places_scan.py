"""A report's places are looked for in its first PLACE_SCAN characters: a 3 MB one-line file took 16 s of jieba
tagging for nothing more (hostile sweep, files family: 18.7 s -> 1.8 s to read)."""
import time

from embeddings.places import PLACE_SCAN, body_places


def test_places_come_from_the_start_of_a_long_body():
    body = "张掖市" * 10 + "驻地部队" * (PLACE_SCAN // 4) + "芜湖市" * 1000
    started = time.perf_counter()
    assert [name for name, _ in body_places(body)] == ["张掖"]
    assert time.perf_counter() - started < 10


def test_a_verb_jieba_tags_as_a_place_is_not_a_second_place():
    from embeddings.places import report_places

    body = "我市改造老旧小区12个，惠及居民1200户；新建口袋公园5处，惠及群众3万人；惠及退役军人家庭300户。"
    assert report_places("福州市城市更新工作报告", body) == ("福州市",)


def test_common_words_jieba_tags_as_places_are_no_report_place():
    from embeddings.places import report_places

    body = ("全年新建、改扩建中小学和幼儿园32所。\n各区县新建学校情况｜涪城区｜新建学校：9所\n"
            "各区县新建学校情况｜游仙区｜新建学校：7所\n城关镇新区新城建设加快。")
    assert report_places("绵阳市2023年教育工作报告", body) == ("绵阳市",)  # not ("绵阳市", "新建")


def test_a_place_the_ocr_misread_is_named_by_the_files_name_too(tmp_path):
    from embeddings.ingest import read_collection

    # what a scan's OCR gave: 江门 read as 江内 all through (newuser_heldout4's scan)
    text = ("江内市2023年生活垃圾分类工作报告\n（2024年1月15日）\n全市共设置垃圾分类投放点4850个。\n"
            "江内市餐厨垃圾处理厂日处理能力400吨。\n")
    (tmp_path / "江门垃圾分类扫描件.txt").write_text(text, encoding="utf-8")
    (tmp_path / "芜湖双拥.txt").write_text(text.replace("江内", "张掖"), encoding="utf-8")
    reports = {r.source.split("/")[-1]: r for r in read_collection([tmp_path]).reports}
    assert reports["江门垃圾分类扫描件.txt"].places == ("江内市", "江门市")
    assert reports["芜湖双拥.txt"].places == ("张掖市",)  # another place altogether: nothing added


def test_a_rare_first_character_stays_with_its_place():
    """jieba cuts 蓼 off 蓼汀市 and tags 汀市 a place: questions name 蓼汀, so the report's place must be 蓼汀市 (a new
    user's collection of invented cities lost three answers to it); a word before a place (在) is no part of it."""
    from embeddings.places import report_places

    body = "全市通航城市从68个提高到92个。"
    assert report_places("蓼汀市2023年民航机场发展工作报告", body) == ("蓼汀市",)
    assert report_places("蘅汀市2023年工作报告", body) == ("蘅汀市",)
    assert report_places("在芜湖市召开的双拥工作会议纪要", "芜湖市召开会议。") == ("芜湖市",)
