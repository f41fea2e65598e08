"""What every family of the hostile sweep shares: the case record, running the CLI with a timeout, judging an
error's shape, and running a function in a forked child under a time and memory limit."""
from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
Q = "张掖市累计为驻地部队划拨了多少亩土地？"
CLI_TIMEOUT = 90
ARGPARSE = re.compile(r"^qa[\w -]*: error: ")  # argparse's usage error: "qa serve: error: argument --port: …"
ERROR = "a clear error naming the problem (error: line), non-zero exit, no traceback, no hang"


@dataclass
class Case:
    """One hostile input: where it went, what was sent, what should happen, what did."""

    family: str
    interface: str
    name: str
    input: str
    expected: str
    observed: str = ""
    passed: bool = False
    seconds: float = 0.0
    notes: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {k: printable(v) if isinstance(v, str) else v for k, v in asdict(self).items()}


def printable(text: str) -> str:
    """text that can be written as UTF-8: a lone surrogate (a name's undecodable byte) as \\udcxx."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without any QA_* setting, plus `extra`; quiet progress bars."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(TQDM_DISABLE="1", HF_HUB_DISABLE_PROGRESS_BARS="1", PYTHONWARNINGS="ignore")
    env.update(extra)
    return env


@dataclass
class Run:
    rc: int | None
    out: str
    err: str
    timed_out: bool
    seconds: float


def run_cli(args: list[str], *, env: dict[str, str] | None = None, timeout: float = CLI_TIMEOUT,
            stdin: bytes | None = None, cwd: Path = ROOT) -> Run:
    """`python -m qa ARGS` with a timeout (the whole process group is killed past it)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "qa", *args], cwd=cwd, env=env or clean_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(stdin or b"", timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    return Run(None if timed_out else proc.returncode, out.decode("utf-8", "replace"),
               err.decode("utf-8", "replace"), timed_out, round(time.perf_counter() - started, 2))


def judge_cli_error(run: Run, must_name: tuple[str, ...] = (), *, anywhere: bool = False) -> tuple[bool, str]:
    """An expected refusal: exit non-zero, one `error:` line naming each of must_name (with anywhere: stderr
    naming them), no traceback."""
    error_lines = [line for line in run.err.splitlines() if line.startswith("error:") or ARGPARSE.match(line)]
    problems = []
    if run.timed_out:
        problems.append("timed out")
    elif run.rc in (0, None):
        problems.append(f"exit {run.rc}")
    if "Traceback" in run.err or "Traceback" in run.out:
        problems.append("traceback")
    if not error_lines and not run.timed_out:
        problems.append("no error: line")
    text = run.err if anywhere else "\n".join(error_lines)
    problems += [f"does not name {n!r}" for n in must_name if error_lines and n.lower() not in text.lower()]
    return not problems, f"rc={run.rc}; {'; '.join(problems) or 'ok'}; {_tail(text or run.err)}"


def judge_cli_ok(run: Run, must_show: tuple[str, ...] = ()) -> tuple[bool, str]:
    """An expected success: exit 0, no traceback, the output shows each of must_show."""
    problems = ["timed out"] if run.timed_out else ([] if run.rc == 0 else [f"exit {run.rc}"])
    if "Traceback" in run.err:
        problems.append("traceback")
    problems += [f"no {s!r} in output" for s in must_show if s not in run.out + run.err]
    return not problems, f"rc={run.rc}; {'; '.join(problems) or 'ok'}; {_tail(run.err if problems else run.out)}"


def _tail(text: str, n: int = 300) -> str:
    text = text.strip().replace("\n", " | ")
    return text if len(text) <= n else text[:n] + "…"


def cli_case(family: str, name: str, args: list[str], *, must_name: tuple[str, ...] = (), env: dict | None = None,
             ok: bool = False, must_show: tuple[str, ...] = (), stdin: bytes | None = None, input_desc: str = "",
             expected: str = "", timeout: float = CLI_TIMEOUT, anywhere: bool = False) -> Case:
    """Run the CLI and judge it as a refusal (default) or, with ok, as a success."""
    run = run_cli(args, env=clean_env(**(env or {})), stdin=stdin, timeout=timeout)
    passed, observed = judge_cli_ok(run, must_show) if ok else judge_cli_error(run, must_name, anywhere=anywhere)
    shown_env = " ".join(f"{k}={v!r}" for k, v in (env or {}).items())
    return Case(family, "cli", name, input_desc or f"{shown_env} qa {' '.join(args)}".strip(),
                expected or ("exit 0, the answer or hits shown, no traceback" if ok else
                             ERROR + (f"; names {', '.join(must_name)}" if must_name else "")),
                observed, passed, run.seconds)


def in_child(fn: Callable[..., Any], *args: Any, timeout: float = 60, memory: int = 3 << 30) -> dict:
    """fn(*args) in a forked child limited to `memory` bytes of address space and `timeout` seconds:
    {"value": JSON-able result} or {"error": type, "message", "traceback"} or {"killed": why}."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            result = {"value": fn(*args)}
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            import traceback

            result = {"error": type(exc).__name__, "message": str(exc)[:600], "bases": [c.__name__ for c in
                      type(exc).__mro__], "traceback": traceback.format_exc()[-1500:]}
        try:
            with os.fdopen(write_end, "w", encoding="ascii") as out:
                json.dump(result, out, ensure_ascii=True, default=str)  # a lone surrogate travels escaped
        finally:
            os._exit(0)
    os.close(write_end)
    started, chunks = time.monotonic(), []
    with os.fdopen(read_end, "r", encoding="utf-8") as reader:
        os.set_blocking(reader.fileno(), False)
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            try:
                chunk = reader.read()
            except (BlockingIOError, TypeError):
                chunk = None
            if chunk:
                chunks.append(chunk)
            if done:
                rest = reader.read()
                chunks.append(rest or "")
                break
            if time.monotonic() - started > timeout:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"killed": f"still running after {timeout:.0f} s"}
            time.sleep(0.02)
    text = "".join(chunks)
    if not text:
        return {"killed": f"died with status {status} (memory limit {memory >> 20} MB?)"}
    return json.loads(text)
