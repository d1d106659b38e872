"""Faults around outputs (issue 8 "Bad input and faults"): no command writes over a file it read, OS
errors are one line naming the path (exit 2), outputs honour the umask, signals leave no temp file."""
import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, FIXTURES, ROOT
from vbgen.cli import cli
from vbgen.errors import VbgenError
from vbgen.output import files_read, reading_scope, remove_stale_temps, write_atomic

PLAN = FIXTURES / "state-plan.yaml"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def chain(tmp_path):
    """province plan ← district unit file ← commune unit file (parents of parents)."""
    for name in ("ke-hoach-tinh.yaml", "huyen-cho-don.yaml", "xa-bang-lang.yaml"):
        shutil.copy(EXAMPLES / "bac-kan-2025" / name, tmp_path / name)
    return tmp_path


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# --- (1) never write over a file that was read -------------------------------------------------

@pytest.mark.parametrize("command, target", [
    (["derive", "huyen-cho-don.yaml"], "ke-hoach-tinh.yaml"),     # the parent it read
    (["derive", "xa-bang-lang.yaml"], "ke-hoach-tinh.yaml"),      # the parent's parent
    (["derive", "xa-bang-lang.yaml"], "huyen-cho-don.yaml"),
    (["make-plan", "xa-bang-lang.yaml"], "ke-hoach-tinh.yaml"),
    (["make-plan", "--explain", "xa-bang-lang.yaml"], "huyen-cho-don.yaml"),
])
def test_no_command_writes_over_a_file_it_read_even_with_force(chain, command, target):
    before = snapshot(chain)
    args = command[:-1] + [str(chain / command[-1]), "-o", str(chain / target), "--force"]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (f"vbgen: {chain / target}: is a file this command reads; vbgen never "
                                     "writes over its input, even with --force; choose another output "
                                     "name with -o")
    assert snapshot(chain) == before


def test_a_link_to_a_file_read_is_refused_too(chain):
    os.link(chain / "ke-hoach-tinh.yaml", chain / "hard.yaml")
    os.symlink(chain / "ke-hoach-tinh.yaml", chain / "soft.yaml")
    before = (chain / "ke-hoach-tinh.yaml").read_bytes()
    for name in ("hard.yaml", "soft.yaml"):
        result = run("derive", chain / "huyen-cho-don.yaml", "-o", chain / name, "--force")
        assert result.exit_code == 2 and "is a file this command reads" in result.output
    assert (chain / "ke-hoach-tinh.yaml").read_bytes() == before


def test_check_fix_and_import_never_write_over_their_input(tmp_path):
    docx = tmp_path / "plan.docx"
    assert run("make-plan", PLAN, "-o", docx).exit_code == 0
    before = docx.read_bytes()
    result = run("check", "--fix", docx, "-o", docx, "--force")
    assert result.exit_code == 2 and result.output.startswith(f"vbgen: {docx}: ") and docx.read_bytes() == before
    text = tmp_path / "plan.txt"
    text.write_text("KẾ HOẠCH\nThực hiện công tác năm 2025\n", encoding="utf-8")
    result = run("import", text, "-o", text, "--force")
    assert result.exit_code == 2 and text.read_text(encoding="utf-8").startswith("KẾ HOẠCH")


def test_reads_are_recorded_per_scope_and_a_new_file_is_written(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("x", encoding="utf-8")
    with reading_scope():
        source.read_text(encoding="utf-8")
        assert str(source) in files_read()
        with pytest.raises(VbgenError, match="is a file this command reads"):
            write_atomic(source, "y", force=True)
        write_atomic(tmp_path / "out.txt", "y")
    with reading_scope():
        assert str(source) not in files_read()
        write_atomic(source, "z", force=True)  # not read in this scope: an ordinary overwrite
    assert source.read_text(encoding="utf-8") == "z"


# --- (3) OS errors: exit 2, one line naming the path -------------------------------------------

def one_line(result, path) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"vbgen: {path}: "), line
    return line


def test_output_under_a_regular_file(tmp_path):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "file.txt" / "out.docx"
    line = one_line(run("make-plan", PLAN, "-o", out), out)
    assert "a part of the path is a file, not a folder" in line


