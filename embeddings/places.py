"""Place names a report uses: the subtitle's place and, when the body calls it otherwise, that name."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

PLACE_SUFFIX = re.compile(r"(省|市|县|区|州|盟|旗)$")
GENERIC = {"中国", "全国", "全省", "全市", "全区", "全县", "我国", "国家", "我市", "本市", "中华", "人民", "中央",
           "地方", "部队", "军地", "军民", "城乡", "基层", "社区", "新时代", "西部", "东部", "北部", "南部",
           "城市", "城区", "城镇", "市区", "县城", "地区", "省市", "市县", "县市",  # jieba tags 城市 ns: 哪些城市… names none
           "惠及",  # a verb jieba's dictionary tags ns: "惠及居民…" made a report's second place 惠及
           "新建", "新城", "新区", "城关",  # common words it tags ns too: a table's 新建学校 made a report's place 新建
           # and more of them, found by tagging a collection (缅怀先烈…灵台办了多少 was refused for naming 缅怀)
           "缅怀", "爱国", "英雄", "深度", "治安", "上岗", "入园", "建国", "美丽", "新春", "普及", "沧桑", "扎根",
           "登门", "上门", "满意度", "青春", "美化", "台风", "多角度", "福利", "喜庆", "保家卫国", "卫国", "并联",
           "山河", "军民共建",
           "周边城市", "周边地区", "周边县市", "周边县区", "兄弟城市", "沿海城市", "中心城市",  # 安阳跟邯郸这些周边城市…
           "上市"}  # 评上市里"最美…" (评上 + 市里) was refused as naming a place 上市
LEADING = re.compile(r"^(去年以来|近年来|今年以来)")
SUBTITLE_CHARS = 64  # a subtitle is one short line; a longer one (a file on one line) is read this far


CUTS_KEPT = 4096  # texts whose tagged words are kept (an ask cuts its question and passages ~100 times, most repeats)


@lru_cache(maxsize=1)
def posseg() -> "KeptCuts":
    """jieba's part-of-speech tagger (a jieba.posseg.POSTokenizer: `posseg().cut(text)`), silent, over the
    tokenizer keyword.tokenize uses and the word table's tags (embeddings.segmenter), each text's cut kept."""
    from embeddings.segmenter import shared_pos_tokenizer

    return KeptCuts(shared_pos_tokenizer())


class KeptCuts:
    """A tagger whose `cut(text)` gives each text's tagged words (jieba's pairs: `for word, flag in …`) once and
    then from memory (the CUTS_KEPT texts cut last); its other attributes are the tagger's (`tokenizer`).

    >>> class Tagger:
    ...     calls = 0
    ...     def cut(self, text):
    ...         Tagger.calls += 1
    ...         return iter([(text, "n")])
    >>> kept = KeptCuts(Tagger())
    >>> list(kept.cut("双拥")), list(kept.cut("双拥")), Tagger.calls
    ([('双拥', 'n')], [('双拥', 'n')], 1)
    """

    def __init__(self, tagger) -> None:
        self.tagger = tagger
        self._cut = lru_cache(maxsize=CUTS_KEPT)(lambda text: tuple(tagger.cut(text)))

    def cut(self, text: str, *args, **options):
        return iter(self._cut(text)) if not (args or options) else self.tagger.cut(text, *args, **options)

    def __getattr__(self, name: str):
        return getattr(self.tagger, name)


# how jieba tags a rare character standing alone (蓼 nr, 蘅 x): a name's first character, not a word of its own (在 p)
RARE_CHAR_TAGS = ("nr", "x", "g", "n", "ng", "nz", "j")


def subtitle_place(subtitle: str) -> str:
    """The first place name in a subtitle: "芜湖市双拥工作综述" -> "芜湖市".

    >>> subtitle_place("蓼汀市2023年民航机场发展工作报告"), subtitle_place("在芜湖市召开的会议纪要")
    ('蓼汀市', '芜湖市')
    """
    text = LEADING.sub("", subtitle[:SUBTITLE_CHARS])
    tokens = [(word, flag) for word, flag in posseg().cut(text)]
    name = ""
    for n, (word, flag) in enumerate(tokens):
        if flag == "ns" and word not in GENERIC:
            name = word
            # jieba cuts a rare first character off a two-character name and tags the rest a place (蓼 + 汀市): a
            # place of one character and its suffix takes back the lone character before it
            if n and len(word) == 2 and PLACE_SUFFIX.search(word) and len(tokens[n - 1][0]) == 1 \
                    and tokens[n - 1][1] in RARE_CHAR_TAGS and text.startswith(tokens[n - 1][0] + word):
                name = tokens[n - 1][0] + word
            break
    if not name:
        match = re.match(r"^([\u4e00-\u9fff]{1,6}?(?:省|市|县|区|州))", text)
        name = match.group(1) if match else ""
    # jieba may cut "张掖市" as "张掖" + "市": keep the suffix the subtitle uses
    if name and text.startswith(name) and len(text) > len(name) and PLACE_SUFFIX.match(text[len(name)]):
        name += text[len(name)]
    return name


def stem(place: str) -> str:
    """Drop an administrative suffix: "张掖市" -> "张掖" (a one-character name keeps it)."""
    stripped = PLACE_SUFFIX.sub("", place)
    return stripped if len(stripped) >= 2 else place


# characters of a body tagged for its places: a report names its place in its first pages (the shipped ones
# hold 2,000-20,000); tagging runs ~16 µs a character, so a 3 MB file took 16 s here for nothing more
PLACE_SCAN = 200_000


def body_places(text: str, top: int = 3) -> list[tuple[str, int]]:
    """The most frequent place names in the first PLACE_SCAN characters of a body, with counts.

    Dictionary words only (HMM=False): jieba's part-of-speech HMM costs ~10 ms per unknown character, so a
    long run of rare characters took minutes; the dictionary pass is linear and fast, and on the shipped
    corpus it finds the same places (the HMM only adds rare guesses such as 驻芜, below min_count).
    """
    tagged = posseg().cut(text[:PLACE_SCAN], HMM=False)
    counts = Counter(w for w, f in tagged if f == "ns" and len(w) >= 2 and w not in GENERIC)
    merged: Counter[str] = Counter()
    for word, n in counts.items():
        merged[stem(word)] += n
    return merged.most_common(top)


def report_places(subtitle: str, body: str, *, min_count: int = 3) -> tuple[str, ...]:
    """The subtitle's place, plus the body's own name for it when the body never uses the subtitle's."""
    place = subtitle_place(subtitle)
    places = [place] if place else []
    key = stem(place) if place else ""
    if key and key in body:
        return tuple(places)
    for name, n in body_places(body):
        if n >= min_count and name != key:
            places.append(name)
            break
    return tuple(places)
