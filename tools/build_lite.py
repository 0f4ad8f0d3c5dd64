"""Build the live notebooks: a self-hosted JupyterLite app in ``_build/lite/out`` (the site's ``/lite/``).

Usage: ``python tools/build_lite.py`` (``tools/build_site.py`` calls :func:`build` and copies the
result into the site). Everything the app loads is built here from this repository and package
registries, and served from the site:

- the Pyodide core (the npm package ``pyodide``, no packages) in ``lite/static/pyodide``;
- pure-Python wheels in one Pyodide lock file (``lite/static/pyodide-lock``): the course package
  built from this checkout, its dependencies at the versions the book is built with, the kernel's
  own; the package index fallback is off, so a notebook can load nothing from elsewhere;
  less what no notebook imports (``UNUSED``), each wheel with bytecode compiled by this Pyodide
  (``compile_wheels``);
- both editions' chapters and student exercises, at the book's paths
  (``chapters/nl/01-resilience.ipynb``), so a page's "Try it live" button opens its own notebook;
  made as for every Jupyter (``make_notebooks.clean_notebook``: plain Markdown, no raw MyST);
- ``vk-lite.js``: runs a notebook as it opens, with its progress, and notices in the reader's
  language (no network, an updated site, a reload).

The app's menus stay in English in both editions: JupyterLab's Dutch language pack (4.5.post3) lacks
"File", "View", "Run", "Kernel", "Help" and "Run All Cells", so its menu bar would be half Dutch.

The build tools need Python >= 3.12 (the lock step) and npm (the Pyodide download, cached in
``_build/lite/npm``); :func:`missing` says in one line what is not there.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from make_notebooks import clean_notebook

ROOT = Path(__file__).resolve().parent.parent
BUILD = Path(os.environ.get("VEERKRACHT_BUILD", ROOT / "_build")).resolve()
WORK = BUILD / "lite"
OUT = WORK / "out"

# The pins, in one place. jupyterlite-pyodide-kernel 0.8.6 ships for Pyodide 314.0.6 (its
# constants.PYODIDE_VERSION); 0.8.7 did not install here.
JUPYTERLITE_CORE = "0.8.6"
PYODIDE_KERNEL = "0.8.6"
PYODIDE_NPM = "314.0.6"
# Packages the kernel shares with the browser side (widget managers): the same versions as the
# environment that builds the book, so the live notebooks run what the book was built with.
# (No plotly: the live figure draws with the package's own copy of plotly.js, veerkracht/kit/plot.py.)
SHARED = ("ipywidgets", "anywidget", "pyyaml")
# Loaded with Python, side by side, not one after another later: the course package (not at the
# first import) and the package tools the kernel would otherwise install one by one as it starts.
PRELOAD = ["veerkracht", "micropip", "piplite"]
# Dependencies in the lock that no notebook here imports (measured: not in sys.modules after every
# chapter and exercise notebook ran), dropped from the app: jedi (IPython's completion, with parso;
# 4.9 MB, 1.5 s to unpack at every start: Tab completes without it), widgetsnbextension (the
# classic Notebook's widget files, 2.2 MB; the app has its own widget manager) and prompt_toolkit
# with wcwidth (IPython's terminal, 0.7 MB). Kept though not imported at start: stack_data and its
# helpers, which IPython imports to show a traceback.
UNUSED = ("jedi", "parso", "widgetsnbextension", "prompt-toolkit", "wcwidth")
# What the kernel imports as it starts, and the course package (every module of it, so everything the
# notebooks import): the modules that get bytecode (compile_wheels).
IMPORTED = ("pyodide_kernel", "micropip", "piplite", "veerkracht")
# The kernel installs these at start when its options do not preload them; jedi is not there to install.
KERNEL_INSTALLS = '["ipykernel","comm","pyodide-kernel","jedi","ipython"]'
APPS = ["notebooks", "tree"]
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
EDITIONS = ("nl", "en")


def works(python: str | Path) -> bool:
    """Whether ``python`` runs and is 3.12 or newer (a pyenv shim may exist and not run)."""
    try:
        check = [str(python), "-c", "import sys; sys.exit(sys.version_info < (3, 12))"]
        return subprocess.run(check, capture_output=True, timeout=30).returncode == 0
    except OSError:
        return False


def find_python() -> Path | None:
    """A Python >= 3.12 to run the lock step: ``VEERKRACHT_LITE_PYTHON``, on the PATH, or pyenv's."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [os.environ.get("VEERKRACHT_LITE_PYTHON"), sys.executable]
    candidates += [shutil.which(name) for name in ("python3.13", "python3.12", "python3")]
    candidates += sorted(pyenv.glob("3.1[2-9]*/bin/python3"), reverse=True) if pyenv.is_dir() else []
    return next((Path(c) for c in candidates if c and works(c)), None)


