/*
 * Create where you type: the admin's film, person and theme pickers (its select2 autocompletes).
 *
 * - When what was typed names nothing, the picker's last offer is “Create “Heat” (1995)”
 *   (recommendations/picking.py). Choosing it, by click or Enter, makes the row at once
 *   (a POST to pick/create/) and picks it, without leaving the form.
 * - The people and themes pickers take more than one name. Whatever is still typed in one when
 *   the editor moves on is picked too: the person or theme of that exact name, or a new one.
 *   A save waits for it, so nothing typed is lost.
 * - The “+” beside a picker opens its popup with what was typed filled in.
 * Rows made here wait for an Editor before readers see them; the status line says so.
 *
 * Loaded as a file through the admin's Media; the addresses come from <meta> tags in
 * templates/admin/base_site.html.
 */
'use strict';
{
    const $ = window.django.jQuery;
    const CREATE_PREFIX = 'create:';
    const pending = new Set();
    let closing = false;

    function endpoint(name) {
        const meta = document.querySelector(`meta[name="${name}"]`);
        return meta ? meta.content : '';
    }

    function csrfToken() {
        const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
        return input ? input.value : '';
    }

    function say(select, message) {
        const row = select.closest('.form-row') || select.parentElement;
        let status = row.querySelector('.picker-status');
        if (!status) {
            status = document.createElement('p');
            status.className = 'help picker-status';
            status.setAttribute('role', 'status');
            row.append(status);
        }
        status.textContent = message;
    }

    // Makes (or finds) what `term` names for this picker, and picks it.
    function create(select, term) {
        const query = new URLSearchParams({
            app_label: select.dataset.appLabel,
            model_name: select.dataset.modelName,
            field_name: select.dataset.fieldName,
        });
        const body = new URLSearchParams({term});
        const request = fetch(`${endpoint('pick-create-url')}?${query}`, {
            method: 'POST',
            body,
            headers: {'X-CSRFToken': csrfToken()},
            credentials: 'same-origin',
        })
            .then((response) => response.json().then((answer) => ({ok: response.ok, answer})))
            .then(({ok, answer}) => {
                if (!ok) {
                    say(select, answer.error || 'That could not be made.');
                    return;
                }
                pick(select, answer.id, answer.text);
                say(select, answer.created ? `${answer.text} is ${answer.note}.` : `Picked ${answer.text}.`);
            })
            .catch(() => say(select, 'The site did not answer: nothing was made. Try again.'))
            .finally(() => pending.delete(request));
        pending.add(request);
        return request;
    }

    function pick(select, id, text) {
        let option = Array.from(select.options).find((candidate) => candidate.value === String(id));
        if (!option) {
            option = new Option(text, id, true, true);
            select.append(option);
        }
        option.selected = true;
        $(select).trigger('change');
    }

    // The text typed into a picker, kept for its "+" popup and for a name left typed in it.
    function pickerOf(search) {
        const inline = search.closest('.select2-selection--multiple');
        if (inline) {
            return search.closest('.select2-container').previousElementSibling;
        }
        return document.querySelector('select.select2-hidden-accessible[data-select2-open="true"]');
    }

    $(document).on('select2:selecting', 'select.admin-autocomplete', (event) => {
        const data = event.params.args.data;
        if (!String(data.id).startsWith(CREATE_PREFIX)) {
            event.target.dataset.picked = 'true';
            return;
        }
        event.preventDefault();
        $(event.target).select2('close');
        create(event.target, String(data.id).slice(CREATE_PREFIX.length));
    });
    $(document).on('select2:open', 'select.admin-autocomplete', (event) => {
        event.target.dataset.select2Open = 'true';
    });
    $(document).on('select2:close', 'select.admin-autocomplete', (event) => {
        delete event.target.dataset.select2Open;
    });

    document.addEventListener('input', (event) => {
        if (event.target.classList && event.target.classList.contains('select2-search__field')) {
            const select = pickerOf(event.target);
            if (select) {
                select.dataset.typed = event.target.value;
                delete select.dataset.picked;
            }
        }
    });

    // A name left typed in a people or themes picker is picked when the editor moves on, unless
    // they picked something from the list meanwhile.
    document.addEventListener('focusout', (event) => {
        const search = event.target;
        if (closing || !search.classList || !search.classList.contains('select2-search__field')) {
            return;
        }
        const select = pickerOf(search);
        const term = search.value.trim();
        // Off to the "+" popup, which takes the typed text with it: nothing is picked here.
        const toPopup = event.relatedTarget && event.relatedTarget.closest('.related-widget-wrapper-link');
        if (!select || !select.multiple || !term || toPopup) {
            return;
        }
        const waited = new Promise((resolve) => {
            window.setTimeout(() => {
                const stillTyping = document.activeElement === search;
                const picked = select.dataset.picked === 'true';
                resolve(stillTyping || picked ? null : create(select, term));
                if (!stillTyping) {
                    closeLeavingFocus(select);
                }
            }, 200);
        });
        pending.add(waited);
        waited.finally(() => pending.delete(waited));
    });

    // Its list of matches, still open when the editor moved on without a click. Select2 gives a closing
    // picker the focus back: it goes back to where the editor is.
    function closeLeavingFocus(select) {
        const active = document.activeElement;
        closing = true;
        try {
            $(select).select2('close');
        } finally {
            closing = false;
        }
        if (active && active !== document.activeElement && active !== document.body) {
            active.focus({preventScroll: true});
        }
    }

    // A save waits for what the pickers are still making, then goes ahead as the editor asked.
    document.addEventListener('submit', (event) => {
        if (!pending.size) {
            return;
        }
        event.preventDefault();
        const form = event.target;
        const submitter = event.submitter;
        Promise.allSettled(Array.from(pending)).then(() => {
            const settled = () => (pending.size ? Promise.allSettled(Array.from(pending)).then(settled) : null);
            return settled();
        }).then(() => form.requestSubmit(submitter || undefined));
    }, true);

    // Select2's box is named by what is picked in it, and an empty one by nothing: each is named by its
    // field's label too.
    // In a table's row there is no <label>: the <select> is named by its column (aria-label).
    function label(select) {
        const container = select.nextElementSibling;
        if (!container || !container.classList.contains('select2')) {
            return;
        }
        let name = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        if (!name && select.getAttribute('aria-label')) {
            name = document.getElementById(`${select.id}-name`) || document.createElement('span');
            name.id = `${select.id}-name`;
            name.className = 'visually-hidden';
            name.textContent = select.getAttribute('aria-label');
            container.append(name);
        }
        if (!name) {
            return;
        }
        name.id = name.id || `${select.id}-label`;
        const rendered = container.querySelector('.select2-selection__rendered');
        const box = container.querySelector('.select2-selection');
        if (box && box.classList.contains('select2-selection--single')) {
            box.setAttribute('aria-labelledby', `${name.id} ${rendered.id}`);
            rendered.setAttribute('aria-labelledby', name.id);
        } else if (box) {
            box.setAttribute('aria-labelledby', name.id);
        }
        const search = container.querySelector('.select2-search--inline .select2-search__field');
        if (search) {
            search.setAttribute('aria-labelledby', name.id);
        }
        // The × that clears every choice sits in the list of choices: it goes in an item of its own.
        for (const stray of container.querySelectorAll('li.select2-clear-item:empty')) {
            stray.remove();
        }
        const clear = container.querySelector('ul.select2-selection__rendered > .select2-selection__clear');
        if (clear) {
            const item = document.createElement('li');
            item.className = 'select2-clear-item';
            clear.before(item);
            item.append(clear);
        }
    }

    function labelAll(root) {
        root.querySelectorAll('select.admin-autocomplete').forEach(label);
    }

    // After the admin's autocomplete.js has made the boxes, on jQuery's ready and for each new entry.
    $(() => labelAll(document));
    document.addEventListener('formset:added', (event) => labelAll(event.target));
    $(document).on('change', 'select.admin-autocomplete', (event) => label(event.target));

    // The "+" popup opens with what was typed: ?title=Heat&year=1995 for a film, ?name=… otherwise.
    document.addEventListener('click', (event) => {
        const link = event.target.closest && event.target.closest('a.related-widget-wrapper-link.add-related');
        if (!link) {
            return;
        }
        const select = link.closest('.related-widget-wrapper').querySelector('select');
        link.dataset.baseHref = link.dataset.baseHref || link.getAttribute('href');
        const url = new URL(link.dataset.baseHref, window.location.href);
        const typed = (select && select.dataset.typed || '').trim();
        if (typed) {
            const film = /\/film\/add\/$/.test(url.pathname);
            const year = /^(.*?\S)\s*(?:\((\d{4})\)|(\d{4}))$/.exec(typed);
            if (film && year) {
                url.searchParams.set('title', year[1]);
                url.searchParams.set('year', year[2] || year[3]);
            } else {
                url.searchParams.set(film ? 'title' : 'name', typed);
            }
        }
        link.setAttribute('href', url.pathname + url.search);
    }, true);
}
