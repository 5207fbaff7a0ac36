/*
 * The “Add films” box above a list's entries (entries_tools.html): several films at once, one per
 * line (“Thief 1981”, “Thief (1981)”), each becoming an entry at the top of the countdown, in the
 * order typed: the first line gets the highest number.
 *
 * The lines go to pick/films/ (recommendations/picking.py), which finds each film or makes it
 * (waiting for an Editor), all in one go; each becomes a new entry row here, the blank spare row
 * first, through Django's own “Add an entry”. A line that names no single film, or a film the
 * list already has, stays in the box with the reason. Nothing is saved until the editor saves.
 */
'use strict';
{
    function csrfToken() {
        const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
        return input ? input.value : '';
    }

    function blankRow() {
        const entries = window.listEntries;
        return entries.rows().find((row) => !entries.isSaved(row) && !entries.isCounted(row));
    }

    // The blank spare row, or else a new row from Django's own “Add an entry”, which tells of it at once.
    function newRow() {
        const spare = blankRow();
        if (spare) {
            return spare;
        }
        let made = null;
        const take = (event) => {
            made = event.target;
        };
        document.addEventListener('formset:added', take, {once: true});
        document.querySelector('#entries-group .add-row a').click();
        return made;
    }

    function rowWithFilm(id) {
        return window.listEntries.rows().find((row) => {
            const film = window.listEntries.field(row, 'film');
            return film && film.value === String(id) && window.listEntries.isCounted(row);
        });
    }

    function setFilm(row, id, text) {
        const select = window.listEntries.field(row, 'film');
        let option = Array.from(select.options).find((candidate) => candidate.value === String(id));
        if (!option) {
            option = new Option(text, id, true, true);
            select.append(option);
        }
        option.selected = true;
        window.django.jQuery(select).trigger('change');
    }

    function addFilms(box, answers) {
        const kept = [];
        const added = [];
        // The last line first: each new entry takes the next number up, so the first line ends highest.
        for (const answer of [...answers].reverse()) {
            if (answer.error) {
                kept.unshift({line: answer.line, why: answer.error});
                continue;
            }
            const there = rowWithFilm(answer.id);
            if (there) {
                kept.unshift({line: answer.line, why: `${answer.text} is already in this list at #${window.listEntries.rankOf(there)}.`});
                continue;
            }
            const row = newRow();
            setFilm(row, answer.id, answer.text);
            added.unshift({row, answer});
        }
        box.value = kept.map(({line}) => line).join('\n');
        const said = added.map(({row, answer}) => {
            const rank = window.listEntries.rankOf(row);
            return `#${rank} ${answer.text}${answer.created ? ' (new: it waits for an Editor)' : ''}`;
        });
        const result = document.getElementById('add-films-result');
        result.textContent = [
            said.length ? `Added ${said.join(', ')}.` : '',
            ...kept.map(({line, why}) => `“${line}”: ${why}`),
        ].filter(Boolean).join(' ');
        if (added.length) {
            const first = window.listEntries.field(added[0].row, 'blurb');
            if (first) {
                first.focus();
            }
        }
    }

    function init() {
        const panel = document.getElementById('add-films');
        const meta = document.querySelector('meta[name="pick-films-url"]');
        if (!panel || !meta || !document.querySelector('#entries-group .add-row a')) {
            return;
        }
        panel.hidden = false;
        const box = document.getElementById('add-films-lines');
        const button = document.getElementById('add-films-button');
        const result = document.getElementById('add-films-result');
        button.addEventListener('click', () => {
            if (!box.value.trim()) {
                result.textContent = 'Type a film on each line first, such as “Thief 1981”.';
                box.focus();
                return;
            }
            button.disabled = true;
            fetch(meta.content, {
                method: 'POST',
                body: new URLSearchParams({lines: box.value}),
                headers: {'X-CSRFToken': csrfToken()},
                credentials: 'same-origin',
            })
                .then((response) => response.json().then((answer) => ({ok: response.ok, answer})))
                .then(
                    ({ok, answer}) => {
                        if (ok) {
                            addFilms(box, answer.films);
                        } else {
                            result.textContent = answer.error || 'Those films could not be added.';
                        }
                    },
                    () => {
                        result.textContent = 'The site did not answer: no film was added. Try again.';
                    },
                )
                .finally(() => {
                    button.disabled = false;
                });
        });
    }

    // After entry_rows.js, whose window.listEntries this uses.
    window.django.jQuery(init);
}