def missing() -> str | None:
    """Why the live notebooks cannot be built on this machine, in one line; None when they can."""
    lacks = []
    if find_python() is None:
        lacks.append("Python 3.12 or newer (python3.12 on the PATH or VEERKRACHT_LITE_PYTHON)")
    if not (WORK / "npm" / f"pyodide-{PYODIDE_NPM}.tgz").exists() and not shutil.which("npm"):
        lacks.append("npm (for the Pyodide download)")
    if not lacks:
        return None
    return "The live notebooks (/lite/) are not built: this machine lacks " + " and ".join(lacks) + "."


def run(*command: str | Path, **kwargs) -> None:
    """Run ``command`` quietly; on failure, raise with its output."""
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{(result.stdout + result.stderr)[-8000:]}")


def tool_env() -> Path:
    """``_build/lite/venv``: jupyterlite with the widget managers' lab extensions, made once per pins."""
    venv = WORK / "venv"
    shared = {name: importlib.metadata.version(name) for name in SHARED}
    specs = [
        f"jupyterlite-core=={JUPYTERLITE_CORE}",
        f"jupyterlite-pyodide-kernel[lock]=={PYODIDE_KERNEL}",
        f"ipywidgets=={shared['ipywidgets']}",  # brings jupyterlab-widgets, the matching manager
        f"anywidget=={shared['anywidget']}",
        "jupyter-server>=2",  # the contents step indexes the notebooks with it
    ]
    stamp = venv / ".veerkracht-lite"
    if stamp.exists() and stamp.read_text() == "\n".join(specs):
        return venv / "bin"
    if not (venv / "bin" / "python").exists():
        run(find_python(), "-m", "venv", venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", *specs)
    stamp.write_text("\n".join(specs))
    return venv / "bin"


def pyodide_core(static: Path) -> None:
    """The npm package ``pyodide`` (cached in ``_build/lite/npm``) as ``static/pyodide``, its lock
    emptied: every package the kernel loads is added by the lock step, from local wheels."""
    npm = WORK / "npm"
    tgz = npm / f"pyodide-{PYODIDE_NPM}.tgz"
    if not tgz.exists():
        npm.mkdir(parents=True, exist_ok=True)
        run("npm", "pack", f"pyodide@{PYODIDE_NPM}", "--silent", "--cache", npm / "cache", cwd=npm)
    target = static / "pyodide"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    keep = {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"}
    with tarfile.open(tgz) as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/")
            if name in keep:
                (target / name).write_bytes(archive.extractfile(member).read())
    lock = json.loads((target / "pyodide-lock.json").read_text("utf-8"))
    lock["packages"] = {}
    (target / "pyodide-lock.json").write_text(json.dumps(lock), "utf-8")


def pure_wheel(sdist: Path, package: str, out: Path, folder: str = "lib") -> Path:
    """A ``py3-none-any`` wheel of the pure-Python package ``<folder>/<package>`` inside ``sdist``.

    PyYAML publishes no pure wheel, but its sources run without the optional C extension."""
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        info = archive.extractfile(f"{top}/PKG-INFO").read().decode()
        prefix = f"{top}/{folder}/{package}/"
        members = [m for m in archive.getmembers() if m.isfile() and m.name.startswith(prefix)]
        files = {m.name.removeprefix(prefix): archive.extractfile(m).read() for m in members if m.name.endswith(".py")}
    name = re.search(r"^Name: (.+)$", info, re.M).group(1).strip()
    version = re.search(r"^Version: (.+)$", info, re.M).group(1).strip()
    dist = f"{name.lower().replace('-', '_')}-{version}"
    wheel = out / f"{dist}-py3-none-any.whl"
    record = []
    entries = {f"{package}/{path}": data for path, data in sorted(files.items())}
    entries[f"{dist}.dist-info/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    tags = "Wheel-Version: 1.0\nGenerator: veerkracht\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries[f"{dist}.dist-info/WHEEL"] = tags.encode()
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in entries.items():
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{path},sha256={digest},{len(data)}")
            zf.writestr(zipfile.ZipInfo(path, (2020, 1, 1, 0, 0, 0)), data)
        record.append(f"{dist}.dist-info/RECORD,,")
        zf.writestr(zipfile.ZipInfo(f"{dist}.dist-info/RECORD", (2020, 1, 1, 0, 0, 0)), "\n".join(record) + "\n")
    return wheel


def wheels(folder: Path) -> None:
    """The course package built from this checkout, and a pure PyYAML at the book's version."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", folder, ROOT)
    sdists = WORK / "sdist"
    version = importlib.metadata.version("pyyaml")
    found = sorted(sdists.glob(f"[pP]y[yY][aA][mM][lL]-{version}.tar.gz"))
    if not found:
        run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
            f"pyyaml=={version}", "-d", sdists)  # fmt: skip
        found = sorted(sdists.glob(f"[pP]y[yY][aA][mM][lL]-{version}.tar.gz"))
    pure_wheel(found[0], "yaml", folder)


def notebooks(contents: Path) -> list[str]:
    """Every chapter and student exercise notebook at its book path, made as for every Jupyter
    (``make_notebooks.clean_notebook``: plain Markdown, no outputs, the site's hidden code folded),
    for the Pyodide kernel; returns them."""
    import nbformat

    shutil.rmtree(contents, ignore_errors=True)
    kernel = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    written = []
    for lang in EDITIONS:
        sources = sorted((ROOT / "chapters" / lang).glob("*.md")) + sorted(
            (ROOT / "exercises" / lang).glob("*-student.ipynb")
        )
        for source in sources:
            notebook = clean_notebook(source, lang)
            notebook.metadata["kernelspec"] = kernel
            target = contents / source.relative_to(ROOT).with_suffix(".ipynb")
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
            written.append(target.relative_to(contents).as_posix())
    return written


def texts() -> dict[str, dict[str, str]]:
    """The app's notices per language, from the reader texts (``lite.*`` in widgets/locale)."""
    out = {}
    for lang in EDITIONS:
        catalogue = json.loads((ROOT / "widgets" / "locale" / f"{lang}.json").read_text("utf-8"))
        out[lang] = {key.removeprefix("lite."): text for key, text in catalogue.items() if key.startswith("lite.")}
    return out


def fingerprint(folder: Path) -> str:
    """A hash of the notebooks and wheels: the app's version, to tell an updated site apart."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in {".ipynb", ".whl"}:
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def configure(src: Path, version: str) -> None:
    """``jupyter_lite_config.json`` (the build) and ``jupyter-lite.json`` (the app's settings)."""
    shared = {name: importlib.metadata.version(name) for name in SHARED}
    build = {
        "LiteBuildConfig": {
            "apps": APPS,
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "contents": ["contents"],
            "settings_overrides": ["overrides.json"],
            "output_dir": str(OUT),
        },
        "PyodideLockAddon": {
            "enabled": True,
            "wheels": ["wheels"],
            "specs": ["veerkracht", "micropip", "packaging", *(f"{n}=={v}" for n, v in shared.items())],
            "prefetch_extra": PRELOAD,
        },
    }
    (src / "jupyter_lite_config.json").write_text(json.dumps(build, indent=2), "utf-8")
    app = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Veerkracht live",
            "appUrl": "./tree",  # lite/ itself opens the list of notebooks
            # One browser store per version of the notebooks: after a site update a reader's
            # saved copies of the old notebooks are not mixed with the new ones (vk-lite.js says so).
            "contentsStorageName": f"veerkracht-{version}",
            "exposeAppInBrowser": "true",  # window.jupyterapp: vk-lite.js runs a notebook when it opens
            "litePluginSettings": {
                KERNEL_PLUGIN: {"disablePyPIFallback": True},
            },
        },
    }
    (src / "jupyter-lite.json").write_text(json.dumps(app, indent=2), "utf-8")
    # Every cell drawn, not only those near the screen: a demo's widgets stay alive when scrolled.
    overrides = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    (src / "overrides.json").write_text(json.dumps(overrides, indent=2), "utf-8")


def trim(out: Path) -> None:
    """Drop ``UNUSED`` from the app: their wheels, their lock entries, the dependencies on them, and
    jedi from the packages the kernel installs as it starts."""
    lock_file = out / "static" / "pyodide-lock" / "pyodide-lock.json"
    lock = json.loads(lock_file.read_text("utf-8"))
    for name in UNUSED:
        (lock_file.parent / Path(lock["packages"].pop(name)["file_name"]).name).unlink()
    for package in lock["packages"].values():
        package["depends"] = [name for name in package["depends"] if name not in UNUSED]
    lock_file.write_text(json.dumps(lock), "utf-8")
    workers = list((out / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static").glob("*.worker.*.js"))
    for worker in workers:
        script = worker.read_text("utf-8")
        if KERNEL_INSTALLS not in script:
            raise RuntimeError(f"{worker.name}: the kernel's start-up no longer lists {KERNEL_INSTALLS} (see UNUSED)")
        worker.write_text(script.replace(KERNEL_INSTALLS, KERNEL_INSTALLS.replace('"jedi",', "")), "utf-8")


def compile_wheels(out: Path) -> None:
    """Bytecode for every module the kernel and the course import (``IMPORTED``, with the whole
    course package), compiled by the app's own Pyodide under Node.js (``lite/compile.mjs``), in
    their wheels, and the lock's hashes to match: imports in the reader's browser then read it
    instead of compiling the sources (about half their time). Without Node.js, skipped."""
    node = shutil.which("node")
    if node is None:
        return
    lock_file = out / "static" / "pyodide-lock" / "pyodide-lock.json"
    lock = json.loads(lock_file.read_text("utf-8"))
    wheels = {name: lock_file.parent / Path(p["file_name"]).name for name, p in lock["packages"].items()}
    wheels = {name: path for name, path in wheels.items() if path.is_file()}  # the kernel's own live elsewhere
    static = out / "static"
    script = ROOT / "tools" / "lite" / "compile.mjs"
    run(node, script, static / "pyodide", lock_file, ",".join(IMPORTED), *wheels.values())
    for name, path in wheels.items():
        lock["packages"][name]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    lock_file.write_text(json.dumps(lock), "utf-8")


def add_notices(out: Path, version: str) -> None:
    """Put ``vk-lite.js`` (with its texts and the version) in every app page of the output."""
    script = (ROOT / "tools" / "lite" / "vk-lite.js").read_text("utf-8")
    data = json.dumps({"version": version, "texts": texts()}, ensure_ascii=False)
    (out / "vk-lite.js").write_text(f"window.VK_LITE = {data};\n{script}", "utf-8")
    (out / "version.json").write_text(json.dumps({"version": version}), "utf-8")
    (out / ".nojekyll").touch()
    for page in [out / app / "index.html" for app in APPS]:
        html = page.read_text("utf-8")
        if "vk-lite.js" not in html:
            html = html.replace("</head>", '<script src="../vk-lite.js"></script>\n</head>', 1)
            page.write_text(html, "utf-8")


def build() -> Path:
    """Build the app into ``_build/lite/out``; return that folder."""
    tools = tool_env()
    src = WORK / "src"
    src.mkdir(parents=True, exist_ok=True)
    pyodide_core(src / "static")
    wheels(src / "wheels")
    notebooks(src / "contents")
    version = fingerprint(src)
    configure(src, version)
    # Always a whole build: jupyterlite's task database would skip the steps that patch a fresh
    # output's jupyter-lite.json (where Pyodide is) when their inputs did not change.
    shutil.rmtree(OUT, ignore_errors=True)
    (src / ".jupyterlite.doit.db").unlink(missing_ok=True)
    result = subprocess.run(
        [str(tools / "jupyter"), "lite", "build", "--lite-dir", str(src)],
        cwd=src,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"},
    )
    settings = json.loads((OUT / "jupyter-lite.json").read_text("utf-8")) if result.returncode == 0 else {}
    kernel = settings.get("jupyter-config-data", {}).get("litePluginSettings", {}).get(KERNEL_PLUGIN, {})
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.mjs" or "lockFileURL" not in kernel.get(
        "loadPyodideOptions", {}
    ):
        raise RuntimeError("jupyter lite build failed:\n" + (result.stdout + result.stderr)[-8000:])
    trim(OUT)
    compile_wheels(OUT)
    add_notices(OUT, version)
    return OUT


PLACEHOLDER = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Veerkracht live</title></head>
<body><main><h1>Veerkracht live</h1><p>{reason}</p>
<p><a href="../../index.html">Veerkracht</a></p></main></body>
</html>
"""


def placeholder(out: Path, reason: str) -> None:
    """Where the app could not be built: a page at its address that says why (for the builder)."""
    for app in APPS:
        (out / app).mkdir(parents=True, exist_ok=True)
        (out / app / "index.html").write_text(PLACEHOLDER.format(reason=reason), "utf-8")


def build_into(site: Path) -> str | None:
    """Build the app into ``site/lite``, or a placeholder that says why not; return that reason."""
    reason = missing()
    if reason is None:
        shutil.copytree(build(), site / "lite")
    else:
        placeholder(site / "lite", reason)
    return reason


def main() -> int:
    reason = missing()
    if reason:
        print(reason)
        return 1
    build()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
