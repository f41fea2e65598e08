"""The CLI and its settings: a bad value for every QA_* setting of qa/settings.py, missing model and index
folders, bad arguments and ports. Each is one `error:` line naming the setting or value, exit non-zero, no
traceback, nothing silently substituted."""
from __future__ import annotations

import os
import socket
from pathlib import Path

from eval.hostile.common import Q, ROOT, Case, cli_case

FAMILY = "cli"
SEARCH = ["search", "--mode", "bm25", "-k", "1", Q]


def env_cases(tmp: Path) -> list[tuple[str, dict, list[str], tuple[str, ...]]]:
    """(name, environment, command, what the error names)."""
    empty = tmp / "empty-model"
    empty.mkdir()
    (tmp / "a-file").write_text("x")
    broken = tmp / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    return [
        ("QA_K=abc", {"QA_K": "abc"}, SEARCH, ("QA_K",)),
        ("QA_K=0", {"QA_K": "0"}, ["ask", Q], ("QA_K",)),
        ("QA_K=-2", {"QA_K": "-2"}, SEARCH, ("QA_K",)),
        ("QA_K=2.5", {"QA_K": "2.5"}, SEARCH, ("QA_K",)),
        ("QA_K=1e3", {"QA_K": "1e3"}, SEARCH, ("QA_K",)),
        ("QA_K=10**12", {"QA_K": "1000000000000"}, ["ask", Q], ("QA_K",)),
        ("QA_QUANTIZE_QUERIES=maybe", {"QA_QUANTIZE_QUERIES": "maybe"}, SEARCH, ("QA_QUANTIZE_QUERIES",)),
        ("QA_QUANTIZE_QUERIES=2", {"QA_QUANTIZE_QUERIES": "2"}, SEARCH, ("QA_QUANTIZE_QUERIES",)),
        ("QA_HEDGE_BAND=abc", {"QA_HEDGE_BAND": "abc"}, ["ask", Q], ("QA_HEDGE_BAND",)),
        ("QA_HEDGE_BAND=inf", {"QA_HEDGE_BAND": "inf"}, ["ask", Q], ("QA_HEDGE_BAND",)),
        ("QA_HEDGE_BAND=nan", {"QA_HEDGE_BAND": "nan"}, ["ask", Q], ("QA_HEDGE_BAND",)),
        ("QA_HEDGE_BAND=-1", {"QA_HEDGE_BAND": "-1"}, ["ask", Q], ("QA_HEDGE_BAND",)),
        ("QA_ABSTAIN_CHECKS=foo", {"QA_ABSTAIN_CHECKS": "foo"}, ["ask", Q], ("QA_ABSTAIN_CHECKS",)),
        ("QA_ABSTAIN_CHECKS=unknown_place;other_unit", {"QA_ABSTAIN_CHECKS": "unknown_place;other_unit"}, ["ask", Q],
         ("QA_ABSTAIN_CHECKS",)),
        ("QA_BACKEND=gpu", {"QA_BACKEND": "gpu"}, SEARCH, ("gpu",)),
        ("QA_BACKEND=ONNX (upper case)", {"QA_BACKEND": "ONNX"}, SEARCH, ("ONNX",)),
        ("QA_STORE=sqlite", {"QA_STORE": "sqlite"}, SEARCH, ("sqlite",)),
        ("QA_STORE=sqlite for qa reports", {"QA_STORE": "sqlite"}, ["reports"], ("sqlite",)),
        ("QA_INDEX_TYPE=btree", {"QA_INDEX_TYPE": "btree"}, ["index", "--out", str(tmp / "i1"), "--encoder",
                                                              "hashing-64"], ("btree",)),
        ("QA_INDEX_DIR to a missing folder", {"QA_INDEX_DIR": str(tmp / "nowhere")}, SEARCH, ("nowhere",)),
        ("QA_INDEX_DIR to a file", {"QA_INDEX_DIR": str(tmp / "a-file")}, ["ask", Q], ("a-file",)),
        ("QA_INDEX_DIR to an empty folder", {"QA_INDEX_DIR": str(empty)}, ["reports"], ("empty-model",)),
        ("QA_ENCODER=no-such-model", {"QA_ENCODER": "no-such-model"}, ["index", "--out", str(tmp / "i2")],
         ("no-such-model",)),
        ("QA_ENCODER=hashing-abc", {"QA_ENCODER": "hashing-abc"}, ["index", "--out", str(tmp / "i3")],
         ("hashing-abc",)),
        ("QA_ENCODER=hashing-0", {"QA_ENCODER": "hashing-0"}, ["index", "--out", str(tmp / "i4")], ("hashing-0",)),
        ("QA_ENCODER other than the index's", {"QA_ENCODER": "hashing-512"}, ["ask", Q], ("hashing-512",)),
        ("QA_READER to a missing folder", {"QA_READER": str(tmp / "no-reader")}, ["ask", Q], ("no-reader",)),
        ("QA_READER to an empty folder", {"QA_READER": str(empty)}, ["ask", Q], ("empty-model",)),
        ("QA_READER to a folder with a broken config", {"QA_READER": str(broken)}, ["ask", Q], ("broken-model",)),
        ("QA_READER to a file", {"QA_READER": str(tmp / "a-file")}, ["ask", Q], ("a-file",)),
        ("QA_CORPUS to a missing path", {"QA_CORPUS": str(tmp / "no-corpus")}, ["index", "--out", str(tmp / "i5"),
                                                                                "--encoder", "hashing-64"],
         ("no-corpus",)),
        ("QA_CORPUS of only separators", {"QA_CORPUS": "::"}, ["index", "--out", str(tmp / "i6"), "--encoder",
                                                                "hashing-64"], ("QA_CORPUS",)),
        ("QA_MILVUS_URI to a missing folder", {"QA_STORE": "milvus", "QA_MILVUS_URI": str(tmp / "no" / "m.db")},
         SEARCH, ("m.db",)),
        ("QA_MILVUS_COLLECTION with spaces", {"QA_STORE": "milvus", "QA_MILVUS_URI": str(tmp / "m.db"),
                                             "QA_MILVUS_COLLECTION": "my reports!"},
         ["index", "--encoder", "hashing-64", str(ROOT / "data" / "corpus")], ("my reports!",)),
        ("QA_CACHE_DIR a file", {"QA_CACHE_DIR": str(tmp / "a-file")}, ["ask", Q], ("a-file",)),
    ]


