/*
 * Every admin page (templates/admin/base_site.html): Django's inline tables leave the heading of
 * their first column empty. That column says what each saved row is, so its heading says so, for
 * screen readers.
 */
'use strict';
document.addEventListener('DOMContentLoaded', () => {
    for (const heading of document.querySelectorAll('.inline-group .tabular thead th.original')) {
        if (!heading.textContent.trim()) {
            const words = document.createElement('span');
            words.className = 'visually-hidden';
            words.textContent = 'Saved as';
            heading.append(words);
        }
    }
});
