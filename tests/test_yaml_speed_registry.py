"""The type registry keeps its listing of the type folders between calls (speed, issue 11) and lists
them again when a folder, a sub-folder or a type.yaml changes: a user type added, removed or edited
between calls is seen."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vbgen.errors import VbgenError
from vbgen.types import ENV, all_types, find_type
from vbgen.types import registry

ROOT = Path(__file__).resolve().parent.parent
KE_HOACH = ROOT / "templates" / "ke-hoach"


@pytest.fixture
def user(tmp_path, monkeypatch):
    folder = tmp_path / "types"
    folder.mkdir()
    monkeypatch.setenv(ENV, str(folder))
    return folder


def touch_later(path: Path) -> None:
    """Move the modification time on (a file system may keep coarse times)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def test_an_unchanged_search_path_is_not_listed_again(user, monkeypatch):
    shutil.copytree(KE_HOACH, user / "my-plan")
    first = [t.key for t in all_types()]
    calls = []
    listed = registry._types_in
    monkeypatch.setattr(registry, "_types_in", lambda folder: calls.append(folder) or listed(folder))
    for _ in range(5):
        assert [t.key for t in all_types()] == first
    assert calls == []
    assert "my-plan" in first and find_type("my-plan").origin == str(user.resolve())


def test_a_type_folder_added_or_removed_between_calls_is_seen(user):
    with pytest.raises(VbgenError, match="unknown document type 'my-plan'"):
        find_type("my-plan")
    shutil.copytree(KE_HOACH, user / "my-plan")
    assert find_type("my-plan").spec.running_name == "Kế hoạch"
    shutil.rmtree(user / "my-plan")
    with pytest.raises(VbgenError, match="unknown document type 'my-plan'"):
        find_type("my-plan")


def test_a_type_yaml_put_into_an_existing_folder_is_seen(user):
    (user / "my-plan").mkdir()
    shutil.copy(KE_HOACH / "state.docx", user / "my-plan")
    assert "my-plan" not in [t.key for t in all_types()]
    shutil.copy(KE_HOACH / "type.yaml", user / "my-plan" / "type.yaml")
    touch_later(user / "my-plan")
    assert find_type("my-plan").key == "my-plan"


def test_a_type_yaml_edited_in_place_is_seen(user):
    shutil.copytree(KE_HOACH, user / "my-plan")
    data = user / "my-plan" / "type.yaml"
    assert find_type("my-plan").spec.running_name == "Kế hoạch"
    with open(data, "r+", encoding="utf-8") as handle:  # written in place: the folder does not change
        text = handle.read().replace("running_name: Kế hoạch ", "running_name: Chương trình ")
        handle.seek(0)
        handle.write(text)
        handle.truncate()
    touch_later(data)
    assert find_type("my-plan").spec.running_name == "Chương trình"
