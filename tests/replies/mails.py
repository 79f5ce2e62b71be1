"""Replies as a mail program writes them: new text on top, a signature, the digest quoted."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

# A small file that passes the evidence checks as a PDF.
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

QUOTED_DIGEST = (
    "On Mon, 1 Jun 2026 at 07:00, Closeout <closeout@example.org> wrote:\n"
    "> Closeout: 2 overdue - 2 development areas need you\n"
    ">\n"
    "> 1. Plans for children in need lack timescales\n"
    ">    Overdue by 3 days\n"
)


def reply(
    *,
    sender: str,
    to: str,
    text: str,
    files: tuple[tuple[str, bytes], ...] = (),
    message_id: str | None = None,
    signature: str = "Kind regards,\nPriya\nService manager, Early Help",
    quote: str = QUOTED_DIGEST,
    subject: str = "Re: Closeout: 2 overdue",
) -> bytes:
    """The raw bytes of a reply with `text` as its new text."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = to
    email["Subject"] = subject
    email["Message-ID"] = message_id or make_msgid(domain="mail.example.org")
    email.set_content(f"{text}\n\n{signature}\n\n{quote}")
    for name, content in files:
        email.add_attachment(content, maintype="application", subtype="pdf", filename=name)
    return email.as_bytes()
