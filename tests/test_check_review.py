"""vbgen check: defects found in review (a deleted signature block, impossible dates, OOXML
measures with units, -o without --fix), each shown on a vbgen-rendered document."""
from docx import Document

from test_check_rules import clean, find, set_text  # noqa: F401  (clean is a fixture)
from vbgen.check import check_document


def broken(clean, rules, breaker, tmp_path, name="broken.docx"):  # noqa: F811
    doc = Document(str(clean[rules]))
    breaker(doc)
    path = tmp_path / name
    doc.save(str(path))
    return path


def drop_table_of(start):
    def breaker(doc):
        for table in doc.tables:
            if any(p.text.strip().startswith(start) for row in table.rows for c in row.cells for p in c.paragraphs):
                table._tbl.getparent().remove(table._tbl)
                return
        raise AssertionError(f"no table holding {start!r}")
    return breaker


def test_deleted_signature_table_is_reported(clean, tmp_path):  # noqa: F811
    """Deleting the table holding Nơi nhận and the signature: both are reported missing."""
    for rules, start in (("state", "KT. GIÁM ĐỐC"), ("party", "T/M BAN")):
        findings = check_document(broken(clean, rules, drop_table_of(start), tmp_path, f"{rules}.docx"))
        rules_found = {f.rule for f in findings}
        assert {"signature.missing", "recipients-label.text"} <= rules_found, [f.line() for f in findings]
        missing = next(f for f in findings if f.rule == "signature.missing")
        assert "no signature block" in missing.found


def date_line(text):
    return lambda doc: set_text(find(doc, "Bắc Kạn, ngày"), text)


def test_impossible_dates_are_not_real_dates(clean, tmp_path):  # noqa: F811
    for written in ("ngày 99 tháng 13 năm 2025", "ngày 31 tháng 02 năm 2025", "ngày 00 tháng 5 năm 2025",
                    "ngày 30 tháng 02 năm      "):
        findings = check_document(broken(clean, "state", date_line(f"Bắc Kạn, {written}"), tmp_path))
        assert [(f.rule, f.found.endswith("not a real date")) for f in findings] == [("date.format", True)], \
            (written, [f.line() for f in findings])
        assert "a date that exists" in findings[0].wanted


def test_real_dates_are_judged_on_padding_only(clean, tmp_path):  # noqa: F811
    for written, wrong in (("ngày 29 tháng 02 năm 2024", None), ("ngày 31 tháng 12 năm 2025", None),
                           ("ngày 05 tháng 2 năm 2025", 'month written "2"'), ("ngày 5 tháng 12 năm 2025",
                                                                             'day written "5"'),
                           ("ngày      tháng 02 năm 2025", None)):
        findings = check_document(broken(clean, "state", date_line(f"Bắc Kạn, {written}"), tmp_path))
        assert [(f.rule, f.found) for f in findings] == ([("date.padding", wrong)] if wrong else []), written


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def with_units(doc):
    """Rewrite page margins in mm and paragraph spacing/indents in pt/cm, as LibreOffice may."""
    for margins in doc.element.body.iter(f"{W}pgMar"):
        for name in ("top", "bottom", "left", "right", "header"):
            margins.set(f"{W}{name}", f"{int(margins.get(f'{W}{name}')) * 25.4 / 1440:.3f}mm")
    for spacing in doc.element.body.iter(f"{W}spacing"):
        for name in ("before", "after"):
            if spacing.get(f"{W}{name}") is not None:
                spacing.set(f"{W}{name}", f"{int(spacing.get(f'{W}{name}')) / 20:g}pt")
    for indent in doc.element.body.iter(f"{W}ind"):
        if indent.get(f"{W}firstLine") is not None:
            indent.set(f"{W}firstLine", f"{int(indent.get(f'{W}firstLine')) * 2.54 / 1440:.4f}cm")


def test_measures_with_units_are_read(clean, tmp_path):  # noqa: F811
    """w:top="20mm", w:before="6pt", w:firstLine="1.27cm" are valid OOXML: the same document, no findings."""
    path = broken(clean, "state", with_units, tmp_path)
    assert 'w:before="6pt"' in Document(str(path)).element.body.xml
    assert [f.line() for f in check_document(path)] == []


def test_measures_with_units_are_judged(clean, tmp_path):  # noqa: F811
    def narrow(doc):
        with_units(doc)
        next(doc.element.body.iter(f"{W}pgMar")).set(f"{W}left", "1in")  # 25.4 mm; wanted 30–35 mm
        find(doc, "Bám sát chỉ đạo")._p.find(f"{W}pPr/{W}ind").set(f"{W}firstLine", "0.5cm")
    findings = check_document(broken(clean, "state", narrow, tmp_path))
    assert {(f.rule, f.found) for f in findings} == {("page.margins", "left margin 25.4 mm"),
                                                     ("body.indent", "first-line indent 0.50 cm")}


