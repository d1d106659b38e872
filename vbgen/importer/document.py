"""Cut a source into its parts (header, title, opening, body, closing, Nơi nhận and signature,
appendices, footnotes) and read each into plan data."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import VbgenError
from ..i18n import _
from .body import RawNode, build_tree, mark_roles, table_node, to_nodes
from .cleanup import MARKERS, is_noise, join_wrapped, marker_of, wrap_width
from .header import NotAPlan, find_type_line, is_caps, parse_header, sentence_case, split_opening, take_title
from .patterns import PATTERNS, starts_with_any
from .signature import is_end_start, parse_end
from .sources import Line, read_source
from .tables import TableData, appendix_title, parse_appendix, read_table, table_fields


@dataclass
class Imported:
    """Plan data (keys of vbgen.model.Plan) and the importer's comments, by field."""

    data: dict
    notes: dict[str, str] = field(default_factory=dict)
    source: str = ""
    missing: list[str] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    """Passages of the source the importer could not place (line, text): written as comments at the
    end of the YAML and named in a warning."""
    """Required fields the source did not give: written empty (make-plan refuses them until the
    clerk fills them in), each with a comment saying what to write."""


_FOOTNOTE = re.compile(r"^\[(\d+)\]\s*(.*)$")


def _is_appendix_start(line: Line) -> bool:
    text = line.text.strip()
    label = starts_with_any(text, PATTERNS["appendix_starts"])
    return bool(label) and (is_caps(text) or len(text) <= 20) and line.cells is None


