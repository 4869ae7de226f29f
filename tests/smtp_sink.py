"""A tiny SMTP sink for `make test-servers`: accepts every message and writes it to a
directory as NNN.eml, so a test can read what a real SMTP client (Django's SMTP backend,
in another process) sent. Enough of RFC 5321 for smtplib; no TLS, no auth.

    python -m tests.smtp_sink PORT DIRECTORY
"""

import asyncio
import sys
from pathlib import Path


class Sink:
    def __init__(self, directory: Path):
        self.directory = directory
        self.count = 0

    async def session(self, reader, writer):
        async def reply(line):
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        await reply("220 sink ESMTP")
        while line := await reader.readline():
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb == "EHLO":
                await reply("250-sink")
                await reply("250 8BITMIME")
            elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                await reply("250 OK")
            elif verb == "DATA":
                await reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := await reader.readline()) not in (b".\r\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.count += 1
                path = self.directory / f"{self.count:03d}.eml"
                path.with_suffix(".tmp").write_bytes(b"".join(lines))
                path.with_suffix(".tmp").rename(path)  # readers never see half a message
                await reply("250 OK")
            elif verb == "QUIT":
                await reply("221 Bye")
                break
            else:
                await reply("502 Command not implemented")
        writer.close()


async def main(port: int, directory: Path):
    sink = Sink(directory)
    server = await asyncio.start_server(sink.session, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2])))