def test_output_without_fix_is_an_error(clean, tmp_path):  # noqa: F811
    from click.testing import CliRunner

    from vbgen.cli import cli

    result = CliRunner().invoke(cli, ["check", str(clean["state"]), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == \
        "vbgen: -o: -o needs --fix (plain check writes no file); add --fix or leave out -o"
    assert not (tmp_path / "x.docx").exists()


def field_runs(paragraph):
    """(what the run holds, its four font slots, its size) for each run of a paragraph."""
    out = []
    for r in paragraph._p.iter(f"{W}r"):
        char, instr, fonts = r.find(f"{W}fldChar"), r.find(f"{W}instrText"), r.find(f"{W}rPr/{W}rFonts")
        held = char.get(f"{W}fldCharType") if char is not None else instr.text if instr is not None else r.text
        size = r.find(f"{W}rPr/{W}sz")
        out.append((held, dict(fonts.attrib) if fonts is not None else {},
                    size.get(f"{W}val") if size is not None else None))
    return out


def test_fixed_page_field_is_the_one_make_plan_writes(clean, tmp_path):  # noqa: F811
    from test_check_rules import no_page_field

    from vbgen.check import fix_document

    source = broken(clean, "state", no_page_field, tmp_path)
    fix_document(source, tmp_path / "fixed.docx")
    [rendered] = [p for p in Document(str(clean["state"])).sections[0].header.paragraphs if p.runs]
    [fixed] = [p for p in Document(str(tmp_path / "fixed.docx")).sections[0].header.paragraphs if p.runs]
    assert field_runs(fixed) == field_runs(rendered)
    assert [held for held, _, _ in field_runs(fixed)] == ["begin", " PAGE ", "separate", "1", "end"]


def test_fixed_fonts_lose_the_complex_script_theme(clean, tmp_path):  # noqa: F811
    """w:cstheme (lower-case t in OOXML) overrides w:cs; --fix must drop it with the other themes."""
    from vbgen.check import fix_document

    def themed(doc):
        for run in find(doc, "Bám sát chỉ đạo").runs:
            run.font.name = "Arial"
            run._r.rPr.rFonts.set(f"{W}cstheme", "minorBidi")
            run._r.rPr.rFonts.set(f"{W}asciiTheme", "minorHAnsi")
    source = broken(clean, "state", themed, tmp_path)
    assert {f.rule for f in check_document(source)} == {"font.name"}
    fix_document(source, tmp_path / "fixed.docx")
    runs = [r for r in find(Document(str(tmp_path / "fixed.docx")), "Bám sát chỉ đạo").runs if r.text]
    assert runs and all(dict(r._r.rPr.rFonts.attrib) == {f"{W}{slot}": "Times New Roman"
                                                        for slot in ("ascii", "hAnsi", "cs", "eastAsia")}
                        for r in runs)


def test_restart_page_numbers_keeps_schema_order():
    """w:pgNumType comes before w:cols, w:titlePg, w:docGrid … (Word rejects misordered w:sectPr)."""
    from vbgen.render.page import restart_page_numbers

    section = Document().sections[0]
    section.different_first_page_header_footer = True
    sect_pr = section._sectPr
    for cols in sect_pr.findall(f"{W}cols"):
        sect_pr.remove(cols)
    restart_page_numbers(section)
    restart_page_numbers(section)
    tags = [child.tag.split("}")[1] for child in sect_pr]
    assert tags.count("pgNumType") == 1 and tags.index("pgNumType") == tags.index("pgMar") + 1
    assert tags.index("pgNumType") < tags.index("titlePg")
    assert sect_pr.find(f"{W}pgNumType").get(f"{W}start") == "1"


def test_fix_restarts_numbers_where_make_plan_does(clean, tmp_path):  # noqa: F811
    from test_check_rules import numbering_goes_on

    from vbgen.check import fix_document

    source = broken(clean, "state", numbering_goes_on(1), tmp_path)
    fix_document(source, tmp_path / "fixed.docx")

    def layout(path):
        return [[child.tag.split("}")[1] for child in section._sectPr] for section in Document(str(path)).sections]
    assert layout(tmp_path / "fixed.docx") == layout(clean["state"])


def test_every_wrong_letter_of_the_shared_table_is_reported(clean, tmp_path):  # noqa: F811
    from vbgen.glyphs import WRONG_LETTERS

    for wrong, right in WRONG_LETTERS.items():
        path = broken(clean, "state", lambda d: set_text(find(d, "Bám sát chỉ đạo"),
                                                         f"Bám sát chỉ đạo của ng{wrong}ời dân."), tmp_path)
        findings = check_document(path)
        assert [(f.rule, f.found, f.wanted) for f in findings] == \
            [("text.glyph", f'"{wrong}"', f'"{right}" (the Vietnamese letter)')], wrong


def test_signing_prefix_repair_follows_the_profile(clean, tmp_path):  # noqa: F811
    """The prefix --fix writes comes from profile.signature.prefixes, whatever their keys are called."""
    import copy

    from vbgen.check import document_parts
    from vbgen.check.docx_reader import DocxReader
    from vbgen.check.finding import Finding
    from vbgen.check.fix import Fixer
    from vbgen.profile import load_profile

    path = broken(clean, "state", lambda d: set_text(find(d, "KT. GIÁM ĐỐC"), "KT GIÁM ĐỐC"), tmp_path)
    profile = copy.deepcopy(load_profile("state"))  # load_profile may hand out a shared, cached profile
    profile.signature["prefixes"] = {"deputy": "KT.", "on_behalf": "TM."}
    reader = DocxReader(path)
    parts = document_parts(reader, profile)
    Fixer(reader, parts, profile, [Finding(str(path), "signature.prefix", "violation", "", "", "", "")]).run()
    assert ["".join(t.text for t in p.texts) for p in parts.signature][:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
