"""Importer: the body's structure on fragments of the reference plans: numbering styles and
nesting, items vs. sections, run-in labels, targets, tasks with lead/support/deadline."""
from __future__ import annotations

from vbgen.importer.body import build_tree, find_deadline, mark_roles, to_nodes
from vbgen.importer.sources import Line
from vbgen.model import Node


def body(text: str) -> list[dict]:
    paras = [Line(t, n) for n, t in enumerate(text.strip().splitlines(), 1)]
    nodes = to_nodes(build_tree(paras), [])
    mark_roles(nodes)
    return nodes


def model(nodes: list[dict]) -> list[Node]:
    """The dicts as model nodes (private keys dropped): they must validate."""
    def clean(n):
        out = {k: v for k, v in n.items() if not k.startswith("_")}
        if "items" in out:
            out["items"] = [clean(c) for c in out["items"]]
        return out
    return [Node.model_validate(clean(n)) for n in nodes]


def test_state_numbering_nests_sections_items_and_dashes():
    # seed 004
    nodes = body("""I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Tiếp tục nâng cao nhận thức cho cán bộ, đảng viên về vai trò của công tác dân vận.
- Tiếp tục đổi mới, nâng cao hiệu quả công tác dân vận trong các cơ quan hành chính nhà nước.
2. Yêu cầu
- Xác định rõ vai trò, trách nhiệm, nội dung, phương thức, thời gian thực hiện những nhiệm vụ cụ thể.
II. NỘI DUNG THỰC HIỆN
5. Tăng cường các hoạt động kiểm tra, đôn đốc, hướng dẫn thực hiện về công tác dân vận.""")
    top = model(nodes)
    assert [n.section for n in top] == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG THỰC HIỆN"]
    first = top[0].items
    assert [n.section for n in first] == ["Mục đích", "Yêu cầu"]
    assert [n.kind for n in first[0].items] == ["dash", "dash"]
    assert first[0].items[0].dash.startswith("Tiếp tục nâng cao")  # the typed "- " is gone
    assert top[1].items[0].kind == "item"  # a numbered sentence, not a heading


def test_party_numbering_and_numbered_items():
    # seed 001: "I-" sections, numbered paragraphs without titles, a plain paragraph after a section
    nodes = model(body("""I- MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu rộng và tổ chức thực hiện có hiệu quả mục tiêu, nhiệm vụ của Đề án 04.
2. Phát huy vai trò, trách nhiệm của các cấp ủy Đảng, các đoàn thể chính trị - xã hội.
IV- LỘ TRÌNH THỰC HIỆN
5. Năm 2025
Tổng kết 05 năm thực hiện Đề án và tiếp tục chỉ đạo thực hiện Đề án (Quý IV năm 2025)."""))
    assert [n.section for n in nodes] == ["MỤC ĐÍCH, YÊU CẦU", "LỘ TRÌNH THỰC HIỆN"]
    assert [n.kind for n in nodes[0].items] == ["item", "item"]
    year = nodes[1].items[0]
    assert year.section == "Năm 2025" and year.items[0].kind == "text"


def test_decimal_and_letter_levels_with_run_in_labels():
    # corpus 05 (Hà Nội)
    nodes = model(body("""II. NHIỆM VỤ
1. Về dữ liệu
1.1. Xây dựng các Chiến lược triển khai của thành phố Hà Nôi:
a) Nhiệm vụ: Tham mưu UBND Thành phố phối hợp với Bộ Công an rà soát, hoàn thiện Chiến lược dữ liệu.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Sở Khoa học và Công nghệ.
- Đơn vị phối hợp: Các Sở, ban, ngành.
c) Thời gian thực hiện: Hoàn thành trong năm 2025.
1.2. Triển khai, phát triển dữ liệu:
a) Nhiệm vụ:
- Triển khai rà soát, hoàn thiện, chuẩn hóa cơ sở dữ liệu của đơn vị."""))
    data = nodes[0].items[0]
    assert data.section == "Về dữ liệu" and data.numbering == "decimal"
    strategy = data.items[0]
    assert strategy.section == "Xây dựng các Chiến lược triển khai của thành phố Hà Nôi:"
    task = strategy.items[0]
    assert (task.kind, task.label) == ("item", "Nhiệm vụ:")
    assert task.item.startswith("Tham mưu UBND Thành phố")
    assert strategy.items[1].items[0].label == "Đơn vị chủ trì:"
    assert strategy.items[2].label == "Thời gian thực hiện:"
    # the labelled lines make 1.1 a task with its lead, support and deadline
    assert (strategy.role, strategy.id) == ("task", "task-1")
    assert strategy.lead == "Sở Khoa học và Công nghệ"
    assert strategy.support == ["Các Sở, ban, ngành"]
    assert strategy.deadline == "Hoàn thành trong năm 2025"
    assert data.role is None and strategy.items[1].role is None  # not the heading above, nor "Cơ quan thực hiện:"
    assert len(data.items) == 2 and data.items[1].items[0].section == "Nhiệm vụ:"


def test_plus_items_nest_under_dashes():
    # seed 003 wording, written with "+" sub-items as many plans do
    nodes = model(body("""III. NHIỆM VỤ, GIẢI PHÁP
1. Sở Nội vụ
- Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương triển khai thực hiện các mục tiêu:
+ Làm đầu mối giúp Ủy ban nhân dân tỉnh theo dõi, kiểm tra, đôn đốc;
+ Tham mưu Ủy ban nhân dân tỉnh khen thưởng các tập thể, cá nhân có thành tích.
- Báo cáo đánh giá kết quả triển khai thực hiện các mục tiêu, nhiệm vụ theo định kỳ."""))
    agency = nodes[0].items[0]
    dash = agency.items[0]
    assert [c.kind for c in dash.items] == ["plus", "plus"]
    assert agency.items[1].kind == "dash" and not agency.items[1].items


