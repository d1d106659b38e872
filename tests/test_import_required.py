"""A source without header, place or signature: the import writes the YAML with those required
fields empty and a FILL IN comment, warns naming them, and make-plan refuses the file until they
are filled in (review item 6)."""
from click.testing import CliRunner

from vbgen.cli import cli

SOURCE = """KẾ HOẠCH
Tổ chức hội nghị tổng kết năm 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Đánh giá kết quả thực hiện nhiệm vụ năm 2025.
II. NỘI DUNG
1. Tổ chức hội nghị vào tháng 12 năm 2025.
"""


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_missing_required_fields_are_left_empty_marked_and_named(tmp_path):
    source = tmp_path / "kh.txt"
    source.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "kh.yaml"
    result = _run("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert (f"vbgen: {out}: not found in the source, left empty: issuer.name, issuer.abbreviation, "
            "place, signature.title, signature.name; fill them in") in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "CHỨC VỤ" not in text and "CƠ QUAN BAN HÀNH" not in text
    lines = {line.split(":")[0].strip(): line for line in text.splitlines() if "FILL IN" in line}
    assert set(lines) == {"name", "abbreviation", "place", "title"}  # issuer.name/signature.name share "name"
    assert "place: ''" in lines["place"] and "e.g. Bắc Kạn" in lines["place"]
    assert text.count("FILL IN") == 5

    refused = _run("make-plan", out)
    assert refused.exit_code == 2
    fields = [line.split(": ")[2] for line in refused.output.strip().splitlines()]  # every one at once
    assert fields == ["issuer.name", "issuer.abbreviation", "place", "signature.name"]
    assert all(line.endswith(": is empty; fill it in") for line in refused.output.strip().splitlines())
    assert not out.with_suffix(".docx").exists()

    filled = (text.replace("  name: ''  # FILL IN: the issuing body's name as the header prints it",
                           "  name: ỦY BAN NHÂN DÂN\n    XÃ TÂN LẬP", 1)
              .replace("abbreviation: ''", "abbreviation: UBND").replace("place: ''", "place: Tân Lập")
              .replace("title: ''", "title: CHỦ TỊCH").replace("name: ''", "name: Nguyễn Văn B"))
    out.write_text(filled, encoding="utf-8")
    made = _run("make-plan", out)
    assert made.exit_code == 0, made.output


def test_a_complete_source_gives_no_warning(tmp_path):
    source = tmp_path / "kh.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/KH-UBND\n"
                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                      "Tân Lập, ngày 05 tháng 3 năm 2025\n" + SOURCE
                      + "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nCHỦ TỊCH\n\nNguyễn Văn B\n", encoding="utf-8")
    result = _run("import", source, "-o", tmp_path / "kh.yaml")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert "FILL IN" not in (tmp_path / "kh.yaml").read_text(encoding="utf-8")
