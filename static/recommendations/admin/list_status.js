/*
 * Where a list stands, on its change form: the editor's own time beside the publication time, and
 * the list's web address as its slug is typed.
 *
 * The form names the site's time zone (templates/admin/recommendations/article/list_status.html
 * gives it as data-site-time-zone). Publishing times are typed in that zone; this says what the
 * typed time is where the editor is: “14:00 on 3 Dec 2026 in Europe/London is 06:00 on 3 Dec 2026
 * where you are (America/Los_Angeles).” It stands in for the admin's own note, which says only
 * “You are 8 hours behind server time”. Without JavaScript the form still names the site's zone.
 */
'use strict';
{
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

    // How far `zone` is ahead of UTC at `date`, in minutes.
    function offsetMinutes(zone, date) {
        const format = new Intl.DateTimeFormat('en-US', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
            hour: 'numeric', minute: 'numeric', second: 'numeric',
        });
        const part = Object.fromEntries(format.formatToParts(date).map(({type, value}) => [type, Number(value)]));
        const asUtc = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
        return Math.round((asUtc - date.getTime()) / 60000);
    }

    // The moment that a clock in `zone` shows as this date and time.
    function momentIn(zone, year, month, day, hour, minute) {
        const wall = Date.UTC(year, month - 1, day, hour, minute);
        let moment = wall - offsetMinutes(zone, new Date(wall)) * 60000;
        // Near a change of the clocks the offset at the moment differs from the one at the guess.
        moment = wall - offsetMinutes(zone, new Date(moment)) * 60000;
        return new Date(moment);
    }

    // “06:00 on 3 Dec 2026”, as the server writes times (text.editor_time), in `zone`.
    function clock(date, zone) {
        const format = new Intl.DateTimeFormat('en-US', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
            hour: '2-digit', minute: '2-digit',
        });
        const part = Object.fromEntries(format.formatToParts(date).map(({type, value}) => [type, value]));
        return `${part.hour.padStart(2, '0')}:${part.minute} on ${Number(part.day)} ${MONTHS[part.month - 1]} ${part.year}`;
    }

    function localTimeNote(siteZone, dateInput, timeInput) {
        const date = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(dateInput.value);
        const time = /^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$/.exec(timeInput.value || '00:00');
        const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (!date || !time) {
            return here === siteZone ? '' : `Type the time as it is in ${siteZone}; you are in ${here}.`;
        }
        const moment = momentIn(siteZone, ...date.slice(1).map(Number), ...time.slice(1, 3).map(Number));
        if (Number.isNaN(moment.getTime())) {
            return '';
        }
        if (here === siteZone || clock(moment, here) === clock(moment, siteZone)) {
            return `That is ${clock(moment, here)} where you are too.`;
        }
        return `${clock(moment, siteZone)} in ${siteZone} is ${clock(moment, here)} where you are (${here}).`;
    }

    function showLocalTime(siteZone) {
        const dateInput = document.getElementById('id_published_at_0');
        const timeInput = document.getElementById('id_published_at_1');
        if (!dateInput || !timeInput) {
            return;
        }
        const row = dateInput.closest('.form-row') || dateInput.parentElement;
        const note = document.createElement('p');
        note.className = 'help local-time';
        note.id = 'published-at-local-time';
        note.setAttribute('aria-live', 'polite');
        row.append(note);
        for (const input of [dateInput, timeInput]) {
            const described = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
            input.setAttribute('aria-describedby', [...described, note.id].join(' '));
        }
        const update = () => {
            note.textContent = localTimeNote(siteZone, dateInput, timeInput);
        };
        // The calendar and clock shortcuts fill the inputs without an input event: look again after a click.
        row.addEventListener('input', update);
        row.addEventListener('change', update);
        row.addEventListener('click', () => window.setTimeout(update, 0));
        update();
    }

    function showAddress() {
        const slug = document.getElementById('id_slug');
        const address = document.querySelector('.list-address[data-address]');
        if (!slug || !address) {
            return;
        }
        const placeholder = address.textContent;
        const update = () => {
            const value = slug.value.trim();
            address.textContent = /^[-a-zA-Z0-9_]+$/.test(value) ? address.dataset.address.replace('SLUG', value) : placeholder;
        };
        if (!slug.value.trim()) {
            address.textContent = '/lists/ and this slug';
        }
        // The slug is filled from the title as it is typed (the admin's prepopulate), without events of its own.
        for (const source of [slug, document.getElementById('id_title')].filter(Boolean)) {
            for (const type of ['input', 'change', 'keyup']) {
                source.addEventListener(type, () => window.setTimeout(update, 0));
            }
        }
        update();
    }

    function init() {
        const status = document.getElementById('list-status');
        if (status && status.dataset.siteTimeZone) {
            document.body.classList.add('shows-local-time');
            showLocalTime(status.dataset.siteTimeZone);
        }
        showAddress();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}
