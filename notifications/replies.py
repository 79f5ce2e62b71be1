"""The answer to a reply: what was recorded from it, or why nothing was, as a message."""

from __future__ import annotations

from html import escape

from notifications.rendering import Message

FOOTER = "Closeout sent you this because you replied to one of its messages."


def answer_subject(subject: str) -> str:
    """'Re: ' and the subject answered, once; a plain subject when there was none."""
    if not subject:
        return "Closeout: your reply"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def render_reply_answer(summary: str, subject: str) -> Message:
    """The answer's text and HTML: the summary's paragraphs, its "- " lines as a list."""
    text = f"{summary}\n\n--\n{FOOTER}\n"
    return Message(subject=answer_subject(subject), text=text, html=_html(summary))


def _html(summary: str) -> str:
    parts: list[str] = []
    listing = False
    for line in summary.split("\n"):
        item = line.startswith("- ")
        if item and not listing:
            parts.append("<ul>")
        elif listing and not item:
            parts.append("</ul>")
        listing = item
        if item:
            parts.append(f"<li>{escape(line[2:])}</li>")
        elif line.strip():
            parts.append(f"<p>{escape(line)}</p>")
    if listing:
        parts.append("</ul>")
    body = "".join(parts)
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"></head>'
        f'<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;">{body}'
        f'<p style="color:#505a5f;">{escape(FOOTER)}</p></body></html>\n'
    )
