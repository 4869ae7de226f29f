"""Log output for operations: JSON lines on request (LOG_FORMAT=json), and server errors
mailed to ADMINS without holding the failing request."""

import json
import logging
import queue
import threading

from django.utils.log import AdminEmailHandler


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the exception."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class BackgroundAdminEmailHandler(AdminEmailHandler):
    """Django's error e-mail to ADMINS, sent by one background thread: the failing request
    answers at once even when the mail server hangs (EMAIL_TIMEOUT). The message is built
    in the request (it needs the request); only the sending waits. At most 50 e-mails
    wait; beyond that (an error storm) they are dropped, the log lines remain."""

    _queue = queue.Queue(maxsize=50)
    _worker = None
    _lock = threading.Lock()

    def send_mail(self, subject, message, *args, **kwargs):
        try:
            self._queue.put_nowait((subject, message, args, kwargs))
        except queue.Full:
            return
        with self._lock:
            if BackgroundAdminEmailHandler._worker is None or not self._worker.is_alive():
                BackgroundAdminEmailHandler._worker = threading.Thread(
                    target=self._send_forever, daemon=True, name="admin-mail"
                )
                self._worker.start()

    def _send_forever(self):
        while True:
            subject, message, args, kwargs = self._queue.get()
            try:
                super().send_mail(subject, message, *args, **kwargs)
            except Exception:  # noqa: BLE001 - a mail failure must not kill the sender
                logging.getLogger(__name__).warning("Error e-mail to ADMINS not sent.")
            finally:
                self._queue.task_done()
