"""vbgen.wordtext: a paragraph's text as Word shows it."""
from docx.oxml import parse_xml

from vbgen.wordtext import block_items, paragraph_text, text_box_paragraphs

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def p(inner: str):
    return parse_xml(f"<w:p {W}>{inner}</w:p>")


def r(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def test_hyperlink_smarttag_sdt_and_simple_field_text_is_kept():
    para = p(r("Đạt ") + f"<w:hyperlink>{r('100%')}</w:hyperlink>" + f"<w:smartTag>{r(' xã')}</w:smartTag>"
             + f"<w:sdt><w:sdtContent>{r(', phường')}</w:sdtContent></w:sdt>"
             + f"<w:fldSimple w:instr='PAGE'>{r(' 3')}</w:fldSimple>")
    assert paragraph_text(para) == "Đạt 100% xã, phường 3"


def test_tracked_changes_keep_insertions_and_drop_deletions():
    para = p(r("Hoàn thành ") + f"<w:del><w:r><w:delText>trước</w:delText></w:r></w:del>"
             + f"<w:ins>{r('trong')}</w:ins>" + f"<w:moveFrom>{r('X')}</w:moveFrom>" + r(" quý I"))
    assert paragraph_text(para) == "Hoàn thành trong quý I"


def test_complex_field_shows_its_result_not_its_code():
    para = p(r("Xem ") + "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
             + "<w:r><w:instrText>HYPERLINK \"http://x\"</w:instrText></w:r>"
             + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + r("Kế hoạch 21")
             + "<w:r><w:fldChar w:fldCharType='end'/></w:r>" + r(" nhé"))
    assert paragraph_text(para) == "Xem Kế hoạch 21 nhé"


def test_tabs_and_breaks():
    para = p("<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/></w:r>")
    assert paragraph_text(para) == "a\tb\nc-"


def test_text_box_read_once_and_not_inline():
    box = f"<w:txbxContent><w:p>{r('Nơi nhận:')}</w:p></w:txbxContent>"
    para = p(r("Trước") + "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>" + box
             + "</w:drawing></mc:Choice><mc:Fallback><w:pict>" + box + "</w:pict></mc:Fallback>"
             "</mc:AlternateContent></w:r>")
    assert paragraph_text(para) == "Trước"
    assert [paragraph_text(x) for x in text_box_paragraphs(para)] == ["Nơi nhận:"]


def test_block_items_go_through_block_content_controls():
    body = parse_xml(f"<w:body {W}><w:p>{r('1')}</w:p><w:sdt><w:sdtContent><w:p>{r('2')}</w:p>"
                     f"<w:tbl/></w:sdtContent></w:sdt><w:customXml><w:p>{r('3')}</w:p></w:customXml></w:body>")
    kinds = [(e.tag.split('}')[1], paragraph_text(e) if e.tag.endswith('}p') else '') for e in block_items(body)]
    assert kinds == [("p", "1"), ("p", "2"), ("tbl", ""), ("p", "3")]