def import_source(path: str | Path) -> Imported:
    """Read a plan (.docx or text) into plan data with comments where the importer guessed."""
    path = Path(path)
    lines = read_source(path)
    all_lines = list(lines)
    try:
        found = find_type_line(lines)
    except NotAPlan as other:
        kind = f"{other.kind} ({other.detail})" if other.detail else other.kind
        raise VbgenError(_("this is a {kind}, not a Kế hoạch; vbgen import reads Kế hoạch (plans) only").format(
            kind=kind), file=str(path)) from None
    if found is None:
        raise VbgenError(_("this does not look like a plan: no line with the document type (e.g. 'KẾ HOẠCH') was "
                           "found above the text"), file=str(path))
    type_index, plan_type = found
    notes: dict[str, str] = {}
    missing: list[str] = []
    header = parse_header(lines[:type_index])
    hard_wrapped = wrap_width(lines) is not None
    title, used = take_title(lines[type_index + 1:], hard_wrapped)
    rest = lines[type_index + 1 + used:]

    end_start = next((i for i, line in enumerate(rest)
                      if line.cells is None and is_end_start(line.text.strip())), len(rest))
    main, after = rest[:end_start], rest[end_start:]
    end_lines, appendix_blocks, footnotes = _split_after(after)

    main = [l for l in main if l.cells is not None or not l.text.strip() or not is_noise(l.text)]
    paragraphs = join_wrapped(main)
    paragraphs = [p for p in paragraphs if p.cells is not None or not is_noise(p.text)]
    end = parse_end(end_lines)
    first_body = _first_section(paragraphs)
    if first_body is None:
        raise VbgenError(_("this does not look like a plan: no numbered sections (I., II. … or 1., 2. …) were "
                           "found in the text"), file=str(path))
    opening_paras = [p.text for p in paragraphs[:first_body] if p.cells is None]
    body_paras = paragraphs[first_body:]
    body_paras, closing, trailing = _take_closing(body_paras)

    tables: list = []
    body = to_nodes(build_tree(body_paras), tables)
    body[:0] = _opening_tables(paragraphs[:first_body])
    for text in trailing:
        body.append({"text": text, "_notes": [], "_line": 0})
    mark_roles(body)

    basis, opening, addressees, co_addressees = split_opening(opening_paras)

    data: dict = {}
    raw_end = " ".join(l.text for l in end_lines)
    party = (header.party_national or header.party_number or bool(re.search(r"\b[TK]/[MT]\b", raw_end))
             or any(MARKERS["roman"].match(p.text) and re.match(r"^[IVX]+\s*-", p.text) for p in body_paras))
    data["rules"] = "party" if party else "state"
    if not (header.party_national or header.party_number or header.symbol):
        notes["rules"] = str(_("guessed from the numbering and signature; 'state' or 'party'"))
    data["type"] = plan_type

    data["issuer"] = _issuer(header, end, opening_paras + [p.text for p in body_paras if p.cells is None]
                             + [closing or "", header.place or ""]
                             + [r for r in end.recipients if isinstance(r, str)], notes)
    if header.number:
        data["number"] = header.number
        if header.number_text and header.number_text != str(header.number):
            notes["number"] = _("the source writes {number}").format(number=header.number_text)
    elif header.symbol:
        notes["symbol"] = str(_("no number in the source: a draft (add 'number:' once it is issued)"))
    if header.symbol:
        data["symbol"] = header.symbol
    place = header.place or _guess_place(" ".join(p.text for p in paragraphs))
    if not header.place:
        notes["place"] = (str(_("not in the source; guessed from the text, check it")) if place
                          else fill_in(_("the địa danh (place name), e.g. Bắc Kạn")))
    data["place"] = place or _missing(missing, "place")
    if header.date:
        data["date"] = header.date
    elif header.year:
        data["year"] = header.year
    corpus = "\n".join(opening_paras + [p.text for p in body_paras if p.cells is None] + [closing or ""])
    corpus = corpus[:200_000]  # enough to spell the title's words; keeps import linear on huge sources
    if title and is_caps(title):
        title = sentence_case(title, corpus)
        notes["title"] = str(_("written in capitals in the source; put in ordinary case here (as the rules print "
                               "it), spelled as the text spells it: check the capitals"))
    data["title"] = title or _missing(missing, "title")
    if not title:
        notes["title"] = fill_in(_("the trích yếu (title); none was found"))
    for key, value in (("basis", basis), ("opening", opening), ("addressees", addressees),
                       ("co_addressees", co_addressees)):
        if value:
            data[key] = value
    if footnotes:
        for number, text in footnotes:
            body.append({"text": f"[{number}] {text}", "_notes": [], "_line": 0})
        body[-len(footnotes)]["_notes"].append(
            str(_("footnotes of the source, kept as paragraphs here: move or delete them")))
    data["body"] = body
    if closing:
        data["closing"] = closing
    data["signature"] = _signature(end, notes, missing)
    data["recipients"] = [{"note": r[1]} if isinstance(r, tuple) else r for r in end.recipients]
    if not data["recipients"]:
        del data["recipients"]
    if end.archive:
        data["archive"] = end.archive
    else:
        data["archive"] = "VT"
        notes["archive"] = str(_("no 'Lưu:' line found; check it"))
    appendices = []
    for _line_number, rows, heading in tables:  # tables under a "Phụ lục" paragraph in the body
        table = read_table(rows)
        table.title = appendix_title([heading])
        table.notes.insert(0, str(_("this table stood under a 'Phụ lục' heading inside the body of the source; it "
                                    "is printed as an appendix after the signature")))
        appendices.append(table)
    appendices.extend(parse_appendix(block) for block in appendix_blocks)
    data["appendices"] = [a for a in (_appendix_data(t) for t in appendices) if a]
    if not data["appendices"]:
        del data["appendices"]
    for leftover in end.leftover:
        data.setdefault("_leftover", []).append(leftover)
    missing += [f"issuer.{key}" for key in ("name", "abbreviation") if not data["issuer"][key]]
    missing.sort(key=_REQUIRED.index)  # in the order the YAML lists them
    from .coverage import unplaced

    return Imported(data=data, notes=notes, source=str(path), missing=missing,
                    unplaced=unplaced(all_lines, data, lines[type_index].number))


_REQUIRED = ("issuer.name", "issuer.abbreviation", "place", "title", "signature.title", "signature.name")
"""Required fields the importer may not find in a source, in the order the YAML lists them."""


