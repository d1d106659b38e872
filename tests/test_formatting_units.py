"""Numbering labels and Vietnamese number/date formatting, unit by unit."""
import datetime as dt

import pytest

from vbgen.render.numbering import letter, roman
from vbgen import vnformat


def test_roman():
    assert [roman(n) for n in (1, 4, 5, 9, 14, 40)] == ["I", "IV", "V", "IX", "XIV", "XL"]


def test_vietnamese_letters_skip_f_j_w_z_and_include_dd():
    letters = [letter(n) for n in range(1, 24)]
    assert letters == "a b c d đ e g h i k l m n o p q r s t u v x y".split()
    assert letter(24) == "aa"


@pytest.mark.parametrize("value, text", [(1250000, "1.250.000"), (98.5, "98,5"), (0.25, "0,25"), (7, "7")])
def test_numbers(value, text):
    assert vnformat.number(value) == text


def test_percent_and_quantity():
    assert vnformat.percent(98.5) == "98,5%"
    assert vnformat.quantity(100, "%") == "100%"
    assert vnformat.quantity(1250000, "đồng") == "1.250.000 đồng"


@pytest.mark.parametrize("date, text", [((2025, 1, 6), "06/01/2025"), ((2025, 5, 25), "25/5/2025"),
                                        ((2025, 12, 1), "01/12/2025")])
def test_short_dates(date, text):
    assert vnformat.short_date(dt.date(*date)) == text


def test_document_numbers_below_ten_are_padded():
    assert vnformat.number_text(5) == "05" and vnformat.number_text(21) == "21" and vnformat.number_text(None).strip() == ""


def test_profiles_are_handed_out_as_copies():
    from vbgen.profile import load_profile
    mine = load_profile("state")
    mine.body["size"] = 99
    assert load_profile("state").body.size == 14


def test_rfonts_goes_after_rstyle():
    from docx import Document
    from vbgen.docxml import set_rfonts

    doc = Document()
    run = doc.add_paragraph().add_run("x")
    run.style = doc.styles["Strong"]
    rpr = run._r.get_or_add_rPr()
    set_rfonts(rpr, "Times New Roman")
    assert [c.tag.split("}")[1] for c in rpr][:2] == ["rStyle", "rFonts"]


def test_task_table_columns_fill_the_width_and_keep_content_readable():
    from vbgen.profile import load_profile
    from vbgen.render.tables import column_widths

    look = load_profile("state").appendix.table
    portrait = column_widths(["stt", "content", "deadline", "lead", "support"], look, 16.5)
    assert abs(sum(portrait) - 16.5) < 1e-6
    assert portrait[1] >= 0.35 * 16.5 - 1e-6 and portrait[0] == look.column_widths_cm["stt"]
    landscape = column_widths(["stt", "content", "lead", "support", "deadline"], look, 25.2)
    assert abs(sum(landscape) - 25.2) < 1e-6 and landscape[0] == look.column_widths_cm["stt"]
