"""JupyterHub, for real: the JupyterHub button the book builds for chapter 1 works on a hub.

A real JupyterHub starts on localhost: jupyterhub from PyPI (the dev extra), configurable-http-proxy
from npm (installed into ``_build/npm`` on first use), the dummy authenticator, the simple
local-process spawner and nbgitpuller in the user's server. The test reads the button's link from
the built chapter 1 page, swaps only the hub's address for the local hub, logs in as a student and
follows it: the hub starts the student's server, nbgitpuller pulls the course, and chapter 1 runs
in that server's kernel. The link names the course's public repository; the student's git is told
(``url.<clone>.insteadOf``) to fetch that address from a local clone of this checkout, so the test
needs no network and the link is followed exactly as the book wrote it.

It needs Node.js and npm for the proxy and fails, with that said, where they are missing: the
button is part of the course, and a test that skips on a fresh machine would never have run.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NPM_DIR = ROOT / "_build" / "npm"
# 5.2.0: its dependencies all run on Node.js 20 (5.3.0 takes commander 15, which asks for Node 22).
PROXY_VERSION = "5.2.0"
STUDENT = "student"


def configurable_http_proxy() -> Path:
    """The proxy JupyterHub starts, installed from npm into _build/npm when missing."""
    proxy = NPM_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    package = NPM_DIR / "node_modules" / "configurable-http-proxy" / "package.json"
    if proxy.exists() and json.loads(package.read_text("utf-8"))["version"] == PROXY_VERSION:
        return proxy
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        pytest.fail(
            "The JupyterHub test needs Node.js and npm to install configurable-http-proxy "
            "(Debian/Ubuntu: apt-get install nodejs npm)."
        )
    command = [npm, "install", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund"]
    done = subprocess.run([*command, f"configurable-http-proxy@{PROXY_VERSION}"], capture_output=True, text=True)
    if done.returncode != 0 or not proxy.exists():
        pytest.fail(f"npm could not install configurable-http-proxy@{PROXY_VERSION}:\n{done.stderr[-2000:]}")
    return proxy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hub_link(site: Path) -> str:
    """The JupyterHub button's link on chapter 1 of the Dutch edition, as the book built it."""
    page = (site / "nl" / "chapters" / "nl" / "01-resilience.html").read_text("utf-8")
    links = [html.unescape(u) for u in re.findall(r'href="([^"]*/hub/user-redirect/git-pull\?[^"]*)"', page)]
    assert len(links) == 1, f"chapter 1 should have one JupyterHub button, found {links}"
    return links[0]


def course_clone(folder: Path, branch: str) -> Path:
    """A bare clone of this checkout with ``branch`` (the link's) at its HEAD commit."""
    clone = folder / "course.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(clone)], check=True)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    subprocess.run(["git", "-C", str(clone), "update-ref", f"refs/heads/{branch}", head.stdout.strip()], check=True)
    subprocess.run(["git", "-C", str(clone), "symbolic-ref", "HEAD", f"refs/heads/{branch}"], check=True)
    return clone


def hub_config(folder: Path, port: int, repo: str, clone: Path, token: str) -> str:
    """jupyterhub_config.py for a hub on 127.0.0.1:``port`` whose students' git fetches ``repo``
    from ``clone``."""
    settings = {
        "bind_url": f"http://127.0.0.1:{port}",
        "hub_port": free_port(),
        "api_url": f"http://127.0.0.1:{free_port()}",
        "proxy": str(configurable_http_proxy()),
        "db": f"sqlite:///{folder / 'jupyterhub.sqlite'}",
        "secret": str(folder / "cookie_secret"),
        "homes": str(folder / "home" / "{username}"),
        "singleuser": str(BIN / "jupyterhub-singleuser"),
        "git": {
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": f"url.file://{clone}.insteadOf",
            "GIT_CONFIG_VALUE_0": repo,
        },
        "token": token,
    }
    return f"""
s = {settings!r}
c.JupyterHub.bind_url = s["bind_url"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s["hub_port"]
c.ConfigurableHTTPProxy.command = [s["proxy"]]
c.ConfigurableHTTPProxy.api_url = s["api_url"]
c.JupyterHub.db_url = s["db"]
c.JupyterHub.cookie_secret_file = s["secret"]
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = s["homes"]
c.Spawner.cmd = [s["singleuser"]]
# CI runs as root, and jupyter-server refuses to run as root without this.
c.Spawner.args = ["--allow-root"]
c.Spawner.environment = s["git"]
c.JupyterHub.services = [{{"name": "course-test", "api_token": s["token"]}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "scopes": ["access:servers"], "services": ["course-test"]}}]
"""


