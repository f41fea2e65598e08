"""A report's places are looked for in its first PLACE_SCAN characters: a 3 MB one-line file took 16 s of jieba
tagging for nothing more (hostile sweep, files family: 18.7 s -> 1.8 s to read)."""
import time

from embeddings.places import PLACE_SCAN, body_places


def test_places_come_from_the_start_of_a_long_body():
    body = "张掖市" * 10 + "驻地部队" * (PLACE_SCAN // 4) + "芜湖市" * 1000
    started = time.perf_counter()
    assert [name for name, _ in body_places(body)] == ["张掖"]
    assert time.perf_counter() - started < 10
