"""PDF tables without rules (found from the words' columns), and a Chromium print of an HTML report with a ruled
and a borderless table."""
import shutil
import subprocess
from pathlib import Path

import pytest

from embeddings.ingest import load_collection
from embeddings.pdf_unruled import unruled_tables
from embeddings.tables import is_row


def word(text: str, x0: float, top: float, size: float = 12) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + len(text) * size, "top": top, "bottom": top + size}


def test_columns_of_words_are_a_table_and_a_wrapped_name_joins():
    words = [word("县（市）", 40, 100), word("新铺管网", 140, 100), word("投资", 240, 100),
             word("平江", 40, 122), word("7", 140, 128), word("1.65", 240, 128), word("县", 40, 134),
             word("湘阴县", 40, 156), word("210", 140, 156), word("0.8", 240, 156),
             word("合计", 40, 178), word("217", 140, 178), word("2.45", 240, 178)]
    [(box, rows)] = unruled_tables(words)
    assert rows == (("县（市）", "新铺管网", "投资"), ("平江\n县", "7", "1.65"), ("湘阴县", "210", "0.8"),
                    ("合计", "217", "2.45"))
    assert box == (40, 100, 288, 190)


def test_prose_lists_and_code_are_not_tables():
    prose = [word("全年改造老旧小区127个，惠及居民", 40, 100), word("3.2", 436, 100), word("万户。", 476, 100),
             word("市区新建口袋公园", 40, 118), word("18", 240, 118), word("个、绿道42公里，城市绿化", 270, 118),
             word("覆盖率提高到", 40, 136), word("43.5%", 160, 136), word("，人均公园绿地面积达到", 220, 136)]
    bullets = [w for n in range(4) for w in (word("•", 40, 100 + 18 * n), word(f"第{n}项措施", 70, 100 + 18 * n))]
    code = [w for n in range(4) for w in (word(f"y{n}", 40, 100 + 18 * n), word(":= SEQUENCE", 90, 100 + 18 * n))]
    assert unruled_tables(prose) == [] and unruled_tables(bullets) == [] and unruled_tables(code) == []


HTML = """<html><head><meta charset="utf-8"><style>body{{margin:40px}} td,th{{padding:2px 8px}}
.ruled{{border-collapse:collapse}} .ruled td,.ruled th{{border:1px solid #000}}</style></head><body>
<p>　　全年新铺供水管网1200公里，农村自来水普及率达到96%，城乡供水一体化取得明显进展。各县（市）完成情况见下表。</p>
<table class="ruled"><tr><th>县（市）</th><th>新铺供水管网（公里）</th><th>改造管网（公里）</th><th>投资（亿元）</th></tr>
{county_rows}</table>
<p>　　下一步将继续推进管网建设，力争到2025年实现城乡供水同网同质同价，让更多群众喝上放心水。</p>
<p>　　各区改造情况如下：</p>
<table><tr><th>区</th><th>改造小区</th><th>受益居民</th></tr>{district_rows}</table>
<p>　　以上为全部内容。</p></body></html>"""
COUNTIES = [("平江县", "7", "312", "1.65"), ("湘阴县", "210", "45", "0.8"), ("汨罗市", "150", "20", "0.6"),
            ("合计", "367", "377", "3.05")]
DISTRICTS = [("岳阳楼区", "17个", "3200户"), ("云溪区", "8个", "1100户"), ("君山区", "5个", "700户")]


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (make browser)")
def test_chromium_print_with_a_ruled_and_a_borderless_table(tmp_path: Path):
    def rows(table):
        return "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in table)

    html = tmp_path / "report.html"
    html.write_text(HTML.format(county_rows=rows(COUNTIES), district_rows=rows(DISTRICTS)), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", str(html)],
                   check=True, capture_output=True, timeout=120)
    _, passages = load_collection([pdf])
    texts = [p.text for p in passages]
    assert "各县（市）完成情况｜湘阴县｜新铺供水管网：210公里；改造管网：45公里；投资：0.8亿元" in texts
    assert "各区改造情况｜岳阳楼区｜改造小区：17个；受益居民：3200户" in texts
    assert sum(is_row(t) for t in texts) == 7
    first_row = next(n for n, t in enumerate(texts) if is_row(t))
    assert texts[first_row - 1].endswith("见下表。") and texts[first_row + 4].startswith("下一步")


def test_a_table_going_on_at_the_top_of_the_next_page_keeps_its_header_and_title():
    from embeddings.pdf import Line
    from embeddings.pdf_tables import PageTable, _continued, put_back, with_tables

    header = ("区县", "改造小区")
    first = PageTable(0, (72, 600, 500, 800), (header, ("越城区", "12个")))
    below = _continued([first], PageTable(1, (72, 60, 500, 120), (("柯桥区", "17个"),)), 842)
    repeated = _continued([first], PageTable(1, (72, 60, 500, 120), (header, ("柯桥区", "17个"))), 842)
    assert below.continues and below.rows == (header, ("柯桥区", "17个")) and repeated.rows == below.rows
    assert not _continued([first], PageTable(1, (72, 400, 500, 500), (("柯桥区", "17个"),)), 842).continues
    lines = [Line(0, "各区改造情况见下表。", 96, 216, 560, 572), Line(1, "下一步继续推进。", 96, 192, 140, 152)]
    lines = with_tables(lines, [first, below])
    assert put_back(["　　各区改造情况见下表。", lines[1].text, lines[2].text, "　　下一步继续推进。"], lines) == [
        "　　各区改造情况见下表。", "　　各区改造情况｜越城区｜改造小区：12个", "", "　　各区改造情况｜柯桥区｜改造小区：17个", "",
        "　　下一步继续推进。"]
