/*
 * Autosave for a list's change form (recommendations/autosaves.py): a few seconds after the editor
 * stops typing, the form is posted to the autosave address, as it would be saved, and kept there as
 * her unsaved work on this list. Once more as the page goes away, if anything changed since.
 * Nothing here saves the list: that is still the Save button's job, with its edit-conflict check.
 */
'use strict';
{
    const QUIET_MS = 3000;

    function state(form) {
        const data = new FormData(form);
        data.delete('csrfmiddlewaretoken');
        return new URLSearchParams(data).toString();
    }

    function setUp() {
        const status = document.querySelector('[data-autosave-url]');
        const form = status && document.getElementById(status.dataset.formId);
        if (!form) {
            return;
        }
        const url = status.dataset.autosaveUrl;
        // A form restored from an autosave is already what was kept.
        let kept = state(form);
        let timer = null;
        let saving = false;

        function changed() {
            return state(form) !== kept;
        }

        function save() {
            if (saving || !changed()) {
                return;
            }
            saving = true;
            const sent = state(form);
            fetch(url, {method: 'POST', body: new FormData(form), credentials: 'same-origin'})
                .then((response) => {
                    if (response.redirected || response.status === 403) {
                        throw new Error('Not autosaved: your session has ended. Sign in again in another tab; your changes are still in this form, and the ones autosaved before are kept.');
                    }
                    if (!response.ok) {
                        throw new Error(`Not autosaved (the site answered ${response.status}); your changes are still in this form.`);
                    }
                    return response.json();
                })
                .then((answer) => {
                    kept = sent;
                    status.textContent = `Your changes were autosaved at ${answer.time}: they are kept for you, not saved to the list.`;
                })
                .catch((error) => {
                    status.textContent = error.message.startsWith('Not autosaved') ? error.message : 'Not autosaved: the site did not answer. Your changes are still in this form.';
                })
                .finally(() => {
                    saving = false;
                    if (changed()) {
                        later();
                    }
                });
        }

        function later() {
            window.clearTimeout(timer);
            timer = window.setTimeout(save, QUIET_MS);
        }

        form.addEventListener('input', later);
        form.addEventListener('change', later);
        if (window.django && window.django.jQuery) {
            window.django.jQuery(form).on('change', later);
        }
        // Saving the list makes the autosave pointless (the server clears it); Preview, in a new tab, does not.
        form.addEventListener('submit', (event) => {
            if (!event.submitter || event.submitter.name !== '_preview') {
                window.clearTimeout(timer);
            }
        });
        window.addEventListener('pagehide', () => {
            if (changed() && !form.dataset.submitting) {
                navigator.sendBeacon(url, new FormData(form));
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', setUp);
    } else {
        setUp();
    }
}
