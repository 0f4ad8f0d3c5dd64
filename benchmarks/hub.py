"""A real JupyterHub on localhost, for the hub test (tests/test_jupyterhub.py) and the class load test
(benchmarks/hub_load.py): install its proxy, write its configuration, start and stop it, and do what a
student's browser does on it (log in, follow the book's launch link, let nbgitpuller pull the course,
run a notebook in the student's kernel).

jupyterhub and nbgitpuller come from the dev extra, configurable-http-proxy from npm (installed into
``_build/npm`` on first use; it needs Node.js and npm). The hub uses the dummy authenticator and the
simple local-process spawner: every student's server is a process on this machine. The launch link
names the course's public repository; the students' git is told (``url.<clone>.insteadOf``) to fetch
that address from a local clone of this checkout, so nothing needs the network.
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NPM_DIR = ROOT / "_build" / "npm"
# 5.2.0: its dependencies all run on Node.js 20 (5.3.0 takes commander 15, which asks for Node 22).
PROXY_VERSION = "5.2.0"


class HubUnavailable(RuntimeError):
    """This machine cannot run the hub (no Node.js or npm for the proxy); the message says what to do."""


def configurable_http_proxy() -> Path:
    """The proxy JupyterHub starts, installed from npm into _build/npm when missing."""
    proxy = NPM_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    package = NPM_DIR / "node_modules" / "configurable-http-proxy" / "package.json"
    if proxy.exists() and json.loads(package.read_text("utf-8"))["version"] == PROXY_VERSION:
        return proxy
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        raise HubUnavailable(
            "JupyterHub needs Node.js and npm to install configurable-http-proxy"
            " (Debian/Ubuntu: apt-get install nodejs npm)."
        )
    command = [npm, "install", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund"]
    done = subprocess.run([*command, f"configurable-http-proxy@{PROXY_VERSION}"], capture_output=True, text=True)
    if done.returncode != 0 or not proxy.exists():
        raise HubUnavailable(f"npm could not install configurable-http-proxy@{PROXY_VERSION}:\n{done.stderr[-2000:]}")
    return proxy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hub_link(site: Path, hub: str = "https://hub.invalid", page: str = "nl/chapters/nl/01-resilience") -> str:
    """A chapter's JupyterHub link (chapter 1, Dutch edition) as the book writes it once a hub is configured.

    A site built with ``launch_buttons.jupyterhub_url`` has the button: its link. The course's own
    site has none (no hub is configured, so no placeholder reaches a reader); then the link is made
    as sphinx-book-theme's ``launch.py`` makes it, for ``hub``, from the page's Binder button, which
    the theme makes from the same repository, branch and notebook."""
    text = (site / f"{page}.html").read_text("utf-8")
    links = [html.unescape(u) for u in re.findall(r'href="([^"]*/hub/user-redirect/git-pull\?[^"]*)"', text)]
    if len(links) == 1:
        return links[0]
    binder = [html.unescape(u) for u in re.findall(r'href="(https://[^"]*/v2/gh/[^"]*)"', text)]
    if links or len(binder) != 1:
        raise AssertionError(
            f"{page} should have one Binder button and at most one JupyterHub button: {binder} {links}"
        )
    parts = urlsplit(binder[0])
    org, repo, branch = parts.path.split("/v2/gh/", 1)[1].split("/", 2)
    ui, _, path = parse_qs(parts.query)["urlpath"][0].partition("/tree/")
    query = urlencode(
        {"repo": f"https://github.com/{org}/{repo}", "urlpath": f"{ui}/tree/{repo}/{path}", "branch": branch}
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def course_clone(folder: Path, branch: str) -> Path:
    """A bare clone of this checkout with ``branch`` (the link's) at its HEAD commit."""
    clone = folder / "course.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(clone)], check=True)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    subprocess.run(["git", "-C", str(clone), "update-ref", f"refs/heads/{branch}", head.stdout.strip()], check=True)
    subprocess.run(["git", "-C", str(clone), "symbolic-ref", "HEAD", f"refs/heads/{branch}"], check=True)
    return clone


def hub_config(folder: Path, port: int, repo: str, clone: Path, token: str, extra: str = "") -> str:
    """jupyterhub_config.py for a hub on 127.0.0.1:``port`` whose students' git fetches ``repo``
    from ``clone``; ``extra`` is appended (settings of its own, for the load test)."""
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
{extra}
"""


def answers(url: str) -> bool:
    import requests

    try:
        return requests.get(url, timeout=2).ok
    except requests.ConnectionError:
        return False


@dataclass(frozen=True)
class Hub:
    """A running hub: its address, the course-test service's token, the link to follow, its folder."""

    address: str
    token: str
    link: str
    folder: Path
    process: subprocess.Popen


@contextmanager
def running_hub(folder: Path, link: str, extra: str = "", start_timeout: float = 60) -> Iterator[Hub]:
    """A hub in ``folder`` that serves ``link``'s course from a clone of this checkout, until the
    block ends; then the hub, its proxy and every student's server are stopped."""
    query = parse_qs(urlsplit(link).query)
    clone = course_clone(folder, query["branch"][0])
    port, token = free_port(), secrets.token_hex(16)
    (folder / "jupyterhub_config.py").write_text(hub_config(folder, port, query["repo"][0], clone, token, extra))
    log = (folder / "hub.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(folder / "jupyterhub_config.py")],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a group of its own (the proxy and the students' servers start their own)
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while not answers(f"{address}/hub/api"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"JupyterHub did not start:\n{(folder / 'hub.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield Hub(address, token, link, folder, process)
    finally:
        process.send_signal(signal.SIGTERM)  # the hub stops its proxy and the students' servers
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        end_leftovers(process, folder / "jupyterhub-proxy.pid")
        log.close()


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


def log_in_and_follow(session, address: str, link: str, user: str, timeout: float = 90):
    """Open ``link`` on the hub at ``address`` as a student does: the hub asks to log in, starts
    the student's server and sends them on to nbgitpuller there. The last response."""
    parts = urlsplit(link)
    local = f"{address}{parts.path}?{parts.query}"
    login = session.get(local, timeout=60)
    if "/hub/login" not in login.url:
        raise AssertionError(f"expected the login page, got {login.url}")
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', login.text).group(1)
    response = session.post(login.url, data={"username": user, "password": "any", "_xsrf": xsrf}, timeout=timeout)
    deadline = time.monotonic() + timeout
    while urlsplit(response.url).path == f"/hub/spawn-pending/{user}":  # the waiting page: its script
        if time.monotonic() > deadline:  # goes on to ``next`` once the server is ready
            raise AssertionError(f"the server of {user} did not start within {timeout:.0f} s")
        time.sleep(1)  # while it is not, the hub sends us back
        response = session.get(address + parse_qs(urlsplit(response.url).query)["next"][0], timeout=timeout)
    return response


def pull(session, address: str, page, timeout: float = 120) -> str:
    """What nbgitpuller's page does in the browser: call its sync API with the page's own settings
    until it finishes; the address it then sends the student to."""
    data = {key: unquote(value) for key, value in re.findall(r'data-([a-z-]+)="([^"]*)"', page.text)}
    params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
    params.update({key: data[key] for key in ("depth", "branch", "backup") if key in data})
    base = f"{address}{data['base-url']}"
    events = []
    with session.get(f"{base}git-pull/api", params=params, stream=True, timeout=timeout) as stream:
        for line in stream.iter_lines(decode_unicode=True):
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
                if events[-1].get("phase") in {"finished", "error"}:
                    break
    if not events or events[-1]["phase"] != "finished":
        raise AssertionError(f"nbgitpuller did not finish: {events[-1:]}")
    return base + data["path"]


class Kernel:
    """A notebook session in a student's server, opened through the server's REST API, whose kernel
    runs code sent over its websocket, as JupyterLab does."""

    def __init__(self, address: str, token: str, user: str, path: str, timeout: float = 120) -> None:
        import requests
        import websocket

        self.api, self.user, self.path = f"{address}/user/{user}/api", user, path
        self.auth = {"Authorization": f"token {token}"}
        response = requests.post(
            f"{self.api}/sessions",
            json={"path": path, "type": "notebook", "kernel": {"name": "python3"}},
            headers=self.auth,
            timeout=timeout,
        )
        response.raise_for_status()
        self.session, self.kernel = response.json()["id"], response.json()["kernel"]["id"]
        url = f"ws://{urlsplit(address).netloc}/user/{user}/api/kernels/{self.kernel}/channels"
        self.socket = websocket.create_connection(url, header=[f"Authorization: token {token}"], timeout=timeout)

    def cells(self) -> list[str]:
        """The code cells of the notebook (read through the contents API, so through jupytext for MyST)."""
        import requests

        notebook = requests.get(f"{self.api}/contents/{self.path}", params={"type": "notebook"}, headers=self.auth)
        notebook.raise_for_status()
        return [c["source"] for c in notebook.json()["content"]["cells"] if c["cell_type"] == "code"]

    def run(self, code: str) -> list[dict]:
        """Run ``code``; the messages it sent, until both its execute_reply (shell) and the kernel's
        idle status (iopub) have come: the two channels share one websocket in no fixed order, and
        a display can come after the reply."""
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "username": self.user, "session": uuid.uuid4().hex}
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}}
        self.socket.send(
            json.dumps(
                {
                    "header": {**header, "msg_type": "execute_request", "version": "5.3"},
                    "parent_header": {},
                    "metadata": {},
                    "content": {**content, "allow_stdin": False, "stop_on_error": True},
                    "channel": "shell",
                }
            )
        )
        messages, replied, idle = [], False, False
        while not (replied and idle):
            raw = self.socket.recv()
            if not raw:
                raise ConnectionError(f"the server closed the connection to the kernel of {self.path}")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            messages.append(message)
            replied = replied or message["msg_type"] == "execute_reply"
            idle = idle or (message["msg_type"] == "status" and message["content"]["execution_state"] == "idle")
        return messages

    def close(self) -> None:
        import requests

        self.socket.close()
        requests.delete(f"{self.api}/sessions/{self.session}", headers=self.auth, timeout=60)


def run_notebook(address: str, token: str, user: str, path: str) -> list[dict]:
    """Run every code cell of the notebook at ``path`` in a new kernel of ``user``'s server; the
    messages it sent. The kernel is shut down after."""
    kernel = Kernel(address, token, user, path)
    try:
        cells = kernel.cells()
        if not cells:
            raise AssertionError(f"{path} opened with no code cells")
        return [message for cell in cells for message in kernel.run(cell)]
    finally:
        kernel.close()


def problems(messages: list[dict]) -> list[str]:
    """What went wrong in a kernel's messages: errors, failed replies, anything on stderr."""
    found = [f"{m['content']['ename']}: {m['content']['evalue']}" for m in messages if m["msg_type"] == "error"]
    found += [
        f"reply {m['content']['status']}"
        for m in messages
        if m["msg_type"] == "execute_reply" and m["content"]["status"] != "ok"
    ]
    found += [m["content"]["text"] for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
    return found
