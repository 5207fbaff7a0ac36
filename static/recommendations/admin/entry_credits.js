/*
 * An entry's warning that one of its people is not credited on its film (entry_row.html): for an
 * Editor, a button that adds the credit at once (pick/credit/, recommendations/entry_credits.py),
 * as an actor, without saving or leaving the list. Without JavaScript the link to the film's
 * credits stays the way to do it.
 */
'use strict';
{
    function csrfToken() {
        const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
        return input ? input.value : '';
    }

    function init() {
        const meta = document.querySelector('meta[name="pick-credit-url"]');
        const buttons = document.querySelectorAll('.entry-add-credit');
        if (!meta || !buttons.length) {
            return;
        }
        for (const button of buttons) {
            button.hidden = false;
            button.addEventListener('click', () => {
                const warning = button.closest('.entry-credit-warning');
                const text = warning.querySelector('.entry-credit-text');
                warning.setAttribute('role', 'status');
                button.disabled = true;
                fetch(meta.content, {
                    method: 'POST',
                    body: new URLSearchParams({film: button.dataset.film, person: button.dataset.person}),
                    headers: {'X-CSRFToken': csrfToken()},
                    credentials: 'same-origin',
                })
                    .then((response) => response.json().then((answer) => ({ok: response.ok, answer})))
                    .then(({ok, answer}) => {
                        text.textContent = ok ? answer.text : answer.error || 'The credit could not be added.';
                        if (ok) {
                            warning.classList.add('entry-credit-added');
                            button.remove();
                        }
                    })
                    .catch(() => {
                        text.textContent = 'The site did not answer: no credit was added. Try again.';
                    })
                    .finally(() => {
                        button.disabled = false;
                    });
            });
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}
