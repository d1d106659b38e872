"""write_atomic: never a half-written file, never an overwrite without force, never the input itself."""
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from vbgen.cli import cli
from vbgen.errors import VbgenError
from vbgen.output import write_atomic


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    out = tmp_path / "a.docx"
    out.write_bytes(b"old")

    def boom(tmp):
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(out, boom, force=True)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_refuses_the_source_even_with_force(tmp_path):
    src = tmp_path / "plan.yaml"
    src.write_text("x", encoding="utf-8")
    with pytest.raises(VbgenError, match="input file itself"):
        write_atomic(tmp_path / "." / "plan.yaml", "y", force=True, sources=[src])
    assert src.read_text(encoding="utf-8") == "x"


def test_derive_never_overwrites_its_unit_file(tmp_path):
    import shutil
    for name in ("ke-hoach-tinh.yaml", "huyen-cho-don.yaml"):
        shutil.copy(EXAMPLES / "bac-kan-2025" / name, tmp_path / name)
    unit = tmp_path / "huyen-cho-don.yaml"
    before = unit.read_bytes()
    result = CliRunner().invoke(cli, ["derive", str(unit), "-o", str(unit), "--force"])
    assert result.exit_code == 2 and "input file itself" in result.output
    assert unit.read_bytes() == before
