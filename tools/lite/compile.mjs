// Byte-compiles wheels for the live app, in the Pyodide that will run them (its Python version and
// bytecode), under Node.js: `node compile.mjs <pyodide folder> <lock file> <modules> <wheel>...`
// loads every package of the lock, imports <modules> (comma-separated: what the kernel and the
// notebooks import), and rewrites each wheel with a __pycache__/<module>.<cache tag>.pyc beside each
// .py those imports read (hash-based, unchecked: the files' times change when Pyodide unpacks them)
// and a RECORD to match. The sources stay for tracebacks; only what is imported gets bytecode (a
// module nothing imports would only add bytes). tools/build_lite.py runs it (compile_wheels) and
// updates the lock's hashes after.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

const [folder, lock, modules, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${folder}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${folder}/`, lockFileURL: lock, packageBaseUrl: `${dirname(lock)}/` });
const packages = Object.keys(JSON.parse(readFileSync(lock, "utf-8")).packages);
await pyodide.loadPackage(packages, { messageCallback: () => {} });
pyodide.globals.set("modules", modules);
await pyodide.runPythonAsync(`
import base64, hashlib, importlib, importlib.util, io, pkgutil, sys, sysconfig, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

for name in modules.split(","):
    package = importlib.import_module(name)
    for found in pkgutil.walk_packages(getattr(package, "__path__", []), f"{name}.", onerror=lambda _: None):
        try:
            importlib.import_module(found.name)
        except ImportError:  # a module for the book build (Sphinx), never imported in the browser
            pass
site = "/" + sysconfig.get_paths()["purelib"].lstrip("/") + "/"  # Pyodide says //lib/...
used = {m.__file__.removeprefix(site) for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith(site)}

def compiled(path):
    with zipfile.ZipFile(path) as wheel:
        files = {i.filename: wheel.read(i) for i in wheel.infolist() if not i.is_dir()}
    record = next(name for name in files if name.endswith(".dist-info/RECORD"))
    out = {name: body for name, body in files.items() if name != record}
    for name, body in files.items():
        if name in used:
            try:
                code = compile(body, name, "exec", dont_inherit=True)
            except SyntaxError:
                continue  # a file no import reads (a template, a test for another version)
            folder, _, file = name.rpartition("/")
            pyc = f"{folder + '/' if folder else ''}__pycache__/{file[:-3]}.{sys.implementation.cache_tag}.pyc"
            out[pyc] = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(body), checked=False))
    digest = lambda body: base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()
    lines = [f"{name},sha256={digest(body)},{len(body)}" for name, body in out.items()] + [f"{record},,"]
    out[record] = ("\\n".join(lines) + "\\n").encode()
    with zipfile.ZipFile(path, "w") as wheel:
        for name, body in out.items():
            wheel.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
`);
const compiled = pyodide.globals.get("compiled");
for (const wheel of wheels) {
  pyodide.FS.writeFile("/tmp/wheel.whl", readFileSync(wheel));
  compiled("/tmp/wheel.whl");
  writeFileSync(wheel, pyodide.FS.readFile("/tmp/wheel.whl"));
}
