"""Sign-in attempts are limited: five wrong passwords lock a username out from that address for 15 minutes."""

import datetime

import pytest
import time_machine
from django.utils import timezone

LOGIN = "/admin/login/?next=/admin/"
LOCKED = "Too many failed sign-in attempts for this username from your address."


@pytest.fixture
def writer(django_user_model):
    return django_user_model.objects.create_user("writer", password="right password", is_staff=True)


def sign_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address, **headers
    )


def fail_five_times(client, username, address="203.0.113.7", **headers):
    for _ in range(4):
        response = sign_in(client, username, "wrong", address, **headers)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    # The fifth failure already says what happens next.
    fifth = sign_in(client, username, "wrong", address, **headers)
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, editor):
    fail_five_times(client, editor.username)

    response = sign_in(client, editor.username, "correct horse")

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "Signing in is blocked for 15 minutes, even with the right password." in page
    # The admin's own sign-in page, with the username kept.
    assert 'id="login-form"' in page
    assert f'value="{editor.username}"' in page
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_another_user_from_the_same_address_is_unaffected(client, editor, writer):
    fail_five_times(client, editor.username)

    response = sign_in(client, writer.username, "right password")

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_same_user_from_another_address_is_unaffected(client, editor):
    fail_five_times(client, editor.username, address="203.0.113.7")

    response = sign_in(client, editor.username, "correct horse", address="198.51.100.20")

    assert response.status_code == 302


def test_fewer_than_five_failures_do_not_lock_and_a_success_starts_the_count_again(client, editor):
    for _ in range(4):
        sign_in(client, editor.username, "wrong")
    assert sign_in(client, editor.username, "correct horse").status_code == 302
    client.logout()

    for _ in range(4):
        sign_in(client, editor.username, "wrong")

    assert sign_in(client, editor.username, "correct horse").status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, editor):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail_five_times(client, editor.username)
        clock.shift(datetime.timedelta(minutes=14))
        assert sign_in(client, editor.username, "correct horse").status_code == 429

        clock.shift(datetime.timedelta(minutes=16))
        assert sign_in(client, editor.username, "correct horse").status_code == 302


def test_behind_a_load_balancer_the_address_it_saw_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    balancer = "10.0.0.2"
    # Each reader's address as the balancer appended it; what a client puts before it is ignored.
    fail_five_times(client, editor.username, address=balancer, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")

    other_reader = sign_in(
        client, editor.username, "correct horse", address=balancer, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert other_reader.status_code == 302
    client.logout()
    forged = sign_in(
        client, editor.username, "correct horse", address=balancer, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7"
    )
    assert forged.status_code == 429


@pytest.mark.parametrize(
    "login_page, sent_next",
    [
        ("/admin/login/?next=https://evil.example/admin/", "https://evil.example/admin/"),
        ("/admin/login/?next=//evil.example/", "//evil.example/"),
        ("/admin/login/?next=", ""),
        ("/admin/login/", None),
    ],
    ids=["another site", "scheme-relative", "empty", "missing"],
)
def test_a_sign_in_with_a_refused_or_missing_next_lands_on_the_admin_index(client, editor, login_page, sent_next):
    form = {"username": editor.username, "password": "correct horse"}
    if sent_next is not None:
        form["next"] = sent_next

    response = client.post(login_page, form)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200
