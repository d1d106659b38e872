"""`vbgen import` on original Word files of real agencies (../shared/reference/corpus-real, corpus/10):
never a traceback; the Kế hoạch files import with ≥ 99 % of their body sentences, every căn cứ line as
basis, every phụ lục, the header, signature and Nơi nhận recognised, and re-render; the other kinds of
document are refused in one line ("this is a Quyết định (…), not a Kế hoạch").

The source side is read independently of the importer: the body is every paragraph and table cell from
the first one after the trích yếu to the Nơi nhận / signature table, cut into sentences."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from docx import Document

from vbgen.cli import cli
from vbgen.importer import import_source
from vbgen.render import render_plan
from vbgen.sources import open_plan
from vbgen.wordtext import W_P, W_TBL, block_items, paragraph_text

from reference import CORPUS, REFERENCE

REAL = REFERENCE / "corpus-real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/reference/corpus-real not available")

# file → (căn cứ lines, phụ lục titles (start), issuer's header name, signer, recipients at least), read by
# looking at each file's pages (soffice → PDF → PNG)
PLANS = {
    "R02_KH_LamDong_CCHC_2026.docx": (3, ["PHÂN CÔNG THỰC HIỆN NHIỆM VỤ"], "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG",
                                      ("KT", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc"), 12),
    "R04_KH_LamDong_thi-dua-CCHC_2026.docx": (5, [], "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG",
                                              ("KT", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc"), 8),
    "R06_KH_LamDong_kiem-tra-CCHC_2026.docx": (0, ["THỜI GIAN, ĐƠN VỊ ĐƯỢC KIỂM TRA",
                                                   "ĐỀ CƯƠNG BÁO CÁO PHỤC VỤ KIỂM TRA"],
                                               "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG",
                                               ("KT", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc"), 4),
}
OTHERS = {
    "R10_BC_LamDong_CCHC_QuyI-2026.docx": "this is a Báo cáo (Số: /BC-UBND",
    "R14_QD_BinhThuan_1424.docx": "this is a Quyết định (Số: 1424/QĐ-UBND",
    "R15_CV_BinhThuan_3083.docx": "this is a Công văn (Số: 3083/UBND-NCKS, “V/v kết quả đại hội",
    "R16_TB_LamDong_ket-luan-HN-22-1-2026.docx": "this is a Thông báo (Số: /TB-UBND",
}
CORPUS_10 = CORPUS / "10_donvi_TTDD-HTD-MienNam_KH-quoc-phong-quan-su-2024.docx"

_MARK = re.compile(r"^\s*(?:[-+•–]|(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)\-–])\s*")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _sentences(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        for piece in re.split(r"(?<=[.;:!?])\s+", _MARK.sub("", text)):
            piece = _norm(piece)
            if len(piece.split()) >= 3:
                out.append(piece)
    return out


def _cells(tbl) -> list[str]:
    return [" ".join(paragraph_text(p) for p in tc.iter(W_P)) for tc in tbl.iter(re.sub("tbl", "tc", W_TBL))]


def source_body(path) -> tuple[list[str], list[str]]:
    """(body sentences, phụ lục sentences) of a real file, read with vbgen.wordtext only."""
    doc = Document(str(path))
    blocks = list(block_items(doc.element.body))
    texts = [paragraph_text(b) if b.tag == W_P else None for b in blocks]
    start = next(i for i, t in enumerate(texts) if t and t.strip() == "KẾ HOẠCH")
    start = next(i for i in range(start + 1, len(texts)) if texts[i] and texts[i].startswith(("Căn cứ", "Thực hiện")))
    end = next(i for i in range(start, len(blocks)) if blocks[i].tag == W_TBL and "Nơi nhận" in " ".join(_cells(blocks[i])))
    body, after = [], []
    for i, block in enumerate(blocks[start:], start):
        if i == end:
            continue
        parts = [texts[i]] if block.tag == W_P else _cells(block)
        (body if i < end else after).extend(parts)
    return _sentences(body), _sentences(after)


def _rendered_text(path) -> str:
    doc = Document(str(path))
    parts = [paragraph_text(p) for p in doc.element.body.iter(W_P)]
    return " ".join(_norm(_MARK.sub("", p)) for p in parts)


@needs_real
@pytest.mark.parametrize("name", sorted(PLANS))
def test_real_plan_imports_whole_and_re_renders(name, tmp_path):
    basis_count, appendix_titles, issuer, signature, recipients = PLANS[name]
    source = REAL / name
    imported = import_source(source)
    data = imported.data
    assert data["type"] == "ke-hoach" and data["rules"] == "state"
    assert data["issuer"]["name"] == issuer and data["issuer"]["abbreviation"] == "UBND"
    assert data["place"] == "Lâm Đồng" and data.get("year") in (2025, 2026)
    assert data["symbol"] == "KH-UBND"
    assert len(data.get("basis", [])) == basis_count
    assert all(b.startswith("Căn cứ") for b in data.get("basis", []))
    assert not any(o.startswith("Căn cứ") and o.rstrip().endswith((";", ".")) for o in data.get("opening", []))
    titles = [a["title"] for a in data.get("appendices", [])]
    assert len(titles) == len(appendix_titles)
    assert all(t.startswith(want) for t, want in zip(titles, appendix_titles))
    sig = data["signature"]
    assert (sig.get("mode"), sig.get("on_behalf_of"), sig["title"], sig["name"]) == signature
    assert len(data["recipients"]) >= recipients and data["archive"].startswith("VT")
    assert imported.unplaced == []  # nothing the importer could not place
    assert imported.missing == []
    if name.startswith("R04"):  # its footnote (in footnotes.xml) is kept, numbered as Word prints it
        assert data["body"][-1]["text"].startswith("[1] Theo Quyết định: Thống nhất áp dụng Quyết định số 01/2025")

    out = tmp_path / "plan.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    docx = render_plan(open_plan(out), tmp_path / "plan.docx")
    rendered = _rendered_text(docx)
    body, after = source_body(source)
    lost = [s for s in body if s not in rendered]
    assert len(lost) <= 0.01 * len(body), lost[:5]
    lost_after = [s for s in after if s not in rendered]
    assert len(lost_after) <= 0.01 * max(len(after), 1), lost_after[:5]


@needs_real
@pytest.mark.parametrize("name", sorted(OTHERS))
def test_other_kinds_of_document_are_refused_in_one_line(name, tmp_path):
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(cli, ["import", str(REAL / name), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert OTHERS[name] in lines[0] and lines[0].endswith("not a Kế hoạch; vbgen import reads Kế hoạch (plans) only")
    assert not out.exists()


@pytest.mark.skipif(not CORPUS_10.exists(), reason="../shared/reference/corpus not available")
def test_corpus_10_docx_imports_and_re_renders(tmp_path):
    imported = import_source(CORPUS_10)
    assert imported.unplaced == [] and imported.missing == []
    assert imported.data["basis"][0].startswith("Căn cứ văn bản số 540/ĐĐQG-VP")
    assert imported.data["signature"]["name"] == "Phan Sỹ Bách"
    out = tmp_path / "plan.yaml"
    assert CliRunner().invoke(cli, ["import", str(CORPUS_10), "-o", str(out)]).exit_code == 0
    Document(str(render_plan(open_plan(out), tmp_path / "plan.docx")))


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@needs_real
@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed")
def test_a_real_plan_saved_again_by_libreoffice_imports_the_same(tmp_path):
    """LibreOffice writes w:rFonts without w:ascii on every run (once a crash: 'CT_Fonts' has no 'qn')."""
    source = REAL / "R04_KH_LamDong_thi-dua-CCHC_2026.docx"
    out_dir = tmp_path / "lo"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source)],
                   capture_output=True, timeout=240, check=False)
    saved = out_dir / source.name
    assert saved.exists()
    assert b"w:rFonts" in __import__("zipfile").ZipFile(saved).read("word/document.xml")
    before, after = import_source(source).data, import_source(saved).data
    for key in ("issuer", "title", "basis", "signature", "recipients", "archive"):
        assert after[key] == before[key], key
    assert len(str(after["body"])) >= 0.99 * len(str(before["body"]))
