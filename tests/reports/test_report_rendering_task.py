"""A report saved to Kindle as a PDF is rendered by the delivery's task, not the request."""

from django_tasks_db.models import DBTaskResult

from secondtrack.delivery.models import Delivery, PendingFile
from secondtrack.taskqueue.runner import LeasedWorker
from tests.delivery.conftest import smtp  # noqa: F401 - fixture: a real SMTP server
from tests.record.helpers import bearer
from tests.reports.test_exports import published
from tests.reports.test_report_delivery import set_kindle


def test_the_pdf_is_rendered_after_the_request_by_the_task(
    client,
    world,
    report,
    smtp,  # noqa: F811 - the imported fixture
    settings,
    django_capture_on_commit_callbacks,
):
    settings.SECONDTRACK_TASKS = "worker"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    published(report)
    auth = bearer(client, world.alice)
    set_kindle(client, auth)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/reports/{report.id}/deliver",
            {"channel": "kindle", "format": "pdf"},
            content_type="application/json",
            **auth,
        )
    assert response.status_code == 200
    assert response.json()["status"] == "queued"  # the reader is answered before rendering
    delivery = Delivery.objects.get()
    assert not PendingFile.objects.exists() and delivery.size == 0  # nothing rendered yet
    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs["args"] == [str(delivery.id)]
    LeasedWorker(worker_id="test", batch=True).run()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.progress) == ("done", 100), delivery.message
    assert delivery.size > 1000
    (message,) = smtp.messages
    (attachment,) = [p for p in message.walk() if p.get_filename()]
    assert attachment.get_filename().endswith(".pdf")
    assert attachment.get_payload(decode=True).startswith(b"%PDF")
