/*
 * The preview panel beside a list's change form (templates/admin/recommendations/article/preview_panel.html).
 *
 * A moment after the editor stops typing, the form is sent as the Preview button sends it
 * (`_preview`, plus `_preview_panel`): the server runs the real save inside a transaction, renders
 * the public list page, and rolls everything back, so nothing is saved. The page is shown in the
 * panel's frame through `srcdoc`: it is never a navigation, so every response keeps refusing to be
 * framed, and the page inherits this one's Content-Security-Policy. On a form with errors the
 * server shows the page as far as it can; the errors are put next to their fields here.
 *
 * Without JavaScript the panel stays hidden and the Preview button opens a new tab, as ever.
 */
'use strict';
{
    const QUIET_MS = 600; // how long typing must pause before the preview follows
    const OPEN_KEY = 'recommendations.preview-panel.open';
    const WIDTH_KEY = 'recommendations.preview-panel.width';

    function remembered(key, fallback) {
        try {
            return window.localStorage.getItem(key) ?? fallback;
        } catch {
            return fallback;
        }
    }

    function remember(key, value) {
        try {
            window.localStorage.setItem(key, value);
        } catch {
            // Private windows may refuse storage: the panel just forgets.
        }
    }

    function timeNow() {
        return new Date().toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
    }

    class PreviewPanel {
        constructor(panel, form, opener) {
            this.panel = panel;
            this.form = form;
            this.opener = opener;
            this.openButton = opener.querySelector('button');
            this.status = panel.querySelector('[data-preview-status]');
            this.viewport = panel.querySelector('[data-preview-viewport]');
            this.frame = document.createElement('iframe');
            this.frame.name = 'preview-panel-frame';
            this.frame.title = 'Preview of the list as readers would see it';
            this.frame.dataset.previewFrame = '';
            this.widthButtons = Array.from(panel.querySelectorAll('[data-preview-width]'));
            this.width = Number(remembered(WIDTH_KEY, '1280')) === 390 ? 390 : 1280;
            this.timer = null;
            this.request = null;
        }

        start() {
            this.opener.hidden = false;
            this.openButton.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
            this.panel.querySelector('[data-preview-close]').addEventListener('click', () => {
                this.close();
                this.openButton.focus();
            });
            for (const button of this.widthButtons) {
                button.addEventListener('click', () => this.showAt(Number(button.dataset.previewWidth)));
            }
            const later = () => this.refreshSoon();
            this.form.addEventListener('input', later);
            this.form.addEventListener('change', later);
            // Move up/down, Add another and Delete change the form without typing.
            this.form.addEventListener('click', (event) => {
                if (event.target.closest('button, .add-row a, .inline-deletelink')) {
                    later();
                }
            });
            // The admin's autocomplete widgets (Select2) announce their changes through jQuery only.
            if (window.django && window.django.jQuery) {
                window.django.jQuery(this.form).on('change', later);
            }
            window.addEventListener('resize', () => this.fit());
            this.showAt(this.width);
            if (remembered(OPEN_KEY, '') === 'open') {
                this.open();
            }
        }

        open() {
            if (!this.frame.isConnected) {
                this.viewport.append(this.frame);
            }
            this.panel.hidden = false;
            document.body.classList.add('preview-panel-open');
            this.openButton.setAttribute('aria-expanded', 'true');
            this.openButton.textContent = 'Hide the preview';
            remember(OPEN_KEY, 'open');
            this.fit();
            this.refresh();
        }

        close() {
            this.panel.hidden = true;
            document.body.classList.remove('preview-panel-open');
            this.openButton.setAttribute('aria-expanded', 'false');
            this.openButton.textContent = 'Show preview beside the form';
            remember(OPEN_KEY, 'closed');
        }

        showAt(width) {
            this.width = width;
            remember(WIDTH_KEY, String(width));
            for (const button of this.widthButtons) {
                button.setAttribute('aria-pressed', String(Number(button.dataset.previewWidth) === width));
            }
            this.panel.dataset.previewWidth = String(width);
            this.fit();
        }

        // The page is laid out at the chosen width and scaled down to the panel when it is wider.
        fit() {
            if (this.panel.hidden) {
                return;
            }
            const available = this.viewport.clientWidth;
            const scale = Math.min(1, available / this.width);
            this.frame.style.width = `${this.width}px`;
            this.frame.style.height = `${Math.floor(this.viewport.clientHeight / scale)}px`;
            this.frame.style.transform = scale < 1 ? `scale(${scale})` : '';
            this.frame.style.marginLeft = scale < 1 ? '0' : `${Math.floor((available - this.width) / 2)}px`;
        }

        refreshSoon() {
            window.clearTimeout(this.timer);
            if (!this.panel.hidden) {
                this.timer = window.setTimeout(() => this.refresh(), QUIET_MS);
            }
        }

        refresh() {
            if (this.request) {
                this.request.abort();
            }
            this.request = new AbortController();
            const data = new FormData(this.form);
            data.append('_preview', '1');
            data.append('_preview_panel', '1');
            this.status.textContent = 'Updating the preview…';
            fetch(this.form.action, {method: 'POST', body: data, credentials: 'same-origin', signal: this.request.signal})
                .then((response) => {
                    if (response.redirected) {
                        throw new Error('Your session has ended, so the preview cannot follow. Sign in again in another tab: your changes are still in this form.');
                    }
                    if (!response.ok) {
                        throw new Error(`The preview could not be updated (the site answered ${response.status}). Your changes are still in this form.`);
                    }
                    return response.text();
                })
                .then((html) => this.show(html))
                .catch((error) => {
                    if (error.name !== 'AbortError') {
                        this.status.textContent = error.message.startsWith('Failed') ? 'The preview could not be updated: the site did not answer.' : error.message;
                    }
                });
        }

        show(html) {
            const shown = this.frame.contentWindow;
            const scrolled = shown ? [shown.scrollX, shown.scrollY] : [0, 0];
            this.frame.addEventListener('load', () => {
                const page = this.frame.contentDocument;
                this.frame.contentWindow.scrollTo(...scrolled);
                keepLinksOutOfTheFrame(page);
                const problems = JSON.parse(page.getElementById('preview-problems')?.textContent || '[]');
                markProblems(this.form, problems);
                const errors = problems.length === 1 ? 'The form has an error, marked in the form; the preview shows the rest.' : `The form has ${problems.length} errors, marked in the form; the preview shows the rest.`;
                this.status.textContent = `Preview updated at ${timeNow()}. Nothing is saved.${problems.length ? ` ${errors}` : ''}`;
            }, {once: true});
            this.frame.srcdoc = html;
        }
    }

    // A link followed inside the frame would load a page that refuses to be framed: links open a new tab, and
    // links within the page ("Skip to #1") scroll it.
    function keepLinksOutOfTheFrame(page) {
        for (const link of page.querySelectorAll('a[href]')) {
            const href = link.getAttribute('href');
            if (href.startsWith('#')) {
                link.addEventListener('click', (event) => {
                    event.preventDefault();
                    page.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
                });
            } else {
                link.target = '_blank';
                link.rel = 'noopener';
            }
        }
        for (const form of page.querySelectorAll('form')) {
            form.target = '_blank';
        }
    }

    // Each error beside its field, as the admin shows a refused save's; the previous preview's are taken away.
    function markProblems(form, problems) {
        for (const old of form.querySelectorAll('.preview-errorlist')) {
            old.remove();
        }
        for (const problem of problems) {
            if (!problem.field) {
                continue;
            }
            const scope = problem.prefix ? document.getElementById(problem.prefix) : form;
            const row = scope && scope.querySelector(`.field-${CSS.escape(problem.field)}`);
            if (!row) {
                continue;
            }
            const list = document.createElement('ul');
            list.className = 'errorlist preview-errorlist';
            const item = document.createElement('li');
            item.textContent = problem.message;
            list.append(item);
            row.prepend(list);
        }
    }

    function setUp() {
        const panel = document.getElementById('preview-panel');
        const opener = document.querySelector('[data-preview-opener]');
        const form = panel && document.getElementById(panel.dataset.formId);
        if (panel && opener && form && 'srcdoc' in panel.ownerDocument.createElement('iframe')) {
            new PreviewPanel(panel, form, opener).start();
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', setUp);
    } else {
        setUp();
    }
}
