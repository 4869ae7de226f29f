"""A small TCP fault proxy for the server tests and `make chaos`.

It listens on 127.0.0.1 and forwards to one upstream (PostgreSQL, Redis, an SMTP sink).
Its mode can be switched while connections are open:

- ``pass``: forward both ways, as if the proxy were not there;
- ``cut``: close every open connection and refuse new ones (accept, then close at once),
  as a stopped server or a firewall reset does;
- ``hang``: accept connections and never forward a byte either way, on new and on open
  connections, as a frozen server does (its kernel still accepts and acknowledges).

Threads, not asyncio: the tests are synchronous and each connection is short.
"""

import contextlib
import selectors
import socket
import threading
import time

PASS, CUT, HANG = "pass", "cut", "hang"


class FaultProxy:
    def __init__(self, upstream_port, *, port=0, upstream_host="127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.mode = PASS
        self._listener = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._open = set()
        self._stopped = threading.Event()
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def set_mode(self, mode):
        """Switch the fault; `cut` also closes every connection open now."""
        assert mode in (PASS, CUT, HANG), mode
        self.mode = mode
        if mode == CUT:
            with self._lock:
                sockets, self._open = self._open, set()
            for sock in sockets:
                _close(sock)

    def stop(self):
        self._stopped.set()
        _close(self._listener)
        self.set_mode(CUT)

    def _accept_loop(self):
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.mode == CUT:
                _close(client)
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        with self._lock:
            self._open.add(client)
        upstream = None
        try:
            # A hung connection waits here (or in the loop below) until it is cut.
            while self.mode == HANG and not self._stopped.is_set():
                if _closed_by_peer(client, 0.05):
                    return
            if self.mode != PASS:
                return
            upstream = socket.create_connection(self.upstream, timeout=5)
            upstream.settimeout(None)
            with self._lock:
                self._open.add(upstream)
            self._pump(client, upstream)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(client)
                self._open.discard(upstream)
            _close(client)
            if upstream is not None:
                _close(upstream)

    def _pump(self, client, upstream):
        peers = {client: upstream, upstream: client}
        with selectors.DefaultSelector() as selector:
            for sock in peers:
                selector.register(sock, selectors.EVENT_READ)
            while not self._stopped.is_set():
                if self.mode == CUT:
                    return
                if self.mode == HANG:
                    # Frozen: read nothing, send nothing; the kernel buffers what comes.
                    if _closed_by_peer(client, 0.05):
                        return
                    continue
                for key, _ in selector.select(timeout=0.05):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    peers[key.fileobj].sendall(data)


def _closed_by_peer(sock, timeout):
    """Wait up to `timeout` and say whether the peer hung up, without reading its data."""
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_READ)
        if not selector.select(timeout):
            return False
    try:
        closed = sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True
    if not closed:
        time.sleep(timeout)  # data is waiting and stays unread: do not spin
    return closed


def _close(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
