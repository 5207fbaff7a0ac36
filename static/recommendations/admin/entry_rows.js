/*
 * A list's entries in the admin (templates/admin/recommendations/article/entries_inline.html):
 * their numbers and their order.
 *
 * The rank inputs stay what is saved, and the page reads as the countdown does: the highest
 * number at the top, #1 at the bottom. This keeps the numbers and the order in step:
 * - a new entry (“Add an entry”, the “Add films” box) gets the next number up, the top of the
 *   countdown; the blank spare row has none until a film is chosen in it;
 * - “Toward #1” and “Away from #1” move an entry one place, by mouse or keyboard, and dragging
 *   an entry by its bar moves it anywhere; the numbers then follow the order;
 * - a number typed onto one another entry holds takes it, and the entries from there move one
 *   place toward the number it left, as far as the first free one: the rule a save without
 *   JavaScript follows (ranking.make_room);
 * - “Renumber 1..N” closes the gaps.
 * Each move is said in the status line above the entries, which screen readers announce.
 *
 * Other scripts use window.listEntries (below): entry_fold.js, add_films.js. Loaded as a file
 * from the inline's Media: the Content-Security-Policy allows no inline script.
 */
'use strict';
{
    const PREFIX = 'entries';

    function group() {
        return document.getElementById(`${PREFIX}-group`);
    }

    function field(row, name) {
        return row.querySelector(`[name^="${PREFIX}-"][name$="-${name}"]`);
    }

    function rows() {
        return Array.from(group().querySelectorAll('.inline-related:not(.empty-form)'));
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

    function setRank(row, rank) {
        field(row, 'rank').value = rank === null ? '' : String(rank);
        row.dataset.rank = rank === null ? '' : String(rank);
    }

    function filmName(row) {
        const film = field(row, 'film');
        const chosen = film && film.value ? film.querySelector(`option[value="${CSS.escape(film.value)}"]`) : null;
        return chosen ? chosen.textContent.trim() : '';
    }

    function entryName(row) {
        return filmName(row) || 'the new entry';
    }

    // An entry has a number when it is saved, has a film or a number, or was moved; a blank spare row has
    // none, and a save ignores it.
    function isCounted(row) {
        if (isDeleted(row)) {
            return false;
        }
        return isSaved(row) || Boolean(filmName(row)) || rankOf(row) !== null || row.dataset.entryMoved === 'true';
    }

    function counted() {
        return rows().filter(isCounted);
    }

    function nextRank() {
        return Math.max(0, ...counted().map(rankOf).filter((rank) => rank !== null)) + 1;
    }

    function announce(message) {
        const status = document.getElementById('entries-status');
        // Emptied first, so the same words twice in a row are read twice.
        status.textContent = '';
        window.setTimeout(() => {
            status.textContent = message;
        }, 50);
    }

    function changed(row) {
        row.dispatchEvent(new CustomEvent('entry:changed', {bubbles: true}));
    }

    // The page in countdown order: the template for new rows first (Django adds new rows just
    // before it), then entries without a number, then the others from the highest number down.
    function sortByRank() {
        const all = rows();
        if (!all.length) {
            return;
        }
        const sorted = all
            .map((row, index) => ({row, index, rank: isCounted(row) ? rankOf(row) : null}))
            .sort((a, b) => (b.rank ?? Infinity) - (a.rank ?? Infinity) || a.index - b.index)
            .map(({row}) => row);
        let previous = document.getElementById(`${PREFIX}-empty`) || all[0].previousElementSibling;
        for (const row of sorted) {
            if (previous.nextElementSibling !== row) {
                previous.after(row);
            }
            previous = row;
        }
    }

    // Numbers that follow the order on the page: the top entry has the highest, the bottom one #1.
    function numberByOrder() {
        const list = counted();
        const moved = [];
        list.forEach((row, index) => {
            const rank = list.length - index;
            if (rankOf(row) !== rank) {
                moved.push(`${entryName(row)} #${rankOf(row) ?? '–'} → #${rank}`);
                setRank(row, rank);
                changed(row);
            }
        });
        return moved;
    }

    function button(direction, label) {
        const element = document.createElement('button');
        element.type = 'button';
        element.className = `button entry-move entry-move-${direction}`;
        element.dataset.direction = direction;
        element.textContent = label;
        return element;
    }

    function refresh() {
        const list = counted();
        for (const row of rows()) {
            const index = list.indexOf(row);
            const name = entryName(row);
            const toward = row.querySelector('.entry-move-toward');
            const away = row.querySelector('.entry-move-away');
            if (!toward) {
                continue;
            }
            toward.setAttribute('aria-label', `Move ${name} toward #1`);
            away.setAttribute('aria-label', `Move ${name} away from #1`);
            toward.disabled = index === -1 || index === list.length - 1;
            away.disabled = index <= 0;
            row.querySelector('.entry-order').hidden = index === -1;
            row.querySelector('.entry-bar').draggable = index !== -1;
        }
    }

    function enhance(row) {
        if (row.querySelector('.entry-order')) {
            return;
        }
        const controls = document.createElement('div');
        controls.className = 'entry-order';
        const handle = document.createElement('span');
        handle.className = 'entry-drag-handle';
        handle.title = 'Drag to move';
        handle.setAttribute('aria-hidden', 'true');
        handle.textContent = '⠿';
        controls.append(handle, button('toward', '↓ Toward #1'), button('away', '↑ Away from #1'));
        row.querySelector('.entry-bar').append(controls);
        row.dataset.rank = rankOf(row) ?? '';
    }

    function move(row, direction) {
        const list = counted();
        const neighbour = list[list.indexOf(row) + (direction === 'toward' ? 1 : -1)];
        if (!neighbour) {
            return;
        }
        if (direction === 'toward') {
            neighbour.after(row);
        } else {
            neighbour.before(row);
        }
        row.dataset.entryMoved = 'true';
        numberByOrder();
        refresh();

        // Moving an element takes the focus off it: give it back, or to the other
        // button when this one has just become disabled at the end of the list.
        const same = row.querySelector(`.entry-move-${direction}`);
        const other = row.querySelector(`.entry-move-${direction === 'toward' ? 'away' : 'toward'}`);
        (same.disabled ? other : same).focus();
        const where = direction === 'toward' ? 'toward #1' : 'away from #1';
        announce(`Moved ${entryName(row)} ${where}, now #${rankOf(row)} of ${counted().length}.`);
    }

    // A number typed onto a taken one: that entry takes it, the others move along (ranking.make_room).
    function placeTyped(row) {
        const rank = rankOf(row);
        const before = row.dataset.rank ? Number(row.dataset.rank) : null;
        row.dataset.rank = rank ?? '';
        if (rank === null || rank === before) {
            return;
        }
        const holders = new Map(counted().filter((other) => other !== row).map((other) => [rankOf(other), other]));
        const step = before !== null && before < rank ? -1 : 1;
        const chain = [];
        for (let at = rank; holders.has(at) && at >= 1; at += step) {
            chain.push(holders.get(at));
        }
        const moved = chain.map((other) => {
            const from = rankOf(other);
            setRank(other, from + step);
            changed(other);
            return `${entryName(other)} #${from} → #${from + step}`;
        });
        sortByRank();
        refresh();
        field(row, 'rank').focus();
        const along = moved.length ? ` To make room, moved along: ${moved.join(', ')}.` : '';
        announce(`${entryName(row)} is now #${rank}.${along}`);
    }

    function renumber() {
        const moved = numberByOrder();
        refresh();
        const total = counted().length;
        announce(
            moved.length
                ? `Numbered 1 to ${total} in the order shown: ${moved.join(', ')}. Save to keep it.`
                : `Already numbered 1 to ${total}.`,
        );
    }

    // A new row (from “Add an entry” or the “Add films” box) starts with the next number up.
    function added(row) {
        enhance(row);
        setRank(row, nextRank());
        sortByRank();
        refresh();
    }

    // A film chosen in the spare row gives it the next number up.
    function filmChosen(row) {
        if (!isSaved(row) && rankOf(row) === null && filmName(row)) {
            setRank(row, nextRank());
            sortByRank();
        }
        refresh();
        changed(row);
    }

    // Saved entries must keep the first form numbers (the server finds them by
    // their id there), new ones the rest. Django renumbers forms in page order when
    // an unsaved one is removed; the page order has new ones first.
    function reindex() {
        const all = rows();
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

    function enableDragging(entries) {
        let dragged = null;
        entries.addEventListener('dragstart', (event) => {
            const bar = event.target.closest && event.target.closest('.entry-bar');
            if (!bar || !bar.draggable) {
                return;
            }
            dragged = bar.closest('.inline-related');
            dragged.classList.add('entry-dragging');
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', entryName(dragged));
        });
        entries.addEventListener('dragover', (event) => {
            const over = event.target.closest && event.target.closest('.inline-related:not(.empty-form)');
            if (dragged && over && over !== dragged && isCounted(over)) {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
            }
        });
        entries.addEventListener('drop', (event) => {
            const over = event.target.closest && event.target.closest('.inline-related:not(.empty-form)');
            if (!dragged || !over || over === dragged || !isCounted(over)) {
                return;
            }
            event.preventDefault();
            const box = over.getBoundingClientRect();
            if (event.clientY > box.top + box.height / 2) {
                over.after(dragged);
            } else {
                over.before(dragged);
            }
            dragged.dataset.entryMoved = 'true';
            numberByOrder();
            refresh();
            announce(`Moved ${entryName(dragged)} to #${rankOf(dragged)} of ${counted().length}.`);
        });
        entries.addEventListener('dragend', () => {
            if (dragged) {
                dragged.classList.remove('entry-dragging');
            }
            dragged = null;
        });
    }

    function init() {
        const entries = group();
        if (!entries) {
            return;
        }
        const tools = entries.querySelector('.entries-buttons');
        tools.hidden = false;
        // Django's “Add another Entry” goes where new entries go: with the tools above them.
        const addRow = entries.querySelector('.add-row');
        if (addRow) {
            addRow.querySelector('a').textContent = 'Add an entry';
            tools.prepend(addRow);
        }
        const renumberAndSave = document.querySelector('.renumber-and-save');
        if (renumberAndSave) {
            renumberAndSave.hidden = true; // the button above the entries does it at once
        }

        sortByRank();
        rows().forEach(enhance);
        refresh();
        enableDragging(entries);

        document.getElementById('entries-renumber').addEventListener('click', renumber);
        entries.addEventListener('click', (event) => {
            const control = event.target.closest('.entry-move');
            if (control) {
                move(control.closest('.inline-related'), control.dataset.direction);
            }
        });
        entries.addEventListener('change', (event) => {
            const row = event.target.closest('.inline-related');
            if (row && event.target.name && event.target.name.endsWith('-rank')) {
                placeTyped(row);
            } else if (row && event.target.name && event.target.name.endsWith('-DELETE')) {
                refresh();
            }
        });
        // The film autocomplete (select2) reports a choice through jQuery only.
        window.django.jQuery(entries).on('change', 'select[name$="-film"]', (event) => {
            filmChosen(event.target.closest('.inline-related'));
        });
        document.addEventListener('formset:added', (event) => {
            if (event.detail && event.detail.formsetName === PREFIX) {
                added(event.target);
            }
        });
        document.addEventListener('formset:removed', (event) => {
            if (event.detail && event.detail.formsetName === PREFIX) {
                // Django renumbers the forms just after telling us.
                window.setTimeout(() => {
                    reindex();
                    refresh();
                }, 0);
            }
        });
    }

    window.listEntries = {field, rows, counted, entryName, filmName, rankOf, isSaved, isCounted, announce, refresh};

    // After the admin's own inline and autocomplete scripts, which set up on jQuery's ready.
    window.django.jQuery(init);
}
