"""Start the portal with gunicorn as in production, on a free loopback port; used by the
benchmark and by the multi-server tests (tests/test_servers.py)."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """One gunicorn instance with `env` serving `app`; ready (answering /healthz) once
    constructed. Its output goes to `log` (a path) or nowhere."""

    def __init__(self, env, log=None, seconds=30, port=None, app="config.wsgi"):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and config
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "--config",
                "config/gunicorn.py",
                app,
            ],
            cwd=ROOT,
            env={**env, "PORT": str(self.port)},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz within {seconds} s")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        if self._log is not subprocess.DEVNULL:
            self._log.close()
