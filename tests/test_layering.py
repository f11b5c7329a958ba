"""The data layer (everything outside smtui/ui) never imports Textual: importing all of it loads none."""

import pkgutil
import subprocess
import sys

import smtui


def data_layer_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(smtui.__path__, "smtui."):
        if not info.name.startswith("smtui.ui") and not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_data_layer_loads_no_textual():
    modules = data_layer_modules()
    assert {"smtui.query", "smtui.store", "smtui.poller", "smtui.feed", "smtui.sim.fleet"} <= set(modules)
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) + (
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
