"""Document types as data (loại văn bản): Kế hoạch, Báo cáo, Quyết định, Công văn, Tờ trình, Thông báo
and any a developer adds as a folder (type.yaml + Word templates), found along a search path.

    from vbgen.types import all_types
    for kind in all_types():
        print(kind.key, kind.entry("state").name, kind.entry("state").abbreviation)
"""
from .registry import (ENV, DocumentType, all_types, bind_plan, built_in_dir, find_type, partial_path,
                       profile_entries, search_path, type_listing, type_of, use_template_dirs)
from .spec import BLOCKS, TypeSpec

__all__ = ["BLOCKS", "ENV", "DocumentType", "TypeSpec", "all_types", "bind_plan", "built_in_dir",
           "find_type", "partial_path", "profile_entries", "search_path", "type_listing", "type_of",
           "use_template_dirs"]
