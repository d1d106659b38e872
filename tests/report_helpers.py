"""Shared helpers of the report tests: the CLI runner and a private copy of the Bắc Kạn examples."""
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from vbgen.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


@pytest.fixture
def bac_kan(tmp_path):
    """A copy of examples/bac-kan-2025 (plans, unit files and bao-cao/) to change freely."""
    folder = tmp_path / "bac-kan-2025"
    shutil.copytree(EXAMPLES / "bac-kan-2025", folder)
    return folder


def one_error_line(result):
    """The single stderr line of a failed command (exit 2, no traceback)."""
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]
