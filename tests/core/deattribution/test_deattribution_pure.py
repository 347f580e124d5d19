import subprocess
import sys


def test_library_imports_no_django():
    code = (
        "import sys, secondtrack.core.deattribution as d; "
        "d.Scanner(d.Registry.from_dict({'people': []})).scan('text'); "
        "print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