def fill_in(what: str) -> str:
    """The comment on a required field the source did not give (left empty in the YAML): "FILL IN: …"."""
    return _("FILL IN: {what}").format(what=what)


def _missing(missing: list[str], field_path: str) -> str:
    """Record that ``field_path`` was not found; its value is left empty for the clerk."""
    missing.append(field_path)
    return ""


def _opening_tables(paras: list[Line]) -> list[dict]:
    """Tables standing before the first section: kept (never dropped) as table nodes at the start
    of the body, with a comment saying where they stood."""
    groups: list[list[Line]] = []
    for i, para in enumerate(paras):
        if para.cells is not None:
            if i and paras[i - 1].cells is not None:
                groups[-1].append(para)
            else:
                groups.append([para])
    out = []
    for rows in groups:
        node = table_node(RawNode("table", "", rows[0].number, table_rows=[r.cells for r in rows]))
        node["_notes"].insert(0, "this table stood before the first section (in the opening) of the "
                                 "source; move it where it belongs")
        out.append(node)
    return out


def _first_section(paragraphs: list[Line]) -> int | None:
    for style in ("roman", "number", "decimal"):
        for i, p in enumerate(paragraphs):
            if p.cells is None and marker_of(p.text) == style:
                return i
    return None


def _take_closing(paras: list[Line]) -> tuple[list[Line], str | None, list[str]]:
    """The closing paragraph(s) after the last section: "Trên đây …", or one ending "./."."""
    trailing: list[Line] = []
    i = len(paras)
    while i > 0 and paras[i - 1].cells is None and marker_of(paras[i - 1].text) is None:
        text = paras[i - 1].text
        is_last = i == len(paras)
        if starts_with_any(text, PATTERNS["closing_starts"]) or (is_last and text.rstrip().endswith("/.")):
            trailing.insert(0, paras[i - 1])
            i -= 1
            continue
        break
    if not trailing:
        return paras, None, []
    return paras[:i], trailing[-1].text, [p.text for p in trailing[:-1]]


def _split_after(lines: list[Line]):
    """Lines after the body → (end matter lines, appendix blocks, footnotes)."""
    end_lines: list[Line] = []
    blocks: list[list[Line]] = []
    footnotes: list[list] = []
    state = "end"
    for line in lines:
        foot = _FOOTNOTE.match(line.text.strip()) if line.cells is None else None
        if _is_appendix_start(line) and not (blocks and blocks[-1] and len(blocks[-1]) == 0):
            blocks.append([line])
            state = "appendix"
            continue
        if foot and state != "appendix":
            footnotes.append([foot.group(1), foot.group(2)])
            state = "footnote"
            continue
        if state == "end":
            end_lines.append(line)
        elif state == "footnote":
            if line.text.strip():
                footnotes[-1][1] = (footnotes[-1][1] + " " + line.text.strip()).strip()
        else:
            blocks[-1].append(line)
    return end_lines, blocks, [(n, t) for n, t in footnotes]


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ISSUER_IN_TEXT = re.compile(r"(?:^|[,;]\s*)(?P<name>(?:%s)[^,;:()]{0,80}?)\s+(?:%s)\s"
                             % (_alternatives(PATTERNS["agency_starts"]), _alternatives(PATTERNS["issuing_verbs"])))
_PLACE_IN_TEXT = re.compile(r"\b(?i:%s)\s+((?:[^\W\d_][^\s,.;:()]*\s?){1,3})" % _alternatives(PATTERNS["place_kinds"]))


