"""make-decision and make-cover-letter write the same bytes for the same plan (issue 11): fixed zip
entry times, core dates taken from the document's own date, the provenance properties kept."""
import datetime as dt
import time
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import EXAMPLES
from vbgen.cli import cli
from vbgen.render.package import ZIP_TIME

BAC_KAN = EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml"


@pytest.mark.parametrize("command, date", [("make-decision", dt.datetime(2025, 1, 16, tzinfo=dt.timezone.utc)),
                                           ("make-cover-letter", dt.datetime(2025, 1, 17, tzinfo=dt.timezone.utc))])
def test_two_runs_give_identical_bytes(tmp_path, command, date):
    outputs = []
    for run in range(2):
        if run:
            time.sleep(2.1)  # a zip entry's time has two-second steps: the clock must have moved on
        out = tmp_path / f"{run}.docx"
        result = CliRunner().invoke(cli, [command, str(BAC_KAN), "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(tmp_path / "0.docx") as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
        assert "docProps/custom.xml" in archive.namelist()
    doc = Document(str(tmp_path / "0.docx"))
    assert doc.core_properties.created == doc.core_properties.modified == date
    assert doc.core_properties.comments.startswith("vbgen ")
    assert any("BẮC KẠN" in p.text for p in doc.paragraphs + [p for t in doc.tables for c in t._cells
                                                              for p in c.paragraphs])
