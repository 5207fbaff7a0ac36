/*
 * Leaving a list's change form with changes not saved asks first (the browser's own "Leave site?"
 * question). Saving, and the buttons that save on the way (Add as entry), leave without asking;
 * Preview, which opens a new tab, does not count as leaving.
 */
'use strict';
{
    function state(form) {
        const data = new FormData(form);
        data.delete('csrfmiddlewaretoken');
        return new URLSearchParams(data).toString();
    }

    function setUp() {
        const marker = document.querySelector('[data-autosave-url]');
        const form = marker && document.getElementById(marker.dataset.formId);
        if (!form) {
            return;
        }
        // Read once the admin's widgets have set themselves up, so that their own changes are not the editor's.
        let saved = null;
        window.setTimeout(() => {
            saved = 'unsavedFromStart' in marker.dataset ? null : state(form);
        }, 0);
        form.addEventListener('submit', (event) => {
            const button = event.submitter;
            if (!button || button.name !== '_preview') {
                form.dataset.submitting = 'true';
            }
        });
        window.addEventListener('beforeunload', (event) => {
            if (form.dataset.submitting || state(form) === saved) {
                return;
            }
            event.preventDefault();
            event.returnValue = '';
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', setUp);
    } else {
        setUp();
    }
}
