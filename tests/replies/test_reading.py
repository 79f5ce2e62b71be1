"""Reading a reply's words and its token, without a database: pure rules."""

from __future__ import annotations

from datetime import date

import pytest

from domain.replies.mail import read_mail
from domain.replies.reading import new_text, read_reply, status_in
from domain.replies.tokens import (
    BadToken,
    ReplyToken,
    mint_token,
    read_token,
    reply_address,
    token_in,
)
from domain.vocabulary import Status
from infra.imap_box import MailboxError, parse_imap_url
from tests.replies.mails import PDF, reply

SECRET = "x" * 32


def test_only_the_new_text_is_read() -> None:
    outlook = "Audit booked.\r\n\r\nFrom: Closeout <closeout@x.org>\r\nSent: Monday\r\n1. Plans"
    assert new_text(outlook) == "Audit booked."
    assert new_text("Started.\n\nSent from my phone\n> quoted") == "Started."
    assert new_text("Done\n-- \nPriya\nService manager") == "Done"
    assert new_text("Blocked by HR.\n\nThanks,\nPriya") == "Blocked by HR."
    assert new_text("> 1. Plans\n> quoted only") == ""


def test_numbered_lines_name_areas_and_other_numbers_do_not() -> None:
    read = read_reply("Hi,\n2: audit booked\nat 14.30 today\nArea 3 - done\n#41: started", False)
    assert [(a.number, a.by_reference, a.text) for a in read.areas] == [
        (2, False, "audit booked\nat 14.30 today"),
        (3, False, "done"),
        (41, True, "started"),
    ]
    assert read.general == "Hi,"
    [whole] = read_reply("All done now.", True).areas
    assert (whole.number, whole.status) == (1, Status.COMPLETED)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Completed the audit", Status.COMPLETED),
        ("work has started", Status.IN_PROGRESS),
        ("blocked until HR agree", Status.BLOCKED),
        ("not done yet", None),
        ("started, now blocked", None),
        ("booked for March", None),
    ],
)
def test_status_words(text: str, status: Status | None) -> None:
    assert status_in(text)[0] == status


def test_a_token_names_its_person_and_digest_and_any_change_breaks_it() -> None:
    token = mint_token(ReplyToken(7, 1234, date(2026, 6, 1)), SECRET)
    assert read_token(token.upper(), SECRET) == ReplyToken(7, 1234, date(2026, 6, 1))
    changed = token[:-1] + ("a" if token[-1] != "a" else "b")
    for bad in (changed, token[:-2], "!" * 32):
        with pytest.raises(BadToken):
            read_token(bad, SECRET)
    with pytest.raises(BadToken):
        read_token(token, "another-secret")
    address = reply_address("Closeout@Replies.example.org", token)
    assert token_in(address.upper(), "closeout@replies.example.org") == token
    assert token_in("closeout@replies.example.org", "closeout@replies.example.org") is None


def test_a_mail_program_s_reply_is_read_with_its_attachment() -> None:
    mail = read_mail(
        reply(sender="Priya <P@X.org>", to="c+t@x.org", text="Done", files=(("a.pdf", PDF),))
    )
    assert (mail.sender, mail.recipients, mail.automatic) == ("p@x.org", ("c+t@x.org",), False)
    assert [a.file_name for a in mail.attachments] == ["a.pdf"]
    bounce = read_mail(b"From: MAILER-DAEMON@x.org\r\nAuto-Submitted: auto-replied\r\n\r\nx")
    assert bounce.automatic


def test_the_imap_url_is_read_and_its_password_kept_out_of_errors() -> None:
    found = parse_imap_url("imaps://replies%40x.org:pa%2Fss@mail.x.org/Inbox%20Replies")
    assert (found.user, found.password, found.port, found.folder) == (
        "replies@x.org",
        "pa/ss",
        993,
        "Inbox Replies",
    )
    assert "pa/ss" not in repr(found)
    with pytest.raises(MailboxError) as refused:
        parse_imap_url("http://u:secret@mail.x.org")
    assert "secret" not in str(refused.value)


def test_the_same_message_is_known_by_its_sender_and_message_id() -> None:
    one = reply(sender="a@x.org", to="c@x.org", text="Done", message_id="<same@x.org>")
    two = reply(sender="a@x.org", to="c@x.org", text="Different", message_id="<same@x.org>")
    other = reply(sender="b@x.org", to="c@x.org", text="Done", message_id="<same@x.org>")
    assert read_mail(one).key == read_mail(two).key != read_mail(other).key
