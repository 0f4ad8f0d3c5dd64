"""A class on one hub, measured: N students at once on a real local JupyterHub.

    nice -n 10 .venv/bin/python benchmarks/hub_load.py              # 30 students
    nice -n 10 .venv/bin/python benchmarks/hub_load.py --students 5

Needs the built site (``python3 dev.py site``: the launch link is read from chapter 1, as the button
has it) and Node.js with npm (the hub's proxy, installed into ``_build/npm`` on first use). Never part
of the test suite: it takes minutes and most of the machine.

Every student, in a thread of their own and all at once, does what a class does in the first lesson:
logs in on the hub (dummy authenticator) by following chapter 1's launch link, waits for their server
(the simple local-process spawner), lets nbgitpuller pull the course, runs chapter 1 in a kernel of
their server (through its REST and websocket API, as JupyterLab does), opens the chapter's exercises,
answers every question and exports the hand-in. Then the lecturer's overview reads all hand-ins.

Printed: spawn time (login to a running server), run time (pull, chapter, exercises, export), median
and 95th percentile; memory per student (the resident memory of the student's server and kernels,
with both notebooks open); failures (any error, a missing or wrong hand-in); and the hub's settings
(``HUB_SETTINGS``, also written into the hub's configuration).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SITE = ROOT / "_build" / "site"
sys.path.insert(0, str(HERE))

from measure import median_p95  # noqa: E402

from hub import BIN, HubUnavailable, Kernel, hub_link, log_in_and_follow, problems, pull, running_hub  # noqa: E402

BANK = "ch01"
EXERCISES = f"exercises/nl/{BANK}-student.ipynb"  # beside the chapter, in the pulled course
# The hub settings under load, with why; written into the hub's configuration as they are here.
HUB_SETTINGS = {
    # 30 servers starting at once on two cores take longer than the defaults allow (60 s, 30 s).
    "c.Spawner.start_timeout": 300,
    "c.Spawner.http_timeout": 300,
    # Let a whole class start at once (the default is 100); more wait with "too many users" (429).
    "c.JupyterHub.concurrent_spawn_limit": 40,
    # A server left running (a closed laptop) is stopped after an hour without activity (the culler
    # service below), and a kernel idle for 20 minutes is shut down inside its server. A server waits
    # 5 minutes (not 90 s) for the answer to its keep-alive ping before it drops a notebook's
    # connection: with the whole class running cells at once, a server can be too busy to notice the
    # answer in time, and the notebook's connection to its kernel was dropped (4 of 30 without this).
    "c.Spawner.args": [
        "--allow-root",
        "--MappingKernelManager.cull_idle_timeout=1200",
        "--MappingKernelManager.cull_interval=120",
        "--MappingKernelManager.cull_connected=False",
        '--ServerApp.tornado_settings={"ws_ping_interval": 30000, "ws_ping_timeout": 300000}',
        # Kernels talk to their server over files (Unix sockets), not TCP ports: 60 kernels starting
        # at once on one machine picked the same free port now and then, and such a kernel died
        # ("Address already in use"; 2 of 30 students lost theirs). The files go in a short folder
        # per student (hub_settings): a socket's path may have at most 107 characters.
        "--KernelManager.transport=ipc",
    ],
    "c.JupyterHub.last_activity_interval": 60,
}
CULLER = [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600", "--cull-every=300"]


def hub_settings(folder: Path) -> str:
    """HUB_SETTINGS, each student's runtime folder (its kernels' sockets) under ``folder`` and the
    idle culler, as jupyterhub_config.py lines (after the base configuration)."""
    lines = [f"{name} = {value!r}" for name, value in HUB_SETTINGS.items()]
    runtime = str(folder / "rt")
    lines.append(
        f'c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = lambda spawner: {runtime!r} + "/" + spawner.user.name'
    )
    try:
        import jupyterhub_idle_culler  # noqa: F401
    except ImportError:
        return "\n".join(lines)
    lines += [
        f"c.JupyterHub.services.append({{'name': 'idle-culler', 'command': {CULLER!r}}})",
        "c.JupyterHub.load_roles.append({'name': 'idle-culler', 'services': ['idle-culler'],"
        " 'scopes': ['list:users', 'read:users:activity', 'read:servers', 'delete:servers']})",
    ]
    return "\n".join(lines)


@dataclass
class Student:
    name: str
    spawn: float | None = None
    run: float | None = None
    memory: float | None = None  # MiB, server and kernels
    errors: list[str] = field(default_factory=list)


def answers_code(name: str) -> str:
    """What the student types into the exercises' notebook: every question answered from the bank's
    key (the lecturer notebook's answers), then the hand-in exported under their own name."""
    return (
        "from veerkracht.quiz import load_bank\n"
        "for q in load_bank(quiz.bank.id).questions:\n"
        "    key = sorted(q.answer) if isinstance(q.answer, frozenset) else q.answer\n"
        "    quiz.check(q.id, q.model_answer['nl'] if q.kind == 'open' else key)\n"
        f"print(quiz.export({name!r}, overwrite=True))\n"
        "print(quiz.score())"
    )


def memory_mib(user: str) -> float:
    """Resident memory of ``user``'s single-user server and every process under it (its kernels)."""
    import psutil

    total = 0
    for process in psutil.process_iter(["cmdline"]):
        try:
            if "jupyterhub-singleuser" not in " ".join(process.info["cmdline"] or []):
                continue
            if process.environ().get("JUPYTERHUB_USER") != user:
                continue
            family = [process, *process.children(recursive=True)]
            total += sum(p.memory_info().rss for p in family)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total / 2**20


def run_kernel(kernel: Kernel, cells: list[str], student: Student) -> list[dict]:
    messages = [message for cell in cells for message in kernel.run(cell)]
    student.errors += problems(messages)
    return messages


def one_student(hub, student: Student, start: threading.Barrier) -> None:
    import requests

    chapter_path = parse_qs(urlsplit(hub.link).query)["urlpath"][0].removeprefix("lab/tree/")
    course = chapter_path.split("/")[0]  # the folder nbgitpuller pulls the course into
    start.wait()
    kernels = []
    try:
        with requests.Session() as browser:
            began = time.monotonic()
            page = log_in_and_follow(browser, hub.address, hub.link, student.name, timeout=600)
            student.spawn = time.monotonic() - began
            began = time.monotonic()
            target = pull(browser, hub.address, page, timeout=600)
            if browser.get(target, timeout=300).status_code != 200:
                student.errors.append("JupyterLab did not open the chapter")
        chapter = Kernel(hub.address, hub.token, student.name, chapter_path, timeout=600)
        kernels.append(chapter)
        run_kernel(chapter, chapter.cells(), student)
        exercises = Kernel(hub.address, hub.token, student.name, f"{course}/{EXERCISES}", timeout=600)
        kernels.append(exercises)
        run_kernel(exercises, [*exercises.cells(), answers_code(student.name)], student)
        student.run = time.monotonic() - began
        student.memory = memory_mib(student.name)  # both notebooks open, as in class
    except Exception as error:  # noqa: BLE001 - one student's failure is a row of the report, not the end
        student.errors.append(f"{type(error).__name__}: {error}")
        traceback.print_exc()
    finally:
        for kernel in kernels:
            try:
                kernel.close()
            except Exception as error:  # noqa: BLE001
                student.errors.append(f"closing a kernel: {error}")


def hand_ins(folder: Path, students: list[Student], collected: Path) -> list[str]:
    """Copy each student's hand-in where a lecturer collects them; what is missing or not full marks."""
    from veerkracht.quiz import load_bank

    graded = sum(q.graded for q in load_bank(BANK).questions)
    wrong = []
    for student in students:
        home = folder / "home" / student.name
        found = list(home.glob(f"*/exercises/nl/{student.name}.json"))
        if len(found) != 1:
            wrong.append(f"{student.name}: no hand-in")
            continue
        data = json.loads(found[0].read_text("utf-8"))
        if data["score"] != {"right": graded, "total": graded}:
            wrong.append(f"{student.name}: score {data['score']}")
        shutil.copy(found[0], collected / found[0].name)
    return wrong


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="keep the hub's folder here (homes, logs) for a look after")
    args = parser.parse_args(argv)
    if not (SITE / "nl" / "chapters" / "nl" / "01-resilience.html").exists():
        print("Build the site first: python3 dev.py site (the launch link is read from chapter 1).")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="hub-load-")) if args.keep is None else args.keep
    folder.mkdir(parents=True, exist_ok=True)
    students = [Student(f"student{n:02d}") for n in range(1, args.students + 1)]
    started = time.monotonic()
    try:
        with running_hub(folder, hub_link(SITE), extra=hub_settings(folder)) as hub:
            query = parse_qs(urlsplit(hub.link).query)
            print(f"hub at {hub.address}; {len(students)} students follow {query['urlpath'][0]}", flush=True)
            barrier = threading.Barrier(len(students))
            threads = [threading.Thread(target=one_student, args=(hub, s, barrier)) for s in students]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.monotonic() - started
            collected = folder / "hand-ins"
            collected.mkdir(exist_ok=True)
            missing = hand_ins(folder, students, collected)
    except HubUnavailable as error:
        print(error)
        return 2
    overview = subprocess.run(
        [str(BIN / "python"), "-m", "veerkracht.quiz.summary", str(collected), "--lang", "en", "--plot", "/dev/null"],
        capture_output=True,
        text=True,
    )
    failed = [s for s in students if s.errors or s.spawn is None or s.run is None]
    rows = [("students at once", str(len(students)))]
    for name, values in (
        ("spawn time (s)", [s.spawn for s in students if s.spawn is not None]),
        ("run time (s): pull, chapter 1, exercises, export", [s.run for s in students if s.run is not None]),
        ("memory per student (MiB): server + 2 kernels", [s.memory for s in students if s.memory is not None]),
    ):
        if len(values) >= 2:
            median, p95 = median_p95(values)
            rows.append((name, f"median {median:.1f}, p95 {p95:.1f}, max {max(values):.1f}"))
        elif values:
            rows.append((name, f"{values[0]:.1f}"))
    total = sum(s.memory or 0 for s in students)
    rows.append(("memory of the class (MiB)", f"{total:.0f}"))
    rows.append(("failures", str(len(failed) + len(missing))))
    rows.append(("hand-ins in the overview", f"{overview.stdout.count(' 11/11')} of {len(students)} at 11/11"))
    rows.append(("wall time (s)", f"{wall:.0f}"))
    print()
    print(table(rows))
    print("\nhub settings:")
    print("\n".join(f"  {line}" for line in hub_settings(folder).splitlines()))
    for student in failed:
        print(f"{student.name}: {'; '.join(student.errors[:3]) or 'did not finish'}")
    for line in missing:
        print(line)
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
