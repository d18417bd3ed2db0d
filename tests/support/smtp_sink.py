"""An aiosmtpd handler for the mail tests: each message accepted is written to a folder as one
.eml file (written under a temporary name, then renamed), after an optional delay that holds the
SMTP transaction open so a test can kill a worker in the middle of a delivery.

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.FolderSink FOLDER [DELAY_SECONDS]
"""

import asyncio
import os
import uuid


class FolderSink:
    def __init__(self, folder, delay=0.0):
        self.folder = folder
        self.delay = float(delay)
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if not args:
            parser.error("FolderSink needs the folder to write to")
        return cls(*args)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        name = uuid.uuid4().hex
        partial = os.path.join(self.folder, "." + name)
        with open(partial, "wb") as out:
            out.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content or envelope.content)
        os.rename(partial, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"
