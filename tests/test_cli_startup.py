"""The command line imports only what the command it runs needs (src/scorm_builder/cli.py)."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from scorm_builder.cli import LAZY_COMMANDS, cli

NOT_FOR_A_BUILD = ("scorm_builder.preview", "scorm_builder.new", "scorm_builder.validate.command",
                   "importlib.metadata")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_importing_the_cli_leaves_the_other_commands_unimported():
    loaded = _modules_after("import scorm_builder.cli")
    assert "scorm_builder.build" in loaded
    assert not [m for m in NOT_FOR_A_BUILD if m in loaded]


def test_a_lazy_command_is_imported_when_it_runs(tmp_path):
    code = ("from click.testing import CliRunner\nfrom scorm_builder.cli import cli\n"
            f"r = CliRunner().invoke(cli, ['validate', {str(tmp_path / 'missing.zip')!r}])\n"
            "assert r.exit_code != 0, r.output")
    loaded = _modules_after(code)
    assert "scorm_builder.validate.command" in loaded
    assert "scorm_builder.preview" not in loaded


def test_help_lists_every_command_and_each_has_its_own_help():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    commands = result.output.split("Commands:")[1].split()
    for name in ("build", *LAZY_COMMANDS):
        assert name in commands
        sub = CliRunner().invoke(cli, [name, "--help"], prog_name="scorm-builder")
        assert sub.exit_code == 0 and f"scorm-builder {name}" in sub.output


def test_an_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["bulid"])
    assert result.exit_code == 2
    assert "No such command 'bulid'" in result.output


def test_the_program_freezes_its_imports_and_collects_young_objects_less_often():
    code = ("import gc, sys\nfrom scorm_builder import cli\n"
            "cli.cli = lambda **kw: print(gc.get_freeze_count() > 1000, gc.get_threshold()[0])\n"
            "cli.main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from scorm_builder.cli import YOUNG_GC_THRESHOLD
    assert out.stdout.split() == ["True", str(YOUNG_GC_THRESHOLD)]
