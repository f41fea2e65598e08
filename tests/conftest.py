"""Shared fixtures: a tiny report compilation shaped like the shipped corpus, and a weightless encoder."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

MINI_COMPILATION = """2023年双拥工作汇编（3篇）
目录
1.甲城市双拥工作综述1
2.乙县双拥工作综述5
3.闽南市双拥工作综述9

擦亮双拥新品牌
甲城市双拥工作综述
（2023年8月3日）
　　逐梦新时代，阔步新征程。我市坚持双拥共建，全力打造双拥品牌。
一、传承红色基因当好强军后盾
　　坚持部队需要什么就支持什么的原则，累计为驻地部队划拨土地2000多亩，用于建设训练场地和修缮营区，投入资金1.6亿元完成民兵弹药库
建设。解决部队子女入学入园435人，协调调动随军家属38名。
……
　　每年组织开展双拥活动。
二、厚植双拥情怀
　　为1048名随军未就业家属发放生活补助628.8万元，为58名现役军人购买住房发放安居工程补助220万元。
鱼水情深
乙县双拥工作综述
（2023年7月31日）
　　近年来，乙县为驻地部队提供用地527亩，累计投入3.5亿元资金为部队购置训练装备。乙县学校开设航空班，2022年为部队输送11名飞行学员。
强化组织领导
形成齐抓共管双拥格局
　　乙县成立双拥工作领导小组，县委书记任组长。
同心共谱新华章
闽南市推动双拥工作综述
（2023年5月9日）
　　这是漳州做好后方保障的缩影。漳州聚焦部队所需，建成双拥林2处，栽植树木1200棵。漳州开展军民共建活动500余次。
##paidend##
"""


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus" / "mini.txt"
    path.parent.mkdir()
    path.write_text(MINI_COMPILATION, encoding="utf-8")
    return path


@pytest.fixture
def hashing_encoder():
    from embeddings.encoders import HashingEncoder

    return HashingEncoder(128)


@pytest.fixture
def mini_index(tmp_path: Path, mini_corpus: Path, hashing_encoder):
    from embeddings.index import build_index

    return build_index([mini_corpus], tmp_path / "index", hashing_encoder)
