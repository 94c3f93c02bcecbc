from celery import shared_task

from . import services


@shared_task(acks_late=True)
def run_export_job(job_id: str) -> None:
    services.export_job_run(job_id=job_id)


@shared_task
def purge_expired_exports() -> int:
    return services.export_jobs_purge()


@shared_task
def send_quarterly_reports() -> int:
    return services.quarterly_reports_send()
