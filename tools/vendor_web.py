"""Vendor the web pages' chart and map libraries from the npm registry into src/newsgraph/web/static/vendor/.

The pages draw every chart (time axes, the actor network, the map) with Vega-Lite, run from these files,
so that they work with no network and under the app's Content-Security-Policy (no ``unsafe-eval``: charts
are evaluated by vega-interpreter, not compiled to functions). Each package's licence is copied beside it;
NOTICE credits them. Run with npm on PATH: ``python tools/vendor_web.py``.

vega-interpreter ships only as an ES module importing vega-util; it is turned into a classic script that
reads the same three functions from the ``vega`` global (the vega bundle exports them) and sets
``window.vegaInterpreter``. Nothing else is changed in any file.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "web" / "static" / "vendor"
#: package@version -> files copied from the package (paths inside it).
PACKAGES = {
    "vega@6.4.0": ["build/vega.min.js", "LICENSE"],
    "vega-lite@6.4.3": ["build/vega-lite.min.js", "LICENSE"],
    "vega-embed@7.3.0": ["build/vega-embed.min.js", "LICENSE"],
    "vega-interpreter@2.3.2": ["build/vega-interpreter.js", "LICENSE"],
    "world-atlas@2.0.2": ["countries-110m.json", "LICENSE"],
}
IMPORT = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';"
EXPORT = "export { expression as expressionInterpreter };"


def classic_interpreter(module: str) -> str:
    """vega-interpreter's ES module as a classic script over the ``vega`` global."""
    if IMPORT not in module or EXPORT not in module:
        raise SystemExit("vega-interpreter's import or export line changed: update tools/vendor_web.py")
    body = module.replace(IMPORT, "const { ascending, isString, DisallowedObjectProperties } = window.vega;")
    body = body.replace(EXPORT, "window.vegaInterpreter = { expressionInterpreter: expression };")
    body = body.replace("//# sourceMappingURL=vega-interpreter.js.map", "")
    return "(function () {\n" + body + "\n}());\n"


def fetch(spec: str, work: Path) -> Path:
    """The unpacked npm package ``spec`` (``npm pack``: the registry's tarball, nothing installed)."""
    name = subprocess.run(["npm", "pack", spec, "--silent"], cwd=work, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]
    folder = work / spec.replace("@", "-")
    with tarfile.open(work / name) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PACKAGES.items():
            package = fetch(spec, Path(tmp))
            target = OUT / spec.split("@")[0]
            target.mkdir(parents=True)
            for file in files:
                text = (package / file).read_text(encoding="utf-8")
                if file.endswith("vega-interpreter.js"):
                    text = classic_interpreter(text)
                (target / Path(file).name).write_text(text, encoding="utf-8")
            print(f"{spec} -> {target.relative_to(OUT.parent.parent.parent.parent.parent)}")


if __name__ == "__main__":
    main()