def _issuer(header, end, texts: list[str], notes: dict) -> dict:
    name, parent = header.issuer_name, header.issuer_parent
    full_name = None
    if not name:
        for text in texts[:3]:
            m = _ISSUER_IN_TEXT.search(text)
            if m:
                full_name = m.group("name").strip()
                name = _header_name(full_name.upper())
                break
        if not name and end.collective:
            name = end.collective
        notes["issuer"] = str(_("no header in the source: the issuing body was guessed from the text; check it"))
        if not name:
            notes["issuer"] = str(_("no header in the source"))
            notes["issuer.name"] = fill_in(_("the issuing body's name as the header prints it"))
            name = ""
    elif header.guesses.get("issuer"):
        notes["issuer"] = header.guesses["issuer"]
    one_line = " ".join(name.split())
    if full_name is None and one_line:
        pattern = re.compile(re.escape(one_line).replace(r"\ ", r"\s+"), re.IGNORECASE)
        for text in texts:
            m = pattern.search(text)
            if m and not is_caps(m.group(0)):
                full_name = m.group(0)
                break
    if full_name is None and name:
        full_name = sentence_case(one_line, "\n".join(texts))
        notes["issuer.full_name"] = str(_("the name in running text, guessed from the header; check it"))
    issuer: dict = {"name": name}
    abbreviation = None
    if header.symbol:
        sep = "/" if "/" in header.symbol else "-"
        abbreviation = header.symbol.split(sep)[-1].strip() or None
        if "-" in header.symbol and "/" in header.symbol:
            abbreviation = re.split(r"[-/]", header.symbol)[-1]
    if not abbreviation:
        known = starts_with_any(one_line.upper(), sorted(PATTERNS["abbreviations"], key=len, reverse=True))
        abbreviation = (PATTERNS["abbreviations"][known] if known else
                        "".join(w[0] for w in one_line.split() if w[:1].isalpha()).upper())
        notes["issuer.abbreviation"] = (str(_("guessed from the name; write the one used in your ký hiệu"))
                                        if abbreviation else
                                        fill_in(_("the abbreviation used in your ký hiệu, e.g. UBND")))
    issuer["abbreviation"] = abbreviation
    if parent:
        issuer["parent"] = parent
    if full_name:
        issuer["full_name"] = full_name
    upper = one_line.upper() + " "
    for rule in PATTERNS["levels"]:
        if any(word in upper for word in rule["words"]):
            issuer["level"] = rule["level"]
            notes.setdefault("issuer.level", str(_("guessed from the name")))
            break
    return issuer


def _header_name(name: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" → "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN" (two header lines)."""
    for word in PATTERNS["name_breaks"]:
        at = name.find(" " + word)
        if at > 0:
            return name[:at] + "\n" + name[at + 1:]
    return name


def _guess_place(text: str) -> str | None:
    names = []
    for found in _PLACE_IN_TEXT.findall(text):  # the capitalised words after "tỉnh"/"thành phố"
        words = []
        for word in found.split():
            if not word[0].isupper():
                break
            words.append(word)
        if words:
            names.append(" ".join(words))
    if not names:
        return None
    return Counter(names).most_common(1)[0][0]


def _signature(end, notes: dict, missing: list[str]) -> dict:
    sig: dict = {}
    if end.collective:
        sig["collective"] = end.collective
    if end.mode and end.on_behalf_of:
        sig["mode"] = end.mode
        sig["on_behalf_of"] = end.on_behalf_of
    if end.title:
        sig["title"] = end.title
    if not (end.title or end.collective or end.on_behalf_of):
        sig["title"] = _missing(missing, "signature.title")
        notes["signature"] = str(_("no signature block found"))
        notes["signature.title"] = fill_in(_("the signer's title (chức vụ), e.g. CHỦ TỊCH"))
    sig["name"] = end.name or _missing(missing, "signature.name")
    if not end.name:
        notes["signature.name"] = fill_in(_("the signer's name (họ tên); none was found"))
    return sig


def _appendix_data(table: TableData) -> dict | None:
    if not table.rows:
        return None
    out: dict = {"title": table.title}
    if table.reference:
        out["reference"] = table.reference
    if table.landscape is not None:
        out["landscape"] = table.landscape
    out.update(table_fields(table))
    if table.notes:
        out["_notes"] = table.notes
    if table.extra_text:
        out["_extra"] = table.extra_text
    return out
