/*
 * A list's entries in the admin (EntryInline, recommendations/admin_entries.py):
 * Move up / Move down buttons, and each blurb's word count kept up to date.
 *
 * The rank inputs stay what is saved. A move swaps two entries' places on the
 * page and renumbers the ranks so the page reads as the countdown does: the top
 * entry has the highest number, the bottom one is #1. Without JavaScript the
 * editor types the ranks; nothing here is needed to save.
 *
 * Loaded as a file from the inline's Media: no inline script, so a
 * Content-Security-Policy without 'unsafe-inline' keeps working.
 */
'use strict';
{
    const PREFIX = 'entries';

    // The same words as word_count() in admin_entries.py counts.
    const LINK_TARGET = /\]\([^)]*\)/g;
    const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

    function wordCount(text) {
        const found = text.normalize('NFC').replace(LINK_TARGET, '] ').match(WORD);
        return found ? found.length : 0;
    }

    function words(count) {
        return count === 1 ? '1 word' : `${count} words`;
    }

    function field(row, name) {
        return row.querySelector(`[name^="${PREFIX}-"][name$="-${name}"]`);
    }

    function rows(group) {
        return Array.from(group.querySelectorAll('.inline-related:not(.empty-form)'));
    }

    function isSaved(row) {
        const id = field(row, 'id');
        return Boolean(id && id.value);
    }

    function isDeleted(row) {
        const deletion = field(row, 'DELETE');
        return Boolean(deletion && deletion.checked);
    }

    function rankOf(row) {
        const rank = field(row, 'rank');
        return rank && /^\d+$/.test(rank.value.trim()) ? Number(rank.value) : null;
    }

    function filmName(row) {
        const film = field(row, 'film');
        const chosen = film && film.value ? film.querySelector(`option[value="${CSS.escape(film.value)}"]`) : null;
        return chosen ? chosen.textContent.trim() : '';
    }

    // How the buttons and announcements name an entry.
    function entryName(row, group) {
        return filmName(row) || `new entry ${rows(group).indexOf(row) + 1}`;
    }

    // An entry takes a rank when it is saved, has a film or a rank, or was moved;
    // a blank extra form stays blank, so it is still ignored when saving.
    function isCounted(row) {
        if (isDeleted(row)) {
            return false;
        }
        const rank = field(row, 'rank');
        return isSaved(row) || Boolean(filmName(row)) || Boolean(rank && rank.value.trim()) || row.dataset.entryMoved === 'true';
    }

    function renumber(group) {
        const counted = rows(group).filter(isCounted);
        counted.forEach((row, index) => {
            const rank = field(row, 'rank');
            if (rank) {
                rank.value = String(counted.length - index);
            }
        });
    }

    // Django labels an entry “#6 Escape Plan (2013) in …” when the page is made, and
    // renumbers labels by position when one is added: keep them saying the rank.
    function refreshLabel(row) {
        const label = row.querySelector('.inline_label');
        const rank = rankOf(row);
        const text = label && label.firstChild;
        if (rank !== null && text && text.nodeType === Node.TEXT_NODE) {
            text.data = text.data.replace(/^#\d+/, `#${rank}`);
        }
    }

    function refresh(group) {
        const all = rows(group);
        all.forEach((row, index) => {
            const name = entryName(row, group);
            const up = row.querySelector('.entry-move-up');
            const down = row.querySelector('.entry-move-down');
            if (up && down) {
                up.setAttribute('aria-label', `Move up: ${name}`);
                down.setAttribute('aria-label', `Move down: ${name}`);
                up.disabled = index === 0;
                down.disabled = index === all.length - 1;
            }
            refreshLabel(row);
        });
    }

    function button(direction) {
        const element = document.createElement('button');
        element.type = 'button';
        element.className = `button entry-move entry-move-${direction}`;
        element.dataset.direction = direction;
        element.textContent = direction === 'up' ? 'Move up' : 'Move down';
        return element;
    }

    function updateWordCount(row) {
        const blurb = field(row, 'blurb');
        const count = row.querySelector('.entry-word-count');
        if (blurb && count) {
            count.textContent = words(wordCount(blurb.value));
        }
    }

    function enhance(row) {
        if (row.querySelector('.entry-order')) {
            return;
        }
        const controls = document.createElement('div');
        controls.className = 'entry-order';
        controls.append(button('up'), button('down'));
        row.querySelector('h3').after(controls);

        const film = field(row, 'film');
        row.dataset.savedFilm = film ? film.value : '';
        const blurb = field(row, 'blurb');
        const count = row.querySelector('.entry-word-count');
        if (blurb && count) {
            count.id = `${blurb.id}_wordcount`;
            const described = (blurb.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
            blurb.setAttribute('aria-describedby', [...described, count.id].join(' '));
        }
        updateWordCount(row);
    }

    function announce(group, message) {
        const status = group.querySelector('.entry-order-status');
        // Emptied first, so the same words twice in a row are read twice.
        status.textContent = '';
        window.setTimeout(() => {
            status.textContent = message;
        }, 50);
    }

    function move(group, row, direction) {
        const all = rows(group);
        const neighbour = all[all.indexOf(row) + (direction === 'up' ? -1 : 1)];
        if (!neighbour) {
            return;
        }
        if (direction === 'up') {
            neighbour.before(row);
        } else {
            neighbour.after(row);
        }
        row.dataset.entryMoved = 'true';
        renumber(group);
        refresh(group);

        // Moving an element takes the focus off it: give it back, or to the other
        // button when this one has just become disabled at the end of the list.
        const same = row.querySelector(`.entry-move-${direction}`);
        const other = row.querySelector(`.entry-move-${direction === 'up' ? 'down' : 'up'}`);
        (same.disabled ? other : same).focus();

        const name = entryName(row, group);
        const rank = rankOf(row);
        const counted = rows(group).filter(isCounted).length;
        const where = rank !== null && isCounted(row) ? `, now #${rank} of ${counted}` : '';
        announce(group, `Moved ${name} ${direction}${where}.`);
    }

    // Saved entries must keep the first form numbers (the server finds them by
    // their id there), new ones the rest. Django renumbers forms in page order when
    // an unsaved one is removed; after a move, page order can mix the two.
    function reindex(group) {
        const all = rows(group);
        const ordered = [...all.filter(isSaved), ...all.filter((row) => !isSaved(row))];
        const pattern = new RegExp(`${PREFIX}-(\\d+|__prefix__)(?=-|$)`, 'g');
        ordered.forEach((row, index) => {
            const replacement = `${PREFIX}-${index}`;
            for (const element of [row, ...row.querySelectorAll('*')]) {
                for (const attribute of ['id', 'name', 'for', 'aria-describedby', 'aria-labelledby', 'aria-controls']) {
                    const value = element.getAttribute(attribute);
                    if (value && value.includes(`${PREFIX}-`)) {
                        element.setAttribute(attribute, value.replace(pattern, replacement));
                    }
                }
            }
        });
    }

    // After a failed save the forms come back in form order, with the ranks the
    // editor gave them: put them back in countdown order, unranked ones last.
    function sortByRank(group) {
        const all = rows(group);
        const sorted = all
            .map((row, index) => ({row, index, rank: rankOf(row)}))
            .sort((a, b) => (b.rank ?? -Infinity) - (a.rank ?? -Infinity) || a.index - b.index)
            .map(({row}) => row);
        if (sorted.some((row, index) => row !== all[index])) {
            const anchor = all[all.length - 1].nextSibling;
            sorted.forEach((row) => anchor.parentNode.insertBefore(row, anchor));
        }
    }

    function init() {
        const group = document.getElementById(`${PREFIX}-group`);
        if (!group || !rows(group).length) {
            return;
        }
        const status = document.createElement('p');
        status.className = 'entry-order-status visually-hidden';
        status.setAttribute('role', 'status');
        group.prepend(status);

        sortByRank(group);
        rows(group).forEach(enhance);
        refresh(group);

        group.addEventListener('click', (event) => {
            const control = event.target.closest('.entry-move');
            if (control && group.contains(control)) {
                move(group, control.closest('.inline-related'), control.dataset.direction);
            }
        });
        group.addEventListener('input', (event) => {
            const row = event.target.closest('.inline-related');
            if (!row) {
                return;
            }
            if (event.target.name && event.target.name.endsWith('-blurb')) {
                updateWordCount(row);
            } else if (event.target.name && event.target.name.endsWith('-rank')) {
                refreshLabel(row);
            }
        });

        const filmChanged = (event) => {
            const target = event.target;
            if (!target.name || !target.name.endsWith('-film')) {
                return;
            }
            const row = target.closest('.inline-related');
            // The poster and year are the saved film's until the list is saved again.
            const saved = row.querySelector('.entry-film');
            if (saved) {
                saved.hidden = target.value !== row.dataset.savedFilm;
            }
            refresh(group);
        };
        group.addEventListener('change', filmChanged);
        if (window.django && window.django.jQuery) {
            // The film autocomplete (select2) reports a choice through jQuery only.
            window.django.jQuery(group).on('change', 'select', (event) => filmChanged(event.originalEvent || event));
        }

        document.addEventListener('formset:added', (event) => {
            if (event.detail && event.detail.formsetName === PREFIX) {
                enhance(event.target);
                refresh(group);
            }
        });
        document.addEventListener('formset:removed', (event) => {
            if (event.detail && event.detail.formsetName === PREFIX) {
                // Django renumbers the forms just after telling us.
                window.setTimeout(() => {
                    reindex(group);
                    refresh(group);
                }, 0);
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}