def test_targets_under_a_targets_heading():
    # seed 004 "1. Một số chỉ tiêu cụ thể năm 2025"; corpus 02 "1. Mục tiêu cụ thể"
    nodes = model(body("""II. NỘI DUNG THỰC HIỆN
1. Một số chỉ tiêu cụ thể năm 2025
- 100% cán bộ, công chức, viên chức, người lao động được học tập, quán triệt các Chỉ thị, Nghị quyết.
- Trong năm, người đứng đầu cấp ủy, chính quyền các cấp tổ chức tiếp xúc, đối thoại trực tiếp với Nhân dân ít nhất được 01 cuộc.
2. Mục tiêu cụ thể
a) Đến hết năm 2025: Có ≥ 30% DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số.
3. Nhiệm vụ và giải pháp
- Các cấp ủy đảng, chính quyền, cơ quan, đơn vị tiếp tục tuyên truyền nâng cao nhận thức."""))
    targets = [n for top in nodes for n in top.walk() if n.role == "target"]
    assert [t.id for t in targets] == ["target-1", "target-2", "target-3"]
    assert targets[2].label == "Đến hết năm 2025:"
    assert nodes[0].items[2].items[0].role != "target"


def test_tasks_giao_chu_tri_and_deadlines():
    # seed 004 "III. TỔ CHỨC THỰC HIỆN"; corpus 04 "II. NỘI DUNG THỰC HIỆN / 2. Sở Tài chính"
    nodes = model(body("""III. TỔ CHỨC THỰC HIỆN
1. Các cơ quan, đơn vị, địa phương căn cứ nội dung Kế hoạch này xây dựng Kế hoạch thực hiện năm 2025 và báo cáo kết quả thực hiện về UBND tỉnh (qua Sở Nội vụ tổng hợp, trước ngày 25/5/2025 đối với báo cáo 6 tháng).
2. Giao Sở Nội vụ tham mưu, theo dõi, đôn đốc, kiểm tra, giám sát việc tổ chức thực hiện các nội dung theo Kế hoạch.
3. Sở Tài chính
a) Phối hợp với Sở Y tế và các sở, ban, ngành, địa phương có liên quan tham mưu lồng ghép các mục tiêu về công tác dân số."""))
    first, giao, finance = nodes[0].items
    assert first.role == "task" and first.deadline == "Trước ngày 25/5/2025"
    assert (giao.role, giao.lead) == ("task", "Sở Nội vụ")
    assert (finance.role, finance.lead) == ("task", "Sở Tài chính")
    assert len({first.id, giao.id, finance.id}) == 3


def test_deadline_phrases():
    assert find_deadline("Thời gian: hoàn thành trong tháng 12/2021 (Tùy điều kiện cụ thể)") == \
        "Hoàn thành trong tháng 12/2021"
    assert find_deadline("Hoàn thành trong quý II/2021.") == "Hoàn thành trong quý II/2021"
    assert find_deadline("Nội dung này thực hiện hàng năm.") == "Thực hiện hàng năm"
    assert find_deadline("báo cáo kết quả (qua Sở Nội vụ tổng hợp, trước ngày 25/5/2025 đối với …)") == \
        "Trước ngày 25/5/2025"
    assert find_deadline("xây dựng kế hoạch triển khai thực hiện Đề án (Quý IV/2021).") == "Quý IV/2021"
    assert find_deadline("Tăng cường sự lãnh đạo của các cấp ủy đảng đối với công tác dân vận.") is None


def test_nothing_is_dropped():
    # every paragraph of a fragment with unusual lines ends up in the tree, in order
    text = """I. MỤC ĐÍCH, YÊU CẦU
(Chi tiết Danh mục nhiệm vụ tại Phụ lục kèm theo)
1. Mục đích
Xác định phạm vi, trách nhiệm; phân công nhiệm vụ cho các sở, ban, ngành.
* Lưu ý: nội dung này thực hiện theo hướng dẫn riêng."""
    nodes = model(body(text))
    contents = [n.content for top in nodes for n in top.walk()]
    assert contents == ["MỤC ĐÍCH, YÊU CẦU", "(Chi tiết Danh mục nhiệm vụ tại Phụ lục kèm theo)", "Mục đích",
                        "Xác định phạm vi, trách nhiệm; phân công nhiệm vụ cho các sở, ban, ngành.",
                        "* Lưu ý: nội dung này thực hiện theo hướng dẫn riêng."]


def test_task_lead_named_at_the_start_of_a_sentence():
    # corpus 01 "IV. TỔ CHỨC THỰC HIỆN"; corpus 04 "6. Ủy ban nhân dân xã, phường / b) Ban hành …"
    nodes = model(body("""IV. TỔ CHỨC THỰC HIỆN
2. Bộ CHQS tỉnh có trách nhiệm tham mưu Ủy ban nhân dân tỉnh theo dõi, hướng dẫn, kiểm tra, đôn đốc các sở, ban, ngành.
6. Ủy ban nhân dân xã, phường
b) Ban hành theo thẩm quyền hoặc trình cấp có thẩm quyền ban hành các văn bản để triển khai đồng bộ, hiệu quả chủ trương, chính sách, pháp luật về dân số;"""))
    chqs, communes = nodes[0].items
    assert (chqs.role, chqs.lead) == ("task", "Bộ CHQS tỉnh")
    assert (communes.role, communes.lead) == ("task", "Ủy ban nhân dân xã, phường")
    assert communes.items[0].lead is None  # "Ban hành …" is a verb, not the body "Ban …"