def arg_cases(tmp: Path) -> list[tuple[str, list[str], tuple[str, ...]]]:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    arg_cases.busy = busy  # kept open while the cases run
    port = busy.getsockname()[1]
    return [
        ("search -k 0", ["search", "-k", "0", Q], ("k",)),
        ("search -k -5", ["search", "-k", "-5", Q], ("k",)),
        ("search -k 2.5", ["search", "-k", "2.5", Q], ("2.5",)),
        ("search -k 100000", ["search", "-k", "100000", Q], ("k",)),
        ("search --mode fuzzy", ["search", "--mode", "fuzzy", Q], ("fuzzy",)),
        ("search --report abc", ["search", "--report", "abc", Q], ("abc",)),
        ("search --report 99999", ["search", "--report", "99999", Q], ("99999",)),
        ("ask an empty question", ["ask", ""], ("empty",)),
        ("ask a question of whitespace", ["ask", " \u3000\t"], ("empty",)),
        ("ask 2,000 characters", ["ask", "张" * 2000], ("500",)),
        ("ask --index a missing folder", ["ask", "--index", str(tmp / "none"), Q], ("none",)),
        ("ask --reader a missing folder", ["ask", "--reader", str(tmp / "no-reader"), Q], ("no-reader",)),
        ("reports --index /", ["reports", "--index", "/"], ("/",)),
        ("index --add a missing file", ["index", "--out", str(tmp / "i7"), "--add", str(tmp / "missing.txt")],
         ("i7",)),
        ("index --remove 99999 from a missing index", ["index", "--out", str(tmp / "none"), "--remove", "99999"],
         ("none",)),
        ("index --add and --remove together", ["index", "--add", "x.txt", "--remove", "1"], ("--add",)),
        ("serve --port 0", ["serve", "--port", "0"], ("port",)),
        ("serve --port 70000", ["serve", "--port", "70000"], ("70000",)),
        ("serve --port -1", ["serve", "--port", "-1"], ("-1",)),
        ("serve --port abc", ["serve", "--port", "abc"], ("abc",)),
        ("serve on a busy port", ["serve", "--port", str(port)], (str(port),)),
        ("serve --host 300.1.1.1", ["serve", "--host", "300.1.1.1", "--port", "8123"], ("300.1.1.1",)),
        ("serve --index a missing folder", ["serve", "--port", "8124", "--index", str(tmp / "none")], ("none",)),
        ("mcp --transport carrier-pigeon", ["mcp", "--transport", "carrier-pigeon"], ("carrier-pigeon",)),
        ("mcp over http on a busy port", ["mcp", "--transport", "streamable-http", "--port", str(port)], (str(port),)),
        ("ui on a busy port", ["ui", "--port", str(port)], (str(port),)),
        ("an unknown subcommand", ["frobnicate"], ("frobnicate",)),
    ]


def cases(tmp: Path) -> list[Case]:
    out = []
    for name, env, command, named in env_cases(tmp):
        out.append(cli_case(FAMILY, name, command, env=env, must_name=named))
    for name, command, named in arg_cases(tmp):
        case = cli_case(FAMILY, name, command, must_name=named, anywhere=True, timeout=60)
        out.append(case)
    arg_cases.busy.close()
    out.append(cli_case(FAMILY, "QA_K= 7 (spaces around)", SEARCH[:-1] + [Q], env={"QA_K": " 7 "}, ok=True,
                        must_show=("2000多亩",)))
    out.append(cli_case(FAMILY, "ask from stdin: garbage lines between questions", ["ask"], ok=True,
                        stdin=b"\xff\xfe\n" + Q.encode() + b"\n\x00\x00\n" + "？？".encode() + b"\n",
                        must_show=("2000多亩", "error:")))
    out.append(cli_case(FAMILY, "QA_K=٣ (an Arabic-Indic digit: 3)", SEARCH[:-1] + [Q], env={"QA_K": "٣"}, ok=True,
                        must_show=("2000多亩",)))
    out.append(cli_case(FAMILY, "ask a question with control characters", ["ask", Q + "\x01\x02"], ok=True,
                        must_show=("2000多亩",)))
    out.append(cli_case(FAMILY, "qa --help is quick", ["--help"], ok=True, must_show=("index",), timeout=10))
    return out
