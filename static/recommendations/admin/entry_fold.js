/*
 * A list's entries fold to one line each, “#3 · Out of Death (2021) · 87 words · 2 themes · 1 person”,
 * and open on a click (or Enter or Space) on that line; a list of more than LONG_LIST entries
 * opens with its saved entries folded, so the whole countdown fits on a screen or two. New
 * entries, and entries with an error, stay open. Each blurb's word count is kept up to date too.
 *
 * The line is the entry's heading, made a button (aria-expanded, aria-controls), as an accordion
 * is. Other scripts open an entry with an "entry:open" event (error_summary.js), and say an
 * entry changed with "entry:changed" (entry_rows.js). Without JavaScript every entry is open.
 */
'use strict';
{
    const LONG_LIST = 4;

    // The same words as word_count() in admin_entries.py counts.
    const LINK_TARGET = /\]\([^)]*\)/g;
    const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

    function wordCount(text) {
        const found = text.normalize('NFC').replace(LINK_TARGET, '] ').match(WORD);
        return found ? found.length : 0;
    }

    function plural(count, one, many) {
        return `${count} ${count === 1 ? one : many}`;
    }

    function chosen(row, name) {
        const select = window.listEntries.field(row, name);
        return select ? select.selectedOptions.length : 0;
    }

    function summary(row) {
        const entries = window.listEntries;
        const film = entries.filmName(row);
        if (!film) {
            return 'New entry';
        }
        const rank = entries.rankOf(row);
        const blurb = entries.field(row, 'blurb');
        return [
            rank === null ? '' : `#${rank}`,
            film,
            plural(wordCount(blurb ? blurb.value : ''), 'word', 'words'),
            plural(chosen(row, 'themes'), 'theme', 'themes'),
            plural(chosen(row, 'people'), 'person', 'people'),
        ].filter(Boolean).join(' · ');
    }

    function update(row) {
        const line = row.querySelector('.entry-summary');
        if (line) {
            line.textContent = summary(row);
        }
        const blurb = window.listEntries.field(row, 'blurb');
        const count = row.querySelector('.entry-word-count');
        if (blurb && count) {
            count.textContent = plural(wordCount(blurb.value), 'word', 'words');
        }
    }

    function isOpen(row) {
        const body = row.querySelector('.entry-body');
        return Boolean(body) && !body.hidden;
    }

    function setOpen(row, open) {
        const body = row.querySelector('.entry-body');
        const toggle = row.querySelector('.entry-toggle');
        if (!body || !toggle) {
            return;
        }
        body.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        row.classList.toggle('entry-folded', !open);
    }

    function enhance(row) {
        const line = row.querySelector('.entry-summary');
        const body = row.querySelector('.entry-body');
        if (!line || !body || row.querySelector('.entry-toggle')) {
            return;
        }
        const toggle = document.createElement('button');
        toggle.type = 'button';
        toggle.className = 'entry-toggle';
        toggle.setAttribute('aria-controls', body.id);
        line.replaceWith(toggle);
        toggle.append(line);

        const blurb = window.listEntries.field(row, 'blurb');
        const count = row.querySelector('.entry-word-count');
        if (blurb && count) {
            count.id = `${blurb.id}_wordcount`;
            const described = (blurb.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
            blurb.setAttribute('aria-describedby', [...described, count.id].join(' '));
        }
        update(row);
    }

    function init() {
        const entries = document.getElementById('entries-group');
        if (!entries) {
            return;
        }
        const rows = window.listEntries.rows();
        rows.forEach(enhance);
        const long = window.listEntries.counted().length > LONG_LIST;
        for (const row of rows) {
            const open = !long || !window.listEntries.isSaved(row) || row.classList.contains('entry-has-errors');
            setOpen(row, open);
        }

        const foldAll = document.getElementById('entries-fold');
        const labelFoldAll = () => {
            const anyOpen = window.listEntries.rows().some(isOpen);
            foldAll.textContent = anyOpen ? 'Fold every entry' : 'Open every entry';
        };
        foldAll.addEventListener('click', () => {
            const open = !window.listEntries.rows().some(isOpen);
            window.listEntries.rows().forEach((row) => setOpen(row, open));
            labelFoldAll();
        });
        labelFoldAll();

        entries.addEventListener('click', (event) => {
            const toggle = event.target.closest('.entry-toggle');
            if (toggle) {
                const row = toggle.closest('.inline-related');
                setOpen(row, !isOpen(row));
                labelFoldAll();
            }
        });
        for (const type of ['input', 'change', 'entry:changed']) {
            entries.addEventListener(type, (event) => {
                const row = event.target.closest && event.target.closest('.inline-related');
                if (row) {
                    update(row);
                }
            });
        }
        entries.addEventListener('entry:open', (event) => {
            setOpen(event.target.closest('.inline-related'), true);
            labelFoldAll();
        });
        // The autocompletes (select2) report a choice through jQuery only.
        window.django.jQuery(entries).on('change', 'select', (event) => update(event.target.closest('.inline-related')));
        document.addEventListener('formset:added', (event) => {
            if (event.detail && event.detail.formsetName === 'entries') {
                enhance(event.target);
                setOpen(event.target, true);
                labelFoldAll();
            }
        });
    }

    // After entry_rows.js, which sets up on jQuery's ready too.
    window.django.jQuery(init);
}
