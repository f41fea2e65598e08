"""Text at the boundary: every question or query from a user (CLI argv or stdin, HTTP, UI, the library)
is checked and normalised here, once, before anything else (a model, an index) is touched.

    check_query("  张掖市\u200b划拨了多少亩土地？\n", 500) -> "张掖市划拨了多少亩土地？"
    check_query("\ud800张掖", 500)  -> InputError (invalid Unicode)
    check_query("？？？", 500)      -> InputError (asks nothing: no Chinese, Latin letter or digit)
"""
from __future__ import annotations

import re
import unicodedata

from embeddings.errors import InputError

EXAMPLE = "张掖市累计为驻地部队划拨了多少亩土地？"
# a question must hold one of these to ask anything: CJK ideographs, Latin letters (also full-width and
# accented), digits (also full-width)
MEANINGFUL = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|javascript:", re.IGNORECASE)
# zero-width characters and the byte-order mark: invisible, and they split words for BM25 and the tokenizers
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
SPACES = re.compile(r"\s+")


def check_query(query: object, max_chars: int) -> str:
    """The question normalised (NFC, invisible and control characters dropped, spaces collapsed, stripped),
    or InputError naming what to fix: not text, invalid Unicode, empty, too long, markup, asks nothing."""
    if not isinstance(query, str):
        raise InputError(f"question must be text, got {type(query).__name__}",
                         zh=f"问题必须是文本，收到的是 {type(query).__name__}")
    check_unicode(query)
    text = normalise(query)
    if not text:
        raise InputError(f"question is empty: type a question in Chinese, e.g. {EXAMPLE}",
                         zh=f"问题为空：请用中文提问，例如：{EXAMPLE}")
    if len(text) > max_chars:
        raise InputError(f"question is {len(text)} characters, the limit is {max_chars}: ask a shorter question",
                         zh=f"问题有 {len(text)} 个字符，上限是 {max_chars}：请缩短问题")
    if MARKUP.search(text):
        raise InputError(f"the question contains HTML or script markup: ask in plain text, e.g. {EXAMPLE}",
                         zh=f"问题含有 HTML 或脚本标记：请用纯文本提问，例如：{EXAMPLE}")
    if not MEANINGFUL.search(text):
        raise InputError(f"the question {ascii(shorten(text))} has no Chinese character, Latin letter or digit, so it "
                         f"asks nothing: ask in words, e.g. {EXAMPLE}",
                         zh=f"问题“{shorten(text)}”不含汉字、字母或数字，没有问任何内容：请用文字提问，例如：{EXAMPLE}")
    return text


def check_unicode(text: str) -> None:
    """InputError when text holds a lone surrogate: undecodable bytes (a question in GBK on a UTF-8 terminal,
    read with surrogateescape) or a JSON "\\ud800" escape. Such text cannot be encoded, tokenized or printed."""
    bad = next((i for i, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"), None)
    if bad is not None:
        raise InputError(f"the question is not valid Unicode (a lone surrogate or undecodable byte "
                         f"{ascii(text[bad])} at character {bad + 1}): send it as UTF-8 text "
                         "(on a terminal, check that the locale is UTF-8, e.g. LANG=zh_CN.UTF-8)",
                         zh=f"问题不是有效的 Unicode 文本（第 {bad + 1} 个字符无法解码）：请以 UTF-8 编码发送")


def normalise(text: str) -> str:
    """NFC, zero-width and control characters dropped, runs of whitespace as one space, stripped:
    " 张掖\u200b市\t累计\x07 " -> "张掖市 累计"."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = "".join(ch if ch.isspace() or unicodedata.category(ch) != "Cc" else "" for ch in text)
    return SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = 40) -> str:
    """text cut to limit characters with a note of its full length: ("abcdef", 3) -> "abc…（共 6 字）"."""
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 字）"


def decode_line(data: bytes) -> str:
    """A line of bytes (stdin) as text; undecodable bytes become lone surrogates that check_query names."""
    return data.decode("utf-8", errors="surrogateescape")


# words that ask or compare without saying about what: a question of only these (谁更多？, 哪个多一些？) has no subject
EMPTY_ASK = re.compile(r"那么|那|谁|哪个|哪边|哪里|哪家|更|还|多|少|大|小|高|低|早|晚|一些|一点|吗|呢|是|有|几|什么|怎么样|如何|"
                       r"一共|总共|加起来|合计|相比|比较|对比|比|和|跟|与|的|[\s\W_]"
                       # and which places rank, or pass a bound, on no figure named (哪个城市最多？, 超过1000个的有哪些地方？)
                       r"|最|城市|地方|地区|各地|各|每个|分别|所有|哪些|哪几个|哪儿|超过|以上|以下|不到|不少于|至少|数字|数|[0-9０-９.万亿千百]"
                       r"|个|名|人|次")


def asks_about_nothing(question: str) -> bool:
    """Whether a question (follow-ups already resolved) says nothing of what it asks about.

    >>> asks_about_nothing("谁更多？"), asks_about_nothing("哪个多一些"), asks_about_nothing("张掖谁更多？")
    (True, True, False)
    >>> asks_about_nothing("哪个城市最多？"), asks_about_nothing("超过1000个的有哪些地方？"), asks_about_nothing("哪个城市的服务站最多？")
    (True, True, False)
    """
    return not EMPTY_ASK.sub("", question)
