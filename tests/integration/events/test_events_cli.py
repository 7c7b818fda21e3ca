"""`flask events import-dzn / schedule / export`: the app path reaches what `flask scheduling solve-dzn` reaches."""
from __future__ import annotations

import json

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event, Job, Meeting
from tests.conftest import udg_instance


def _import(runner, path, name="bench"):
    result = runner.invoke(args=["events", "import-dzn", str(path), "--name", name])
    assert result.exit_code == 0, result.output
    return int(result.output.strip().splitlines()[-1])


# A 60-s limit that the searches never reach: both paths prove these schedules optimal in 0.4-3 s here (a run ends
# at its proof), and on a loaded machine a 5-s limit let one path end at its limit (53 breaks) while the other
# proved 0: the test compares the two paths, not the machine's speed.
@pytest.mark.parametrize("name", ["tic-12.prec15", "forum-13.forb0003", "tic-12.fixed020-Forb"])
def test_app_path_matches_solve_dzn(runner, tmp_path, name):
    path = udg_instance(name)
    event_id = _import(runner, path)
    result = runner.invoke(args=["events", "schedule", str(event_id), "--time-limit", "60", "--workers", "1"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output.strip().splitlines()[-1])
    assert set(line) >= {"placed", "requested", "total_breaks", "status"}
    out = tmp_path / "agenda.json"
    assert runner.invoke(args=["events", "export", str(event_id), "--out", str(out)]).exit_code == 0
    ours = json.loads(out.read_text())["meetings"]

    reference = tmp_path / "reference.json"
    solved = runner.invoke(args=["scheduling", "solve-dzn", str(path), "--time-limit", "60", "--workers", "1",
                                 "--out", str(reference)])
    expected = json.loads(solved.output.strip().splitlines()[-1])
    assert expected["status"] == "OPTIMAL"  # proved, so the same on both paths whatever the machine's speed
    assert (line["placed"], line["total_breaks"]) == (expected["placed"], expected["breaks"])
    assert line["requested"] == expected["meetings"]
    assert ours == [m for m in json.loads(reference.read_text())["meetings"] if m["slot"] is not None]
    job = db.session.get(Job, line["job"])
    assert job.kind == "event-schedule" and job.state == "done"


def test_import_keeps_forbidden_slots_fixed_meetings_and_precedences(runner, tmp_path):
    path = tmp_path / "small.dzn"
    path.write_text("nBusiness = 3; nMeetings = 3; nTables = 1; nTotalSlots = 4; nMorningSlots = 2;\n"
                    "requested = [| 1, 2, 3 | 1, 3, 1 | 2, 3, 2 |];\nfixed = [0, 2, 0];\n"
                    "forbidden = [{0}, {4}, {0}];\nprecedences = [{0}, {0}, {2}];")
    event_id = _import(runner, path, "small")
    from matchmaker.services.events import load

    instance = load(db.session.get(Event, event_id)).instance
    from matchmaker.scheduling.dzn import read_dzn

    reference = read_dzn(path)
    assert instance.meetings == tuple(m.__class__(**{**m.__dict__, "key": instance.meetings[i].key})
                                      for i, m in enumerate(reference.meetings))
    assert instance.unavailable == reference.unavailable and instance.precedences == reference.precedences
    assert [s.session for s in instance.slots] == [s.session for s in reference.slots]
    result = runner.invoke(args=["events", "schedule", str(event_id), "--time-limit", "2", "--publish"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["placed"] == 3
    assert db.session.get(Event, event_id).status == "published"
    assert all(m.pub_slot_id == m.slot_id for m in db.session.execute(db.select(Meeting)).scalars())


def test_bad_file_and_unknown_event_are_clear_errors(runner, tmp_path):
    path = tmp_path / "bad.dzn"
    path.write_text("nBusiness = 2;")
    result = runner.invoke(args=["events", "import-dzn", str(path), "--name", "x"])
    assert result.exit_code == 1 and "missing integer nMeetings" in result.output
    assert db.session.execute(db.select(Event)).first() is None
    result = runner.invoke(args=["events", "schedule", "999", "--time-limit", "1"])
    assert result.exit_code == 1 and "no event 999" in result.output
