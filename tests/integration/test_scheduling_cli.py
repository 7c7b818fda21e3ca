"""`flask scheduling solve-dzn`: one JSON line, the schedule file, and a non-zero exit on any violation."""
from __future__ import annotations

import json

from matchmaker.cli import scheduling as cli_scheduling
from matchmaker.scheduling import Placement, Schedule
from tests.unit.scheduling.test_dzn import SMALL


def test_solve_dzn_prints_a_json_line_and_writes_the_schedule(runner, tmp_path):
    path, out = tmp_path / "small.dzn", tmp_path / "schedule.json"
    path.write_text(SMALL)
    result = runner.invoke(args=["scheduling", "solve-dzn", str(path), "--time-limit", "3", "--workers", "1",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output.strip().splitlines()[-1])
    assert set(line) == {"instance", "meetings", "placed", "breaks", "max_breaks", "min_breaks", "seconds", "status"}
    assert line["instance"] == "small" and line["meetings"] == 3 and line["placed"] == 3
    rows = json.loads(out.read_text())["meetings"]
    assert [r["index"] for r in rows] == [1, 2, 3]
    assert rows[1]["slot"] == 3  # meeting 2 is fixed to slot 3 (1-based)
    assert rows[0]["slot"] in (1, 2) and all(r["table"] == 1 for r in rows)


def test_unplaced_meetings_have_null_slot(runner, tmp_path):
    path, out = tmp_path / "tight.dzn", tmp_path / "schedule.json"
    path.write_text("nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 1; nMorningSlots = 1;\n"
                    "requested = [| 1, 2, 3 | 1, 3, 3 |];")
    result = runner.invoke(args=["scheduling", "solve-dzn", str(path), "--time-limit", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["placed"] == 1
    assert sorted(r["slot"] is None for r in json.loads(out.read_text())["meetings"]) == [False, True]


def test_malformed_file_is_a_clear_error(runner, tmp_path):
    path = tmp_path / "bad.dzn"
    path.write_text("nBusiness = 2;")
    result = runner.invoke(args=["scheduling", "solve-dzn", str(path)])
    assert result.exit_code == 1 and "missing integer nMeetings" in result.output


def test_exit_code_is_non_zero_when_the_schedule_breaks_a_rule(runner, tmp_path, monkeypatch):
    path = tmp_path / "small.dzn"
    path.write_text(SMALL)
    real_solve = cli_scheduling.solve

    def broken_solve(instance, **kwargs):
        result = real_solve(instance, **kwargs)
        result.schedule = Schedule({0: Placement(0, 0), 2: Placement(0, 0)})  # participant 1 double-booked
        return result

    monkeypatch.setattr(cli_scheduling, "solve", broken_solve)
    result = runner.invoke(args=["scheduling", "solve-dzn", str(path), "--time-limit", "1"])
    assert result.exit_code == 1 and "double-booked" in result.output
