import os
import sys
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Messages are asserted in English unless a test chooses a language (a developer's LANG=vi_VN must not
# change what the suite sees); tests of the language choice remove this themselves.
os.environ["VBGEN_LANG"] = "en"

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def render(tmp_path):
    """Render a plan (a YAML path, or YAML text) and return the opened python-docx Document."""
    from vbgen.sources import open_plan
    from vbgen.render import render_plan

    def _render(source, name="out.docx"):
        path = Path(source) if not isinstance(source, str) or "\n" not in source else None
        if path is None:
            path = tmp_path / "plan.yaml"
            path.write_text(source, encoding="utf-8")
        out = render_plan(open_plan(path), tmp_path / name, force=True)
        return Document(str(out))

    return _render


@pytest.fixture
def state_doc(render):
    return render(FIXTURES / "state-plan.yaml")


@pytest.fixture
def party_doc(render):
    return render(FIXTURES / "party-plan.yaml")


@pytest.fixture(autouse=True)
def _language_as_before():
    """A test that chooses a language (or a web request that sets one) leaves the next test the language
    it found, so messages are asserted in the language each test expects."""
    from vbgen.i18n import chosen_language, set_language

    before = chosen_language()
    yield
    set_language(before)
