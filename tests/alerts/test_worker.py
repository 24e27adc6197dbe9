"""`send_alerts --loop`: a round every interval, carrying on through database errors, stopping between rounds."""

import logging

import pytest
from django.db import OperationalError

from alerts import worker as alerts_worker
from alerts.worker import AlertsWorker


def test_the_loop_waits_longer_after_each_failure_then_carries_on(monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="alerts.worker")
    outcomes = iter([OperationalError("down"), OperationalError("down"), {"changes announced": 1}])
    waits, reports = [], []
    worker = AlertsWorker(interval=1, max_backoff=3, report=reports.append)

    def one_round(now=None):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        worker.stop.set()
        return outcome

    monkeypatch.setattr(alerts_worker, "run_round", one_round)
    monkeypatch.setattr(alerts_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker.stop, "wait", waits.append)

    worker.run_forever()

    assert waits == [2, 3, 1]
    assert reports == ["changes announced: 1"]
    assert [record.levelname for record in caplog.records] == ["ERROR", "WARNING"]


@pytest.mark.django_db
def test_one_round_from_the_command_says_what_it_did(capsys):
    from django.core.management import call_command

    call_command("send_alerts")

    assert "changes announced: 0" in capsys.readouterr().out