@pytest.fixture
def hub(tmp_path, built_site):
    """A running hub: yields (address, service token, the chapter's link, its folder)."""
    link = hub_link(built_site["dir"])
    query = parse_qs(urlsplit(link).query)
    clone = course_clone(tmp_path, query["branch"][0])
    port, token = free_port(), secrets.token_hex(16)
    (tmp_path / "jupyterhub_config.py").write_text(hub_config(tmp_path, port, query["repo"][0], clone, token))
    log = (tmp_path / "hub.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(tmp_path / "jupyterhub_config.py")],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a group of its own (the proxy and the student's server start their own)
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not answers(f"{address}/hub/api"):
            assert process.poll() is None, (tmp_path / "hub.log").read_text()[-3000:]
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterHub did not answer within a minute:\n{(tmp_path / 'hub.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield address, token, link, tmp_path
    finally:
        process.send_signal(signal.SIGTERM)  # the hub stops its proxy and the student's server
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        end_leftovers(process, tmp_path / "jupyterhub-proxy.pid")
        log.close()


def answers(url: str) -> bool:
    import requests

    try:
        return requests.get(url, timeout=2).ok
    except requests.ConnectionError:
        return False


def end_leftovers(hub: subprocess.Popen, proxy_pid: Path) -> None:
    """End what the hub started and left running: its own process group, and the proxy, which runs
    in a session of its own and names its process id in a file."""
    pids = [-hub.pid]  # a negative id: the whole group
    if proxy_pid.exists() and proxy_pid.read_text().strip().isdigit():
        pids.append(int(proxy_pid.read_text().strip()))
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def log_in_and_follow(session, address: str, link: str):
    """Open ``link`` on the hub at ``address`` as a student does: the hub asks to log in, starts
    the student's server and sends them on to nbgitpuller there. The last response."""
    parts = urlsplit(link)
    local = f"{address}{parts.path}?{parts.query}"
    login = session.get(local, timeout=30)
    assert "/hub/login" in login.url, f"expected the login page, got {login.url}"
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', login.text).group(1)
    response = session.post(login.url, data={"username": STUDENT, "password": "any", "_xsrf": xsrf}, timeout=60)
    deadline = time.monotonic() + 90
    while urlsplit(response.url).path == f"/hub/spawn-pending/{STUDENT}":  # the waiting page: its script
        assert time.monotonic() < deadline, "the student's server did not start within 90 s"  # goes on
        time.sleep(1)  # to ``next`` once the server is ready; while it is not, the hub sends us back
        response = session.get(address + parse_qs(urlsplit(response.url).query)["next"][0], timeout=60)
    return response


def pull(session, address: str, page) -> str:
    """What nbgitpuller's page does in the browser: call its sync API with the page's own settings
    until it finishes; the address it then sends the student to."""
    data = {key: unquote(value) for key, value in re.findall(r'data-([a-z-]+)="([^"]*)"', page.text)}
    params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
    params.update({key: data[key] for key in ("depth", "branch", "backup") if key in data})
    base = f"{address}{data['base-url']}"
    events = []
    with session.get(f"{base}git-pull/api", params=params, stream=True, timeout=120) as stream:
        for line in stream.iter_lines(decode_unicode=True):
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
                if events[-1].get("phase") in {"finished", "error"}:
                    break
    assert events and events[-1]["phase"] == "finished", events[-1:]
    return base + data["path"]


def run_notebook(address: str, token: str, path: str) -> list[dict]:
    """Run every code cell of the notebook at ``path`` (opened through the server's contents API, so
    through jupytext for a MyST file) in a kernel of the student's server; the messages it sent."""
    import requests
    import websocket

    api = f"{address}/user/{STUDENT}/api"
    auth = {"Authorization": f"token {token}"}
    notebook = requests.get(f"{api}/contents/{path}", params={"type": "notebook"}, headers=auth, timeout=30)
    notebook.raise_for_status()
    cells = [c for c in notebook.json()["content"]["cells"] if c["cell_type"] == "code"]
    assert cells, f"{path} opened with no code cells"
    session = requests.post(
        f"{api}/sessions",
        json={"path": path, "type": "notebook", "kernel": {"name": "python3"}},
        headers=auth,
        timeout=60,
    )
    session.raise_for_status()
    kernel = session.json()["kernel"]["id"]
    ws_url = f"ws://{urlsplit(address).netloc}/user/{STUDENT}/api/kernels/{kernel}/channels"
    socket_ = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=120)
    messages = []
    try:
        for cell in cells:
            msg_id = uuid.uuid4().hex
            socket_.send(
                json.dumps(
                    {
                        "header": {
                            "msg_id": msg_id,
                            "username": STUDENT,
                            "session": uuid.uuid4().hex,
                            "msg_type": "execute_request",
                            "version": "5.3",
                        },
                        "parent_header": {},
                        "metadata": {},
                        "content": {
                            "code": cell["source"],
                            "silent": False,
                            "store_history": True,
                            "user_expressions": {},
                            "allow_stdin": False,
                            "stop_on_error": True,
                        },
                        "channel": "shell",
                    }
                )
            )
            while True:
                message = json.loads(socket_.recv())
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                messages.append(message)
                if message["msg_type"] == "execute_reply":
                    break
    finally:
        socket_.close()
        requests.delete(f"{api}/sessions/{session.json()['id']}", headers=auth, timeout=30)
    return messages


def test_the_jupyterhub_button_opens_and_runs_chapter_1_on_a_real_hub(hub):
    import requests

    address, token, link, folder = hub
    configured = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["launch_buttons"]["jupyterhub_url"]
    assert link.startswith(f"{configured.rstrip('/')}/hub/user-redirect/git-pull?")  # the hub set in _config.yml
    started = time.monotonic()
    with requests.Session() as browser:
        page = log_in_and_follow(browser, address, link)
        assert page.status_code == 200 and urlsplit(page.url).path == f"/user/{STUDENT}/git-pull", page.url
        target = pull(browser, address, page)
        urlpath = parse_qs(urlsplit(link).query)["urlpath"][0]
        assert target == f"{address}/user/{STUDENT}/{urlpath}"
        assert browser.get(target, timeout=60).status_code == 200  # JupyterLab opens on the chapter
    pulled = folder / "home" / STUDENT / urlpath.removeprefix("lab/tree/")
    committed = subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:chapters/nl/01-resilience.md"], capture_output=True
    )
    assert pulled.read_bytes() == committed.stdout

    messages = run_notebook(address, token, urlpath.removeprefix("lab/tree/"))
    errors = [m["content"] for m in messages if m["msg_type"] == "error"]
    replies = [m["content"]["status"] for m in messages if m["msg_type"] == "execute_reply"]
    stderr = [m["content"]["text"] for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
    assert errors == [] and set(replies) == {"ok"} and stderr == []
    shown = [m["content"]["data"] for m in messages if m["msg_type"] in {"display_data", "execute_result"}]
    assert any("application/vnd.jupyter.widget-view+json" in data for data in shown), "the demo is no live widget"
    print(f"\nJupyterHub: link followed, course pulled and chapter 1 run in {time.monotonic() - started:.1f} s")
