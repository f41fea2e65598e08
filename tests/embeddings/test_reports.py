from embeddings.ingest import load_collection
from embeddings.reports import clean_body, split_reports
from tests_helpers import MINI


def test_compilation_splits_into_reports_without_toc_or_end_marker():
    reports = split_reports(MINI)
    assert [r.subtitle for r in reports] == ["甲城市双拥工作综述", "乙县双拥工作综述", "闽南市推动双拥工作综述"]
    assert [r.title for r in reports] == ["擦亮双拥新品牌", "鱼水情深", "同心共谱新华章"]
    assert [r.date for r in reports] == ["2023年8月3日", "2023年7月31日", "2023年5月9日"]
    text = "\n".join(b.text for r in reports for b in r.blocks)
    assert "目录" not in text and "paidend" not in text and "……" not in text


def test_page_break_lines_are_rejoined_and_headings_kept():
    blocks = split_reports(MINI)[0].blocks
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert any("民兵弹药库建设。解决部队子女" in p for p in paragraphs)
    assert [b.text for b in blocks if b.kind == "heading"] == ["一、传承红色基因当好强军后盾", "二、厚植双拥情怀"]


def test_two_line_heading_is_one_heading():
    blocks = split_reports(MINI)[1].blocks
    assert [b.text for b in blocks if b.kind == "heading"] == ["强化组织领导 形成齐抓共管双拥格局"]


def test_unindented_sentence_after_heading_is_a_paragraph():
    blocks = clean_body(["一、标题", "进入新时代，双拥工作初心不变。", "　　第二段。"])
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "一、标题"), ("paragraph", "进入新时代，双拥工作初心不变。"), ("paragraph", "第二段。")]


def test_file_without_date_lines_is_one_report():
    reports = split_reports("# 年度报告\n\n今年共建营区3处。\n\n投入资金20万元。\n", fallback_title="f")
    assert len(reports) == 1 and reports[0].title == "年度报告"
    assert [b.text for b in reports[0].blocks] == ["今年共建营区3处。", "投入资金20万元。"]


def test_passages_carry_offsets_places_and_sections(mini_corpus):
    reports, passages = load_collection([mini_corpus])
    assert [r.number for r in reports] == [1, 2, 3]
    for p in passages:
        report = reports[p.report - 1]
        assert report.text[p.start:p.end] == p.text
        assert p.title == report.title and p.date == report.date
    land = next(p for p in passages if "2000多亩" in p.text)
    assert land.section == "一、传承红色基因当好强军后盾" and land.report == 1
    assert reports[2].places == ("闽南市", "漳州")  # the body never says 闽南: its own name joins
    assert "漳州" in next(p for p in passages if p.report == 3).index_text


def test_a_wrapped_line_with_an_open_bracket_continues_its_sentence_and_is_no_heading():
    from embeddings.reports import clean_body

    blocks = clean_body(["二、找准定位", "　　我市重点聚焦部队建设。", "出台《关于做好驻通部队随军配偶生活补贴发放工作的",
                         "通知》，将补贴从每人每月300元提高到1000元。"])
    assert [b.kind for b in blocks] == ["heading", "paragraph", "paragraph"]
    assert blocks[2].text == "出台《关于做好驻通部队随军配偶生活补贴发放工作的通知》，将补贴从每人每月300元提高到1000元。"
