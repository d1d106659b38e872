"""The Party rule set is chosen by date: HD 36 before 27/05/2026, the HD 05 overlay from then (issue 9)."""
import datetime as dt

import pytest
from docx import Document

from conftest import FIXTURES
from vbgen.check import check_document
from vbgen.profile import document_day, effective_profile, load_profile
from vbgen.sources import open_plan


def test_edition_by_date():
    assert load_profile("party", dt.date(2026, 5, 26)).id == "party_hd36_2018"
    assert load_profile("party", dt.date(2026, 5, 27)).id == "party_hd05_2026"
    assert load_profile("party").id == "party_hd36_2018"
    assert load_profile("state", dt.date(2027, 1, 1)).id == "state_nd30_2020"


def test_overlay_names_what_is_verified_and_what_is_carried_over():
    hd36, hd05 = load_profile("party"), load_profile("party", dt.date(2026, 6, 1))
    assert hd05.verified == ["header.date"]
    assert "HD 05-HD/VPTW" in hd05.header.date.source and hd05.header.date.padding == {"day_below": 10,
                                                                                          "months": [1, 2]}
    for dotted in hd05.carried_over_unverified:  # each carried-over value is HD 36's, unchanged
        a, b = hd36, hd05
        for part in dotted.split("."):
            a, b = a[part], b[part]
        assert a == b, dotted
    assert hd05.header.date.format == hd36.header.date.format and hd05.header.date.size == hd36.header.date.size


def test_draft_day():
    class Draft:
        date, year = None, 2025
    today = dt.date(2026, 11, 30)
    assert document_day(Draft, today) == dt.date(2025, 12, 31)
    Draft.year = 2026
    assert document_day(Draft, today) == today


@pytest.mark.parametrize("date, line, profile_id", [
    ("2026-05-26", "ngày 26 tháng 5 năm 2026", "party_hd36_2018"),
    ("2026-06-05", "ngày 05 tháng 6 năm 2026", "party_hd05_2026"),
    ("2027-02-03", "ngày 03 tháng 02 năm 2027", "party_hd05_2026"),
])
def test_party_plan_dated_after_hd05_pads_day_and_early_months(tmp_path, date, line, profile_id):
    from vbgen.render import render_plan

    text = (FIXTURES / "party-plan.yaml").read_text(encoding="utf-8")
    lines = [f"date: {date}" if l.startswith("date:") else l for l in text.splitlines()]
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = open_plan(path)
    assert effective_profile(plan).id == profile_id
    out = render_plan(plan, tmp_path / "plan.docx")
    assert Document(str(out)).tables[0].cell(1, 1).paragraphs[0].text.endswith(line)
    assert [f.line() for f in check_document(out)] == []
