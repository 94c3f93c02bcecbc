"""Job tasks take a job id and are safe to run twice: the service claims the job first.

They are sent through core.outbox and their results are never read (ignore_result).
"""

from celery import shared_task

from . import services

# A job running this long is stuck, not slow (the slowest measured export takes seconds); the
# worker kills it, its heartbeat stops and the reaper takes over. Must stay below the broker's
# visibility_timeout (settings).
JOB_TIME_LIMIT = 20 * 60


@shared_task(acks_late=True, ignore_result=True, time_limit=JOB_TIME_LIMIT)
def run_export_job(job_id: str) -> None:
    services.export_job_run(job_id=job_id)


@shared_task(acks_late=True, ignore_result=True, time_limit=JOB_TIME_LIMIT)
def run_import_job(job_id: str) -> None:
    services.import_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def reap_stale_jobs() -> dict[str, int]:
    return services.jobs_reap()


@shared_task
def purge_expired_exports() -> int:
    return services.export_jobs_purge()


@shared_task
def send_quarterly_reports() -> int:
    return services.quarterly_reports_send()
