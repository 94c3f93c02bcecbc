"""The portal's Celery app with an exporter that waits, for a worker started by a test.

`celery -A tests.reports.slow_worker worker` runs the real app; each pool process registers
`WaitingExporter` once Django is set up, so the test can start an export that is still running
when it kills the process.
"""

import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from congress_portal.celery import app

__all__ = ["app", "waiting_exporter"]


def waiting_exporter():
    from core.exchange.exporters import BaseExporter, Sheet, register, registry

    class WaitingExporter(BaseExporter):
        """Writes its process id to `pidfile`, then one row per tick until `release` exists."""

        identifier = "test-waiting"
        verbose_name = "等待中的导出"
        permission = "core.export_units"  # any the committee office holds

        def total_rows(self) -> int:
            return 10

        def sheets(self):
            Path(self.params["pidfile"][0]).write_text(str(os.getpid()))
            release = Path(self.params["release"][0])

            def rows():
                while not release.exists():
                    time.sleep(0.05)
                yield from ([n] for n in range(10))

            yield Sheet(name="rows", headers=["n"], rows=rows())

    return registry.get(WaitingExporter.identifier) or register(WaitingExporter)


@worker_process_init.connect
def _register(**kwargs) -> None:
    waiting_exporter()
