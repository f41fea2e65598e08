"""UTF-16 text saved without a byte order mark is read as written (it was refused as binary: Chinese and ASCII
both hold NUL bytes in UTF-16); UTF-32, NUL-riddled and random bytes are still refused (hostile sweep, files)."""
import os
from pathlib import Path

import pytest

from embeddings.decoding import decode_text
from embeddings.errors import DocumentError

TEXT = "鱼水情深\n测试县双拥工作综述\n（2023年7月31日）\n　　近年来，测试县为驻地部队提供用地527亩。\n"


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_written(order):
    assert decode_text(TEXT.encode(order), Path("r.txt")) == TEXT


def test_english_utf16_without_bom_is_read_too():
    assert decode_text("Annual report 2023\n".encode("utf-16-le") * 20, Path("r.txt")).startswith("Annual report")


@pytest.mark.parametrize("data", [TEXT.encode("utf-32-le"), bytes(64) + os.urandom(4000),
                                  TEXT.replace("\n", "\n\x00").encode("utf-8"), TEXT.encode("utf-16-le")[1:]])
def test_other_bytes_with_nul_are_still_refused(data):
    with pytest.raises(DocumentError, match="binary"):
        decode_text(data, Path("r.txt"))