def test_a_300_character_name(tmp_path):
    out = tmp_path / ("k" * 300 + ".docx")
    line = one_line(run("make-plan", PLAN, "-o", out), out)
    assert "the file name is too long" in line
    assert list(tmp_path.iterdir()) == []


def test_a_long_name_that_fits_is_written(tmp_path):
    out = tmp_path / ("ế" * 80 + ".docx")  # 245 bytes: the name fits, a temp name with it would not
    result = run("make-plan", PLAN, "-o", out)
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_read_only_output_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "out.docx"
    immutable = False
    if os.geteuid() == 0:  # root writes anywhere a mode allows nothing: make the folder immutable
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("running as root and chattr +i is not available here")
        immutable = True
    else:
        folder.chmod(0o555)
    try:
        line = one_line(run("make-plan", PLAN, "-o", out), out)
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)
    assert "cannot write the file (" in line and "choose another -o path" in line
    assert list(folder.iterdir()) == []


def test_permission_denied_on_input(tmp_path, monkeypatch):
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    if os.geteuid() != 0:
        plan.chmod(0)
    else:  # root reads any file: the error the system would give is raised where the file is opened
        import builtins
        from vbgen import yamlio

        def denied(file, *args, **kwargs):
            if Path(file) == plan:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return builtins.open(file, *args, **kwargs)
        monkeypatch.setattr(yamlio, "open", denied, raising=False)
    line = one_line(run("make-plan", plan), plan)
    assert line == f"vbgen: {plan}: cannot read the file (Permission denied); check that you may read it"


@pytest.mark.parametrize("command", [["make-plan"], ["derive", "-o", "x.yaml"], ["check"], ["import"]])
def test_a_folder_as_input_is_one_line_not_clicks_usage_block(tmp_path, command):
    result = run(*command, tmp_path)
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith("vbgen: ") and str(tmp_path) in line and "is a directory" in line
    assert "Usage:" not in result.output


def test_unknown_option_is_one_line(tmp_path):
    result = run("make-plan", PLAN, "--frce")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "vbgen: Error: No such option '--frce'. Did you mean '--force'? Try 'vbgen make-plan --help' for help."]


def _default_signals():
    """A child as started from a terminal: a run in the background (``pytest &``) inherits SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def vbgen_process(args, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    kwargs.setdefault("preexec_fn", _default_signals)
    return subprocess.Popen([sys.executable, "-m", "vbgen", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_disk_full_is_one_line_and_leaves_nothing(tmp_path):
    out = tmp_path / "out.docx"

    def small_files():  # ulimit -f 4 (kB), less than the draft: SIGXFSZ is ignored by vbgen, so the write fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (4 * 1024, 4 * 1024))
    proc = vbgen_process(["make-plan", PLAN, "-o", out], preexec_fn=small_files)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2, stderr
    assert stderr.strip().splitlines() == [f"vbgen: {out}: cannot write the file (File too large); the file is "
                                           "larger than this system allows (disk quota or file size limit); "
                                           "free some space or raise the limit"]
    assert list(tmp_path.iterdir()) == []


# --- (8) permissions, signals, stale temporary files ---------------------------------------------

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_honour_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        assert run("make-plan", PLAN, "-o", tmp_path / "out.docx").exit_code == 0
        assert run("derive", EXAMPLES / "bac-kan-2025" / "huyen-cho-don.yaml", "-o", tmp_path / "d.yaml").exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out.docx").stat().st_mode & 0o777 == mode
    assert (tmp_path / "d.yaml").stat().st_mode & 0o777 == mode


def test_overwriting_keeps_the_files_mode(tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    assert run("make-plan", PLAN, "-o", out, "--force").exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640 and out.read_bytes()[:2] == b"PK"


SLOW_SAVE = """
import sys, time
from pathlib import Path
from vbgen.output import write_atomic
def slow(path):
    path.write_bytes(b"half")
    print("saving", flush=True)
    time.sleep(60)
write_atomic(Path(sys.argv[1]), slow)
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 128 + 15), (signal.SIGINT, None)])
def test_a_signal_during_save_leaves_no_temp_file(tmp_path, signum, code):
    out = tmp_path / "out.docx"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(out)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_default_signals)
    assert proc.stdout.readline().strip() == "saving"
    assert [p.name for p in tmp_path.iterdir()][0].startswith(".out.docx.vbgen")
    proc.send_signal(signum)
    proc.communicate(timeout=30)
    assert proc.returncode != 0 and (code is None or proc.returncode == code)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_a_signal_in_the_cli_is_one_line_and_leaves_nothing(tmp_path, signum, code):
    big = tmp_path / "big.yaml"
    text = PLAN.read_text(encoding="utf-8")
    tasks = "".join(f"      - dash: Nhiệm vụ số {i} của kế hoạch.\n" for i in range(40000))
    big.write_text(text[:text.index("body:\n")] + "body:\n  - section: Nhiệm vụ\n    items:\n" + tasks
                   + text[text.index("closing:"):], encoding="utf-8")
    proc = vbgen_process(["make-plan", big, "-o", tmp_path / "out.docx"])
    time.sleep(2.5)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the machine rendered 40,000 items before the signal came")
    assert proc.returncode == code and stderr.strip() == "vbgen: interrupted; no output was written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


def test_stale_temp_files_of_a_killed_run_are_removed_on_the_next(tmp_path):
    out = tmp_path / "out.docx"
    dead = tmp_path / ".out.docx.vbgen99999999-abcdefgh.tmp"     # its process no longer runs
    old = tmp_path / ".out.docx.k3j2h1g0.tmp"                    # an older vbgen's, an hour old
    live = tmp_path / f".out.docx.vbgen{os.getpid()}-zzzzzzzz.tmp"  # a run still saving
    recent = tmp_path / ".out.docx.q1w2e3r4.tmp"
    other = tmp_path / ".other.docx.vbgen99999999-abcdefgh.tmp"  # another output's
    for path in (dead, old, live, recent, other):
        path.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    result = run("make-plan", PLAN, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [out.name, live.name, recent.name, other.name])
    assert remove_stale_temps(tmp_path / "other.docx") == [other]


def test_library_callers_get_the_same_protection_inside_a_reading_scope(chain):
    from vbgen.derive import write_derived
    before = snapshot(chain)
    with reading_scope(), pytest.raises(VbgenError, match="is a file this command reads"):
        write_derived(chain / "xa-bang-lang.yaml", chain / "ke-hoach-tinh.yaml", force=True)
    assert snapshot(chain) == before


@pytest.mark.parametrize("target", ["/dev/null", "/dev/full"])
def test_a_device_is_never_replaced_by_an_output(target):
    before = os.stat(target)
    result = run("make-plan", PLAN, "-o", target, "--force")
    assert result.exit_code == 2
    assert result.output.strip() == (f"vbgen: {target}: is not an ordinary file (a device or a pipe); "
                                     "give a file name with -o")
    after = os.stat(target)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_an_endless_input_stops_at_the_size_limit():
    result = run("make-plan", "/dev/zero")
    assert result.exit_code == 2
    assert result.output.strip() == ("vbgen: /dev/zero: is larger than 64 MB, far more than any plan; "
                                     "check that it is the right file")


def test_a_folder_as_output(tmp_path):
    result = run("make-plan", PLAN, "-o", tmp_path, "--force")
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert str(tmp_path) in line and "is a directory" in line
    with pytest.raises(VbgenError, match="is a folder; give a file name with -o"):  # the library says so too
        write_atomic(tmp_path, "x", force=True)


def test_rollup_never_writes_over_a_report_it_rolled_up_but_may_replace_an_earlier_rollup(tmp_path):
    folder = tmp_path / "bac-kan-2025"
    shutil.copytree(EXAMPLES / "bac-kan-2025", folder)
    reports = folder / "bao-cao"
    used = reports / "xa-dong-lac.yaml"
    before = used.read_bytes()
    result = run("rollup", folder / "huyen-cho-don.yaml", reports, "-o", used, "--force")
    assert result.exit_code == 2 and "vbgen never writes over its input, even with --force" in result.output
    assert used.read_bytes() == before
    unit = folder / "xa-yen-thinh.yaml"  # only looked at (is it a unit of the plan?), never used as data
    result = run("rollup", folder / "huyen-cho-don.yaml", reports, "-o", reports / "tong-hop-huyen-cho-don.yaml",
                 "--force")
    assert result.exit_code == 0, result.output
    assert unit.read_bytes() == (EXAMPLES / "bac-kan-2025" / "xa-yen-thinh.yaml").read_bytes()
